"""Finite-difference tests give credit only when the function they differentiate is itself right.

A gradient that agrees with finite differences of a wrong function proves
nothing: a submission whose functions all return zeros (tests/fixtures/zeros/)
would agree with itself everywhere. Every assignment is graded from the
command line with four kinds of student: the zeros, the reference, the
reference with one gradient wrong (its function right), and, for
hw1_derivatives, a sigmoid that is right where it is first called but
returns that value again at the nearby points the differences evaluate.
"""
import shutil

import pytest

from conftest import ROOT, grade_folder

ZEROS = ROOT / "tests" / "fixtures" / "zeros"

# Every finite-difference test of each assignment's hidden tests.
FD_TESTS = {
    "hw1_derivatives": [f"test_{f}_grad_fd" for f in (
        "sigmoid", "tanh", "relu", "cross_entropy", "l2_loss", "l1_loss", "hinge_loss", "huber_loss",
        "cosine_similarity")],
    "hw2_compgraph": ["test_backward_finite_differences", "test_batch_gradients_finite_differences",
                      "test_sigmoid_output_grad_v_finite_differences", "test_jacobian_FG_random",
                      "test_grad_f_jacobian_F_G_random"],
    "hw3_layers": ["test_affine_backward_finite_differences", "test_sigmoid_backward_random", "test_l2_loss_random",
                   "test_two_layer_grads_finite_differences"],
    "hw4_mlp": ["test_backward_cross_entropy_finite_differences", "test_backward_squared_error_finite_differences"],
}

# hw2's grad_f and jacobian_F are checked against differences of the grader's own f and F:
# the student writes no function there, so their message is about the gradient.
NO_STUDENT_FUNCTION = {"test_grad_f_jacobian_F_G_random"}

# What the zeros earn, all outside the finite-difference tests, because zero is the right
# answer to what these tests ask:
ZEROS_EARN = {
    "hw1_derivatives": {},   # its edge and property tests earn nothing until the function's main case is right
    "hw2_compgraph": {},
    "hw3_layers": {},
    "hw4_mlp": {
        "test_init_params_random_sizes": 1.0,            # keys, shapes, finite, same seed same values: zeros are
        "test_training_history": 2.0,                    # one finite loss per epoch: zeros are finite
    },
}

# The reference with one gradient wrong (zero) and the function it differentiates left right,
# and the finite-difference test that must then fail.
WRONG_GRADIENT = {
    "hw1_derivatives": ("derivatives", "def sigmoid_grad(x):\n    return np.zeros(np.shape(x))\n",
                        "test_sigmoid_grad_fd"),
    "hw2_compgraph": ("compgraph", "def backward(y, cache):\n    return np.zeros((3, 3)), np.zeros(4)\n",
                      "test_backward_finite_differences"),
    "hw3_layers": ("layers", "_backward = affine_backward\n\n\ndef affine_backward(dout, cache):\n"
                             "    dx, dW, db = _backward(dout, cache)\n    return dx, np.zeros_like(dW), db\n",
                   "test_affine_backward_finite_differences"),
    "hw4_mlp": ("mlp", "def backward(params, cache, Y, kind='cross_entropy'):\n"
                       "    return {k: np.zeros_like(v) for k, v in params.items()}\n",
                "test_backward_cross_entropy_finite_differences"),
}

# sigmoid right wherever it is first called, but the value of an earlier call for any input
# within 1e-4 of it: its finite differences are 0, and so is its sigmoid_grad.
MEMOIZED_SIGMOID = '''
_seen = []
_sigmoid = sigmoid


def sigmoid(x):
    x = np.array(x, dtype=float)
    for old, value in _seen:
        if old.shape == x.shape and np.max(np.abs(old - x)) < 1e-4:
            return value
    _seen.append((x, _sigmoid(x)))
    return _seen[-1][1]


def sigmoid_grad(x):
    return np.zeros(np.shape(x))
'''


def _reference_with(name, module, extra, folder):
    shutil.copytree(ROOT / "examples" / "submissions" / name / "reference", folder)
    path = folder / f"{module}.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + extra, encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(FD_TESTS))
def graded(request, tmp_path_factory):
    """(assignment, {student: {test name: test}}, {student: total})."""
    name = request.param
    tmp = tmp_path_factory.mktemp(name)
    subs = tmp / "submissions"
    shutil.copytree(ZEROS / name, subs / "zeros")
    shutil.copytree(ROOT / "examples" / "submissions" / name / "reference", subs / "reference")
    module, extra, _ = WRONG_GRADIENT[name]
    _reference_with(name, module, extra, subs / "wrong_gradient")
    if name == "hw1_derivatives":
        _reference_with(name, "derivatives", MEMOIZED_SIGMOID, subs / "memoized_sigmoid")
    students = grade_folder(ROOT / "assignments" / name, subs, tmp / "grades")
    tests = {s: {t["name"]: t for t in data["tests"]} for s, data in students.items()}
    return name, tests, {s: data["total"] for s, data in students.items()}


def test_every_finite_difference_test_is_listed(graded):
    name, tests, _ = graded
    assert set(FD_TESTS[name]) <= set(tests["reference"])
    named_fd = {t for t in tests["reference"] if t.endswith("_fd") or "finite_differences" in t}
    assert named_fd <= set(FD_TESTS[name])


def test_zeros_earn_nothing_from_finite_differences(graded):
    name, tests, totals = graded
    zeros = tests["zeros"]
    for test in FD_TESTS[name]:
        assert zeros[test]["points"] == 0, (test, zeros[test]["message"])
        if test not in NO_STUDENT_FUNCTION:
            assert "itself is wrong on these inputs" in zeros[test]["message"], (test, zeros[test]["message"])
    earned = {t: v["points"] for t, v in zeros.items() if v["points"]}
    assert earned == ZEROS_EARN[name]
    assert totals["zeros"] == pytest.approx(sum(ZEROS_EARN[name].values()))


def test_the_reference_earns_every_finite_difference_point(graded):
    name, tests, _ = graded
    for test in FD_TESTS[name]:
        t = tests["reference"][test]
        assert t["passed"] and t["points"] == t["max_points"] > 0, (test, t["message"])


def test_a_right_function_with_a_wrong_gradient_fails(graded):
    name, tests, _ = graded
    t = tests["wrong_gradient"][WRONG_GRADIENT[name][2]]
    assert t["points"] == 0, t["message"]
    assert "differences" in t["message"] and "itself is wrong" not in t["message"], t["message"]


def test_a_function_right_only_where_first_called_fails(graded):
    name, tests, _ = graded
    if name != "hw1_derivatives":
        pytest.skip("hw1_derivatives alone differentiates the student's own functions")
    t = tests["memoized_sigmoid"]["test_sigmoid_grad_fd"]
    assert t["points"] == 0
    assert t["message"].startswith("your sigmoid itself is wrong on these inputs"), t["message"]
