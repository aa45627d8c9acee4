import numpy as np

# intermediate values of the last forward pass (reused, no new object per call)
_state = {}


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    z = W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1]
    f = sigmoid(z)
    y_hat = float(v[0] + np.sum(v[1:] * f))
    _state["x"] = x
    _state["v"] = v
    _state["f"] = f
    _state["y_hat"] = y_hat
    return y_hat, _state


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    x = cache["x"]
    v = cache["v"]
    f = cache["f"]
    y_hat = cache["y_hat"]
    d_out = 2.0 * (y_hat - y)
    dv = d_out * np.array([1.0, f[0], f[1], f[2]])
    d_z = d_out * v[1:] * f * (1.0 - f)
    dW = np.zeros((3, 3))
    dW[:, 0] = d_z
    dW[:, 1] = d_z * x[0]
    dW[:, 2] = d_z * x[1]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(len(Y)):
        _, cache = forward(X[i], W, v)
        a, b = backward(Y[i], cache)
        dW += a
        dv += b
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dv = np.zeros(4)
    for i in range(len(Y)):
        s, cache = forward(X[i], W, v)
        o = float(sigmoid(s))
        dv += (o - Y[i]) * o * (1.0 - o) * np.array([1.0, *cache["f"]])
    return dv
