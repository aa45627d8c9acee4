"""hw1 - derivatives of activations and losses."""

import numpy as np


# ---------------------------------------------------------------- activations

def sigmoid(x):
    x = np.asarray(x, dtype=float)
    # only take exp of -|x| <= 0 so nothing overflows
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    x = np.asarray(x, dtype=float)
    return np.tanh(x)


def tanh_grad(x):
    x = np.asarray(x, dtype=float)
    return 1.0 - np.tanh(x) ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return (x > 0).astype(float)


# ---------------------------------------------------------------- softmax

def softmax(z):
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


# ---------------------------------------------------------------- losses

def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = np.max(z)
    lse = m + np.log(np.sum(np.exp(z - m)))
    return float(-np.sum(y * (z - lse)))


def cross_entropy_grad(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return softmax(z) - y


def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.sum((a - y) ** 2))


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return 2.0 * (a - y)


def l1_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean(np.abs(a - y)))


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    d = a - y
    return np.sign(d)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = float(np.dot(y, a))
    return max(0.0, 1.0 - margin)


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = float(np.dot(y, a))
    if margin < 1:
        return -y.copy()
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    absr = np.abs(r)
    small = absr <= delta
    per_elem = np.where(small, 0.5 * r ** 2, delta * (absr - 0.5 * delta))
    return float(np.mean(per_elem))


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    absr = np.abs(r)
    g = np.where(absr <= delta, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / na ** 2
