# hw1_derivatives
# I wrote tanh myself from exponentials (with expm1 for accuracy near 0) and did
# the softmax one row at a time.

import math

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))            # e <= 1 always
    num = np.where(x >= 0, 1.0, e)
    return num / (1.0 + e)


def sigmoid_grad(x):
    # s(1-s) = e / (1+e)^2 with e = exp(-|x|), symmetric in x
    e = np.exp(-np.abs(np.asarray(x, dtype=float)))
    return e / (1.0 + e) ** 2


def tanh(x):
    # tanh|x| = (1 - e^{-2|x|}) / (1 + e^{-2|x|}) = -expm1(-2|x|) / (1 + exp(-2|x|))
    x = np.asarray(x, dtype=float)
    ax = np.abs(x)
    return np.sign(x) * (-np.expm1(-2.0 * ax)) / (1.0 + np.exp(-2.0 * ax))


def tanh_grad(x):
    # 1 - tanh^2 = sech^2 = 4 e / (1 + e)^2 with e = exp(-2|x|)
    e = np.exp(-2.0 * np.abs(np.asarray(x, dtype=float)))
    return 4.0 * e / (1.0 + e) ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    out = x.copy()
    out[out <= 0] = 0.0
    return out


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    g[x > 0] = 1.0
    return g


def _softmax_row(row):
    m = max(row)
    exps = [math.exp(v - m) for v in row]
    total = math.fsum(exps)
    return [v / total for v in exps]


def softmax(z):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        return np.array(_softmax_row(z.tolist()))
    return np.array([_softmax_row(row) for row in z.tolist()]).reshape(z.shape)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diagflat(p) - p[:, None] @ p[None, :]


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float).tolist()
    y = np.asarray(y, dtype=float).tolist()
    m = max(z)
    lse = m + math.log(math.fsum(math.exp(v - m) for v in z))
    return -math.fsum(yi * (zi - lse) for zi, yi in zip(z, y))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    d = (np.asarray(a, dtype=float) - np.asarray(y, dtype=float)).ravel()
    return math.fsum(d * d)


def l2_loss_grad(a, y):
    return 2.0 * (np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def l1_loss(a, y):
    d = (np.asarray(a, dtype=float) - np.asarray(y, dtype=float)).ravel()
    return math.fsum(abs(v) for v in d)


def l1_loss_grad(a, y):
    return np.sign(np.asarray(a, dtype=float) - np.asarray(y, dtype=float))


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float).tolist()
    y = np.asarray(y, dtype=float).tolist()
    margin = math.fsum(ai * yi for ai, yi in zip(a, y))
    if margin < 1.0:
        return 1.0 - margin
    return 0.0


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = math.fsum((a * y).tolist())
    grad = np.zeros_like(a)
    if margin < 1.0:
        grad = -y
    return grad


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    inside = np.abs(r) <= delta
    terms = np.empty_like(r)
    terms[inside] = 0.5 * r[inside] ** 2
    terms[~inside] = delta * (np.abs(r[~inside]) - 0.5 * delta)
    return float(terms.sum() / r.size)


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=float) - np.asarray(y, dtype=float)
    inside = np.abs(r) <= delta
    g = np.empty_like(r)
    g[inside] = r[inside]
    g[~inside] = delta * np.sign(r[~inside])
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = math.sqrt(math.fsum((a * a).tolist()))
    ny = math.sqrt(math.fsum((y * y).tolist()))
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector: cosine similarity undefined")
    return math.fsum((a * y).tolist()) / (na * ny)


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = math.sqrt(math.fsum((a * a).tolist()))
    ny = math.sqrt(math.fsum((y * y).tolist()))
    if na == 0.0 or ny == 0.0:
        raise ValueError("zero vector: cosine similarity undefined")
    cos = math.fsum((a * y).tolist()) / (na * ny)
    return y / (na * ny) - cos * a / (na * na)
