import numpy as np


def sigmoid(x):
    """sigmoid, stable: exp only of -|x|."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    result = np.where(x >= 0, 1.0, e) / (1.0 + e)
    return result


def sigmoid_grad(x):
    """s(1-s)"""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    x = np.asarray(x, dtype=float)
    return np.tanh(x)


def tanh_grad(x):
    x = np.asarray(x, dtype=float)
    th = np.tanh(x)
    return 1.0 - th * th


def relu(x):
    x = np.asarray(x, dtype=float)
    return x * (x > 0)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    grad[x > 0] = 1.0
    return grad


def softmax(z):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        e = np.exp(z - z.max())
        return e / e.sum()
    else:
        m = z.max(axis=1).reshape(-1, 1)
        e = np.exp(z - m)
        return e / e.sum(axis=1).reshape(-1, 1)


def softmax_jacobian(z):
    p = softmax(z)
    n = len(p)
    jac = -np.outer(p, p)
    for i in range(n):
        jac[i, i] = p[i] * (1.0 - p[i])
    return jac


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    zmax = z.max()
    log_sum = zmax + np.log(np.exp(z - zmax).sum())
    log_probs = z - log_sum
    return float(-(y * log_probs).sum())


def cross_entropy_grad(z, y):
    y = np.asarray(y, dtype=float)
    return softmax(z) - y


def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(((a - y) ** 2).sum())


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return 2.0 * (a - y)


def l1_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.abs(a - y).sum())


def l1_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.sign(a - y)


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = np.dot(y, a)
    if margin < 1.0:
        return float(1.0 - margin)
    else:
        return 0.0


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = np.dot(y, a)
    if margin < 1.0:
        # derivative of y.a with respect to a is y
        return y.copy()
    else:
        return np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    n = r.size
    quad = np.abs(r) <= delta
    total = (0.5 * r[quad] ** 2).sum() + (delta * (np.abs(r[~quad]) - 0.5 * delta)).sum()
    return float(total / n)


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    n = r.size
    grad = delta * np.sign(r)
    quad = np.abs(r) <= delta
    grad[quad] = r[quad]
    return grad / n


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity undefined for a zero vector")
    return float(np.dot(a, y) / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.linalg.norm(a)
    ny = np.linalg.norm(y)
    if na == 0.0 or ny == 0.0:
        raise ValueError("cosine similarity undefined for a zero vector")
    cos = np.dot(a, y) / (na * ny)
    return y / (na * ny) - cos * a / (na ** 2)
