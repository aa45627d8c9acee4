"""Homework 1: activations, losses and derivatives.  (student: vectorised, one helper per section)"""
import numpy as np

as_f = lambda v: np.asarray(v, dtype=np.float64)


# 1. sigmoid -----------------------------------------------------------------
def sigmoid(x):
    x = as_f(x)
    ex = np.exp(-np.abs(x))          # never exp of a positive number
    return np.where(x >= 0, 1.0 / (1.0 + ex), ex / (1.0 + ex))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


# 2. tanh --------------------------------------------------------------------
def tanh(x):
    x = as_f(x)
    u = np.exp(x) - np.exp(-x)
    v = np.exp(x) + np.exp(-x)
    return u / v


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t ** 2


# 3. relu --------------------------------------------------------------------
def relu(x):
    x = as_f(x)
    return np.maximum(0.0, x)


def relu_grad(x):
    return (as_f(x) > 0.0).astype(np.float64)


# 4. softmax -----------------------------------------------------------------
def softmax(z):
    z = as_f(z)
    z_shift = z - np.max(z, axis=-1, keepdims=True)
    num = np.exp(z_shift)
    return num / np.sum(num, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


# 5. cross-entropy -----------------------------------------------------------
def _logsumexp(z):
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


def cross_entropy(z, y):
    z, y = as_f(z), as_f(y)
    return float(-np.sum(y * (z - _logsumexp(z))))


def cross_entropy_grad(z, y):
    return softmax(z) - as_f(y)


# 6. L2 ----------------------------------------------------------------------
def l2_loss(a, y):
    return float(np.sum((as_f(a) - as_f(y)) ** 2))


def l2_loss_grad(a, y):
    return 2.0 * (as_f(a) - as_f(y))


# 7. L1 ----------------------------------------------------------------------
def l1_loss(a, y):
    return float(np.sum(np.abs(as_f(a) - as_f(y))))


def l1_loss_grad(a, y):
    return np.sign(as_f(a) - as_f(y))


# 8. hinge -------------------------------------------------------------------
def hinge_loss(a, y):
    return float(np.maximum(0.0, 1.0 - np.dot(as_f(y), as_f(a))))


def hinge_loss_grad(a, y):
    a, y = as_f(a), as_f(y)
    if np.dot(y, a) < 1.0:
        return -y.copy()
    return np.zeros_like(a)


# 9. Huber -------------------------------------------------------------------
def huber_loss(a, y, delta=1.0):
    r = as_f(a) - as_f(y)
    small = np.abs(r) <= delta
    h = np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(np.mean(h))


def huber_loss_grad(a, y, delta=1.0):
    r = as_f(a) - as_f(y)
    small = np.abs(r) <= delta
    return np.where(small, r, delta * np.sign(r)) / r.size


# 10. cosine -----------------------------------------------------------------
def cosine_similarity(a, y):
    a, y = as_f(a), as_f(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = as_f(a), as_f(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / na ** 2
