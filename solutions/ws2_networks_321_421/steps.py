"""Two networks by hand, forward and backward: seed 002's 3-2-1 network with biases (part A)
and seed 003's 4-2-1 network without biases (part B). Sigmoid units throughout, squared error.

Part A: inputs x = (x1, x2, x3), target y; hidden unit j has weights W1[j] and bias b1[j];
the output unit has weights w2 = (w2_1, w2_2) and bias b2; L = (a_out - y)^2.
Part B: inputs u = (u1, u2, u3, u4), target t, weights w = (w1, ..., w6): h1 sees u1, u2
through w1, w2; h2 sees u3, u4 through w3, w4; y_hat = sigmoid(w5 h1 + w6 h2); E = (y_hat - t)^2.
"""
import numpy as np


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def draw(rng):
    """Two decimals for every number, none of them near 0."""
    def pick(size=None, low=-1.5, high=1.5, least=0.05):
        value = np.round(rng.uniform(low, high, size=size), 2)
        while np.any(np.abs(value) < least):
            value = np.where(np.abs(value) < least, np.round(rng.uniform(low, high, size=size), 2), value)
        return value
    return {"x": pick(3), "y": pick(low=0.05, high=0.95), "W1": pick((2, 3)), "b1": pick(2), "w2": pick(2),
            "b2": pick(), "u": pick(4), "t": pick(low=0.05, high=0.95), "w": pick(6)}


def degenerate(values):
    """No saturated unit, outputs clearly off their targets."""
    for name in ("a_hidden", "a_out", "h", "y_hat"):
        if np.any(values[name] < 0.05) or np.any(values[name] > 0.95):
            return f"{name} is saturated"
    if abs(float(values["a_out"] - values["y"])) < 0.1 or abs(float(values["y_hat"] - values["t"])) < 0.1:
        return "an output is too near its target"
    return None


# -- part A: the 3-2-1 network of seed 002 ------------------------------------------------

def z_hidden(W1, x, b1):
    """z_hidden: part A's hidden inputs, z_j = W1[j] . x + b1[j] for j = 1, 2 (2 numbers)."""
    return W1 @ x + b1


def a_hidden(z_hidden):
    """a_hidden: part A's hidden outputs, a_j = sigmoid(z_j) (2 numbers)."""
    return _sigmoid(z_hidden)


def z_out(w2, a_hidden, b2):
    """z_out: part A's output unit's input, w2_1 a_1 + w2_2 a_2 + b2 (1 number)."""
    return w2 @ a_hidden + b2


def a_out(z_out):
    """a_out: part A's output, sigmoid(z_out) (1 number)."""
    return _sigmoid(z_out)


def L(a_out, y):
    """L: part A's loss (a_out - y)^2 (1 number)."""
    return (a_out - y) ** 2


def dL_da_out(a_out, y):
    """dL_da_out: dL/da_out (1 number)."""
    return 2.0 * (a_out - y)


def dL_dz_out(dL_da_out, a_out):
    """dL_dz_out: dL/dz_out (1 number)."""
    return dL_da_out * a_out * (1.0 - a_out)


def dL_dw2(dL_dz_out, a_hidden):
    """dL_dw2: dL/dw2_1, dL/dw2_2 (2 numbers)."""
    return dL_dz_out * a_hidden


def dL_db2(dL_dz_out):
    """dL_db2: dL/db2 (1 number)."""
    return dL_dz_out


def dL_da_hidden(dL_dz_out, w2):
    """dL_da_hidden: dL/da_j for j = 1, 2 (2 numbers)."""
    return dL_dz_out * w2


def dL_dz_hidden(dL_da_hidden, a_hidden):
    """dL_dz_hidden: dL/dz_j for j = 1, 2 (2 numbers)."""
    return dL_da_hidden * a_hidden * (1.0 - a_hidden)


def dL_dW1(dL_dz_hidden, x):
    """dL_dW1: dL/dW1, a row per hidden unit j: dL/dW1[j, 1], dL/dW1[j, 2], dL/dW1[j, 3] (2 rows of 3)."""
    return np.outer(dL_dz_hidden, x)


def dL_db1(dL_dz_hidden):
    """dL_db1: dL/db1_j for j = 1, 2 (2 numbers)."""
    return dL_dz_hidden


# -- part B: the 4-2-1 network of seed 003 ------------------------------------------------

def s(w, u):
    """s: part B's hidden inputs, s1 = w1 u1 + w2 u2 and s2 = w3 u3 + w4 u4 (2 numbers)."""
    return np.array([w[0] * u[0] + w[1] * u[1], w[2] * u[2] + w[3] * u[3]])


def h(s):
    """h: part B's hidden outputs, h_j = sigmoid(s_j) (2 numbers)."""
    return _sigmoid(s)


def s3(w, h):
    """s3: part B's output unit's input, w5 h1 + w6 h2 (1 number)."""
    return w[4] * h[0] + w[5] * h[1]


def y_hat(s3):
    """y_hat: part B's output, sigmoid(s3) (1 number)."""
    return _sigmoid(s3)


def E(y_hat, t):
    """E: part B's loss (y_hat - t)^2 (1 number)."""
    return (y_hat - t) ** 2


def dE_dy_hat(y_hat, t):
    """dE_dy_hat: dE/dy_hat (1 number)."""
    return 2.0 * (y_hat - t)


def dE_ds3(dE_dy_hat, y_hat):
    """dE_ds3: dE/ds3 (1 number)."""
    return dE_dy_hat * y_hat * (1.0 - y_hat)


def dE_dw56(dE_ds3, h):
    """dE_dw56: dE/dw5, dE/dw6 (2 numbers)."""
    return dE_ds3 * h


def dE_dh(dE_ds3, w):
    """dE_dh: dE/dh1, dE/dh2 (2 numbers)."""
    return dE_ds3 * w[4:6]


def dE_ds(dE_dh, h):
    """dE_ds: dE/ds1, dE/ds2 (2 numbers)."""
    return dE_dh * h * (1.0 - h)


def dE_dw1234(dE_ds, u):
    """dE_dw1234: dE/dw1, dE/dw2, dE/dw3, dE/dw4 (4 numbers)."""
    return np.array([dE_ds[0] * u[0], dE_ds[0] * u[1], dE_ds[1] * u[2], dE_ds[1] * u[3]])


MISTAKES = {  # what a step is when a mistake the catalog names is made (misconceptions.yaml)
    "dL_dz_hidden": {"sigmoid_derivative_at_the_input": lambda dL_da_hidden, z_hidden:
                     dL_da_hidden * z_hidden * (1.0 - z_hidden)},
    "dE_ds": {"sigmoid_derivative_at_the_input": lambda dE_dh, s: dE_dh * s * (1.0 - s)},
    "dL_dz_out": {"output_sigmoid_derivative_missing": lambda dL_da_out: dL_da_out},
    "dE_ds3": {"output_sigmoid_derivative_missing": lambda dE_dy_hat: dE_dy_hat},
}
