import numpy as np


def _sigmoid(t):
    out = np.empty_like(t)
    m = t >= 0
    out[m] = 1.0 / (1.0 + np.exp(-t[m]))
    et = np.exp(t[~m])
    out[~m] = et / (1.0 + et)
    return out


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.matmul(x, W.T) + b[np.newaxis, :]
    cache = {"x": x, "W": W, "b": b}
    return out, cache


def affine_backward(dout, cache):
    x, W = cache["x"], cache["W"]
    dx = np.matmul(dout, W)
    dW = np.matmul(dout.T, x)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = _sigmoid(x)
    return out, {"out": out}


def sigmoid_backward(dout, cache):
    out = cache["out"]
    return dout * out * (1.0 - out)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    residual = y - y_hat            # target minus prediction
    loss = float(np.sum(residual ** 2))
    dy_hat = 2.0 * residual
    return loss, dy_hat


def two_layer_forward(X, params):
    z1, c_fc1 = affine_forward(X, params["W1"], params["b1"])
    h, c_sig1 = sigmoid_forward(z1)
    z2, c_fc2 = affine_forward(h, params["W2"], params["b2"])
    y_hat, c_sig2 = sigmoid_forward(z2)
    return y_hat, {"fc1": c_fc1, "sig1": c_sig1, "fc2": c_fc2, "sig2": c_sig2}


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, cache["sig2"])
    dh, dW2, db2 = affine_backward(dz2, cache["fc2"])
    dz1 = sigmoid_backward(dh, cache["sig1"])
    _, dW1, db1 = affine_backward(dz1, cache["fc1"])
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return loss, grads
