"""The diagnosis of a wrong array: each relation recognised, nothing said when none holds."""
import re

import numpy as np
import pytest

from grader import diagnose

RNG = np.random.default_rng(7)
E = RNG.normal(size=(3, 4))
SQUARE = RNG.normal(size=(4, 4))


@pytest.mark.parametrize("got, expected, kind, value, inputs", [
    (2 * E, E, "factor", 2.0, None),
    (E / 2, E, "factor", 0.5, None),
    (-E, E, "factor", -1.0, None),
    (E / 5, E, "factor", 0.2, {"X": np.zeros((5, 2))}),        # 1/N for a batch of 5
    (np.abs(E), E, "sign", None, None),
    (E + 0.25, E, "shift", 0.25, None),
    (SQUARE.T, SQUARE, "transposed", None, None),
    (E.T, E, "transposed", None, None),                         # of another shape
    (np.diag(np.diag(SQUARE)), SQUARE, "diagonal_only", None, None),
    (E[::-1].copy(), E, "permuted", None, None),
    (np.where(np.arange(12).reshape(3, 4) < 4, 2 * E, E), E, "partial_factor", 2.0, None),
    (np.where(np.arange(12).reshape(3, 4) == 5, 0.0, E), E, "partial_factor", 0.0, None),
    (E.reshape(3, 4, 1), E, "extra_axis", None, None),
    (np.where(np.arange(12).reshape(3, 4) == 2, np.nan, E), E, "overflow", None, None),
])
def test_each_relation_is_recognised(got, expected, kind, value, inputs):
    rel = diagnose.relation(got, expected, inputs=inputs)
    assert rel is not None and rel.kind == kind, rel
    if value is not None:
        assert rel.value == pytest.approx(value)


def test_the_kink_is_where_an_input_is_zero():
    x = np.array([-1.0, 0.0, 2.0, 0.0])
    right = (x > 0).astype(float)
    got = right.copy()
    got[x == 0] = 1.0
    rel = diagnose.relation(got, right, inputs={"x": x})
    assert rel.kind == "kink" and "where x is exactly 0 (2 entries)" in rel.text


@pytest.mark.parametrize("got", [
    E,                                             # right
    E + 1e-12,                                     # right to rounding
    E + RNG.normal(scale=0.1, size=E.shape),       # wrong, but in no simple way
    E * 1.7 + 0.3,                                 # an affine map: neither a factor nor a shift
])
def test_nothing_is_said_when_no_relation_holds(got):
    assert diagnose.relation(got, E) is None
    assert diagnose.likely_cause(got, E) is None


def test_nan_or_inf_is_an_observation_and_a_catalog_cannot_name_it_by_relation(tmp_path):
    """overflow, 0/0 after an underflow and log(0) all give nan: what produced it shows only by
    computing it (a computed entry), never by the relation alone."""
    (tmp_path / "misconceptions.yaml").write_text(
        "- name: over\n  functions: [softmax]\n  relation: overflow\n  says: exp overflowed\n")
    diagnose.use(tmp_path)
    try:
        got = np.array([np.nan, 0.5])
        cause = diagnose.likely_cause(got, np.array([0.5, 0.5]), name="softmax(z)")
        assert cause == "nan at index (0,) where a finite value was expected"
    finally:
        diagnose.use(tmp_path / "none")


def test_a_lone_number_needs_a_simple_factor():
    assert diagnose.relation(np.array(3.7), np.array(1.1)) is None      # any number is a multiple of another
    assert diagnose.relation(np.array(2.2), np.array(1.1)).kind == "factor"


def test_the_catalog_names_the_misconception_for_its_functions_only(tmp_path):
    (tmp_path / "misconceptions.yaml").write_text(
        "- name: half\n  functions: [l2_grad]\n  relation: factor\n  value: 1/2\n"
        "  says: the factor 2 is missing\n  section: L2 loss\n"
        "- name: mean\n  functions: [db]\n  relation: factor\n  value: 1/N\n  says: db is a sum, not a mean\n")
    diagnose.use(tmp_path)
    try:
        assert diagnose.likely_cause(E / 2, E, name="l2_grad(a, y)") == "the factor 2 is missing (handout: “L2 loss”)"
        assert diagnose.likely_cause(E / 2, E, name="sigmoid_grad(x)") == "every entry is 1/2 times the expected one"
        # a factor 1/N is the batch's only when it is the batch the check used, of 3 examples or more
        assert diagnose.likely_cause(E / 7, E, name="grads['b1']: db", batch=7) == "db is a sum, not a mean"
        assert diagnose.likely_cause(E / 7, E, name="grads['b1']: db") == "every entry is 1/7 times the expected one"
        assert diagnose.likely_cause(E / 7, E, name="db", batch=5) == "every entry is 1/7 times the expected one"
        assert diagnose.likely_cause(E / 2, E, name="db", batch=2) == "every entry is 1/2 times the expected one"
        assert diagnose.likely_cause(E / 2.5, E, name="db") == "every entry is 0.4 times the expected one"
    finally:
        diagnose.use(tmp_path / "none")


@pytest.mark.parametrize("text, says", [
    ("- name: x\n", "needs name, functions, relation and says"),
    ("- {name: x, functions: [f], relation: tilted, says: s}\n", "relation 'tilted' is not one of"),
    ("- {name: x, functions: [f], relation: factor, value: half, says: s}\n", "value 'half' is not a number"),
    ("name: x\n", "expected a list"),
])
def test_a_broken_catalog_says_which_file_and_entry(tmp_path, text, says):
    file = tmp_path / "misconceptions.yaml"
    file.write_text(text)
    with pytest.raises(ValueError, match=f"{file}.*{says}" if "list" in says else f"{file}: entry 1.*{says}"):
        diagnose.load_catalog(file)


def test_every_assignment_catalog_loads_and_names_functions_it_has():
    from grader import assignment
    for name in assignment.available():
        a = assignment.load(name)
        for m in diagnose.load_catalog(a.public_dir / "misconceptions.yaml"):
            assert m.says and m.functions, (name, m.name)


def test_first_departure_names_the_first_wrong_step_and_its_relation():
    from grader.testing import first_departure
    right = np.array([1.0, 2.0])
    steps = [("forward (z)", lambda: right, right), ("backward (dz)", lambda: right / 2, right),
             ("backward (dx)", lambda: right * 3, right)]
    assert first_departure(steps) == "backward (dz) is the first wrong step: every entry is 1/2 times the expected one"
    assert first_departure(steps[:1]) is None

    def broken():
        raise NotImplementedError("later")
    assert first_departure([("forward (z)", broken, right)]) == \
        "forward (z) is the first wrong step: it raised NotImplementedError"


def test_a_wrong_network_says_which_layer_departs_first(tmp_path):
    import shutil
    from conftest import ROOT, grade_folder
    examples = ROOT / "examples" / "submissions" / "hw3_layers"
    for name in ("sigmoid_cache_input", "dW_transposed", "reference"):
        shutil.copytree(examples / name, tmp_path / "subs" / name)
    got = grade_folder("hw3_layers", tmp_path / "subs", tmp_path / "out")

    def departures(student):
        return {line.strip() for t in got[student]["tests"] for line in t["message"].splitlines()
                if line.strip().startswith("Where it departs:")}
    assert departures("sigmoid_cache_input") == {
        "Where it departs: sigmoid_backward of the output layer (dL/dz2) is the first wrong step"}

    def causes(student):
        return {line.strip() for t in got[student]["tests"] for line in t["message"].splitlines()
                if line.strip().startswith("Likely cause:")}
    assert causes("sigmoid_cache_input") and all("derivative" in c and "input" in c
                                                 for c in causes("sigmoid_cache_input")), causes("sigmoid_cache_input")
    assert all("affine_backward of the output layer: dW2 is the first wrong step" in d
               for d in departures("dW_transposed")) and departures("dW_transposed")
    assert causes("dW_transposed") and all("not x.T @ dout" in c for c in causes("dW_transposed")), causes("dW_transposed")
    assert causes("reference") == set()
    assert departures("reference") == set()


def test_a_test_can_name_a_mistake_by_what_it_returns():
    from grader.testing import assert_close
    right, slip = np.array([1.0, 2.0, 3.0]), np.array([1.0, 4.0, 9.0])
    with pytest.raises(AssertionError, match="Likely cause: squared, not doubled"):
        assert_close(slip, right, name="f(x)", mistakes={"squared, not doubled": slip})
    with pytest.raises(AssertionError) as other:
        assert_close(slip + 1, right, name="f(x)", mistakes={"squared, not doubled": slip})
    assert "squared" not in str(other.value)


def test_a_computed_mistake_is_read_from_the_catalog(tmp_path):
    (tmp_path / "misconceptions.yaml").write_text(
        "- name: stale\n  functions: [backward]\n  relation: computed\n"
        "  says: backward used example {example}\n  section: Backward\n")
    diagnose.use(tmp_path)
    try:
        assert diagnose.mistake("stale", example=3) == "backward used example 3 (handout: “Backward”)"
        with pytest.raises(LookupError, match="has an entry 'fresh'"):
            diagnose.mistake("fresh")
        # a computed entry is never matched by a relation: only the test that computes it names it
        assert diagnose.likely_cause(E / 2, E, name="backward") == "every entry is 1/2 times the expected one"
    finally:
        diagnose.use(tmp_path / "none")


def test_every_computed_mistake_a_test_names_is_in_its_catalog_and_used():
    from grader import assignment, mistakes
    for name in assignment.available():
        a = assignment.load(name)
        computed = {m.name for m in diagnose.load_catalog(a.public_dir / "misconceptions.yaml")
                    if m.relation == diagnose.COMPUTED}
        library = mistakes.load(a.solution_dir)
        known = computed | {m.name for m in (library.mistakes if library else [])}
        public = {n for f in a.public_dir.glob("tests/*.py")
                  for n in re.findall(r"""mistake\(["'](\w+)["']""", f.read_text())}
        tests = [*a.public_dir.glob("tests/*.py"), *a.solution_dir.glob("tests/*.py")]
        named = {n for f in tests for n in re.findall(r"""mistake\(["'](\w+)["']""", f.read_text())}
        if a.is_worksheet:   # a worksheet names its computed mistakes in its steps' MISTAKES
            from grader.worksheet import steps as worksheet
            named |= {entry for pairs in worksheet.load(a).mistakes.values() for entry, _ in pairs}
        assert named <= known, f"{name}: tests name {sorted(named - known)}, in neither its catalog nor its library"
        # the public tests run without the hidden library: what they name must be in the released catalog
        assert public <= computed, f"{name}: public tests name {sorted(public - computed)}, not in misconceptions.yaml"
        assert computed <= named, f"{name}: catalog entries {sorted(computed - named)} are computed by no test"


def test_a_wrong_mlp_backward_says_which_layer_departs_first(tmp_path):
    import shutil
    from conftest import ROOT, grade_folder
    examples = ROOT / "examples" / "submissions" / "hw4_mlp"
    for name in ("softmax_elementwise", "lr_diverges_nan"):
        shutil.copytree(examples / name, tmp_path / "subs" / name)
    got = grade_folder("hw4_mlp", tmp_path / "subs", tmp_path / "out")

    def lines(student, start):
        return [line.strip() for t in got[student]["tests"] for line in t["message"].splitlines()
                if line.strip().startswith(start)]
    # squared error only: the output layer's gradient is wrong first, on each architecture shown; what
    # led to it (dL/dz at the logits, or how dW is formed from it) was not compared, so it is not said
    departs = lines("softmax_elementwise", "Where it departs:")
    assert departs and all(re.match(r"Where it departs: dW(\d) \(the output layer of \1\) is the first "
                                    r"wrong step", d) and "dL/dz" not in d for d in departs), departs
    # training: the step, while forward and backward are right (they earn their points); the first NaN
    # is an observation, not a departure (a run can go wrong long before it)
    assert lines("lr_diverges_nan", "history['loss'] is NaN or infinite from epoch 1 of")
    assert not lines("lr_diverges_nan", "Where it departs: history")
    assert lines("lr_diverges_nan", "Likely cause:") and all(
        "the step train takes is not learning_rate * grad" in c for c in lines("lr_diverges_nan", "Likely cause:"))


def test_diagnosis_time_is_counted_once_when_nested(monkeypatch):
    ticks = iter([10.0, 11.0, 16.0])   # outer start, inner start, outer end (an inner end is not read)
    monkeypatch.setattr(diagnose.time, "perf_counter", lambda: next(ticks))
    diagnose._clock["spent"] = 0.0
    with diagnose.timed():
        with diagnose.timed():
            pass
    assert diagnose.spent() == 6.0   # the outer block's 16 - 10, not also the inner 2
    assert diagnose.spent() == 0.0   # spent() hands the time over once


def test_first_departure_names_a_computed_mistake_of_a_step():
    from grader.testing import first_departure
    right = np.array([0.2, 0.4])
    slip = right * np.array([0.3, 0.7])
    steps = [("forward (z)", lambda: right, right), ("backward (dz)", lambda: slip, right, {"at the input": slip})]
    assert first_departure(steps) == "backward (dz) is the first wrong step: at the input"
    other = [("backward (dz)", lambda: slip + 1, right, {"at the input": slip})]
    assert first_departure(other) == "backward (dz) is the first wrong step"
