"""hw1_derivatives: its public and hidden tests, run in-process on the examples over many seeds.

The engine grades each example once, with one seed per student and test. Here the
same test functions run directly (no worker process) on many seeds, to show that

- the reference and a differently written correct solution pass every test
  whatever the seed, and the finite-difference checks pass with a margin of 20 or more;
- every wrong example fails exactly the tests named below, whatever the seed
  (the input generators guarantee what each bug needs to show);
- the totals of examples/submissions/hw1_derivatives/expected.yaml follow from
  those failing tests and the rubric (a second derivation, not a grading run).
"""

import inspect
import json
import pathlib
import types
import warnings

import numpy as np
import pytest
import yaml

from grader import testing
from grader.assignment import load, load_reference
from conftest import load_module

# The test modules use the engine's points marker (registered only by its plugin); the
# naive example overflows on purpose.
pytestmark = [pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning"),
              pytest.mark.filterwarnings("ignore::RuntimeWarning")]

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAME = "hw1_derivatives"
EXAMPLES = ROOT / "examples" / "submissions" / NAME
TEST_FILES = {
    "public": ROOT / "assignments" / NAME / "tests" / "test_public.py",
    "hidden": ROOT / "solutions" / NAME / "tests" / "test_hidden.py",
}

# the edge case at a == y earns nothing once the gradient is wrong on ordinary inputs
PUBLIC_HIDDEN_L2_GRAD = {"test_l2_loss_grad_documented", "test_l2_loss_grad_random", "test_l2_loss_grad_fd",
                         "test_l2_loss_at_target"}
# The tests each example fails, for every seed.
FAILS = {
    "reference": set(),
    "alternative_correct": set(),
    "l2_no_factor_two": PUBLIC_HIDDEN_L2_GRAD,
    "l2_abs_seed_slip": PUBLIC_HIDDEN_L2_GRAD,
    "huber_no_delta": {"test_huber_loss_grad_documented", "test_huber_loss_grad_random",
                       "test_huber_loss_grad_fd", "test_huber_loss_at_delta"},
    "jacobian_diagonal_only": {"test_softmax_jacobian_documented", "test_softmax_jacobian_random",
                               "test_softmax_jacobian_rows_sum_to_zero"},
    "naive_softmax": {"test_softmax_documented_large_logits", "test_softmax_huge_logits",
                      "test_softmax_equal_logits", "test_cross_entropy_documented",
                      "test_cross_entropy_grad_documented", "test_cross_entropy_large_logits"},
    "relu_grad_one_at_zero": {"test_relu_grad_documented", "test_relu_at_zero"},
    "stubs": "all",
}



@pytest.fixture(scope="module")
def tests():
    """name -> (visibility, group, weight, function) of every graded test of hw1."""
    found = {}
    for visibility, path in TEST_FILES.items():
        module = load_module(f"_hw1_{visibility}_tests", path)
        for name, fn in vars(module).items():
            if name.startswith("test_") and callable(fn):
                mark = next(m for m in fn.pytestmark if m.name == "points")
                found[name] = (visibility, mark.args[0], float(mark.kwargs.get("weight", 1)), fn, module)
    return found


@pytest.fixture(scope="module")
def documented():
    return json.loads((ROOT / "assignments" / NAME / "tests" / "documented.json").read_text())


@pytest.fixture(scope="module")
def reference():
    return load_reference(NAME)


class _InProcess:
    """An example student's module called in this process; it records warnings as the worker does."""

    def __init__(self, module):
        self.last_warnings = []
        self.derivatives = types.SimpleNamespace(**{name: self._recording(fn) for name, fn in vars(module).items()
                                                    if callable(fn) and not name.startswith("_")})

    def _recording(self, fn):
        def call(*args, **kwargs):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    return fn(*args, **kwargs)
                finally:
                    self.last_warnings = [f"{w.category.__name__}: {w.message}" for w in caught]
        return call


def _submission(student):
    return _InProcess(load_module(f"_hw1_example_{student}", EXAMPLES / student / "derivatives.py"))


def _run(tests, submission, reference, documented, seed):
    """The names of the tests the submission fails with this seed."""
    failed = set()
    for k, (name, (_, _, _, fn, _)) in enumerate(sorted(tests.items())):
        fixtures = {"submission": submission, "reference": reference, "documented": documented,
                    "rng": np.random.default_rng([seed, k])}
        args = {p: fixtures[p] for p in inspect.signature(fn).parameters}
        try:
            fn(**args)
        except Exception:  # noqa: BLE001 - a student's exception fails the test, as in the engine
            failed.add(name)
    return failed


def test_every_graded_test_is_listed_and_groups_exist(tests):
    assignment = load(NAME)
    groups = {g.name for g in assignment.groups}
    assert {group for _, group, _, _, _ in tests.values()} == groups
    for student, fails in FAILS.items():
        if fails != "all":
            assert fails <= set(tests), f"{student}: unknown tests {fails - set(tests)}"


@pytest.mark.parametrize("student", ["reference", "alternative_correct"])
def test_correct_solutions_pass_every_test_for_many_seeds(tests, reference, documented, student, monkeypatch):
    worst = []
    hidden_module = tests["test_sigmoid_grad_fd"][4]
    original = testing.assert_gradient

    def recording(analytic, numeric, **kw):
        worst.append(testing.rel_error(analytic, numeric))
        original(analytic, numeric, **kw)

    monkeypatch.setattr(hidden_module, "assert_gradient", recording)
    submission = _submission(student)
    for seed in range(40):
        assert _run(tests, submission, reference, documented, seed) == set(), f"seed {seed}"
    # The finite-difference checks (9 gradients) pass with a margin of 20 or more
    # (over 300 seeds the worst relative error was 2.4e-8, the cosine's, for threshold 1e-6).
    assert len(worst) >= 40 * 9
    assert max(worst) < documented["grading"]["fd_threshold"] / 20, max(worst)


@pytest.mark.parametrize("student", sorted(s for s in FAILS if s not in ("reference", "alternative_correct")))
def test_wrong_examples_fail_exactly_the_expected_tests(tests, reference, documented, student):
    submission = _submission(student)
    expected = set(tests) if FAILS[student] == "all" else FAILS[student]
    for seed in range(15):
        assert _run(tests, submission, reference, documented, seed) == expected, f"seed {seed}"


def test_expected_totals_follow_from_the_failing_tests_and_the_rubric(tests):
    assignment = load(NAME)
    weights = {}
    for visibility, group, weight, _, _ in tests.values():
        weights[(group, visibility)] = weights.get((group, visibility), 0.0) + weight
    share = {}
    for name, (visibility, group, weight, _, _) in tests.items():
        g = assignment.group(group)
        share[name] = (g.public if visibility == "public" else g.hidden) * weight / weights[(group, visibility)]
    assert sum(share.values()) == pytest.approx(assignment.max_points)

    expected = yaml.safe_load((EXAMPLES / "expected.yaml").read_text())
    for name, want in expected.items():
        if name.startswith("notebook_"):  # the same code handed in as a notebook scores the same
            assert want == expected[name[len("notebook_"):]], name
    expected = {k: v for k, v in expected.items() if not k.startswith("notebook_")}
    assert set(expected) == set(FAILS) | {"syntax_error"}
    assert expected["syntax_error"] == {"total": 0, "status": "error"}
    for student, fails in FAILS.items():
        lost = sum(share.values()) if fails == "all" else sum(share[t] for t in fails)
        assert expected[student]["total"] == pytest.approx(assignment.max_points - lost, abs=1e-9), student
        assert expected[student]["status"] == ("unfinished" if student == "stubs" else "ok")
