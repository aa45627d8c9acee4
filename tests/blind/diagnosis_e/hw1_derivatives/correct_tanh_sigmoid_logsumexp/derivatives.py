"""derivatives.py -- written with as few branches as I could manage."""
import numpy as np

__all__ = [
    "sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad",
    "softmax", "softmax_jacobian", "cross_entropy", "cross_entropy_grad",
    "l2_loss", "l2_loss_grad", "l1_loss", "l1_loss_grad", "hinge_loss",
    "hinge_loss_grad", "huber_loss", "huber_loss_grad", "cosine_similarity",
    "cosine_similarity_grad",
]


def _arr(*vs):
    out = tuple(np.array(v, dtype=np.float64, copy=True) for v in vs)
    return out if len(out) > 1 else out[0]


def sigmoid(x):
    # sigma(x) = (1 + tanh(x / 2)) / 2 : tanh never overflows
    return 0.5 * (1.0 + np.tanh(0.5 * _arr(x)))


def sigmoid_grad(x):
    # s (1 - s) = (1 - tanh^2(x/2)) / 4
    t = np.tanh(0.5 * _arr(x))
    return 0.25 * (1.0 - t) * (1.0 + t)


def tanh(x):
    return np.tanh(_arr(x))


def tanh_grad(x):
    t = np.tanh(_arr(x))
    return (1.0 - t) * (1.0 + t)


def relu(x):
    x = _arr(x)
    return x * np.greater(x, 0.0)


def relu_grad(x):
    return np.greater(_arr(x), 0.0).astype(np.float64)


def _logsumexp(z):
    m = np.max(z, axis=-1, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))


def softmax(z):
    z = _arr(z)
    return np.exp(z - _logsumexp(z))


def softmax_jacobian(z):
    p = softmax(z)
    eye = np.eye(p.size)
    return np.einsum("i,ij->ij", p, eye - p[np.newaxis, :])


def cross_entropy(z, y):
    z, y = _arr(z, y)
    return float(np.einsum("i,i->", y, _logsumexp(z) - z))


def cross_entropy_grad(z, y):
    z, y = _arr(z, y)
    return softmax(z) - y


def l2_loss(a, y):
    r = _arr(a) - _arr(y)
    return float(np.vdot(r, r))


def l2_loss_grad(a, y):
    return 2.0 * (_arr(a) - _arr(y))


def l1_loss(a, y):
    return float(np.linalg.norm((_arr(a) - _arr(y)).ravel(), ord=1))


def l1_loss_grad(a, y):
    return np.sign(_arr(a) - _arr(y))


def hinge_loss(a, y):
    a, y = _arr(a, y)
    return float(np.clip(1.0 - y @ a, 0.0, None))


def hinge_loss_grad(a, y):
    a, y = _arr(a, y)
    return -y * float(y @ a < 1.0)


def huber_loss(a, y, delta=1.0):
    r = _arr(a) - _arr(y)
    # 1/2 c^2 + delta (|r| - |c|) with c = clip(r): equals both branches
    c = np.clip(r, -delta, delta)
    h = 0.5 * c * c + delta * (np.abs(r) - np.abs(c))
    return float(np.mean(h))


def huber_loss_grad(a, y, delta=1.0):
    r = _arr(a) - _arr(y)
    return np.clip(r, -delta, delta) / r.size


def cosine_similarity(a, y):
    a, y = _arr(a, y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na * ny == 0.0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    return float(np.dot(a / na, y / ny))


def cosine_similarity_grad(a, y):
    a, y = _arr(a, y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na * ny == 0.0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    u, v = a / na, y / ny
    # component of v orthogonal to the unit vector u, over ||a||
    return (v - np.dot(u, v) * u) / na
