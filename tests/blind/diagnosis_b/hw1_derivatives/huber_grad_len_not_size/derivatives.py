"""hw1_derivatives -- my solution.

Piecewise functions are written with np.select / np.piecewise so that
the cases look like the formulas in the handout.
"""
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.piecewise(
        x,
        [x >= 0, x < 0],
        [lambda t: 1.0 / (1.0 + np.exp(-t)),
         lambda t: np.exp(t) / (1.0 + np.exp(t))],
    )


def sigmoid_grad(x):
    sig = sigmoid(x)
    return sig * (1.0 - sig)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    return 1.0 - np.square(tanh(x))


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.select([x > 0], [x], default=0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return np.select([x > 0], [np.ones_like(x)], default=0.0)


def softmax(z):
    z = np.asarray(z, dtype=float)
    shifted = z - np.amax(z, axis=-1, keepdims=True)
    num = np.exp(shifted)
    den = np.sum(num, axis=-1, keepdims=True)
    return num / den


def softmax_jacobian(z):
    p = softmax(z)
    p_col = p.reshape(-1, 1)
    return np.diagflat(p) - p_col @ p_col.T


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    zmax = np.amax(z)
    log_softmax = (z - zmax) - np.log(np.sum(np.exp(z - zmax)))
    return float(-np.dot(y, log_softmax))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    err = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(np.square(err)))


def l2_loss_grad(a, y):
    err = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return 2.0 * err


def l1_loss(a, y):
    err = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(np.abs(err)))


def l1_loss_grad(a, y):
    err = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return np.select([err > 0, err < 0], [1.0, -1.0], default=0.0)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.maximum(0.0, 1.0 - np.dot(y, a)))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    active = np.dot(y, a) < 1.0
    return np.where(active, -y, 0.0)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    absr = np.abs(r)
    h = np.select([absr <= delta], [0.5 * r ** 2], default=delta * (absr - 0.5 * delta))
    return float(np.mean(h))


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    r = a - np.asarray(y, dtype=float)
    n = len(a)                                   # number of elements in the mean
    dh = np.select([np.abs(r) <= delta], [r], default=delta * np.sign(r))
    return dh / n


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity undefined for the zero vector")
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("cosine similarity undefined for the zero vector")
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / na ** 2
