import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    result = np.zeros(x.shape)
    flat_x = x.ravel()
    flat_r = result.ravel()
    for i in range(flat_x.size):
        v = flat_x[i]
        if v >= 0:
            flat_r[i] = 1.0 / (1.0 + np.exp(-v))
        else:
            ev = np.exp(v)
            flat_r[i] = ev / (1.0 + ev)
    return flat_r.reshape(x.shape)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    return 1.0 - np.tanh(np.asarray(x, dtype=float)) ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(0.0, x)


def relu_grad(x):
    x = np.asarray(x, dtype=float)
    g = np.zeros(x.shape)
    g[x > 0] = 1.0
    return g


def softmax(z):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        m = np.max(z)
        e = np.exp(z - m)
        return e / np.sum(e)
    out = np.zeros(z.shape)
    for row in range(z.shape[0]):
        m = np.max(z[row])
        e = np.exp(z[row] - m)
        out[row] = e / np.sum(e)
    return out


def softmax_jacobian(z):
    p = softmax(z)
    n = len(p)
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            delta = 1.0 if i == j else 0.0
            J[i, j] = p[i] * (delta - p[j])
    return J


def cross_entropy(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = np.max(z)
    logsumexp = m + np.log(np.sum(np.exp(z - m)))
    total = 0.0
    for i in range(len(z)):
        if y[i] != 0:
            total -= y[i] * (z[i] - logsumexp)
    return float(total)


def cross_entropy_grad(z, y):
    # dL/dz = y - softmax(z)
    p = softmax(z)
    y = np.asarray(y, dtype=float)
    return y - p


def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.sum((a - y) ** 2))


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
    g = np.zeros(a.shape)
    g[a > y] = 1.0
    g[a < y] = -1.0
    return g


def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = 0.0
    for i in range(len(a)):
        margin += y[i] * a[i]
    if margin < 1:
        return float(1 - margin)
    return 0.0


def hinge_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = 0.0
    for i in range(len(a)):
        margin += y[i] * a[i]
    if margin < 1:
        return -y.copy()
    return np.zeros(a.shape)


def huber_loss(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = (a - y).ravel()
    total = 0.0
    for ri in r:
        if abs(ri) <= delta:
            total += 0.5 * ri ** 2
        else:
            total += delta * (abs(ri) - 0.5 * delta)
    return float(total / r.size)


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    n = r.size
    g = np.zeros(r.shape)
    flat_r, flat_g = r.ravel(), g.ravel()
    for i in range(n):
        if abs(flat_r[i]) <= delta:
            flat_g[i] = flat_r[i] / n
        else:
            flat_g[i] = delta * np.sign(flat_r[i]) / n
    return flat_g.reshape(r.shape)


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.sqrt(np.sum(a ** 2))
    ny = np.sqrt(np.sum(y ** 2))
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(np.sum(a * y) / (na * ny))


def cosine_similarity_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    na = np.sqrt(np.sum(a ** 2))
    ny = np.sqrt(np.sum(y ** 2))
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    cos = np.sum(a * y) / (na * ny)
    return y / (na * ny) - cos * a / na ** 2
