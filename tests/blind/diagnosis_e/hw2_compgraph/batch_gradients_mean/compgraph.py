import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _aug(a):
    return np.insert(np.asarray(a, dtype=float), 0, 1.0)


def forward(x, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    x_aug = _aug(x)
    f = sigmoid(W.dot(x_aug))
    f_aug = _aug(f)
    y_hat = float(v.dot(f_aug))
    return y_hat, (x_aug, f_aug, v, y_hat)


def loss(y_hat, y):
    return float(np.square(y_hat - y))


def backward(y, cache):
    x_aug, f_aug, v, y_hat = cache
    g = 2.0 * (y_hat - y)                   # dL/dy_hat
    dv = g * f_aug
    f = f_aug[1:]
    dz = g * v[1:] * f * (1.0 - f)
    dW = dz[:, None] * x_aug[None, :]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    grads = [backward(Y[i], forward(X[i], W, v)[1]) for i in range(X.shape[0])]
    dW = np.mean([g[0] for g in grads], axis=0)
    dv = np.mean([g[1] for g in grads], axis=0)
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    total = np.zeros(4)
    for i in range(X.shape[0]):
        s, (_, f_aug, _, _) = forward(X[i], W, v)
        o = float(sigmoid(s))
        total += (o - Y[i]) * o * (1 - o) * f_aug
    return total
