import numpy as np

# hw3: layers.  Every layer is a forward / backward pair.


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.matmul(x, W.T) + b
    return out, {"x": x, "W": W, "b": b}


def affine_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    dx = np.matmul(dout, cache["W"])
    dW = np.matmul(dout.T, cache["x"])
    db = dout.sum(axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    # 1/(1+e^-x) = e^x/(e^x+1): no exp(-x), so no overflow for very negative x
    ex = np.exp(x)
    out = ex / (1.0 + ex)
    return out, {"out": out}


def sigmoid_backward(dout, cache):
    s = cache["out"]
    return np.asarray(dout, dtype=float) * s * (1.0 - s)


def l2_loss(y_hat, y):
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(np.square(diff))), 2.0 * diff


def two_layer_forward(X, params):
    layer1, c_aff1 = affine_forward(X, params["W1"], params["b1"])
    act1, c_sig1 = sigmoid_forward(layer1)
    layer2, c_aff2 = affine_forward(act1, params["W2"], params["b2"])
    act2, c_sig2 = sigmoid_forward(layer2)
    cache = {"aff1": c_aff1, "sig1": c_sig1, "aff2": c_aff2, "sig2": c_sig2}
    return act2, cache


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    d_layer2 = sigmoid_backward(dy_hat, cache["sig2"])
    d_act1, dW2, db2 = affine_backward(d_layer2, cache["aff2"])
    d_layer1 = sigmoid_backward(d_act1, cache["sig1"])
    _, dW1, db1 = affine_backward(d_layer1, cache["aff1"])
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
