import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    # stable: 1/(1+e^-x) for x>=0, e^x/(1+e^x) for x<0
    z = np.exp(-np.abs(x))
    s = 1.0 / (1.0 + z)
    return np.where(x < 0, z * s, s)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    return 1 - tanh(x) ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    g[x > 0] = 1.0
    return g


def softmax(z):
    z = np.asarray(z, dtype=float)
    z -= z.max(axis=-1, keepdims=True)       # shift for stability
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    J = -np.outer(p, p)
    J[np.diag_indices_from(J)] += p
    return J


def cross_entropy(z, y):
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    z -= z.max()                             # shift for stability
    p_log = z - np.log(np.exp(z).sum())
    return float(-(y * p_log).sum())


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return float(r @ r) if r.ndim == 1 else float((r * r).sum())


def l2_loss_grad(a, y):
    return 2 * (np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def l1_loss(a, y):
    return float(np.abs(np.asarray(a, dtype=float) - np.asarray(y, dtype=float)).sum())


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def hinge_loss(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(max(0.0, 1 - a @ y))


def hinge_loss_grad(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return -y if a @ y < 1 else np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    ar = np.abs(r)
    return float(np.where(ar <= delta, r ** 2 / 2, delta * ar - delta ** 2 / 2).mean())


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    return np.where(np.abs(r) <= delta, r, delta * np.sign(r)) / r.size


def cosine_similarity(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return y / (na * ny) - (a @ y) / (na * ny) * a / na ** 2
