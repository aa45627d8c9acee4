"""Homework 1, part B: activations, losses and their derivatives (NumPy only)."""

import numpy as np


def _as(x):
    return np.asarray(x, dtype=float)


def _logsumexp(z, axis=-1):
    m = np.max(z, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


# 1. sigmoid
def sigmoid(x):
    x = _as(x)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])          # x < 0 here, so this is < 1
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s


# 2. tanh
def tanh(x):
    return np.tanh(_as(x))


def tanh_grad(x):
    t = np.tanh(_as(x))
    return (1.0 - t) * (1.0 + t)


# 3. relu
def relu(x):
    x = _as(x)
    return np.where(x > 0, x, 0.0)


def relu_grad(x):
    x = _as(x)
    return np.where(x > 0, 1.0, 0.0)


# 4. softmax
def softmax(z):
    z = _as(z)
    return np.exp(z - _logsumexp(z))


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - p[:, None] * p[None, :]


# 5. cross-entropy
def cross_entropy(z, y):
    z, y = _as(z), _as(y)
    return float(-np.sum(y * (z - _logsumexp(z))))


def cross_entropy_grad(z, y):
    z, y = _as(z), _as(y)
    return softmax(z) - y


# 6. L2
def l2_loss(a, y):
    d = _as(a) - _as(y)
    return float(np.sum(d * d))


def l2_loss_grad(a, y):
    d = _as(a) - _as(y)
    return 2 * d


# 7. L1
def l1_loss(a, y):
    return float(np.abs(_as(a) - _as(y)).sum())


def l1_loss_grad(a, y):
    return np.sign(_as(y) - _as(a))


# 8. hinge
def hinge_loss(a, y):
    a, y = _as(a), _as(y)
    margin = float(y @ a)
    return max(0.0, 1.0 - margin)


def hinge_loss_grad(a, y):
    a, y = _as(a), _as(y)
    margin = float(y @ a)
    return -y * float(margin < 1)


# 9. Huber
def huber_loss(a, y, delta=1.0):
    r = _as(a) - _as(y)
    quad = np.abs(r) <= delta
    h = np.where(quad, 0.5 * r * r, delta * np.abs(r) - 0.5 * delta ** 2)
    return float(h.mean())


def huber_loss_grad(a, y, delta=1.0):
    r = _as(a) - _as(y)
    quad = np.abs(r) <= delta
    return np.where(quad, r, delta * np.sign(r)) / r.size


# 10. cosine similarity
def _norms(a, y):
    na, ny = np.sqrt(a @ a), np.sqrt(y @ y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    return na, ny


def cosine_similarity(a, y):
    a, y = _as(a), _as(y)
    na, ny = _norms(a, y)
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = _as(a), _as(y)
    na, ny = _norms(a, y)
    return (y - (a @ y) / (na * na) * a) / (na * ny)
