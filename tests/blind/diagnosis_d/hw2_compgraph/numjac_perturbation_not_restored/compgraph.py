import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _with_bias(a):
    a = np.asarray(a, dtype=float)
    return np.concatenate([np.ones(a.shape[:-1] + (1,)), a], axis=-1)


def forward(x, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    x1 = _with_bias(x)                 # [1, x1, x2]
    hidden = sigmoid(np.einsum("jk,k->j", W, x1))
    h1 = _with_bias(hidden)            # [1, f1, f2, f3]
    y_hat = float(np.einsum("j,j->", v, h1))
    return y_hat, (x1, h1, v)


def loss(y_hat, y):
    return float(np.square(y_hat - y))


def backward(y, cache):
    x1, h1, v = cache
    y_hat = float(h1 @ v)
    g = 2.0 * (y_hat - y)
    dv = g * h1
    f = h1[1:]
    dz = g * v[1:] * f * (1.0 - f)
    dW = np.einsum("j,k->jk", dz, x1)
    return dW, dv


def batch_gradients(X, Y, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Xb = _with_bias(X)                                    # (m, 3)
    Y = np.asarray(Y, dtype=float)
    Hb = _with_bias(sigmoid(Xb @ W.T))                    # (m, 4)
    g = 2.0 * (Hb @ v - Y)                                # (m,)
    dv = Hb.T @ g
    F = Hb[:, 1:]
    dZ = g[:, None] * v[None, 1:] * F * (1.0 - F)         # (m, 3)
    dW = dZ.T @ Xb
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Y = np.asarray(Y, dtype=float)
    Hb = _with_bias(sigmoid(_with_bias(X) @ W.T))
    out = sigmoid(Hb @ v)
    return Hb.T @ ((out - Y) * out * (1.0 - out))
