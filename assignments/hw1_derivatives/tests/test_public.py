"""Public tests of hw1_derivatives: the worked cases of the handout.

The inputs and expected values are in documented.json (written from the
reference solution); the tolerances too (``documented["grading"]``).
"""

import numpy as np
import pytest

from grader.testing import assert_close

points = pytest.mark.points


def _arr(values):
    return np.asarray(values, dtype=float)


def _check(got, expected, documented, name, inputs):
    g = documented["grading"]
    assert_close(got, expected, name=name, rtol=g["rtol"], atol=g["atol"], inputs=inputs)


def _elementwise(submission, documented, part, func, key):
    case = documented[part]
    x = _arr(case["x"])
    got = getattr(submission.derivatives, func)(x)
    _check(got, _arr(case[key]), documented, f"{func}(x)", {"x": x})


def _loss_cases(submission, documented, part, func, key, first="a"):
    for case in documented[part]["cases"]:
        args = [_arr(case[first]), _arr(case["y"])]
        inputs = {first: args[0], "y": args[1]}
        if "delta" in case:
            args.append(case["delta"])
            inputs["delta"] = case["delta"]
        got = getattr(submission.derivatives, func)(*args)
        expected = case[key] if key == "loss" else _arr(case[key])
        _check(got, expected, documented, f"{func}({', '.join(inputs)})", inputs)


# ---------------------------------------------------------------- 1-3 activations

@points("sigmoid")
def test_sigmoid_documented(submission, documented):
    """sigmoid: the handout's cases"""
    _elementwise(submission, documented, "sigmoid", "sigmoid", "value")


@points("sigmoid")
def test_sigmoid_grad_documented(submission, documented):
    """sigmoid_grad: the handout's cases"""
    _elementwise(submission, documented, "sigmoid", "sigmoid_grad", "grad")


@points("tanh")
def test_tanh_documented(submission, documented):
    """tanh: the handout's cases"""
    _elementwise(submission, documented, "tanh", "tanh", "value")


@points("tanh")
def test_tanh_grad_documented(submission, documented):
    """tanh_grad: the handout's cases"""
    _elementwise(submission, documented, "tanh", "tanh_grad", "grad")


@points("relu")
def test_relu_documented(submission, documented):
    """relu: the handout's cases"""
    _elementwise(submission, documented, "relu", "relu", "value")


@points("relu")
def test_relu_grad_documented(submission, documented):
    """relu_grad: the handout's cases (including x = 0)"""
    _elementwise(submission, documented, "relu", "relu_grad", "grad")


# ---------------------------------------------------------------- 4 softmax

@points("softmax")
def test_softmax_documented(submission, documented):
    """softmax: the handout's 1-D and 2-D cases"""
    case = documented["softmax"]
    for z_key, p_key in (("z", "p"), ("Z", "P")):
        z = _arr(case[z_key])
        _check(submission.derivatives.softmax(z), _arr(case[p_key]), documented,
               f"softmax(z) for z of shape {z.shape}", {"z": z})


@points("softmax")
def test_softmax_documented_large_logits(submission, documented):
    """softmax: the handout's cases with logits of size 1000"""
    case = documented["softmax"]
    for z_key, p_key in (("z_large", "p_large"), ("Z_large", "P_large")):
        z = _arr(case[z_key])
        _check(submission.derivatives.softmax(z), _arr(case[p_key]), documented,
               f"softmax(z) for large logits, z of shape {z.shape}", {"z": z})


@points("softmax_jacobian")
def test_softmax_jacobian_documented(submission, documented):
    """softmax_jacobian: the handout's case"""
    case = documented["softmax_jacobian"]
    z = _arr(case["z"])
    _check(submission.derivatives.softmax_jacobian(z), _arr(case["J"]), documented,
           "softmax_jacobian(z)", {"z": z})


# ---------------------------------------------------------------- 5-10 losses

@points("cross_entropy")
def test_cross_entropy_documented(submission, documented):
    """cross_entropy: the handout's cases (one with logits of size 1000)"""
    _loss_cases(submission, documented, "cross_entropy", "cross_entropy", "loss", first="z")


@points("cross_entropy")
def test_cross_entropy_grad_documented(submission, documented):
    """cross_entropy_grad: the handout's cases (one with logits of size 1000)"""
    _loss_cases(submission, documented, "cross_entropy", "cross_entropy_grad", "grad", first="z")


@points("l2")
def test_l2_loss_documented(submission, documented):
    """l2_loss: the handout's cases"""
    _loss_cases(submission, documented, "l2", "l2_loss", "loss")


@points("l2")
def test_l2_loss_grad_documented(submission, documented):
    """l2_loss_grad: the handout's cases"""
    _loss_cases(submission, documented, "l2", "l2_loss_grad", "grad")


@points("l1")
def test_l1_loss_documented(submission, documented):
    """l1_loss: the handout's case"""
    _loss_cases(submission, documented, "l1", "l1_loss", "loss")


@points("l1")
def test_l1_loss_grad_documented(submission, documented):
    """l1_loss_grad: the handout's case (one entry with a == y)"""
    _loss_cases(submission, documented, "l1", "l1_loss_grad", "grad")


@points("hinge")
def test_hinge_loss_documented(submission, documented):
    """hinge_loss: the handout's cases"""
    _loss_cases(submission, documented, "hinge", "hinge_loss", "loss")


@points("hinge")
def test_hinge_loss_grad_documented(submission, documented):
    """hinge_loss_grad: the handout's cases (one exactly on the margin)"""
    _loss_cases(submission, documented, "hinge", "hinge_loss_grad", "grad")


@points("huber")
def test_huber_loss_documented(submission, documented):
    """huber_loss: the handout's cases (the default delta and another)"""
    _loss_cases(submission, documented, "huber", "huber_loss", "loss")


@points("huber")
def test_huber_loss_grad_documented(submission, documented):
    """huber_loss_grad: the handout's cases (the default delta and another)"""
    _loss_cases(submission, documented, "huber", "huber_loss_grad", "grad")


@points("cosine")
def test_cosine_similarity_documented(submission, documented):
    """cosine_similarity: the handout's cases"""
    _loss_cases(submission, documented, "cosine", "cosine_similarity", "loss")


@points("cosine")
def test_cosine_similarity_grad_documented(submission, documented):
    """cosine_similarity_grad: the handout's cases"""
    _loss_cases(submission, documented, "cosine", "cosine_similarity_grad", "grad")
