"""hw1 - derivatives of activations and losses."""
import numpy as np


def _sig(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def _dsig(s):
    # derivative of the sigmoid: s * (1 - s)
    return _sig(s) * (1.0 - _sig(s))


def sigmoid(x):
    return _sig(x)


def sigmoid_grad(x):
    s = sigmoid(x)
    return _dsig(s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t * t


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return (x > 0).astype(float)


def softmax(z):
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=-1, keepdims=True)
    e = np.exp(z - m)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = z.max()
    lse = m + np.log(np.sum(np.exp(z - m)))
    return float(-np.sum(y * (z - lse)))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    d = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(d ** 2))


def l2_loss_grad(a, y):
    return 2.0 * (np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def l1_loss(a, y):
    return float(np.sum(np.abs(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))))


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def hinge_loss(a, y):
    margin = float(np.dot(np.asarray(y, dtype=float), np.asarray(a, dtype=float)))
    return max(0.0, 1.0 - margin)


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    if np.dot(y, a) < 1:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    quad = 0.5 * r ** 2
    lin = delta * (np.abs(r) - 0.5 * delta)
    return float(np.mean(np.where(np.abs(r) <= delta, quad, lin)))


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    g = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector")
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity of a zero vector")
    c = a @ y / (na * ny)
    return y / (na * ny) - c * a / na ** 2
