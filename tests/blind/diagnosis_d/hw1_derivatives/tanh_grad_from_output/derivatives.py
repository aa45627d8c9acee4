import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    # d/dx tanh = 1 - tanh^2
    x = np.asarray(x, dtype=float)
    return 1 - x ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return (x > 0).astype(float)


def softmax(z):
    z = np.asarray(z, dtype=float)
    ez = np.exp(z - z.max(axis=-1, keepdims=True))
    return ez / ez.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def _logsumexp(z):
    m = z.max()
    return m + np.log(np.sum(np.exp(z - m)))


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    logp = z - _logsumexp(z)
    return float(-np.sum(y * logp))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    d = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(d * d))


def l2_loss_grad(a, y):
    return 2 * (np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def l1_loss(a, y):
    return float(np.sum(np.abs(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))))


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def hinge_loss(a, y):
    m = float(np.dot(np.asarray(y, dtype=float), np.asarray(a, dtype=float)))
    return max(0.0, 1 - m)


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    if np.dot(y, a) < 1:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    small = np.abs(r) <= delta
    h = np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(np.mean(h))


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    g = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    c = a @ y / (na * ny)
    return y / (na * ny) - c * a / na ** 2
