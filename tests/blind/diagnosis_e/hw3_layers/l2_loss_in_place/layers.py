import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    N = x.shape[0]
    M = W.shape[0]
    out = np.zeros((N, M))
    for n in range(N):
        out[n] = W @ x[n] + b
    return out, (x, W)


def affine_backward(dout, cache):
    x, W = cache
    dx = np.zeros_like(x)
    dW = np.zeros_like(W)
    db = np.zeros(W.shape[0])
    for n in range(x.shape[0]):
        dx[n] = W.T @ dout[n]
        dW += np.outer(dout[n], x[n])
        db += dout[n]
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s, s


def sigmoid_backward(dout, cache):
    s = cache
    return dout * s * (1.0 - s)


def l2_loss(y_hat, y):
    diff = np.asarray(y_hat, dtype=float)
    diff -= np.asarray(y, dtype=float)        # residual, without an extra array
    loss = float(np.sum(diff ** 2))
    return loss, 2.0 * diff


def two_layer_forward(X, params):
    z1, aff1 = affine_forward(X, params["W1"], params["b1"])
    h, sig1 = sigmoid_forward(z1)
    z2, aff2 = affine_forward(h, params["W2"], params["b2"])
    y_hat, sig2 = sigmoid_forward(z2)
    return y_hat, (aff1, sig1, aff2, sig2)


def two_layer_loss_and_grads(X, Y, params):
    y_hat, (aff1, sig1, aff2, sig2) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, sig2)
    dh, dW2, db2 = affine_backward(dz2, aff2)
    dz1 = sigmoid_backward(dh, sig1)
    _, dW1, db1 = affine_backward(dz1, aff1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
