"""hw1 derivatives with one mistake: the L2 gradient without the factor 2 (as if the loss
had a 1/2 in front). Everything else is correct.
"""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return (x > 0).astype(float)


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = z.max()
    log_sum_exp = m + np.log(np.sum(np.exp(z - m)))
    return float(-np.sum(y * (z - log_sum_exp)))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum((a - y) ** 2))


def l2_loss_grad(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return a - y


def l1_loss(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(np.abs(a - y)))


def l1_loss_grad(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sign(a - y)


def hinge_loss(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(max(0.0, 1.0 - np.dot(y, a)))


def hinge_loss_grad(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    if np.dot(y, a) < 1.0:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    small = np.abs(r) <= delta
    return float(np.mean(np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))))


def huber_loss_grad(a, y, delta=1.0):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    small = np.abs(r) <= delta
    return np.where(small, r, delta * np.sign(r)) / r.size


def _norms(a, y):
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    return na, ny


def cosine_similarity(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    na, ny = _norms(a, y)
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    na, ny = _norms(a, y)
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / na ** 2
