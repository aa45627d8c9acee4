"""Documented cases and handout numbers of hw2_compgraph, computed by the reference.

The network is the one of seeds 001 and 004: W rows [0.01, 0.02, 0.03],
[0.03, 0.01, 0.02], [0.02, 0.03, 0.01] (bias first), v = [0.01, 0.02, 0.03,
0.04] (bias first), and the three examples x = (1, 2), (1, 3), (2, 2) with
targets y = 8, 11, 10. The seeds round sigmoid to 0.52 and slip in places;
every number here is the reference's, unrounded.

Node names follow the handout's graph: p_j = w_j1 x1, q_j = w_j2 x2,
z_j = w_j0 + p_j + q_j, f_j = sigmoid(z_j), h_j = v_j f_j,
y_hat = v_0 + h_1 + h_2 + h_3, L = (y_hat - y)^2.
"""

import numpy as np

W = [[0.01, 0.02, 0.03],
     [0.03, 0.01, 0.02],
     [0.02, 0.03, 0.01]]
V = [0.01, 0.02, 0.03, 0.04]
X = [[1.0, 2.0], [1.0, 3.0], [2.0, 2.0]]
Y = [8.0, 11.0, 10.0]

# numerical_gradient / numerical_jacobian cases: a NumPy function (by its name
# below numpy) and the point. The expected values are the reference's.
NUMERICAL_GRADIENT = {"function": "prod", "x": [1.0, 2.0, 3.0]}
NUMERICAL_JACOBIAN = {"function": "cumprod", "x": [1.0, 2.0, 3.0]}


def _numpy_function(path):
    obj = np
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _example(cg, x, y, W, v):
    """Every node value and gradient of one example."""
    x = np.asarray(x, dtype=float)
    y_hat, cache = cg.forward(x, W, v)
    dW, dv = cg.backward(y, cache)
    p = W[:, 1] * x[0]
    q = W[:, 2] * x[1]
    z = W[:, 0] + p + q
    f = cg.sigmoid(z)
    h = v[1:] * f
    assert np.isclose(y_hat, v[0] + h.sum(), rtol=1e-13, atol=0)
    d_z = dW[:, 0]                 # dL/dz_j: the bias weight w_j0 enters z_j with factor 1
    return {
        "x": x, "y": float(y),
        "p": p, "q": q, "z": z, "f": f, "h": h,
        "y_hat": y_hat,
        "loss": cg.loss(y_hat, y),
        "d_y_hat": dv[0],          # dL/dy_hat: v_0 enters y_hat with factor 1
        "d_f": d_z / (f * (1.0 - f)),
        "d_z": d_z,
        "dW": dW, "dv": dv,
    }


def documented(ref):
    cg, calc = ref.compgraph, ref.calculus
    W_, v_ = np.array(W), np.array(V)
    X_, Y_ = np.array(X), np.array(Y)

    examples = [_example(cg, x, y, W_, v_) for x, y in zip(X_, Y_)]
    dW, dv = cg.batch_gradients(X_, Y_, W_, v_)

    F = cg.sigmoid(np.hstack([np.ones((3, 1)), X_]) @ W_.T)
    s = v_[0] + F @ v_[1:]
    y_hat_sig = cg.sigmoid(s)

    ng_x = np.array(NUMERICAL_GRADIENT["x"])
    nj_x = np.array(NUMERICAL_JACOBIAN["x"])
    return {
        "network": {"W": W_, "v": v_, "X": X_, "Y": Y_},
        "examples": examples,
        "batch": {
            "loss": sum(e["loss"] for e in examples),
            "dW": dW, "dv": dv,
        },
        "sigmoid_output": {
            "s": s, "y_hat": y_hat_sig,
            "E": 0.5 * float(np.sum((y_hat_sig - Y_) ** 2)),
            "dv": cg.sigmoid_output_grad_v(X_, Y_, W_, v_),
        },
        "calculus": {
            "grad_f": {"x": 1.0, "y": 2.0, "expected": calc.grad_f(1.0, 2.0)},
            "jacobian_F": {"x": 1.0, "y": 2.0, "expected": calc.jacobian_F(1.0, 2.0)},
            "G": {"x": 2.0, "expected": calc.G(2.0)},
            "jacobian_FG": {"x": 2.0, "expected": calc.jacobian_FG(2.0)},
        },
        "numerical": {
            "gradient": {
                **NUMERICAL_GRADIENT,
                "expected": calc.numerical_gradient(_numpy_function(NUMERICAL_GRADIENT["function"]), ng_x),
            },
            "jacobian": {
                **NUMERICAL_JACOBIAN,
                "expected": calc.numerical_jacobian(_numpy_function(NUMERICAL_JACOBIAN["function"]), nj_x),
            },
        },
    }
