"""Public tests of hw2_compgraph: the documented cases of the handout (README.md).

The network, the three examples and every expected value come from
tests/documented.json, the numbers printed in the handout.
"""

import numpy as np
import pytest

from grader import NumpyFunction
from grader.testing import assert_close, check_all, parts



def _network(documented):
    net = documented["network"]
    return np.array(net["W"]), np.array(net["v"]), np.array(net["X"]), np.array(net["Y"])


@pytest.mark.points("forward")
def test_forward_and_loss_documented(submission, documented):
    """forward and loss on the three documented examples"""
    W, v, _, _ = _network(documented)
    for i, ex in enumerate(documented["examples"], start=1):
        x = np.array(ex["x"])
        y_hat, _ = parts(submission.compgraph.forward(x, W, v), "forward(x, W, v)")
        assert_close(y_hat, ex["y_hat"], name=f"y_hat of example {i}",
                     inputs={"x": x, "W": W, "v": v})
        assert_close(submission.compgraph.loss(ex["y_hat"], ex["y"]), ex["loss"],
                     name=f"loss(y_hat, y) of example {i}", inputs={"y_hat": ex["y_hat"], "y": ex["y"]})


@pytest.mark.points("backward")
def test_backward_documented(submission, documented):
    """backward on the three documented examples"""
    W, v, _, _ = _network(documented)
    for i, ex in enumerate(documented["examples"], start=1):
        x = np.array(ex["x"])
        _, cache = parts(submission.compgraph.forward(x, W, v), "forward(x, W, v)")
        dW, dv = parts(submission.compgraph.backward(ex["y"], cache), "backward(y, cache)")
        inputs = {"x": x, "y": ex["y"], "W": W, "v": v}
        assert_close(dv, np.array(ex["dv"]), name=f"dv of example {i}", inputs=inputs)
        assert_close(dW, np.array(ex["dW"]), name=f"dW of example {i}", inputs=inputs)


@pytest.mark.points("batch")
def test_batch_gradients_documented(submission, documented):
    """batch_gradients on the documented batch of three"""
    W, v, X, Y = _network(documented)
    dW, dv = parts(submission.compgraph.batch_gradients(X, Y, W, v), "batch_gradients(X, Y, W, v)")
    inputs = {"X": X, "Y": Y, "W": W, "v": v}
    assert_close(dv, np.array(documented["batch"]["dv"]), name="dv summed over the 3 examples", inputs=inputs)
    assert_close(dW, np.array(documented["batch"]["dW"]), name="dW summed over the 3 examples", inputs=inputs)


@pytest.mark.points("sigmoid_output")
def test_sigmoid_output_grad_v_documented(submission, documented):
    """sigmoid_output_grad_v on the documented batch of three"""
    W, v, X, Y = _network(documented)
    assert_close(submission.compgraph.sigmoid_output_grad_v(X, Y, W, v),
                 np.array(documented["sigmoid_output"]["dv"]),
                 name="sigmoid_output_grad_v(X, Y, W, v)", inputs={"X": X, "Y": Y, "W": W, "v": v})


@pytest.mark.points("calculus")
def test_calculus_documented(submission, documented, credit):
    """grad_f(1, 2), jacobian_F(1, 2), G(2), jacobian_FG(2)"""
    c = documented["calculus"]
    calc = submission.calculus
    check_all(credit, [
        ("grad_f(1, 2)", lambda: assert_close(
            calc.grad_f(c["grad_f"]["x"], c["grad_f"]["y"]), np.array(c["grad_f"]["expected"]),
            name="grad_f(1, 2)")),
        ("jacobian_F(1, 2)", lambda: assert_close(
            calc.jacobian_F(c["jacobian_F"]["x"], c["jacobian_F"]["y"]), np.array(c["jacobian_F"]["expected"]),
            name="jacobian_F(1, 2)")),
        ("G(2)", lambda: assert_close(
            calc.G(c["G"]["x"]), np.array(c["G"]["expected"]), name="G(2)")),
        ("jacobian_FG(2)", lambda: assert_close(
            calc.jacobian_FG(c["jacobian_FG"]["x"]), np.array(c["jacobian_FG"]["expected"]),
            name="jacobian_FG(2)")),
    ])


@pytest.mark.points("numerical")
def test_numerical_documented(submission, documented, credit):
    """numerical_gradient(np.prod, ...) and numerical_jacobian(np.cumprod, ...)"""
    ng, nj = documented["numerical"]["gradient"], documented["numerical"]["jacobian"]
    calc = submission.calculus

    def gradient():
        x = np.array(ng["x"])
        assert_close(calc.numerical_gradient(NumpyFunction(ng["function"]), x), np.array(ng["expected"]),
                     name=f"numerical_gradient(np.{ng['function']}, x)", rtol=1e-6, atol=1e-8, inputs={"x": x})

    def jacobian():
        x = np.array(nj["x"])
        assert_close(calc.numerical_jacobian(NumpyFunction(nj["function"]), x), np.array(nj["expected"]),
                     name=f"numerical_jacobian(np.{nj['function']}, x)", rtol=1e-6, atol=1e-8, inputs={"x": x})

    check_all(credit, [("numerical_gradient", gradient), ("numerical_jacobian", jacobian)])
