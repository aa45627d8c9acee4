"""HW1 derivatives -- vectorised numpy versions."""
import numpy as np

EPS_ZERO = 0.0


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    sx = sigmoid(x)
    return sx * (1 - sx)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    return 1 - tanh(x) ** 2


def relu(x):
    return np.clip(np.asarray(x, dtype=float), 0, None)


def relu_grad(x):
    return np.heaviside(np.asarray(x, dtype=float), 0.0)


def softmax(z):
    z = np.asarray(z, dtype=float)
    # subtract the max so nothing overflows (softmax is shift invariant)
    ez = np.exp(z - np.max(z))
    return ez / ez.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    c = np.max(z)
    lse = c + np.log(np.sum(np.exp(z - c)))
    return float(np.sum(y * (lse - z)))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    return float(np.sum(np.square(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))))


def l2_loss_grad(a, y):
    return 2 * (np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def l1_loss(a, y):
    return float(np.sum(np.abs(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))))


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.maximum(0.0, 1.0 - y @ a))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    active = float(y @ a < 1.0)
    return -y * active + 0.0


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    abs_r = np.abs(r)
    per_elem = np.where(abs_r <= delta, 0.5 * r ** 2, delta * (abs_r - 0.5 * delta))
    return float(per_elem.mean())


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    d = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return d / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    norm_a, norm_y = np.linalg.norm(a), np.linalg.norm(y)
    if norm_a == 0 or norm_y == 0:
        raise ValueError("undefined for zero vectors")
    return float(a @ y / (norm_a * norm_y))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    norm_a, norm_y = np.linalg.norm(a), np.linalg.norm(y)
    if norm_a == 0 or norm_y == 0:
        raise ValueError("undefined for zero vectors")
    return y / (norm_a * norm_y) - (a @ y) * a / (norm_a ** 3 * norm_y)
