"""Activation functions and losses with their derivatives (hw1)."""
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    result = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        v = x[idx]
        if v >= 0:
            result[idx] = 1.0 / (1.0 + np.exp(-v))
        else:
            ev = np.exp(v)
            result[idx] = ev / (1.0 + ev)
    return result


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    th = np.tanh(np.asarray(x, dtype=float))
    return 1.0 - th ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return x * (x > 0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return 1.0 * (x > 0)


def softmax(z):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        e = np.exp(z - np.max(z))
        return e / np.sum(e)
    rows = [softmax(row) for row in z]
    return np.array(rows)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - p[:, None] * p[None, :]


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    t = int(np.argmax(y))
    m = np.max(z)
    return float(-z[t] + m + np.log(np.sum(np.exp(z - m))))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.sum((a - y) ** 2))


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return 2 * (a - y)


def l1_loss(a, y):
    # mean absolute error
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean(np.abs(a - y)))


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.sign(a - y) / a.size


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.maximum(0.0, 1.0 - np.sum(y * a)))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    active = 1.0 if np.sum(y * a) < 1.0 else 0.0
    return -y * active


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    total = 0.0
    for ri in r.ravel():
        if abs(ri) <= delta:
            total += 0.5 * ri * ri
        else:
            total += delta * (abs(ri) - 0.5 * delta)
    return float(total / r.size)


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    g = np.clip(r, -delta, delta)
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector")
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector")
    return y / (na * ny) - np.dot(a, y) * a / (na ** 3 * ny)
