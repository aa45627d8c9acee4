# HW2 computational graph -- 2-3-1 net
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


class Cache:
    def __init__(self, x, v, f, y_hat):
        self.x = x
        self.v = v
        self.f = f
        self.y_hat = y_hat


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    xa = np.array([1.0, x[0], x[1]])
    z = W @ xa
    f = sigmoid(z)
    y_hat = float(v @ np.concatenate([[1.0], f]))
    return y_hat, Cache(x, v, f, y_hat)


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    g = 2.0 * (cache.y_hat - y)
    fa = np.concatenate([[1.0], cache.f])
    dv = g * fa
    dz = g * cache.v[1:] * cache.f * (1.0 - cache.f)
    xa = np.array([1.0, cache.x[0], cache.x[1]])
    dW = dz[:, None] * xa[None, :]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    m = len(X)
    grads_W, grads_v = [], []
    for i in range(m):
        _, cache = forward(X[i], W, v)
        dW, dv = backward(Y[i], cache)
        grads_W.append(dW)
        grads_v.append(dv)
    # gradient of the batch = average of the per-example gradients
    return np.mean(grads_W, axis=0), np.mean(grads_v, axis=0)


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for i in range(len(X)):
        xa = np.array([1.0, X[i, 0], X[i, 1]])
        f = sigmoid(W @ xa)
        fa = np.concatenate([[1.0], f])
        y_hat = sigmoid(v @ fa)
        dv += (y_hat - Y[i]) * y_hat * (1.0 - y_hat) * fa
    return dv
