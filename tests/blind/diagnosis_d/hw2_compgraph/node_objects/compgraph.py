"""The 2-3-1 network as a graph of small node objects.

Each node remembers its inputs in forward and, in backward, turns the
gradient arriving from above into gradients for its inputs.
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

    def backward(self, up):
        return up * self.b, up * self.a


class Add:
    def forward(self, *terms):
        self.n = len(terms)
        return sum(terms)

    def backward(self, up):
        return (up,) * self.n


class Sigmoid:
    def forward(self, z):
        self.out = float(sigmoid(z))
        return self.out

    def backward(self, up):
        return up * self.out * (1.0 - self.out)


class Square:
    def forward(self, y_hat, y):
        self.d = y_hat - y
        return self.d ** 2

    def backward(self, up=1.0):
        return up * 2.0 * self.d


class Graph:
    """One example through the network; the cache handed to backward."""

    def __init__(self, x, W, v):
        self.x = np.asarray(x, dtype=float)
        self.W = np.asarray(W, dtype=float)
        self.v = np.asarray(v, dtype=float)
        self.units = []
        hs = []
        for j in range(3):
            mp, mq, add, sig, mh = Mul(), Mul(), Add(), Sigmoid(), Mul()
            p = mp.forward(self.W[j, 1], self.x[0])
            q = mq.forward(self.W[j, 2], self.x[1])
            z = add.forward(self.W[j, 0], p, q)
            f = sig.forward(z)
            hs.append(mh.forward(self.v[j + 1], f))
            self.units.append((mp, mq, add, sig, mh))
        self.out_add = Add()
        self.y_hat = float(self.out_add.forward(self.v[0], *hs))

    def backward(self, y):
        sq = Square()
        sq.forward(self.y_hat, float(y))
        d_yhat = sq.backward()
        grads = self.out_add.backward(d_yhat)
        dv = np.zeros(4)
        dW = np.zeros((3, 3))
        dv[0] = grads[0]
        for j, (mp, mq, add, sig, mh) in enumerate(self.units):
            d_vj, d_f = mh.backward(grads[j + 1])
            dv[j + 1] = d_vj
            d_z = sig.backward(d_f)
            d_w0, d_p, d_q = add.backward(d_z)
            dW[j, 0] = d_w0
            dW[j, 1] = mp.backward(d_p)[0]
            dW[j, 2] = mq.backward(d_q)[0]
        return dW, dv


def forward(x, W, v):
    g = Graph(x, W, v)
    return g.y_hat, g


def loss(y_hat, y):
    s = Square()
    return float(s.forward(float(y_hat), float(y)))


def backward(y, cache):
    return cache.backward(y)


def batch_gradients(X, Y, W, v):
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        gW, gv = backward(y, forward(x, W, v)[1])
        dW, dv = dW + gW, dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        g = Graph(x, W, v)
        s = g.y_hat                              # the old linear output is the new pre-activation
        out_node = Sigmoid()
        out = out_node.forward(s)
        d_s = out_node.backward(out - y)         # E = 1/2 (out - y)^2 -> dE/dout = out - y
        f = np.array([unit[3].out for unit in g.units])
        dv += d_s * np.concatenate(([1.0], f))
    return dv
