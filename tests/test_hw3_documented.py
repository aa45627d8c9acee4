"""hw3_layers: the documented values (handout numbers) checked by other means.

documented(ref) computes every handout number with the reference solution.
Here they are recomputed independently: a scalar hand computation in plain
Python (math, one neuron at a time, in the seeds' own notation), central finite
differences of a plain-Python loss, facts read off the source documents, and
autograd (torch) when it is installed.
"""

import json
import math
import pathlib

import numpy as np
import pytest

from grader.assignment import load_reference
from grader.staff.authoring import values_differ
from conftest import load_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "hw3_layers"
ASSIGNMENT = ROOT / "assignments" / "hw3_layers"
CASES = ["seed002", "seed003", "seed003_w5_neg"]


_load_module = load_module


def _reference():
    return load_reference("hw3_layers")


@pytest.fixture(scope="module")
def doc():
    documented = _load_module("hw3_documented", SOLUTION / "documented.py").documented
    return documented(_reference())


def _sig(t):
    return 1.0 / (1.0 + math.exp(-t))


# ------------------------------------------------------ plain-Python networks

def _loss(x, y, W1, b1, W2, b2):
    """The 2-layer net's loss for one example, in plain Python lists."""
    h = [_sig(sum(w * xi for w, xi in zip(row, x)) + b) for row, b in zip(W1, b1)]
    out = [_sig(sum(w * hi for w, hi in zip(row, h)) + b) for row, b in zip(W2, b2)]
    return sum((o - t) ** 2 for o, t in zip(out, y))


def _inputs(case):
    p = case["params"]
    return ([float(v) for v in np.ravel(case["X"])], [float(v) for v in np.ravel(case["Y"])],
            np.asarray(p["W1"], float).tolist(), np.asarray(p["b1"], float).tolist(),
            np.asarray(p["W2"], float).tolist(), np.asarray(p["b2"], float).tolist())


def _fd_grads(case, eps=1e-6):
    """Central differences of the plain-Python loss w.r.t. every parameter and x."""
    args = list(_inputs(case))
    names = {"X": 0, "W1": 2, "b1": 3, "W2": 4, "b2": 5}
    grads = {}
    for key, i in names.items():
        value = np.array(args[i], dtype=float)
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            for sign in (1, -1):
                v = value.copy()
                v[idx] += sign * eps
                a = list(args)
                a[i] = v.tolist()
                g[idx] += sign * _loss(*a) / (2 * eps)
        grads[key] = g
    return grads


def _hand_002(x, y, W1, b1, W2, b2):
    """Seed 002 in its own notation: w_ij^1 from input i into hidden unit j, v_j = w_j1^2."""
    x1, x2, x3 = x
    (w11, w21, w31), (w12, w22, w32) = W1
    b11, b21 = b1
    (v1, v2), = W2
    c, = b2
    z1 = w11 * x1 + w21 * x2 + w31 * x3 + b11
    z2 = w12 * x1 + w22 * x2 + w32 * x3 + b21
    a1, a2 = _sig(z1), _sig(z2)
    z = v1 * a1 + v2 * a2 + c
    a = _sig(z)
    loss = (a - y) ** 2
    delta = 2 * (a - y) * a * (1 - a)                  # dL/dz
    d1 = delta * v1 * a1 * (1 - a1)                    # dL/dz1
    d2 = delta * v2 * a2 * (1 - a2)                    # dL/dz2
    return {
        "z1": [z1, z2], "h": [a1, a2], "z2": [z], "y_hat": [a], "loss": loss,
        "dy_hat": [2 * (a - y)], "dz2": [delta], "dh": [delta * v1, delta * v2], "dz1": [d1, d2],
        "W1": [[d1 * x1, d1 * x2, d1 * x3], [d2 * x1, d2 * x2, d2 * x3]],
        "b1": [d1, d2], "W2": [[delta * a1, delta * a2]], "b2": [delta],
        "dX": [d1 * w11 + d2 * w12, d1 * w21 + d2 * w22, d1 * w31 + d2 * w32],
    }


def _hand_003(w5):
    """Seed 003 in its own notation: h1 sees x1, x2 (w1, w2), h2 sees x3, x4 (w3, w4), output w5, w6."""
    x1, x2, x3, x4 = 0.7, 1.2, 1.1, 2.0
    y = 0.5
    w1, w2, w3, w4, w6 = -1.7, 0.1, -0.6, -1.8, 0.5
    s1 = x1 * w1 + x2 * w2
    s2 = x3 * w3 + x4 * w4
    h1, h2 = _sig(s1), _sig(s2)
    s3 = h1 * w5 + h2 * w6
    yh = _sig(s3)
    E = (yh - y) ** 2
    dE_ds3 = 2 * (yh - y) * yh * (1 - yh)
    dE_ds1 = dE_ds3 * w5 * h1 * (1 - h1)
    dE_ds2 = dE_ds3 * w6 * h2 * (1 - h2)
    xs = [x1, x2, x3, x4]
    return {
        "z1": [s1, s2], "h": [h1, h2], "z2": [s3], "y_hat": [yh], "loss": E,
        "dy_hat": [2 * (yh - y)], "dz2": [dE_ds3], "dh": [dE_ds3 * w5, dE_ds3 * w6], "dz1": [dE_ds1, dE_ds2],
        # the dense gradient: also the entries of W1 that are 0 (absent connections)
        "W1": [[dE_ds1 * xi for xi in xs], [dE_ds2 * xi for xi in xs]],
        "b1": [dE_ds1, dE_ds2], "W2": [[dE_ds3 * h1, dE_ds3 * h2]], "b2": [dE_ds3],
        "dX": [dE_ds1 * w1, dE_ds1 * w2, dE_ds2 * w3, dE_ds2 * w4],
        "dw1": dE_ds1 * x1,
    }


def _where(case, key):
    for part in ("forward", "backward", "grads"):
        if key in case[part]:
            return case[part][key]
    return case[key]


def _hand(name):
    if name == "seed002":
        x = [-0.06, -1.38, -0.32]
        W1 = [[-0.06, -0.14, -0.43], [0.29, 0.0, -0.12]]
        return _hand_002(x, -1.43, W1, [0.05, -0.22], [[-0.59, -0.14]], [-0.23])
    return _hand_003(0.2 if name == "seed003" else -0.2)


# ---------------------------------------------------------------------- tests

@pytest.mark.parametrize("name", CASES)
def test_documented_inputs_are_the_seeds(doc, name):
    c = doc[name]
    if name == "seed002":
        np.testing.assert_array_equal(c["X"], [[-0.06, -1.38, -0.32]])
        np.testing.assert_array_equal(c["Y"], [[-1.43]])
        np.testing.assert_array_equal(c["params"]["W1"], [[-0.06, -0.14, -0.43], [0.29, 0.0, -0.12]])
        np.testing.assert_array_equal(c["params"]["b1"], [0.05, -0.22])
        np.testing.assert_array_equal(c["params"]["W2"], [[-0.59, -0.14]])
        np.testing.assert_array_equal(c["params"]["b2"], [-0.23])
    else:
        np.testing.assert_array_equal(c["X"], [[0.7, 1.2, 1.1, 2.0]])
        np.testing.assert_array_equal(c["Y"], [[0.5]])
        np.testing.assert_array_equal(c["params"]["W1"], [[-1.7, 0.1, 0, 0], [0, 0, -0.6, -1.8]])
        np.testing.assert_array_equal(c["params"]["b1"], [0, 0])
        np.testing.assert_array_equal(c["params"]["W2"], [[0.2 if name == "seed003" else -0.2, 0.5]])
        np.testing.assert_array_equal(c["params"]["b2"], [0])


@pytest.mark.parametrize("name", CASES)
def test_documented_values_match_scalar_hand_computation(doc, name):
    case, hand = doc[name], _hand(name)
    keys = ["z1", "h", "z2", "y_hat", "loss", "dy_hat", "dz2", "dh", "dz1", "dX", "W1", "b1", "W2", "b2"]
    for key in keys:
        got = np.asarray(_where(case, key), dtype=float)
        want = np.asarray(hand[key], dtype=float)
        if key not in ("loss", "b1", "b2", "W1", "W2"):
            want = want.reshape(1, -1)          # activations of a batch of one
        assert got.shape == want.shape, (name, key, got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-17, err_msg=f"{name}: {key}")


@pytest.mark.parametrize("name", CASES)
def test_documented_gradients_match_finite_differences(doc, name):
    case = doc[name]
    fd = _fd_grads(case)
    for key in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(case["grads"][key], fd[key], rtol=1e-6, atol=1e-10, err_msg=f"{name}: d{key}")
    np.testing.assert_allclose(case["backward"]["dX"], fd["X"].reshape(1, -1), rtol=1e-6, atol=1e-10,
                               err_msg=f"{name}: dX")
    assert math.isclose(case["loss"], _loss(*_inputs(case)), rel_tol=1e-12)


def test_seed_002_source_values_that_are_right(doc):
    # The source's forward pass is right to the digits it shows.
    c = doc["seed002"]
    assert round(c["forward"]["z1"][0][0], 4) == 0.3844
    assert round(c["forward"]["z1"][0][1], 4) == -0.199
    assert round(c["forward"]["h"][0][0], 4) == 0.5949
    assert round(c["forward"]["h"][0][1], 4) == 0.4504
    assert round(c["forward"]["z2"][0][0], 3) == -0.644
    assert round(c["forward"]["y_hat"][0][0], 4) == 0.3443
    assert round(c["loss"], 3) == 3.148
    assert round(c["grads"]["b2"][0], 4) == 0.8012  # source: 0.8011 (rounded intermediates)
    assert round(c["grads"]["b1"][0], 4) == -0.1139
    assert round(c["grads"]["b1"][1], 4) == -0.0278
    assert c["grads"]["W1"][1][1] != 0  # W1[1, 1] = 0 still has a gradient


def test_seed_003_source_slips_are_corrected(doc):
    c, neg = doc["seed003"], doc["seed003_w5_neg"]
    # Forward values the source gets right (its s3 and y_hat use w5 = -0.2).
    assert round(c["forward"]["z1"][0][0], 2) == -1.07
    assert round(c["forward"]["z1"][0][1], 2) == -4.26
    assert round(c["forward"]["h"][0][0], 3) == 0.255
    assert round(c["forward"]["h"][0][1], 4) == 0.0139
    assert round(neg["forward"]["y_hat"][0][0], 4) == 0.4890  # source: 0.4889
    # Its final dE/dw1 = -0.0014 is wrong for either sign of w5.
    for case, w5 in ((c, 0.2), (neg, -0.2)):
        dw1 = case["grads"]["W1"][0][0]
        assert dw1 > 0
        assert not math.isclose(dw1, -0.0014, rel_tol=0.5)
        assert math.isclose(dw1, _hand_003(w5)["dw1"], rel_tol=1e-12)
    # and the entries of W1 that are 0 get a nonzero (dense) gradient
    W1 = np.asarray(c["params"]["W1"])
    assert np.all(np.asarray(c["grads"]["W1"])[W1 == 0] != 0)


def test_documented_values_match_torch_autograd(doc):
    torch = pytest.importorskip("torch")
    for name in CASES:
        case = doc[name]
        X = torch.tensor(np.asarray(case["X"], float), dtype=torch.float64)
        Y = torch.tensor(np.asarray(case["Y"], float), dtype=torch.float64)
        p = {k: torch.tensor(np.asarray(v, float), dtype=torch.float64, requires_grad=True)
             for k, v in case["params"].items()}
        y_hat = torch.sigmoid(torch.sigmoid(X @ p["W1"].T + p["b1"]) @ p["W2"].T + p["b2"])
        loss = ((y_hat - Y) ** 2).sum()
        loss.backward()
        assert math.isclose(case["loss"], loss.item(), rel_tol=1e-12)
        for k in p:
            np.testing.assert_allclose(case["grads"][k], p[k].grad.numpy(), rtol=1e-10, atol=1e-18,
                                       err_msg=f"{name}: d{k}")


def _json_ready(value):
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def test_generated_documented_json_and_readme_carry_the_values(doc):
    path = ASSIGNMENT / "tests" / "documented.json"
    readme = ASSIGNMENT / "README.md"
    stored = json.loads(path.read_text())
    # numbers as numbers: the reference's last bits depend on the CPU and the BLAS build
    assert values_differ(stored, json.loads(json.dumps(_json_ready(doc)))) is None
    text = readme.read_text()
    assert "{{" not in text and "}}" not in text
    for name in ("seed003", "seed003_w5_neg"):
        assert format(doc[name]["grads"]["W1"][0][0], ".6g") in text     # the corrected dE/dw1
    assert format(doc["seed002"]["loss"], ".6g") in text
    assert format(doc["seed002"]["grads"]["W1"][1][1], ".6g") in text
