"""Activation functions, losses and their derivatives (HW1).

Student notes: I keep the derivatives in "backprop form" where possible,
i.e. written with the output of the activation (sigma' = s(1 - s),
tanh' = 1 - y^2) because that is how we use them in the lectures.
"""

import numpy as np


# ---------------------------------------------------------------- helpers

def _arr(v):
    """Convert input to a float64 numpy array."""
    return np.asarray(v, dtype=np.float64)


def _pair(a, y):
    """Convert two inputs and make sure they have the same shape."""
    a, y = _arr(a), _arr(y)
    if a.shape != y.shape:
        raise ValueError(f"shape mismatch: {a.shape} vs {y.shape}")
    return a, y


def _norm(v):
    n = float(np.sqrt(np.dot(v, v)))
    if n == 0.0:
        raise ValueError("zero vector: cosine similarity undefined")
    return n


def _logsumexp(z):
    """log(sum(exp(z))) without overflow."""
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


# ---------------------------------------------------------------- activations

def sigmoid(x):
    """Args: x array. Returns: 1/(1+exp(-x)), stable for large |x|."""
    x = _arr(x)
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[neg])
    out[neg] = ex / (1.0 + ex)
    return out


def sigmoid_grad(x):
    """Args: x array. Returns: s(1-s) with s = sigmoid(x)."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    """Args: x array. Returns: tanh(x)."""
    return np.tanh(_arr(x))


def tanh_grad(x):
    """Args: x array. Returns: derivative of tanh, 1 - y^2."""
    y = _arr(x)
    return 1.0 - y ** 2


def relu(x):
    """Args: x array. Returns: max(x, 0)."""
    return np.maximum(_arr(x), 0.0)


def relu_grad(x):
    """Args: x array. Returns: 1.0 where x > 0 else 0.0 (also at x == 0)."""
    return np.where(_arr(x) > 0, 1.0, 0.0)


# ---------------------------------------------------------------- softmax

def softmax(z):
    """Args: z (n,) or (m, n). Returns: softmax along the last axis."""
    z = _arr(z)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    ex = np.exp(shifted)
    return ex / np.sum(ex, axis=-1, keepdims=True)


def softmax_jacobian(z):
    """Args: z (n,). Returns: J (n, n) = diag(p) - p p^T."""
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


# ---------------------------------------------------------------- losses

def cross_entropy(z, y):
    """Args: logits z (n,), one-hot y (n,). Returns: -sum y log softmax(z)."""
    z, y = _pair(z, y)
    log_p = z - _logsumexp(z)
    return float(-np.sum(y * log_p))


def cross_entropy_grad(z, y):
    """Args: z, y (n,). Returns: softmax(z) - y."""
    z, y = _pair(z, y)
    return softmax(z) - y


def l2_loss(a, y):
    a, y = _pair(a, y)
    return float(np.sum((a - y) ** 2))


def l2_loss_grad(a, y):
    a, y = _pair(a, y)
    return 2.0 * (a - y)


def l1_loss(a, y):
    a, y = _pair(a, y)
    return float(np.sum(np.abs(a - y)))


def l1_loss_grad(a, y):
    a, y = _pair(a, y)
    return np.sign(a - y)


def hinge_loss(a, y):
    a, y = _pair(a, y)
    return float(np.maximum(0.0, 1.0 - np.dot(y, a)))


def hinge_loss_grad(a, y):
    a, y = _pair(a, y)
    if np.dot(y, a) < 1.0:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    a, y = _pair(a, y)
    r = a - y
    small = np.abs(r) <= delta
    h = np.where(small, 0.5 * r * r, delta * (np.abs(r) - 0.5 * delta))
    return float(np.sum(h) / r.size)


def huber_loss_grad(a, y, delta=1.0):
    a, y = _pair(a, y)
    r = a - y
    small = np.abs(r) <= delta
    g = np.where(small, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a, y = _pair(a, y)
    return float(np.dot(a, y) / (_norm(a) * _norm(y)))


def cosine_similarity_grad(a, y):
    a, y = _pair(a, y)
    na, ny = _norm(a), _norm(y)
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / (na * na)
