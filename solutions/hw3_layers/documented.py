"""Documented cases and handout numbers of hw3_layers, computed by the reference.

Two worked networks, each a batch of one example:

- seed 002: a 3-2-1 network with biases;
- seed 003: a 4-2-1 network without biases whose hidden units see disjoint
  inputs (unit 1 sees x1, x2; unit 2 sees x3, x4), written as a W1 with zeros
  and zero biases. The seed's data says w5 = 0.2 while its arithmetic uses
  w5 = -0.2: the documented case uses the data (w5 = 0.2), and the variant
  "seed003_w5_neg" gives the results for w5 = -0.2.

Every array is stored with the shapes the functions use: X (1, D), Y (1, K),
activations (1, units), W (fan_out, fan_in), b (fan_out,).
"""

import numpy as np


def _network(ref, X, Y, params):
    """Every intermediate and gradient of the two-layer net, layer by layer."""
    L = ref.layers
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = {k: np.asarray(v, dtype=float) for k, v in params.items()}

    z1, c1 = L.affine_forward(X, params["W1"], params["b1"])
    h, c2 = L.sigmoid_forward(z1)
    z2, c3 = L.affine_forward(h, params["W2"], params["b2"])
    y_hat, c4 = L.sigmoid_forward(z2)
    loss, dy_hat = L.l2_loss(y_hat, Y)
    dz2 = L.sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = L.affine_backward(dz2, c3)
    dz1 = L.sigmoid_backward(dh, c2)
    dX, dW1, db1 = L.affine_backward(dz1, c1)

    net_loss, grads = L.two_layer_loss_and_grads(X, Y, params)
    net_y_hat, _ = L.two_layer_forward(X, params)
    # The composed functions must agree with the layer-by-layer computation.
    assert np.allclose(net_y_hat, y_hat, rtol=1e-12, atol=0)
    assert np.isclose(net_loss, loss, rtol=1e-12, atol=0)
    for k, v in {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.items():
        assert np.allclose(grads[k], v, rtol=1e-12, atol=1e-300)

    return {
        "X": X,
        "Y": Y,
        "params": params,
        "forward": {"z1": z1, "h": h, "z2": z2, "y_hat": y_hat},
        "loss": loss,
        "backward": {"dy_hat": dy_hat, "dz2": dz2, "dh": dh, "dz1": dz1, "dX": dX},
        "grads": {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2},
    }


def seed002_params():
    return {
        "W1": [[-0.06, -0.14, -0.43],
               [0.29, 0.0, -0.12]],
        "b1": [0.05, -0.22],
        "W2": [[-0.59, -0.14]],
        "b2": [-0.23],
    }


def seed003_params(w5):
    return {
        "W1": [[-1.7, 0.1, 0.0, 0.0],
               [0.0, 0.0, -0.6, -1.8]],
        "b1": [0.0, 0.0],
        "W2": [[w5, 0.5]],
        "b2": [0.0],
    }


SEED002_X = [[-0.06, -1.38, -0.32]]
SEED002_Y = [[-1.43]]
SEED003_X = [[0.7, 1.2, 1.1, 2.0]]
SEED003_Y = [[0.5]]


def documented(ref):
    return {
        "seed002": _network(ref, SEED002_X, SEED002_Y, seed002_params()),
        "seed003": _network(ref, SEED003_X, SEED003_Y, seed003_params(0.2)),
        "seed003_w5_neg": _network(ref, SEED003_X, SEED003_Y, seed003_params(-0.2)),
    }
