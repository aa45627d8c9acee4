import numpy as np


def _as_float(v):
    return np.asarray(v, dtype=float)


def sigmoid(x):
    x = _as_float(x)
    out = np.zeros_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1.0 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(_as_float(x))


def tanh_grad(x):
    return 1.0 - np.tanh(_as_float(x)) ** 2


def relu(x):
    x = _as_float(x)
    return np.maximum(x, 0.0)


def relu_grad(x):
    return np.greater(_as_float(x), 0).astype(float)


def softmax(z):
    z = _as_float(z)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.einsum("i,j->ij", p, p)


def cross_entropy(z, y):
    """-sum y log softmax(z), from log-sum-exp."""
    z = _as_float(z)
    y = _as_float(y)
    z -= np.max(z)                      # shift: now max(z) = 0
    log_norm = np.log(np.sum(np.exp(z)))
    log_p = z - log_norm
    return float(-np.sum(y * log_p))


def cross_entropy_grad(z, y):
    return softmax(z) - _as_float(y)


def l2_loss(a, y):
    return float(np.sum((_as_float(a) - _as_float(y)) ** 2))


def l2_loss_grad(a, y):
    return 2.0 * (_as_float(a) - _as_float(y))


def l1_loss(a, y):
    return float(np.sum(np.abs(_as_float(a) - _as_float(y))))


def l1_loss_grad(a, y):
    return np.sign(_as_float(a) - _as_float(y))


def hinge_loss(a, y):
    a, y = _as_float(a), _as_float(y)
    margin = float(y @ a)
    return 1.0 - margin if margin < 1.0 else 0.0


def hinge_loss_grad(a, y):
    a, y = _as_float(a), _as_float(y)
    margin = float(y @ a)
    return -y if margin < 1.0 else np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = _as_float(a) - _as_float(y)
    inside = np.abs(r) <= delta
    per = np.where(inside, 0.5 * r * r, delta * (np.abs(r) - delta / 2.0))
    return float(per.sum() / r.size)


def huber_loss_grad(a, y, delta=1.0):
    r = _as_float(a) - _as_float(y)
    inside = np.abs(r) <= delta
    return np.where(inside, r, delta * np.sign(r)) / r.size


def cosine_similarity(a, y):
    a, y = _as_float(a), _as_float(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector")
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = _as_float(a), _as_float(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector")
    cos = a @ y / (na * ny)
    return y / (na * ny) - cos * a / (na * na)
