"""Forward and backward pass of the 2-3-1 network."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    z = np.array([W[j, 0] + W[j, 1] * x[0] + W[j, 2] * x[1] for j in range(3)])
    f = sigmoid(z)
    y_hat = v[0] + v[1] * f[0] + v[2] * f[1] + v[3] * f[2]
    return float(y_hat), {"x": x, "v": v, "f": f, "y_hat": float(y_hat)}


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    x, v, f, y_hat = cache["x"], cache["v"], cache["f"], cache["y_hat"]
    g = 2 * (y_hat - float(y))
    dv = np.array([g, g * f[0], g * f[1], g * f[2]])
    dW = np.zeros((3, 3))
    for j in range(3):
        dz = g * v[j + 1] * f[j] * (1 - f[j])
        dW[j] = [dz, dz * x[0], dz * x[1]]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).ravel()
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for i in range(X.shape[0]):
        _, c = forward(X[i], W, v)
        gW, gv = backward(Y[i], c)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).ravel()
    dv = np.zeros(4)
    for i in range(X.shape[0]):
        s, c = forward(X[i], W, v)
        out = float(sigmoid(s))
        f = c["f"]
        dv += (out - Y[i]) * out * (1 - out) * np.array([1.0, f[0], f[1], f[2]])
    return dv
