import numpy as np

# ---- hw2: computational graph of the 2-3-1 net ----
# W rows = [w_j0, w_j1, w_j2] (bias first), v = [v0, v1, v2, v3]


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, float)
    W = np.asarray(W, float)
    v = np.asarray(v, float)
    xb = np.hstack([1.0, x])          # [1, x1, x2]
    z = W.dot(xb)
    f = sigmoid(z)
    fb = np.hstack([1.0, f])          # [1, f1, f2, f3]
    yh = float(v.dot(fb))
    return yh, {"xb": xb, "f": f, "fb": fb, "v": v, "yh": yh}


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    xb, f, fb, v, yh = cache["xb"], cache["f"], cache["fb"], cache["v"], cache["yh"]
    dyh = 2.0 * (yh - y)
    dv = dyh * fb
    dz = dyh * v[1:] * f * (1.0 - f)
    # dL/dw = input * delta
    dW = np.outer(xb, dz)
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, float)
    Y = np.asarray(Y, float)
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for xi, yi in zip(X, Y):
        _, c = forward(xi, W, v)
        gW, gv = backward(yi, c)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, float)
    Y = np.asarray(Y, float)
    W = np.asarray(W, float)
    v = np.asarray(v, float)
    dv = np.zeros(4)
    for xi, yi in zip(X, Y):
        fb = np.hstack([1.0, sigmoid(W.dot(np.hstack([1.0, xi])))])
        o = float(sigmoid(v.dot(fb)))
        dv += (o - yi) * o * (1.0 - o) * fb
    return dv
