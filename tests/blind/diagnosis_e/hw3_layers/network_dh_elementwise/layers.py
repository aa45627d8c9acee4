import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return x @ W.T + b, {"x": x, "W": W}


def affine_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    return dout @ cache["W"], dout.T @ cache["x"], dout.sum(axis=0)


def _sig(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    s = _sig(x)
    return s, {"s": s}


def sigmoid_backward(dout, cache):
    s = cache["s"]
    return np.asarray(dout, dtype=float) * s * (1 - s)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(((y_hat - y) ** 2).sum()), 2 * (y_hat - y)


def two_layer_forward(X, params):
    X = np.asarray(X, dtype=float)
    z1 = X @ params["W1"].T + params["b1"]
    h = _sig(z1)
    z2 = h @ params["W2"].T + params["b2"]
    y_hat = _sig(z2)
    return y_hat, {"X": X, "h": h, "y_hat": y_hat}


def two_layer_loss_and_grads(X, Y, params):
    """Backward pass written out as in the worked example's table."""
    y_hat, c = two_layer_forward(X, params)
    X, h = c["X"], c["h"]
    W2 = np.asarray(params["W2"], dtype=float)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = dy_hat * y_hat * (1 - y_hat)          # dz2 = dy_hat . y_hat (1 - y_hat)
    db2 = dz2.sum(axis=0)                       # db2 = dz2
    dW2 = dz2.T @ h                             # dW2 = dz2 . h
    dh = dz2 * W2                               # dh  = dz2 . W2
    dz1 = dh * h * (1 - h)                      # dz1 = dh . h (1 - h)
    db1 = dz1.sum(axis=0)
    dW1 = dz1.T @ X                             # dW1 row j = dz1[j] . x
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
