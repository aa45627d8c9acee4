"""hw1_derivatives: the documented values (the handout's numbers) checked by other means.

documented(ref) computes every number of the handout with the reference solution.
Here each output is recomputed from the documented inputs by an independent method
(50-digit ``decimal`` arithmetic for exp/log/sqrt, exact ``fractions`` for the
piecewise polynomial losses, and every derivative by central differences of those,
with a step of 1e-25 in 50-digit arithmetic: exact to far below float64's
precision; at a kink the spec's convention is used instead) and

- compared with documented.json entry by entry;
- substituted into the handout template: the rendering must equal the committed
  README.md character for character, so every printed digit is reproduced;
- the handout template is checked to print no hand-written decimal number.
"""

import copy
import decimal
import json
import pathlib
import re
from fractions import Fraction

import numpy as np
import pytest

from grader.assignment import load
from grader.staff.authoring import HANDOUT_BANNER, PLACEHOLDER, render, rubric_values
from conftest import load_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAME = "hw1_derivatives"
HANDOUT = ROOT / "solutions" / NAME / "handout.md"
README = ROOT / "assignments" / NAME / "README.md"
DOCUMENTED = ROOT / "assignments" / NAME / "tests" / "documented.json"


_load = load_module


# The 50-digit and exact helpers of the reference's own kit test.
hp = _load("_hw1_reference_checks", pathlib.Path(__file__).with_name("test_hw1_reference.py"))


def _fd(f, x, eps=decimal.Decimal("1e-25")):
    """Central differences in 50-digit arithmetic: the derivative to ~20 digits (at smooth points).

    ``f`` takes a list of Decimals and returns a Decimal or an exact Fraction.
    """
    with decimal.localcontext(hp.D) as ctx:
        ctx.prec = 120  # x +- eps exactly: the decimal expansion of a float near 1 has up to ~55 digits
        x = [decimal.Decimal(float(v)) for v in x]
        out = []
        for i in range(len(x)):
            up, down = list(x), list(x)
            up[i] += eps
            down[i] -= eps
            f_up, f_down = f(up), f(down)
            step = 2 * (Fraction(eps) if isinstance(f_up, Fraction) else eps)
            out.append(float((f_up - f_down) / step))
        return out


def _l2(a, y):
    return sum((Fraction(u) - Fraction(v)) ** 2 for u, v in zip(a, y))


def _l1(a, y):
    return sum(abs(Fraction(u) - Fraction(v)) for u, v in zip(a, y))


def _margin(a, y):
    return sum(Fraction(u) * Fraction(v) for u, v in zip(a, y))


def _hinge(a, y):
    return max(Fraction(0), 1 - _margin(a, y))


def independent(doc):
    """documented.json with every output recomputed from its inputs without the reference."""
    floats = hp.floats
    out = copy.deepcopy(doc)
    for part, f, g in (("sigmoid", hp.sigmoid_hp, hp.sigmoid_grad_hp), ("tanh", hp.tanh_hp, hp.tanh_grad_hp)):
        out[part]["value"] = floats(f(v) for v in doc[part]["x"])
        # the derivative by differences of the 50-digit function, except where it is 0 in
        # float64 anyway (|x| = 1e4, where the difference quotient underflows)
        out[part]["grad"] = [_fd(lambda v, f=f: f(v[0]), [x])[0] if abs(x) < 700 else float(g(x))
                             for x in doc[part]["x"]]
    out["relu"]["value"] = [max(v, 0.0) for v in doc["relu"]["x"]]
    # relu'(x): 1 for x > 0, 0 for x < 0, and 0 at the kink x = 0 by the spec's convention
    out["relu"]["grad"] = [1.0 if v > 0 else 0.0 for v in doc["relu"]["x"]]

    s = doc["softmax"]
    out["softmax"].update(p=floats(hp.softmax_hp(s["z"])), P=[floats(hp.softmax_hp(r)) for r in s["Z"]],
                          p_large=floats(hp.softmax_hp(s["z_large"])),
                          P_large=[floats(hp.softmax_hp(r)) for r in s["Z_large"]])
    z = doc["softmax_jacobian"]["z"]
    out["softmax_jacobian"]["p"] = floats(hp.softmax_hp(z))
    # row i of the Jacobian: the differences of softmax_i in each z_j
    out["softmax_jacobian"]["J"] = [_fd(lambda v, i=i: hp.softmax_hp(v)[i], z) for i in range(len(z))]

    for case in out["cross_entropy"]["cases"]:
        case["loss"] = float(hp.cross_entropy_hp(case["z"], case["y"]))
        case["grad"] = _fd(lambda v, y=case["y"]: hp.cross_entropy_hp(v, y), case["z"])
    for part, loss in (("l2", _l2), ("l1", _l1), ("hinge", _hinge)):
        for case in out[part]["cases"]:
            case["loss"] = float(loss(case["a"], case["y"]))
            case["grad"] = _fd(lambda v, y=case["y"], loss=loss: loss(v, y), case["a"])
    for case in out["hinge"]["cases"]:
        case["margin"] = float(_margin(case["a"], case["y"]))
        if _margin(case["a"], case["y"]) == 1:  # on the kink: 0 by the spec's convention
            case["grad"] = [0.0] * len(case["a"])
    out["huber"]["default_delta"] = 1.0  # the spec's signature: huber_loss(a, y, delta=1.0)
    for case in out["huber"]["cases"]:
        delta = case.get("delta", 1.0)
        case["loss"] = float(hp.huber_exact(case["a"], case["y"], delta)[0])
        case["grad"] = _fd(lambda v, y=case["y"], delta=delta: hp.huber_exact(v, y, delta)[0], case["a"])
    for case in out["cosine"]["cases"]:
        case["loss"] = float(hp.cosine_hp(case["a"], case["y"])[0])
        case["grad"] = _fd(lambda v, y=case["y"]: hp.cosine_hp(v, y)[0], case["a"])
    return out


@pytest.fixture(scope="module")
def doc():
    return json.loads(DOCUMENTED.read_text())


def _leaves(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list) and value and isinstance(value[0], (list, dict)):
        for i, v in enumerate(value):
            yield from _leaves(v, f"{path}.{i}")
    else:
        yield path, value


def test_documented_values_match_independent_computations(doc):
    other = dict(_leaves(independent(doc)))
    checked = 0
    for path, value in _leaves(doc):
        expected = other[path]
        if isinstance(value, (int, float, list)):
            np.testing.assert_allclose(value, expected, rtol=1e-13, atol=1e-300, err_msg=path)
            checked += 1
        else:
            assert value == expected, path
    assert checked > 50


def test_handout_rendered_from_independent_values_is_the_readme(doc):
    assignment = load(NAME)
    values = {**independent(doc), "rubric": rubric_values(assignment)}
    text = HANDOUT_BANNER.format(name=NAME) + render(HANDOUT.read_text(), values, HANDOUT)
    assert text == README.read_text()


def test_handout_prints_no_hand_written_decimal_numbers():
    text = PLACEHOLDER.sub("", HANDOUT.read_text())
    text = re.sub(r"`[^`]*`", "", text)  # code (function signatures like delta=1.0)
    assert re.findall(r"\d\.\d", text) == []


def test_documented_cases_show_what_the_handout_says(doc):
    """The cases the handout uses to make a point do make it."""
    l2 = doc["l2"]["cases"][0]
    assert any(a < y for a, y in zip(l2["a"], l2["y"]))  # 2|a - y| would be wrong here
    huber = doc["huber"]["cases"][1]
    r = np.subtract(huber["a"], huber["y"])
    assert huber["delta"] != 1 and np.any(np.abs(r) > huber["delta"])  # sign(r) without delta would be wrong
    assert [c["margin"] for c in doc["hinge"]["cases"]].count(1.0) == 1  # one case exactly on the margin
    assert 0.0 in doc["relu"]["x"]
    l1 = doc["l1"]["cases"][0]
    assert any(a == y for a, y in zip(l1["a"], l1["y"]))
    assert max(abs(v) for c in doc["cross_entropy"]["cases"] for v in c["z"]) >= 1000
    assert max(abs(v) for v in doc["sigmoid"]["x"]) >= 1e4
