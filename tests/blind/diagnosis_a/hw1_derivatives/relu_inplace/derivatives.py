# HW1: activation functions and loss functions with their derivatives
# I do the elementwise functions with a loop and the math module, the rest with numpy.

import math
import numpy as np


def _elementwise(fn, x):
    """apply a python function of one float to every entry of x (any shape)"""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    for idx, v in np.ndenumerate(x):
        out[idx] = fn(float(v))
    return out


def _sig(v):
    # stable: never exp of a positive number
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(x):
    return _elementwise(_sig, x)


def sigmoid_grad(x):
    def g(v):
        s = _sig(v)
        return s * (1.0 - s)
    return _elementwise(g, x)


def tanh(x):
    return _elementwise(math.tanh, x)


def tanh_grad(x):
    def g(v):
        t = math.tanh(v)
        return 1.0 - t * t
    return _elementwise(g, x)


def relu(x):
    x = np.asarray(x, dtype=float)
    for idx, v in np.ndenumerate(x):
        if v < 0:
            x[idx] = 0.0
    return x


def relu_grad(x):
    return _elementwise(lambda v: 1.0 if v > 0 else 0.0, x)


def softmax(z):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        e = np.exp(z - np.max(z))
        return e / e.sum()
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        row = z[i]
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out


def softmax_jacobian(z):
    p = softmax(z)
    n = p.shape[0]
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            kron = 1.0 if i == j else 0.0
            J[i, j] = p[i] * (kron - p[j])
    return J


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = float(np.max(z))
    log_sum = m + math.log(sum(math.exp(v - m) for v in z))
    loss = 0.0
    for zi, yi in zip(z, y):
        loss -= yi * (zi - log_sum)
    return float(loss)


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
    return float(np.abs(a - y).sum())


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return _elementwise(lambda d: 1.0 if d > 0 else (-1.0 if d < 0 else 0.0), a - y)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    m = sum(yi * ai for yi, ai in zip(y, a))
    return float(1.0 - m) if m < 1 else 0.0


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    m = sum(yi * ai for yi, ai in zip(y, a))
    return np.array([-yi if m < 1 else 0.0 for yi in y], dtype=float)


def huber_loss(a, y, delta=1.0):
    r = (np.asarray(a, dtype=float) - np.asarray(y, dtype=float)).ravel()
    total = 0.0
    for v in r:
        if abs(v) <= delta:
            total += 0.5 * v * v
        else:
            total += delta * (abs(v) - 0.5 * delta)
    return total / r.size


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    r = a - np.asarray(y, dtype=float)
    n = r.size
    grad = np.zeros_like(r)
    for idx, v in np.ndenumerate(r):
        if abs(v) <= delta:
            grad[idx] = v / n
        else:
            grad[idx] = delta * math.copysign(1.0, v) / n
    return grad


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = math.sqrt(float(np.sum(a * a)))
    ny = math.sqrt(float(np.sum(y * y)))
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector")
    return float(np.dot(a, y)) / (na * ny)


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = math.sqrt(float(np.sum(a * a)))
    ny = math.sqrt(float(np.sum(y * y)))
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector")
    c = float(np.dot(a, y)) / (na * ny)
    return y / (na * ny) - c * a / na ** 2
