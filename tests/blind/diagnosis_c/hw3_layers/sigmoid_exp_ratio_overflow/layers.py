# hw3 layers
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
    dout = np.asarray(dout, dtype=float)
    dx = dout.dot(W)
    dW = dout.T.dot(x)
    db = dout.sum(axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    # 1 / (1 + exp(-x)) overflows for x = -1e4, so use the equivalent
    # exp(x) / (1 + exp(x))
    ex = np.exp(x)
    out = ex / (1.0 + ex)
    cache = out
    return out, cache


def sigmoid_backward(dout, cache):
    out = cache
    return dout * out * (1.0 - out)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    loss = np.sum(np.square(y_hat - y))
    dy_hat = 2.0 * (y_hat - y)
    return float(loss), dy_hat


def two_layer_forward(X, params):
    hidden_in, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache2 = sigmoid_forward(hidden_in)
    out_in, cache3 = affine_forward(hidden, params["W2"], params["b2"])
    y_hat, cache4 = sigmoid_forward(out_in)
    return y_hat, (cache1, cache2, cache3, cache4)


def two_layer_loss_and_grads(X, Y, params):
    y_hat, caches = two_layer_forward(X, params)
    cache1, cache2, cache3, cache4 = caches
    loss, dy_hat = l2_loss(y_hat, Y)
    d_out_in = sigmoid_backward(dy_hat, cache4)
    d_hidden, dW2, db2 = affine_backward(d_out_in, cache3)
    d_hidden_in = sigmoid_backward(d_hidden, cache2)
    _, dW1, db1 = affine_backward(d_hidden_in, cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
