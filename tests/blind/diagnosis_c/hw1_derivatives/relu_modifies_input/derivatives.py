# derivatives.py -- activation functions and losses with gradients
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    p = x >= 0
    n = ~p
    out[p] = 1.0 / (1.0 + np.exp(-x[p]))
    out[n] = np.exp(x[n]) / (1.0 + np.exp(x[n]))
    return out


def sigmoid_grad(x):
    sig = sigmoid(x)
    return sig * (1.0 - sig)


def tanh(x):
    x = np.asarray(x, dtype=float)
    return np.tanh(x)


def tanh_grad(x):
    x = np.asarray(x, dtype=float)
    return 1.0 - np.tanh(x) * np.tanh(x)


def relu(x):
    x = np.asarray(x, dtype=float)
    x[x < 0] = 0
    return x


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    grad = np.where(x > 0, 1.0, 0.0)
    return grad


def softmax(z):
    z = np.asarray(z, dtype=float)
    zmax = np.max(z, axis=-1, keepdims=True)
    exps = np.exp(z - zmax)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    p_col = p.reshape(-1, 1)
    return np.diagflat(p_col) - p_col @ p_col.T


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    zmax = np.max(z)
    log_sum = zmax + np.log(np.sum(np.exp(z - zmax)))
    t = np.argmax(y)
    return float(log_sum - z[t])


def cross_entropy_grad(z, y):
    y = np.asarray(y, dtype=float)
    return softmax(z) - y


def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    diff = a - y
    return float(np.sum(diff ** 2))


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return 2.0 * (a - y)


def l1_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.sum(np.abs(a - y)))


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.sign(a - y)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = np.dot(y, a)
    return float(max(0.0, 1.0 - margin))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = np.dot(y, a)
    if margin < 1.0:
        return -y
    return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    quad = 0.5 * r ** 2
    lin = delta * (np.abs(r) - 0.5 * delta)
    return float(np.mean(np.where(np.abs(r) <= delta, quad, lin)))


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    g = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    norm_a = np.linalg.norm(a)
    norm_y = np.linalg.norm(y)
    if norm_a == 0 or norm_y == 0:
        raise ValueError("cosine similarity undefined for zero vector")
    return float(np.dot(a, y) / (norm_a * norm_y))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    norm_a = np.linalg.norm(a)
    norm_y = np.linalg.norm(y)
    if norm_a == 0 or norm_y == 0:
        raise ValueError("cosine similarity undefined for zero vector")
    cos = np.dot(a, y) / (norm_a * norm_y)
    return y / (norm_a * norm_y) - cos * a / norm_a ** 2
