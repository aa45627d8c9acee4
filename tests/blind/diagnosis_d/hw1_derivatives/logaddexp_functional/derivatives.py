"""hw1: derivatives, written with log-space identities where they help.

sigma(x)   = exp(-log(1 + e^{-x})) = exp(-logaddexp(0, -x))
1 - sigma  = sigma(-x)
softmax(z) = exp(z - logsumexp(z))
Huber'     = clip(r, -delta, delta)
"""
import numpy as np

_f = lambda v: np.asarray(v, dtype=np.float64)  # noqa: E731


def _logsumexp(z, axis=-1):
    m = np.max(z, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -_f(x)))


def sigmoid_grad(x):
    x = _f(x)
    return np.exp(-np.logaddexp(0.0, -x) - np.logaddexp(0.0, x))


def tanh(x):
    return np.tanh(_f(x))


def tanh_grad(x):
    c = np.cosh(np.clip(_f(x), -350.0, 350.0))
    return 1.0 / (c * c)


def relu(x):
    x = _f(x)
    return np.where(x > 0, x, 0.0)


def relu_grad(x):
    return np.heaviside(_f(x), 0.0)


def softmax(z):
    z = _f(z)
    return np.exp(z - _logsumexp(z))


def softmax_jacobian(z):
    p = softmax(z)
    eye = np.eye(p.size)
    return np.einsum("i,ij->ij", p, eye - p[np.newaxis, :])


def cross_entropy(z, y):
    z, y = _f(z), _f(y)
    log_p = z - _logsumexp(z)
    return float(-np.sum(np.where(y != 0, y * log_p, 0.0)))


def cross_entropy_grad(z, y):
    return softmax(z) - _f(y)


def l2_loss(a, y):
    d = (_f(a) - _f(y)).ravel()
    return float(d @ d)


def l2_loss_grad(a, y):
    return 2.0 * (_f(a) - _f(y))


def l1_loss(a, y):
    return float(np.abs(_f(a) - _f(y)).sum())


def l1_loss_grad(a, y):
    return np.sign(_f(a) - _f(y))


def hinge_loss(a, y):
    return float(np.clip(1.0 - _f(y) @ _f(a), 0.0, None))


def hinge_loss_grad(a, y):
    a, y = _f(a), _f(y)
    return -y * (y @ a < 1.0)


def huber_loss(a, y, delta=1.0):
    r = _f(a) - _f(y)
    c = np.clip(r, -delta, delta)            # r inside, +-delta outside
    # 1/2 r^2 inside;  delta |r| - delta^2/2 = c r - c^2/2 outside
    return float(np.mean(c * r - 0.5 * c * c))


def huber_loss_grad(a, y, delta=1.0):
    r = _f(a) - _f(y)
    return np.clip(r, -delta, delta) / r.size


def _unit(v):
    n = np.sqrt(np.sum(v * v))
    if n == 0.0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    return v / n, n


def cosine_similarity(a, y):
    ua, _ = _unit(_f(a))
    uy, _ = _unit(_f(y))
    return float(ua @ uy)


def cosine_similarity_grad(a, y):
    ua, na = _unit(_f(a))
    uy, _ = _unit(_f(y))
    # project uy on the plane orthogonal to a, divide by |a|
    return (uy - (ua @ uy) * ua) / na
