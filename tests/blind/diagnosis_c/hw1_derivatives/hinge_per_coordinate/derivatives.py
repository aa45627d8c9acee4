import numpy as np

# Homework 1 - derivatives
# every grad has the shape of its first argument


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1 + ex)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    x = np.asarray(x, dtype=float)
    return np.tanh(x)


def tanh_grad(x):
    return 1 - np.tanh(np.asarray(x, dtype=float)) ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, 0.0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    return (x > 0).astype(float)


def softmax(z):
    z = np.asarray(z, dtype=float)
    z_shift = z - z.max(axis=-1, keepdims=True)
    num = np.exp(z_shift)
    return num / num.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    n = p.shape[0]
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i == j:
                J[i, j] = p[i] * (1 - p[j])
            else:
                J[i, j] = -p[i] * p[j]
    return J


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = z.max()
    lse = m + np.log(np.exp(z - m).sum())
    return float(-(y * (z - lse)).sum())


def cross_entropy_grad(z, y):
    return softmax(z) - np.asarray(y, dtype=float)


def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(((a - y) ** 2).sum())


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return 2 * (a - y)


def l1_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.abs(a - y).sum())


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.sign(a - y)


def hinge_loss(a, y):
    # hinge = max(0, 1 - y*a), one term per score
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margins = y * a
    return float(np.maximum(0, 1 - margins).sum())


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margins = y * a
    return np.where(margins < 1, -y, 0.0)


def huber_loss(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    small = np.abs(r) <= delta
    h = np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(h.sum() / r.size)


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    small = np.abs(r) <= delta
    g = np.where(small, r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(a @ y / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    cos = a @ y / (na * ny)
    return y / (na * ny) - cos * a / na ** 2
