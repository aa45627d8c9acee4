"""Derivatives of activations and losses.

Everything is written with log-space tricks so no exp ever overflows:
sigmoid(x) = exp(-log(1 + exp(-x))) = exp(-logaddexp(0, -x)).
"""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_grad(x):
    # s(1 - s) = sigmoid(x) * sigmoid(-x), both factors in log space
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x) - np.logaddexp(0.0, x))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    t = np.tanh(np.asarray(x, dtype=float))
    return 1.0 - np.square(t)


def relu(x):
    x = np.asarray(x, dtype=float)
    return x * (x > 0)


def relu_grad(x):
    # heaviside with value 0 at x == 0 (the course convention)
    return np.heaviside(np.asarray(x, dtype=float), 0.0)


def _lse(z):
    return np.logaddexp.reduce(z, axis=-1, keepdims=True)


def softmax(z):
    z = np.asarray(z, dtype=float)
    return np.exp(z - _lse(z))


def softmax_jacobian(z):
    p = softmax(z)
    eye = np.eye(p.size)
    return np.einsum("i,ij->ij", p, eye) - np.einsum("i,j->ij", p, p)


def cross_entropy(z, y):
    # -sum y (z - lse) = lse * sum(y) - y.z, and sum(y) = 1 for a one-hot y
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.logaddexp.reduce(z) * y.sum() - np.einsum("i,i", y, z))


def cross_entropy_grad(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.exp(z - _lse(z)) - y


def l2_loss(a, y):
    d = np.subtract(np.asarray(a, dtype=float), np.asarray(y, dtype=float))
    return float(np.square(d).sum())


def l2_loss_grad(a, y):
    d = np.subtract(np.asarray(a, dtype=float), np.asarray(y, dtype=float))
    return np.multiply(2.0, d)


def l1_loss(a, y):
    return float(np.abs(np.asarray(a, dtype=float) - np.asarray(y, dtype=float)).sum())


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return (a > y).astype(float) - (a < y).astype(float)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.maximum(0.0, 1.0 - np.einsum("i,i", y, a)))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    active = np.einsum("i,i", y, a) < 1.0
    return np.where(active, -y, 0.0)


def huber_loss(a, y, delta=1.0):
    # with c = clip(r, -delta, delta):  h(r) = c (r - c/2)
    #   |r| <= delta: r (r - r/2) = r^2/2;  |r| > delta: delta|r| - delta^2/2
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    c = np.clip(r, -delta, delta)
    return float(np.mean(c * (r - 0.5 * c)))


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return np.clip(r, -delta, delta) / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    aa, yy = np.einsum("i,i", a, a), np.einsum("i,i", y, y)
    if aa == 0 or yy == 0:
        raise ValueError("cosine similarity needs two non-zero vectors")
    return float(np.einsum("i,i", a, y) / np.sqrt(aa * yy))


def cosine_similarity_grad(a, y):
    # y/(|a||y|) - (a.y) a/(|a|^3 |y|), put over the common denominator |a|^3 |y|
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    aa, yy = np.einsum("i,i", a, a), np.einsum("i,i", y, y)
    if aa == 0 or yy == 0:
        raise ValueError("cosine similarity needs two non-zero vectors")
    ay = np.einsum("i,i", a, y)
    return (y * aa - ay * a) / (aa ** 1.5 * np.sqrt(yy))
