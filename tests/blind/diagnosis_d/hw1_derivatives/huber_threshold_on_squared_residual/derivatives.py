"""HW1 - derivatives of activations and losses.

I wrote small helpers for the elementwise pieces and loop over the entries
where the handout has a case distinction (Huber, relu) so that I can follow
each branch.
"""

import numpy as np


def _arr(v):
    return np.asarray(v, dtype=float)


# ---------------------------------------------------------------- activations

def _sigmoid_scalar(t):
    if t >= 0:
        return 1.0 / (1.0 + np.exp(-t))
    e = np.exp(t)
    return e / (1.0 + e)


def sigmoid(x):
    x = _arr(x)
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        out[idx] = _sigmoid_scalar(x[idx])
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(_arr(x))


def tanh_grad(x):
    t = np.tanh(_arr(x))
    return 1.0 - t * t


def relu(x):
    x = _arr(x)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        if x[idx] > 0:
            out[idx] = x[idx]
    return out


def relu_grad(x):
    x = _arr(x)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        if x[idx] > 0:
            out[idx] = 1.0
    return out


# ---------------------------------------------------------------- softmax

def softmax(z):
    z = _arr(z)
    if z.ndim == 1:
        shifted = z - np.max(z)
        e = np.exp(shifted)
        return e / np.sum(e)
    rows = [softmax(row) for row in z]
    return np.array(rows)


def softmax_jacobian(z):
    p = softmax(z)
    n = p.shape[0]
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i == j:
                J[i, j] = p[i] * (1.0 - p[j])
            else:
                J[i, j] = -p[i] * p[j]
    return J


# ---------------------------------------------------------------- losses

def _log_softmax(z):
    m = np.max(z)
    return z - (m + np.log(np.sum(np.exp(z - m))))


def cross_entropy(z, y):
    z, y = _arr(z), _arr(y)
    total = 0.0
    logp = _log_softmax(z)
    for i in range(len(z)):
        if y[i] != 0:
            total -= y[i] * logp[i]
    return float(total)


def cross_entropy_grad(z, y):
    return softmax(z) - _arr(y)


def l2_loss(a, y):
    r = _arr(a) - _arr(y)
    return float(np.sum(r ** 2))


def l2_loss_grad(a, y):
    return 2.0 * (_arr(a) - _arr(y))


def l1_loss(a, y):
    return float(np.sum(np.abs(_arr(a) - _arr(y))))


def l1_loss_grad(a, y):
    r = _arr(a) - _arr(y)
    g = np.zeros_like(r)
    for idx in np.ndindex(r.shape):
        if r[idx] > 0:
            g[idx] = 1.0
        elif r[idx] < 0:
            g[idx] = -1.0
    return g


def hinge_loss(a, y):
    margin = float(np.dot(_arr(y), _arr(a)))
    if margin < 1:
        return 1.0 - margin
    return 0.0


def hinge_loss_grad(a, y):
    a, y = _arr(a), _arr(y)
    if float(np.dot(y, a)) < 1:
        return -y.copy()
    return np.zeros_like(a)


def _huber_term(r, delta):
    # quadratic part near 0, linear part outside
    if r * r <= delta:
        return 0.5 * r * r
    return delta * (abs(r) - 0.5 * delta)


def _huber_slope(r, delta):
    if r * r <= delta:
        return r
    return delta * np.sign(r)


def huber_loss(a, y, delta=1.0):
    r = _arr(a) - _arr(y)
    total = 0.0
    for idx in np.ndindex(r.shape):
        total += _huber_term(r[idx], delta)
    return float(total / r.size)


def huber_loss_grad(a, y, delta=1.0):
    r = _arr(a) - _arr(y)
    g = np.zeros_like(r)
    for idx in np.ndindex(r.shape):
        g[idx] = _huber_slope(r[idx], delta) / r.size
    return g


def cosine_similarity(a, y):
    a, y = _arr(a), _arr(y)
    na = np.sqrt(np.sum(a * a))
    ny = np.sqrt(np.sum(y * y))
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    return float(np.sum(a * y) / (na * ny))


def cosine_similarity_grad(a, y):
    a, y = _arr(a), _arr(y)
    na = np.sqrt(np.sum(a * a))
    ny = np.sqrt(np.sum(y * y))
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity of a zero vector is undefined")
    cos = np.sum(a * y) / (na * ny)
    return y / (na * ny) - cos * a / (na * na)
