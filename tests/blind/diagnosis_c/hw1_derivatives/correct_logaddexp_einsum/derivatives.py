"""Activations and losses, computed in log space where it helps.

sigma(x) = exp(-log(1 + exp(-x))) = exp(-logaddexp(0, -x)) never overflows:
logaddexp is stable for any argument and exp of a non-positive number is <= 1.
"""

import numpy as np

_f = lambda v: np.asarray(v, dtype=np.float64)  # noqa: E731


def _logsumexp(z, axis=-1):
    """log sum exp along an axis, kept for broadcasting."""
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -_f(x)))


def sigmoid_grad(x):
    # s (1 - s) = exp(-softplus(-x) - softplus(x)), both softplus stable
    x = _f(x)
    return np.exp(-np.logaddexp(0.0, -x) - np.logaddexp(0.0, x))


def tanh(x):
    return np.tanh(_f(x))


def tanh_grad(x):
    # 1 - tanh^2 = 1 / cosh^2, but cosh overflows; use the tanh form
    t = np.tanh(_f(x))
    return (1.0 - t) * (1.0 + t)


def relu(x):
    x = _f(x)
    return np.where(x > 0.0, x, 0.0)


def relu_grad(x):
    return np.where(_f(x) > 0.0, 1.0, 0.0)


def softmax(z):
    z = _f(z)
    return np.exp(z - _logsumexp(z))


def softmax_jacobian(z):
    p = softmax(_f(z))
    eye = np.eye(p.shape[-1])
    return np.einsum("i,ij->ij", p, eye) - np.einsum("i,j->ij", p, p)


def cross_entropy(z, y):
    z, y = _f(z), _f(y)
    log_p = z - _logsumexp(z)
    # only the entries with y_i != 0 contribute (no 0 * -inf)
    mask = y != 0
    return float(-np.sum(y[mask] * log_p[mask]))


def cross_entropy_grad(z, y):
    return softmax(z) - _f(y)


def l2_loss(a, y):
    r = (_f(a) - _f(y)).ravel()
    return float(r @ r)


def l2_loss_grad(a, y):
    return (_f(a) - _f(y)) * 2.0


def l1_loss(a, y):
    return float(np.abs(_f(a) - _f(y)).sum())


def l1_loss_grad(a, y):
    r = _f(a) - _f(y)
    return (r > 0).astype(float) - (r < 0).astype(float)


def hinge_loss(a, y):
    margin = np.einsum("i,i->", _f(y), _f(a))
    return float(np.maximum(0.0, 1.0 - margin))


def hinge_loss_grad(a, y):
    a, y = _f(a), _f(y)
    margin = np.einsum("i,i->", y, a)
    return np.where(margin < 1.0, -y, 0.0)


def huber_loss(a, y, delta=1.0):
    r = _f(a) - _f(y)
    q = np.minimum(np.abs(r), delta)         # the quadratic part
    lin = np.abs(r) - q                      # what is beyond delta
    return float(np.mean(0.5 * q ** 2 + delta * lin))


def huber_loss_grad(a, y, delta=1.0):
    r = _f(a) - _f(y)
    return np.clip(r, -delta, delta) / r.size


def cosine_similarity(a, y):
    a, y = _f(a), _f(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    return float(np.dot(a / na, y / ny))


def cosine_similarity_grad(a, y):
    a, y = _f(a), _f(y)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    ua, uy = a / na, y / ny
    # project the unit target off the unit input, divide by |a|
    return (uy - np.dot(ua, uy) * ua) / na
