"""hw1 :: derivatives.py

Trick sheet I used:
  * log(1 + e^t) is np.logaddexp(0, t), which never overflows, so
    sigma(x) = exp(-log(1 + e^{-x})) = exp(-logaddexp(0, -x)).
  * log softmax(z) = z - logsumexp(z); softmax is exp(log softmax).
  * the Huber derivative h'(r) is just r clipped to [-delta, delta].
"""
import numpy as np

_F = np.float64


def _as(*xs):
    out = tuple(np.asarray(x, dtype=_F) for x in xs)
    return out if len(out) > 1 else out[0]


# -------- activations ---------------------------------------------------

def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -_as(x)))


def sigmoid_grad(x):
    # s (1 - s) = sigma(x) * sigma(-x)
    x = _as(x)
    return sigmoid(x) * sigmoid(-x)


def tanh(x):
    return np.tanh(_as(x))


def tanh_grad(x):
    # 1 - tanh^2 = sech^2 = (1 - t)(1 + t)
    t = np.tanh(_as(x))
    return (1.0 - t) * (1.0 + t)


def relu(x):
    x = _as(x)
    return np.where(x > 0.0, x, 0.0)


def relu_grad(x):
    return np.heaviside(_as(x), 0.0)   # second argument = value at exactly 0


# -------- softmax -------------------------------------------------------

def _log_softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    return z - (m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True)))


def softmax(z):
    return np.exp(_log_softmax(_as(z)))


def softmax_jacobian(z):
    p = softmax(z)
    n = p.size
    return np.einsum('i,ij->ij', p, np.eye(n)) - np.einsum('i,j->ij', p, p)


# -------- losses --------------------------------------------------------

def cross_entropy(z, y):
    z, y = _as(z, y)
    return float(-np.einsum('i,i->', y, _log_softmax(z)))


def cross_entropy_grad(z, y):
    z, y = _as(z, y)
    return softmax(z) - y


def l2_loss(a, y):
    a, y = _as(a, y)
    return float(np.sum(np.square(a - y)))


def l2_loss_grad(a, y):
    a, y = _as(a, y)
    return (a - y) + (a - y)


def l1_loss(a, y):
    a, y = _as(a, y)
    return float(np.sum(np.abs(a - y)))


def l1_loss_grad(a, y):
    a, y = _as(a, y)
    return np.sign(a - y)


def hinge_loss(a, y):
    a, y = _as(a, y)
    return float(np.maximum(0.0, 1.0 - np.vdot(y, a)))


def hinge_loss_grad(a, y):
    a, y = _as(a, y)
    return np.negative(y) if np.vdot(y, a) < 1.0 else np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    a, y = _as(a, y)
    r = a - y
    c = np.clip(r, -delta, delta)          # r inside the band, +-delta outside
    # 1/2 r^2 inside; delta|r| - delta^2/2 = c r - c^2/2 outside (c = +-delta)
    return float(np.mean(c * r - 0.5 * c * c))


def huber_loss_grad(a, y, delta=1.0):
    a, y = _as(a, y)
    r = a - y
    return np.clip(r, -delta, delta) / r.size


def _unit_parts(a, y):
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    if not (na > 0.0 and ny > 0.0):
        raise ValueError("cosine similarity needs two non-zero vectors")
    return na, ny


def cosine_similarity(a, y):
    a, y = _as(a, y)
    na, ny = _unit_parts(a, y)
    return float(np.vdot(a / na, y / ny))


def cosine_similarity_grad(a, y):
    a, y = _as(a, y)
    na, ny = _unit_parts(a, y)
    u, w = a / na, y / ny              # unit vectors
    # d cos/da = (w - cos * u) / |a|: the part of w orthogonal to u, over |a|
    return (w - np.vdot(u, w) * u) / na
