"""Derivatives homework (hw1). Numerically careful versions of everything."""
import numpy as np

LOG_TINY = None  # not used


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    # only exp of non-positive numbers
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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
    return np.where(x > 0.0, x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0.0, 1.0, 0.0)


def softmax(z):
    z = np.asarray(z, dtype=float)
    # shift by the max so the biggest exponent is exp(0) = 1 -> no overflow
    shifted = z - np.max(z)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def logsumexp(z):
    z = np.asarray(z, dtype=float)
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    log_p = z - logsumexp(z)
    return float(-np.dot(y, log_p))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(r ** 2))


def l2_loss_grad(a, y):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return 2.0 * r


def l1_loss(a, y):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(np.abs(r)))


def l1_loss_grad(a, y):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return np.sign(r)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(max(0.0, 1.0 - float(np.dot(y, a))))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    if np.dot(y, a) < 1.0:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    ar = np.abs(r)
    h = np.where(ar <= delta, 0.5 * r ** 2, delta * (ar - 0.5 * delta))
    return float(np.mean(h))


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    hp = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return hp / r.size


def _norms(a, y):
    na = np.sqrt(np.sum(a ** 2))
    ny = np.sqrt(np.sum(y ** 2))
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector: cosine similarity undefined")
    return na, ny


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na, ny = _norms(a, y)
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na, ny = _norms(a, y)
    c = np.dot(a, y) / (na * ny)
    return y / (na * ny) - c * a / na ** 2
