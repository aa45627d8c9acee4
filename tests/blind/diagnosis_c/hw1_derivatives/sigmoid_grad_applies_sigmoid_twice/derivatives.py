"""hw1: activations, losses and their derivatives."""

import numpy as np


def _arr(x):
    return np.asarray(x, dtype=float)


# ---------------------------------------------------------------- activations

def sigmoid(x):
    x = _arr(x)
    e = np.exp(-np.abs(x))          # never exp of a positive number
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    # sigma'(t) = sigma(t) (1 - sigma(t)), with t the sigmoid of x
    s = sigmoid(x)
    return sigmoid(s) * (1.0 - sigmoid(s))


def tanh(x):
    return np.tanh(_arr(x))


def tanh_grad(x):
    t = np.tanh(_arr(x))
    return 1.0 - t ** 2


def relu(x):
    return np.maximum(_arr(x), 0.0)


def relu_grad(x):
    x = _arr(x)
    return np.where(x > 0, 1.0, 0.0)


# ---------------------------------------------------------------- softmax

def softmax(z):
    z = _arr(z)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


# ---------------------------------------------------------------- losses

def _logsumexp(z):
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


def cross_entropy(z, y):
    z, y = _arr(z), _arr(y)
    log_p = z - _logsumexp(z)
    return float(-np.sum(y * log_p))


def cross_entropy_grad(z, y):
    return softmax(z) - _arr(y)


def l2_loss(a, y):
    d = _arr(a) - _arr(y)
    return float(np.sum(d * d))


def l2_loss_grad(a, y):
    return 2.0 * (_arr(a) - _arr(y))


def l1_loss(a, y):
    return float(np.sum(np.abs(_arr(a) - _arr(y))))


def l1_loss_grad(a, y):
    return np.sign(_arr(a) - _arr(y))


def hinge_loss(a, y):
    margin = float(np.dot(_arr(y), _arr(a)))
    return float(max(0.0, 1.0 - margin))


def hinge_loss_grad(a, y):
    a, y = _arr(a), _arr(y)
    if np.dot(y, a) < 1:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = _arr(a) - _arr(y)
    ar = np.abs(r)
    h = np.where(ar <= delta, 0.5 * r ** 2, delta * (ar - 0.5 * delta))
    return float(np.mean(h))


def huber_loss_grad(a, y, delta=1.0):
    r = _arr(a) - _arr(y)
    g = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a, y = _arr(a), _arr(y)
    na, ny = np.sqrt(np.sum(a * a)), np.sqrt(np.sum(y * y))
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector")
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = _arr(a), _arr(y)
    na, ny = np.sqrt(np.sum(a * a)), np.sqrt(np.sum(y * y))
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector")
    c = np.dot(a, y) / (na * ny)
    return y / (na * ny) - c * a / na ** 2
