import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    x1, x2 = x[0], x[1]
    p = W[:, 1] * x1
    q = W[:, 2] * x2
    z = W[:, 0] + p + q
    f = sigmoid(z)
    h = v[1:] * f
    y_hat = float(v[0] + h.sum())
    cache = {"x1": x1, "x2": x2, "f": f, "v": v, "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    f, v = cache["f"], cache["v"]
    d_yhat = 2 * (cache["y_hat"] - y)
    d_h = d_yhat * np.ones(3)
    d_v0 = d_yhat
    d_vj = d_h * f
    d_f = d_h * v[1:]
    d_z = d_f * f * (1 - f)
    d_w0 = d_z
    d_w1 = d_z * cache["x1"]
    d_w2 = d_z * cache["x2"]
    dW = np.column_stack([d_w0, d_w1, d_w2])
    dv = np.concatenate([[d_v0], d_vj])
    return dW, dv


def batch_gradients(X, Y, W, v):
    dW_total = np.zeros((3, 3))
    dv_total = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        _, c = forward(x, W, v)
        dW, dv = backward(y, c)
        dW_total += dW
        dv_total += dv
    return dW_total, dv_total


def sigmoid_output_grad_v(X, Y, W, v):
    v = np.asarray(v, dtype=float)
    dv_total = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        _, c = forward(x, W, v)
        s = c["y_hat"]                 # the linear output is s
        out = float(sigmoid(s))
        d_s = (out - y) * out * (1 - out)
        dv_total += d_s * np.concatenate([[1.0], c["f"]])
    return dv_total
