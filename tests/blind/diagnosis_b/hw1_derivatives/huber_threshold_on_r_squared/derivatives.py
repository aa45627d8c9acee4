# Homework 1: derivatives
# I use boolean masks and fill output arrays piece by piece.

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.shape)
    m = x >= 0
    out[m] = 1.0 / (1.0 + np.exp(-x[m]))
    z = np.exp(x[~m])              # x < 0 here, so exp(x) <= 1
    out[~m] = z / (1.0 + z)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t * t


def relu(x):
    x = np.asarray(x, dtype=float)
    out = x.copy()
    out[x <= 0] = 0.0
    return out


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    g = np.zeros(x.shape)
    g[x > 0] = 1.0
    return g


def softmax(z):
    z = np.asarray(z, dtype=float)
    z = z - z.max(axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    J = -np.outer(p, p)
    idx = np.arange(p.size)
    J[idx, idx] += p          # diagonal: p_i - p_i^2 = p_i (1 - p_i)
    return J


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = z.max()
    lse = m + np.log(np.exp(z - m).sum())
    return float(-(y * (z - lse)).sum())


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    d = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float((d * d).sum())


def l2_loss_grad(a, y):
    d = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return 2.0 * d


def l1_loss(a, y):
    d = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.abs(d).sum())


def l1_loss_grad(a, y):
    d = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    g = np.zeros(d.shape)
    g[d > 0] = 1.0
    g[d < 0] = -1.0
    return g                      # stays 0 where a == y


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    marg = float(np.sum(y * a))
    return 1.0 - marg if marg < 1.0 else 0.0


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    g = np.zeros(a.shape)
    if np.sum(y * a) < 1.0:
        g[:] = -y
    return g


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    h = np.empty(r.shape)
    quad = r ** 2 <= delta              # small residuals -> quadratic part
    h[quad] = 0.5 * r[quad] ** 2
    lin = ~quad
    h[lin] = delta * (np.abs(r[lin]) - 0.5 * delta)
    return float(h.mean())


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    g = np.empty(r.shape)
    quad = np.abs(r) <= delta
    g[quad] = r[quad]
    g[~quad] = delta * np.sign(r[~quad])
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.sqrt((a * a).sum())
    ny = np.sqrt((y * y).sum())
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity of a zero vector")
    return float((a * y).sum() / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.sqrt((a * a).sum())
    ny = np.sqrt((y * y).sum())
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity of a zero vector")
    cos = (a * y).sum() / (na * ny)
    return y / (na * ny) - cos * a / (na * na)
