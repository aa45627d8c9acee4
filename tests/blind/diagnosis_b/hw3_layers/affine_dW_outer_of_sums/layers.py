import numpy as np


# --- layers.py (hw3) -------------------------------------------------
# shapes: x (N, D), W (M, D), b (M,), out (N, M)


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.einsum('nd,md->nm', x, W) + b
    return out, [x, W, b]


def affine_backward(dout, cache):
    x, W, _ = cache
    dout = np.asarray(dout, dtype=float)
    dx = np.einsum('nm,md->nd', dout, W)
    # W and b are shared by all examples -> their gradients add up over the batch
    dout_total = dout.sum(axis=0)      # (M,)
    x_total = x.sum(axis=0)            # (D,)
    dW = np.outer(dout_total, x_total)
    db = dout_total
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    neg = x < 0
    z = np.exp(np.where(neg, x, -x))           # always exp of something <= 0
    out = np.where(neg, z / (1 + z), 1 / (1 + z))
    return out, [out]


def sigmoid_backward(dout, cache):
    (out,) = cache
    return dout * out * (1 - out)


def l2_loss(y_hat, y):
    d = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(d * d)), 2 * d


def two_layer_forward(X, params):
    caches = []
    z, c = affine_forward(X, params['W1'], params['b1']); caches.append(c)
    h, c = sigmoid_forward(z); caches.append(c)
    z, c = affine_forward(h, params['W2'], params['b2']); caches.append(c)
    y_hat, c = sigmoid_forward(z); caches.append(c)
    return y_hat, caches


def two_layer_loss_and_grads(X, Y, params):
    y_hat, caches = two_layer_forward(X, params)
    loss, d = l2_loss(y_hat, Y)
    d = sigmoid_backward(d, caches[3])
    d, dW2, db2 = affine_backward(d, caches[2])
    d = sigmoid_backward(d, caches[1])
    _, dW1, db1 = affine_backward(d, caches[0])
    return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}
