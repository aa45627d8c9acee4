import numpy as np

# hw1 -- activations + losses and their derivatives
# (all vectorised, no loops)


def _f(x):
    return np.asarray(x, dtype=float)


def sigmoid(x):
    x = _f(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(_f(x))


def tanh_grad(x):
    return 1 - np.tanh(_f(x)) ** 2


def relu(x):
    x = _f(x)
    return x * (x > 0)


def relu_grad(x):
    return (_f(x) > 0).astype(float)


def softmax(z):
    # shift by the max so exp never overflows (softmax(z + c) == softmax(z))
    z = _f(z)
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def _logsumexp(z):
    m = z.max()
    return m + np.log(np.exp(z - m).sum())


def cross_entropy(z, y):
    z, y = _f(z), _f(y)
    return float(-(y * (z - _logsumexp(z))).sum())


def cross_entropy_grad(z, y):
    return softmax(z) - _f(y)


def l2_loss(a, y):
    return float(((_f(a) - _f(y)) ** 2).sum())


def l2_loss_grad(a, y):
    return 2 * (_f(a) - _f(y))


def l1_loss(a, y):
    return float(np.abs(_f(a) - _f(y)).sum())


def l1_loss_grad(a, y):
    return np.sign(_f(a) - _f(y))


def hinge_loss(a, y):
    return float(max(0.0, 1 - _f(y) @ _f(a)))


def hinge_loss_grad(a, y):
    a, y = _f(a), _f(y)
    return -y if y @ a < 1 else np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = _f(a) - _f(y)
    ar = np.abs(r)
    return float(np.where(ar <= delta, 0.5 * r ** 2, delta * (ar - 0.5 * delta)).mean())


def huber_loss_grad(a, y, delta=1.0):
    r = _f(a) - _f(y)
    return np.where(np.abs(r) <= delta, r, delta * np.sign(r)) / r.size


def cosine_similarity(a, y):
    a, y = _f(a), _f(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = _f(a), _f(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    c = a @ y / (na * ny)
    return y / (na * ny) - c * a / na ** 2
