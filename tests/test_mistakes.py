"""The libraries of mistakes (solutions/<name>/mistakes.py) and how a mistake is confirmed (grader/mistakes.py)."""
import re
import types

import numpy as np
import pytest

from conftest import ROOT
from grader import assignment, mistakes

LIBRARIES = sorted(p.parent.name for p in (ROOT / "solutions").glob("*/mistakes.py"))
MINIMUM = 15  # mistakes per code assignment


def _library(name):
    a = assignment.load(name)
    return a, mistakes.load(a.solution_dir), assignment.load_reference(a)


def test_every_code_assignment_has_a_library():
    code = {p.parent.name for p in (ROOT / "assignments").glob("*/assignment.yaml")
            if (ROOT / "solutions" / p.parent.name / "tests" / "test_hidden.py").is_file()}
    assert code <= set(LIBRARIES), f"no mistakes.py for {sorted(code - set(LIBRARIES))}"


@pytest.mark.parametrize("name", LIBRARIES)
def test_library_is_sound(name):
    """Each mistake is probed, differs from the reference and from every other mistake of its function
    on the probe's inputs (so that a match confirms one), and names a section of the handout."""
    a, library, reference = _library(name)
    assert len(library.mistakes) >= MINIMUM, f"{name}: {len(library.mistakes)} mistakes, fewer than {MINIMUM}"
    headings = {h.strip() for h in re.findall(r"^#{2,3} (.+)$", (a.solution_dir / "handout.md").read_text("utf-8"),
                                              flags=re.M)}
    names = [m.name for m in library.mistakes]
    assert len(names) == len(set(names)), f"{name}: two mistakes share a name"
    functions = {f"{module}.{f}" for module, fs in a.functions.items() for f in fs} if isinstance(
        a.functions, dict) else None
    problems = []
    for function, probe in library.probes.items():
        if functions is not None and function not in functions:
            problems.append(f"the probe of {function}: the assignment has no such function")
        expected = mistakes.outputs(probe, reference)
        if isinstance(expected, mistakes.Raised):
            problems.append(f"the reference raises {expected.kind} in the probe of {function}")
        elif not isinstance(expected, list) or len(expected) < 3:
            problems.append(f"the probe of {function} tries fewer than 3 inputs")
        results = {}
        for m in library.of(function):
            got = mistakes.outputs(probe, mistakes.patched(reference, m))
            if mistakes.same(got, expected):
                if next(iter(m.replaces)) == function:  # what it also replaces may be right on its own
                    problems.append(f"{m.name} gives the reference's numbers on the probe of {function}")
                continue
            for other, theirs in results.items():
                if mistakes.same(got, theirs):
                    problems.append(f"{m.name} and {other} give the same numbers on the probe of {function}")
            results[m.name] = got
    declared = list(library.probes)
    for function, callees in library.uses.items():
        for callee in callees:
            if callee not in declared or declared.index(callee) > declared.index(function):
                problems.append(f"{function} uses {callee}, whose probe is not declared before it")
    for m in library.mistakes:
        function = next(iter(m.replaces))
        if function not in library.probes:
            problems.append(f"{m.name}: no probe tries {function}")
        if m.section not in headings:
            problems.append(f"{m.name}: section {m.section!r} is no heading of the handout")
    assert not problems, f"{name}/mistakes.py:\n" + "\n".join(problems)


# -- confirming, on a library made here -------------------------------------------------------

def _toy():
    library = mistakes.Library()
    inputs = [np.array([-2.0, 0.5, 3.0]), np.array([[1.0, -1.0], [0.25, 4.0]]), np.array([7.0])]

    @library.probe("toy.square_grad")
    def _(m):
        return [m.toy.square_grad(x) for x in inputs]

    @library.mistake("toy.square_grad", section="Squares")
    def missing_two(x):
        """the factor 2 is missing"""
        return x

    @library.mistake("toy.square_grad", section="Squares")
    def the_function_itself(x):
        """square_grad returns the square, not its derivative"""
        return square(x)  # noqa: F821 - the reference's, in the patched module

    @library.mistake("toy.square_grad", section="Squares", name="also_missing_two")
    def also_missing_two(x):
        """x * 1, which is also the factor 2 missing"""
        return x * 1.0

    module = types.ModuleType("toy")
    exec("import numpy as np\ndef square(x):\n    return np.asarray(x) ** 2\n"
         "def square_grad(x):\n    return 2 * np.asarray(x)\n", module.__dict__)
    return library, types.SimpleNamespace(toy=module)


def _student(f):
    return types.SimpleNamespace(toy=types.SimpleNamespace(square_grad=f))


def test_a_mistake_is_named_only_when_it_reproduces_every_input():
    library, reference = _toy()
    library.mistakes = [m for m in library.mistakes if m.name != "also_missing_two"]
    judge = mistakes.Judge(library, reference)
    line = judge.explain("a", _student(lambda x: np.asarray(x) ** 2), ["toy.square_grad"])
    assert line == "Likely cause: square_grad returns the square, not its derivative (handout: “Squares”)"
    # right on two inputs of three, wrong on the third: no mistake reproduces it, nothing is named
    judge = mistakes.Judge(library, reference)
    assert judge.explain("b", _student(lambda x: np.asarray(x) if np.size(x) > 1 else 2 * np.asarray(x)),
                         ["toy.square_grad"]) is None
    # right everywhere: nothing to say
    assert mistakes.Judge(library, reference).explain("c", _student(lambda x: 2.0 * np.asarray(x)),
                                                      ["toy.square_grad"]) is None


def test_two_mistakes_that_agree_are_said_as_possibilities_and_a_raise_is_no_match():
    library, reference = _toy()
    judge = mistakes.Judge(library, reference)
    line = judge.explain("a", _student(lambda x: np.asarray(x, dtype=float)), ["toy.square_grad"])
    assert line.startswith("Likely cause: one of these") and "factor 2 is missing" in line and "x * 1" in line

    def raises(x):
        raise ValueError("no")
    assert mistakes.Judge(library, reference).explain("b", _student(raises), ["toy.square_grad"]) is None


def test_outcomes_compare_as_numbers_with_structure():
    assert mistakes.same([np.array([1.0, np.nan]), (2.0, 3)], [[1.0 + 1e-9, np.nan], [2.0, 3.0]])
    assert not mistakes.same([np.ones(3)], [np.ones((3, 1))])
    assert not mistakes.same((1.0, 2.0), (1.0, 2.0, 3.0))
    assert not mistakes.same({"a": 1.0}, {"b": 1.0})
    assert not mistakes.same(1.0, 1.001)


def test_and_arguments_shows_a_change_in_place():
    def clip(x):
        x[x < 0] = 0
        return x
    x = np.array([-1.0, 2.0])
    value, after = mistakes.and_arguments(clip, x)
    assert x.tolist() == [-1.0, 2.0] and after[0].tolist() == [0.0, 2.0] and value.tolist() == [0.0, 2.0]


def test_the_error_is_placed_in_the_callee_that_is_wrong_on_its_own():
    library, reference = _toy()
    inputs = [np.array([1.0, 2.0]), np.array([3.0]), np.array([-1.0, 0.5, 2.0])]

    @library.probe("toy.square")
    def _(m):
        return [m.toy.square(x) for x in inputs]
    library.probes = {"toy.square": library.probes.pop("toy.square"), **library.probes}  # callee first
    library.uses["toy.square_grad"] = ("toy.square",)
    student = types.SimpleNamespace(toy=types.SimpleNamespace(square=lambda x: np.asarray(x) ** 3,
                                                              square_grad=lambda x: 2 * np.asarray(x)))
    line = mistakes.Judge(library, reference).explain("a", student, ["toy.square_grad", "toy.square"])
    assert line == ("Where it departs: square, which square_grad is meant to use, is wrong on its own inputs "
                    "(the kit's): start there")
    # without `uses`, the two are unrelated: nothing is said of square under square_grad's failure
    library.uses["toy.square_grad"] = ()
    assert mistakes.Judge(library, reference).explain("c", student, ["toy.square_grad", "toy.square"]) is None
    # the callee alone: no departure to state, and no mistake of square is in the library
    assert mistakes.Judge(library, reference).explain("b", student, ["toy.square"]) is None


def test_a_callees_confirmed_mistake_that_explains_the_caller_comes_before_the_callers_own():
    library = mistakes.Library()
    inputs = [np.array([1.0, 2.0]), np.array([3.0]), np.array([-1.0, 0.5, 2.0])]

    @library.probe("toy.square")
    def _(m):
        return [m.toy.square(x) for x in inputs]

    @library.probe("toy.double_square", uses=["toy.square"])
    def _(m):
        return [m.toy.double_square(x) for x in inputs]

    @library.mistake("toy.square", section="S")
    def cubes(x):
        """square cubes"""
        return np.asarray(x) ** 3

    @library.mistake("toy.double_square", section="S")
    def doubles_a_cube(x):
        """double_square doubles the cube"""
        return 2 * np.asarray(x) ** 3

    module = types.ModuleType("toy")
    exec("import numpy as np\ndef square(x):\n    return np.asarray(x) ** 2\n"
         "def double_square(x):\n    return 2 * square(x)\n", module.__dict__)
    reference = types.SimpleNamespace(toy=module)
    cube = lambda x: np.asarray(x) ** 3  # noqa: E731
    wrong_callee = types.SimpleNamespace(toy=types.SimpleNamespace(square=cube, double_square=lambda x: 2 * cube(x)))
    assert mistakes.Judge(library, reference).explain("a", wrong_callee, ["toy.double_square"]) == \
        "Likely cause: square cubes (handout: “S”)"
    # the callee right: the caller's own mistake
    own = types.SimpleNamespace(toy=types.SimpleNamespace(square=lambda x: np.asarray(x) ** 2,
                                                          double_square=lambda x: 2 * cube(x)))
    assert mistakes.Judge(library, reference).explain("b", own, ["toy.double_square"]) == \
        "Likely cause: double_square doubles the cube (handout: “S”)"


def test_each_keeps_a_raise_as_one_inputs_outcome_and_stops_on_a_call_that_ran_out():
    from grader.sandbox.proxy import StudentError

    def f(x):
        if x < 0:
            raise ValueError("negative")
        return 2 * x
    out = mistakes.each([(1.0,), (-1.0,), (3.0,)], f)
    assert out[0] == 2.0 and isinstance(out[1], mistakes.Raised) and out[2] == 6.0

    def slow(x):
        raise StudentError("f() did not return within 1 s", "timeout")
    assert isinstance(mistakes.outputs(lambda m: mistakes.each([(1.0,), (2.0,)], slow), None), mistakes.Raised)
    with pytest.raises(StudentError):
        mistakes.each([(1.0,)], slow)


def test_a_callee_the_test_failed_on_is_named_when_its_caller_is_right():
    library = mistakes.Library()
    inputs = [np.array([1.0, 2.0]), np.array([3.0]), np.array([-1.0, 0.5, 2.0])]

    @library.probe("toy.square")
    def _(m):
        return [m.toy.square(x) for x in inputs]

    @library.probe("toy.sign_of_square", uses=["toy.square"])
    def _(m):
        return [m.toy.sign_of_square(x) for x in inputs]

    @library.mistake("toy.square", section="S")
    def doubles(x):
        """square doubles"""
        return 2 * np.asarray(x)

    module = types.ModuleType("toy")
    exec("import numpy as np\ndef square(x):\n    return np.asarray(x) ** 2\n"
         "def sign_of_square(x):\n    return np.sign(square(x))\n", module.__dict__)
    student = types.SimpleNamespace(toy=types.SimpleNamespace(square=lambda x: 2 * np.asarray(x),
                                                              sign_of_square=lambda x: np.sign(np.asarray(x) ** 2)))
    assert mistakes.Judge(library, types.SimpleNamespace(toy=module)).explain(
        "a", student, ["toy.square", "toy.sign_of_square"]) == "Likely cause: square doubles (handout: “S”)"


def test_a_raise_matches_only_a_raise_of_the_same_kind():
    from grader.sandbox.proxy import StudentError
    mistake_raised = mistakes.Raised(ValueError("operands could not be broadcast together"))
    student_same = mistakes.Raised(StudentError("backward() raised ValueError: operands could not be broadcast",
                                                "exception"))
    student_other = mistakes.Raised(StudentError("backward() raised IndexError: index 3 is out of bounds",
                                                 "exception"))
    student_stub = mistakes.Raised(StudentError("backward is not implemented yet", "not_implemented"))
    assert mistakes.same([1.0, mistake_raised], [1.0, student_same])
    assert not mistakes.same([1.0, mistake_raised], [1.0, student_other])
    assert not mistakes.same([mistake_raised], [student_stub])


def test_right_values_with_an_argument_changed_in_place_are_named_as_such():
    library = mistakes.Library()
    inputs = [(np.array([-2.0, 0.5, 3.0]),), (np.array([[1.0, -1.0], [0.25, 4.0]]),), (np.array([7.0]),)]

    @library.probe("toy.shifted")
    def _(m):
        return mistakes.each(inputs, m.toy.shifted)

    @library.mistake("toy.shifted", section="Shifts")
    def shifted_by_the_min(x):
        """shifted subtracts the minimum"""
        return np.asarray(x) - np.min(x)

    module = types.ModuleType("toy")
    exec("import numpy as np\ndef shifted(x):\n    return np.asarray(x, dtype=float) - np.max(x)\n", module.__dict__)
    reference = types.SimpleNamespace(toy=module)

    def in_place(x):
        x = np.asarray(x, dtype=float)
        x -= x.max()
        return x
    student = types.SimpleNamespace(toy=types.SimpleNamespace(shifted=in_place))
    line = mistakes.Judge(library, reference).explain("a", student, ["toy.shifted"])
    assert line.startswith("Likely cause: shifted returns the right values but changes its argument x in place")
    assert line.endswith("(handout: “Shifts”)")
    # a copy first: right, nothing to say; wrong values and a change: no in-place sentence on its own
    def copied(x):
        x = np.array(x, dtype=float)
        x -= x.max()
        return x
    student = types.SimpleNamespace(toy=types.SimpleNamespace(shifted=copied))
    assert mistakes.Judge(library, reference).explain("b", student, ["toy.shifted"]) is None

    def both(x):
        x = np.asarray(x, dtype=float)
        x -= x.max() + 1
        return x
    student = types.SimpleNamespace(toy=types.SimpleNamespace(shifted=both))
    assert mistakes.Judge(library, reference).explain("c", student, ["toy.shifted"]) is None
