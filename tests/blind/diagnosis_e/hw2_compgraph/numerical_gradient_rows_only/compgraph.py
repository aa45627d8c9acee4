import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    z = np.zeros(3)
    f = np.zeros(3)
    for j in range(3):
        z[j] = W[j][0] + W[j][1] * x[0] + W[j][2] * x[1]
        f[j] = sigmoid(z[j])
    y_hat = v[0]
    for j in range(3):
        y_hat += v[j + 1] * f[j]
    cache = {"x": x, "f": f, "v": v, "y_hat": float(y_hat)}
    return float(y_hat), cache


def loss(y_hat, y):
    return float((y_hat - y) * (y_hat - y))


def backward(y, cache):
    x, f, v, y_hat = cache["x"], cache["f"], cache["v"], cache["y_hat"]
    dy_hat = 2 * (y_hat - y)
    dv = np.zeros(4)
    dW = np.zeros((3, 3))
    dv[0] = dy_hat
    for j in range(3):
        dv[j + 1] = dy_hat * f[j]
        df = dy_hat * v[j + 1]
        dz = df * f[j] * (1 - f[j])
        dW[j][0] = dz
        dW[j][1] = dz * x[0]
        dW[j][2] = dz * x[1]
    return dW, dv


def batch_gradients(X, Y, W, v):
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(len(X)):
        y_hat, cache = forward(X[i], W, v)
        gW, gv = backward(Y[i], cache)
        dW = dW + gW
        dv = dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    dv = np.zeros(4)
    for i in range(len(X)):
        s, cache = forward(X[i], W, v)
        y_hat = sigmoid(s)
        delta = (y_hat - Y[i]) * y_hat * (1 - y_hat)
        dv[0] += delta
        for j in range(3):
            dv[j + 1] += delta * cache["f"][j]
    return dv
