"""hw2_compgraph: the 2-3-1 network as a real computational graph of node objects.

Every node remembers its inputs in forward() and returns the gradients with
respect to its inputs in backward(). The cache of forward() is the graph.
"""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


class Mul:
    def forward(self, a, b):
        self.a, self.b = a, b
        return a * b

    def backward(self, d):
        return d * self.b, d * self.a


class Add:
    def forward(self, *terms):
        self.n = len(terms)
        return sum(terms)

    def backward(self, d):
        return (d,) * self.n


class Sigmoid:
    def forward(self, z):
        self.out = float(sigmoid(z))
        return self.out

    def backward(self, d):
        return d * self.out * (1.0 - self.out)


class Square:
    def forward(self, d):
        self.d = d
        return d * d

    def backward(self, g):
        return 2.0 * self.d * g


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    units = []
    hs = []
    for j in range(3):
        mul1, mul2, plus, sig, mulv = Mul(), Mul(), Add(), Sigmoid(), Mul()
        p = mul1.forward(W[j, 1], x[0])
        q = mul2.forward(W[j, 2], x[1])
        z = plus.forward(W[j, 0], p, q)
        f = sig.forward(z)
        hs.append(mulv.forward(v[j + 1], f))
        units.append((mul1, mul2, plus, sig, mulv))
    out = Add()
    y_hat = float(out.forward(v[0], *hs))
    return y_hat, {"units": units, "out": out, "y_hat": y_hat}


def loss(y_hat, y):
    return float(Square().forward(y_hat - y))


def backward(y, cache):
    sq = Square()
    sq.forward(cache["y_hat"] - y)
    d_yhat = sq.backward(1.0)
    upstream = cache["out"].backward(d_yhat)        # (d v0, d h1, d h2, d h3)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    dv[0] = upstream[0]
    for j, (mul1, mul2, plus, sig, mulv) in enumerate(cache["units"]):
        dvj, df = mulv.backward(upstream[j + 1])
        dv[j + 1] = dvj
        dz = sig.backward(df)
        dw0, dp, dq = plus.backward(dz)
        dw1, _ = mul1.backward(dp)
        dw2, _ = mul2.backward(dq)
        dW[j] = [dw0, dw1, dw2]
    return dW, dv


def batch_gradients(X, Y, W, v):
    pairs = []
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float).ravel()):
        pairs.append(backward(y, forward(x, W, v)[1]))
    dW = sum((p[0] for p in pairs), np.zeros((3, 3)))
    dv = sum((p[1] for p in pairs), np.zeros(4))
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float).ravel()):
        s, graph = forward(x, W, v)                  # s is the old linear output
        out = Sigmoid()
        y_hat = out.forward(s)
        d_s = out.backward(y_hat - y)                # dE_i/ds with E_i = (y_hat - y)^2 / 2
        features = [1.0] + [unit[3].out for unit in graph["units"]]
        dv += d_s * np.array(features)
    return dv
