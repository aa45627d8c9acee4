import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    np.divide(1.0, 1.0 + np.exp(-x, where=x >= 0, out=np.zeros_like(x)), out=out, where=x >= 0)
    e = np.exp(np.minimum(x, 0.0))
    out = np.where(x >= 0, out, e / (1.0 + e))
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s ** 2


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    return 1.0 - np.square(np.tanh(np.asarray(x, dtype=float)))


def relu(x):
    return np.clip(np.asarray(x, dtype=float), 0.0, None)


def relu_grad(x):
    return np.heaviside(np.asarray(x, dtype=float), 0.0)


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.amax(z, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diagflat(p) - np.outer(p, p)


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    zmax = np.max(z)
    logsum = zmax + np.log(np.exp(z - zmax).sum())
    return float(np.dot(y, logsum - z))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    e = np.asarray(y, dtype=float) - np.asarray(a, dtype=float)   # error = target - prediction
    return float(np.sum(e * e))


def l2_loss_grad(a, y):
    e = np.asarray(y, dtype=float) - np.asarray(a, dtype=float)
    return 2.0 * e


def l1_loss(a, y):
    e = np.asarray(y, dtype=float) - np.asarray(a, dtype=float)
    return float(np.sum(np.abs(e)))


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(max(0.0, 1.0 - np.inner(y, a)))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.where(np.inner(y, a) < 1.0, -y, 0.0)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    ar = np.abs(r)
    vals = np.where(ar <= delta, 0.5 * r * r, delta * (ar - 0.5 * delta))
    return float(np.sum(vals) / r.size)


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    d = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return d / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    if not a.any() or not y.any():
        raise ValueError("cosine similarity is undefined for a zero vector")
    return float(np.dot(a, y) / np.sqrt(np.dot(a, a) * np.dot(y, y)))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    if not a.any() or not y.any():
        raise ValueError("cosine similarity is undefined for a zero vector")
    na = np.sqrt(np.dot(a, a))
    ny = np.sqrt(np.dot(y, y))
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / np.dot(a, a)
