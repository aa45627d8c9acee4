import numpy as np

"""
HW1 -- derivatives.py
everything with @ / einsum, arrays of any shape where it makes sense
"""


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    # exp(-|x|) is in (0, 1], no overflow
    t = np.exp(-np.abs(x))
    return np.where(x < 0, t, 1.0) / (1.0 + t)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_grad(x):
    th = np.tanh(np.asarray(x, dtype=np.float64))
    return 1.0 - th * th


def relu(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=np.float64)
    return np.greater(x, 0).astype(np.float64)


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    z = z - np.max(z, axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / np.einsum('...i->...', ez)[..., None]


def softmax_jacobian(z):
    p = softmax(np.asarray(z, dtype=np.float64))
    eye = np.eye(p.shape[0])
    # J_ij = p_i (delta_ij - p_j)
    return np.einsum('i,ij->ij', p, eye - p[None, :])


def cross_entropy(z, y):
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m = np.max(z)
    lse = m + np.log(np.sum(np.exp(z - m)))
    return float(y @ (lse - z))          # sum_i y_i (lse - z_i), sum y = 1


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=np.float64)


def l2_loss(a, y):
    d = (np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)).ravel()
    return float(d @ d)


def l2_loss_grad(a, y):
    return 2.0 * (np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64))


def l1_loss(a, y):
    return float(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)).sum())


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64))


def hinge_loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return float(max(0.0, 1.0 - y @ a))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return -y * float(y @ a < 1.0)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    ar = np.abs(r)
    h = np.where(ar <= delta, 0.5 * r * r, delta * ar - 0.5 * delta * delta)
    return float(h.mean())


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    g = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return g / r.size


def _norms(a, y):
    na = np.sqrt(a @ a)
    ny = np.sqrt(y @ y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity is not defined for a zero vector")
    return na, ny


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    na, ny = _norms(a, y)
    return float((a @ y) / (na * ny))


def cosine_similarity_grad(a, y):
    # cos = (a.y) * (1/|a|) * (1/|y|)
    # product rule in a:  d(a.y)/da = y,   d(1/|a|)/da = a / |a|^3
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    na, ny = _norms(a, y)
    dot = a @ y
    d_dot = y / (na * ny)
    d_inv_norm = dot * a / (na ** 3 * ny)
    return d_dot + d_inv_norm
