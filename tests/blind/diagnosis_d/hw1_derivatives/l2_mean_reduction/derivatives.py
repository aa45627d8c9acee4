import numpy as np

# ============================================================
#  Homework 1: activations, losses and their gradients
# ============================================================


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    pos = x >= 0
    out = np.empty_like(x)
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_grad(x):
    sig = sigmoid(x)
    return sig * (1.0 - sig)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_grad(x):
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def relu(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, 0.0)


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    return np.diagflat(p) - p[:, None] * p[None, :]


def cross_entropy(z, y):
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m = np.max(z)
    lse = m + np.log(np.sum(np.exp(z - m)))
    return float(-np.sum(y * (z - lse)))


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=np.float64)


# ---- L2: mean squared error
def l2_loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return float(np.mean((a - y) ** 2))


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return 2.0 * (a - y) / a.size


def l1_loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return float(np.sum(np.abs(a - y)))


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return np.sign(a - y)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return float(np.maximum(0.0, 1.0 - np.sum(y * a)))


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    active = np.sum(y * a) < 1.0
    return -y * float(active)


def huber_loss(a, y, delta=1.0):
    r = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    absr = np.abs(r)
    vals = np.where(absr <= delta, 0.5 * r ** 2, delta * (absr - 0.5 * delta))
    return float(vals.mean())


def huber_loss_grad(a, y, delta=1.0):
    r = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    slope = np.where(np.abs(r) <= delta, r, delta * np.sign(r))
    return slope / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    norm_a, norm_y = np.sqrt(a @ a), np.sqrt(y @ y)
    if norm_a == 0 or norm_y == 0:
        raise ValueError("zero vector")
    return float((a @ y) / (norm_a * norm_y))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    norm_a, norm_y = np.sqrt(a @ a), np.sqrt(y @ y)
    if norm_a == 0 or norm_y == 0:
        raise ValueError("zero vector")
    cos = (a @ y) / (norm_a * norm_y)
    return y / (norm_a * norm_y) - cos * a / norm_a ** 2
