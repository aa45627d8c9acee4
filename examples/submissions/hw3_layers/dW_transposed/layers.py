# Example submission: affine_backward returns dW transposed, (D, M) instead of (M, D).
import numpy as np


def affine_forward(x, W, b):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    out = x.dot(W.T) + b
    cache = (x, W, b)
    return out, cache


def affine_backward(dout, cache):
    x, W, b = cache
    dx = dout.dot(W)
    dW = x.T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=float)
    out = 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))
    cache = out
    return out, cache


def sigmoid_backward(dout, cache):
    out = cache
    dx = dout * out * (1 - out)
    return dx


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    loss = np.sum((y_hat - y) ** 2)
    dy_hat = 2 * (y_hat - y)
    return float(loss), dy_hat


def two_layer_forward(X, params):
    z1, cache1 = affine_forward(X, params["W1"], params["b1"])
    h, cache2 = sigmoid_forward(z1)
    z2, cache3 = affine_forward(h, params["W2"], params["b2"])
    y_hat, cache4 = sigmoid_forward(z2)
    cache = {"fc1": cache1, "sig1": cache2, "fc2": cache3, "sig2": cache4}
    return y_hat, cache


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, cache["sig2"])
    dh, dW2, db2 = affine_backward(dz2, cache["fc2"])
    dz1 = sigmoid_backward(dh, cache["sig1"])
    dX, dW1, db1 = affine_backward(dz1, cache["fc1"])
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return loss, grads
