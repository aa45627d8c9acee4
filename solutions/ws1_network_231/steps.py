"""The 2-3-1 network of seeds 001 and 004, forward and backward by hand, node by node.

Inputs x = (x1, x2) and a target y; a hidden layer of three sigmoid units with
weights W (row j: w_j0 the bias, w_j1, w_j2); a linear output
y_hat = v0 + v1 f1 + v2 f2 + v3 f3; the loss L = (y_hat - y)^2.
Each function is one step of the sheet; its parameters are the inputs and the
earlier steps it is computed from.
"""
import numpy as np


def draw(rng):
    """Numbers a student can carry by hand: one decimal for x and y, two for the weights."""
    def pick(low, high, decimals, least, size=None):
        value = np.round(rng.uniform(low, high, size=size), decimals)
        while np.any(np.abs(value) < least):
            value = np.where(np.abs(value) < least, np.round(rng.uniform(low, high, size=size), decimals), value)
        return value
    return {"x": pick(-2.0, 2.0, 1, 0.3, 2), "y": pick(-2.0, 2.0, 1, 0.3),
            "W": pick(-1.0, 1.0, 2, 0.1, (3, 3)), "v": pick(-1.0, 1.0, 2, 0.1, 4)}


def degenerate(values):
    """No saturated hidden unit, and a prediction clearly off its target."""
    if np.any(values["f"] < 0.05) or np.any(values["f"] > 0.95):
        return "a hidden sigmoid is saturated"
    if abs(float(values["y_hat"] - values["y"])) < 0.2:
        return "the prediction is too near its target"
    return None


def z(W, x):
    """z: the hidden units' inputs, z_j = w_j0 + w_j1 x1 + w_j2 x2 for j = 1, 2, 3 (3 numbers)."""
    return W @ np.concatenate([[1.0], x])


def f(z):
    """f: the hidden units' outputs, f_j = sigmoid(z_j) (3 numbers)."""
    return 1.0 / (1.0 + np.exp(-z))


def y_hat(v, f):
    """y_hat: the network's output, v0 + v1 f1 + v2 f2 + v3 f3 (1 number)."""
    return v[0] + v[1:] @ f


def L(y_hat, y):
    """L: the loss (y_hat - y)^2 (1 number)."""
    return (y_hat - y) ** 2


def dL_dy_hat(y_hat, y):
    """dL_dy_hat: dL/dy_hat (1 number)."""
    return 2.0 * (y_hat - y)


def dL_dv(dL_dy_hat, f):
    """dL_dv: dL/dv0, dL/dv1, dL/dv2, dL/dv3 (4 numbers)."""
    return dL_dy_hat * np.concatenate([[1.0], f])


def dL_df(dL_dy_hat, v):
    """dL_df: dL/df_j for j = 1, 2, 3 (3 numbers)."""
    return dL_dy_hat * v[1:]


def dL_dz(dL_df, f):
    """dL_dz: dL/dz_j for j = 1, 2, 3 (3 numbers)."""
    return dL_df * f * (1.0 - f)


def dL_dW(dL_dz, x):
    """dL_dW: dL/dw_jk, a row per hidden unit j: dL/dw_j0, dL/dw_j1, dL/dw_j2 (3 rows of 3)."""
    return np.outer(dL_dz, np.concatenate([[1.0], x]))


MISTAKES = {  # what a step is when a mistake the catalog names is made (misconceptions.yaml)
    "dL_dz": {"sigmoid_derivative_at_the_input": lambda dL_df, z: dL_df * z * (1.0 - z)},
    "dL_dv": {"bias_gradient_left_out": lambda dL_dy_hat, f: dL_dy_hat * np.concatenate([[0.0], f])},
}
