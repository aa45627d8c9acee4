"""Documented cases and handout numbers of hw1_derivatives, computed by the reference.

The public tests read the cases (inputs and expected outputs) from
``tests/documented.json``; the handout prints the same numbers. Besides the
cases, the dict holds the tolerances the public and hidden tests use
(``grading``), so the handout states them by construction too (the points come
from the rubric, which the engine passes to the handout as ``rubric``).

Inputs are chosen so that the seed's slips show: an L2 case with a < y (where
2|a - y| has the wrong sign), a Huber case with delta != 1 and |r| > delta
(where the linear branch needs the factor delta), a hinge case exactly at
margin 1, an L1 case with a == y, relu at 0, and logits of size 1e3.
"""

import inspect

import numpy as np

# The tolerances of the tests (public and hidden read them from documented.json).
GRADING = {
    "rtol": 1e-7,          # comparison with the expected values:
    "atol": 1e-12,         #   |got - expected| <= atol + rtol * |expected|
    "fd_eps": 1e-6,        # step of the central differences (f(x+h) - f(x-h)) / 2h
    "fd_threshold": 1e-6,  # max over entries of |a-b| / (|a|+|b|) in a finite-difference check
}


def _elementwise(f, f_grad, x):
    x = np.asarray(x, dtype=float)
    return {"x": x, "value": f(x), "grad": f_grad(x)}


def _loss_case(loss, grad, a, y, **kwargs):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return {"a": a, "y": y, **kwargs, "loss": loss(a, y, **kwargs), "grad": grad(a, y, **kwargs)}


def _hinge_case(d, a, y):
    case = _loss_case(d.hinge_loss, d.hinge_loss_grad, a, y)
    case["margin"] = float(np.dot(case["y"], case["a"]))  # y.a, printed by the handout
    return case


def documented(ref):
    d = ref.derivatives

    softmax_z = np.array([1.0, 2.0, 3.0])
    softmax_Z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0], [0.5, 0.5, 0.5]])
    softmax_z_large = np.array([1000.0, 1001.0, 1002.0])
    softmax_Z_large = np.array([[-1000.0, 0.0, 1000.0], [800.0, 800.0, 800.0]])

    return {
        "grading": dict(GRADING),
        # (1a)-(1c) activations, elementwise. The seed's forward pass of Part B
        # evaluates sigmoid at 0.3844 and -0.644.
        "sigmoid": _elementwise(d.sigmoid, d.sigmoid_grad,
                                [-10000.0, -2.0, -0.644, 0.0, 0.3844, 2.0, 10000.0]),
        "tanh": _elementwise(d.tanh, d.tanh_grad, [-3.0, -1.0, 0.0, 0.5, 2.0]),
        "relu": _elementwise(d.relu, d.relu_grad, [-1.5, 0.0, 0.7, 3.0]),
        "softmax": {
            "z": softmax_z, "p": d.softmax(softmax_z),
            "Z": softmax_Z, "P": d.softmax(softmax_Z),
            "z_large": softmax_z_large, "p_large": d.softmax(softmax_z_large),
            "Z_large": softmax_Z_large, "P_large": d.softmax(softmax_Z_large),
        },
        "softmax_jacobian": {"z": softmax_z, "p": d.softmax(softmax_z),
                             "J": d.softmax_jacobian(softmax_z)},
        "cross_entropy": {"cases": [
            {"z": np.asarray(z, dtype=float), "y": np.asarray(y, dtype=float),
             "loss": d.cross_entropy(z, y), "grad": d.cross_entropy_grad(z, y)}
            for z, y in [
                ([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]),
                ([1.0, 2.0, 3.0], [0.0, 0.0, 1.0]),
                ([1000.0, 0.0, -1000.0], [0.0, 0.0, 1.0]),
            ]
        ]},
        "l2": {"cases": [
            # a < y in the first two entries: 2 (a - y) is negative there, 2|a - y| is not.
            _loss_case(d.l2_loss, d.l2_loss_grad, [0.5, -1.0, 2.0], [1.0, 0.0, 0.5]),
            # the seed's network output and target (y_hat = 0.3443, y = -1.43)
            _loss_case(d.l2_loss, d.l2_loss_grad, [0.3443], [-1.43]),
        ]},
        "l1": {"cases": [
            _loss_case(d.l1_loss, d.l1_loss_grad, [0.5, -1.0, 2.0, 0.3], [1.0, 0.0, 0.5, 0.3]),
        ]},
        "hinge": {"cases": [
            _hinge_case(d, a, [1.0, -1.0, 1.0])
            for a in (
                [0.2, 0.1, -0.3],    # y.a = -0.2
                [0.3, -0.2, 0.1],    # y.a = 0.6
                [0.5, -0.25, 0.25],  # y.a = 1 exactly: on the margin, gradient 0
                [2.0, -1.0, 0.5],    # y.a = 3.5
            )
        ]},
        "huber": {
            "default_delta": inspect.signature(d.huber_loss).parameters["delta"].default,
            "cases": [
                # r = a - y = [-0.5, -1, 1.5, 0]: with delta = 0.5 one residual on the
                # boundary and two beyond it, where the slope is delta, not 1
                _loss_case(d.huber_loss, d.huber_loss_grad, [0.5, -1.0, 2.0, 0.3], [1.0, 0.0, 0.5, 0.3]),
                _loss_case(d.huber_loss, d.huber_loss_grad, [0.5, -1.0, 2.0, 0.3], [1.0, 0.0, 0.5, 0.3],
                           delta=0.5),
            ],
        },
        "cosine": {"cases": [
            # the seed's setting: y one-hot
            _loss_case(d.cosine_similarity, d.cosine_similarity_grad, [1.0, 2.0, 2.0], [0.0, 1.0, 0.0]),
            _loss_case(d.cosine_similarity, d.cosine_similarity_grad, [3.0, 4.0], [4.0, 3.0]),
        ]},
    }
