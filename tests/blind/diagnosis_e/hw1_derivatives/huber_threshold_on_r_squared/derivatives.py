import numpy as np

# --- helpers -------------------------------------------------------------

def _f(v):
    return np.asarray(v, dtype=np.float64)


def _in_quadratic_zone(r, delta):
    # Huber: quadratic part 1/2 r^2 is used while r^2 stays under delta
    return r ** 2 <= delta


# --- activations ----------------------------------------------------------

def sigmoid(x):
    x = _f(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(_f(x))


def tanh_grad(x):
    return 1 - np.tanh(_f(x)) ** 2


def relu(x):
    x = _f(x)
    return np.where(x > 0, x, 0.0)


def relu_grad(x):
    x = _f(x)
    return np.where(x > 0, 1.0, 0.0)


def softmax(z):
    z = _f(z)
    shifted = z - z.max(axis=-1, keepdims=True)
    ex = np.exp(shifted)
    return ex / ex.sum(axis=-1, keepdims=True)


def softmax_jacobian(z):
    p = softmax(z)
    n = p.shape[0]
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            J[i, j] = p[i] * ((1.0 if i == j else 0.0) - p[j])
    return J


# --- losses ---------------------------------------------------------------

def cross_entropy(z, y):
    z, y = _f(z), _f(y)
    m = z.max()
    log_p = z - (m + np.log(np.exp(z - m).sum()))
    return float(-(y * log_p).sum())


def cross_entropy_grad(z, y):
    return softmax(z) - _f(y)


def l2_loss(a, y):
    return float(((_f(a) - _f(y)) ** 2).sum())


def l2_loss_grad(a, y):
    return 2 * (_f(a) - _f(y))


def l1_loss(a, y):
    return float(np.abs(_f(a) - _f(y)).sum())


def l1_loss_grad(a, y):
    return np.sign(_f(a) - _f(y))


def hinge_loss(a, y):
    m = _f(y) @ _f(a)
    return float(max(0.0, 1.0 - m))


def hinge_loss_grad(a, y):
    a, y = _f(a), _f(y)
    return -y if y @ a < 1 else np.zeros_like(a)


def huber_loss(a, y, delta=1.0):
    r = _f(a) - _f(y)
    h = np.where(_in_quadratic_zone(r, delta), 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return float(h.mean())


def huber_loss_grad(a, y, delta=1.0):
    r = _f(a) - _f(y)
    g = np.where(_in_quadratic_zone(r, delta), r, delta * np.sign(r))
    return g / r.size


def cosine_similarity(a, y):
    a, y = _f(a), _f(y)
    den = np.sqrt(a @ a) * np.sqrt(y @ y)
    if den == 0:
        raise ValueError("zero vector")
    return float((a @ y) / den)


def cosine_similarity_grad(a, y):
    a, y = _f(a), _f(y)
    na, ny = np.sqrt(a @ a), np.sqrt(y @ y)
    if na == 0 or ny == 0:
        raise ValueError("zero vector")
    cos = (a @ y) / (na * ny)
    return y / (na * ny) - cos * a / (na * na)
