"""The worksheet reader: numbers as students write them, their significant figures, shapes as
written, forms that read two ways refused with a question, steps given twice, and YAML read as YAML."""
import json
import math
import time

import numpy as np
import pytest
import yaml

from grader.worksheet.answers import Unreadable, number, read, reading, value

INF = math.inf


@pytest.mark.parametrize("text, expected, figures", [
    ("-0.0114", -0.0114, 3), ("1.14e-2", 0.0114, 3), ("1.14E-02", 0.0114, 3), ("1.14 x 10^-2", 0.0114, 3),
    ("1.14×10^(-2)", 0.0114, 3), ("1.14·10⁻²", 0.0114, 3), ("1.14 * 10^-2", 0.0114, 3),
    (r"\frac{1}{2}", 0.5, INF), (r"-\frac{3}{4}", -0.75, INF), (r"1.2\times10^{-3}", 0.0012, 2),
    (r"1.2 \cdot 10^{-3}", 0.0012, 2), (r"$1.2\times10^{-3}$", 0.0012, 2), (r"$$-0.66$$", -0.66, 2),
    (r"$\approx -0.66$", -0.66, 2), ("≈ -0.66", -0.66, 2), ("~-0.66", -0.66, 2), ("approx. -0.66", -0.66, 2),
    ("about -0.66", -0.66, 2), ("= -0.66", -0.66, 2), ("dL/dy_hat = 2(y_hat - y) = -15.89", -15.89, 4),
    ("-0.66.", -0.66, 2), ("-0.66,", -0.66, 2), ("-0.66 (rounded)", -0.66, 2), ("ans: -0.66", -0.66, 2),
    ("The answer is -0.66.", -0.66, 2), ("75%", 0.75, 2), ("12.5 %", 0.125, 3), ("3/4", 0.75, INF),
    ("-1/8", -0.125, INF), ("\u22120.66", -0.66, 2), ("\u20130.66", -0.66, 2), ("- 0.6596", -0.6596, 4),
    ("0.059 08", 0.05908, 4), ("0.059\u200908", 0.05908, 4), ("0.123 456 7", 0.1234567, 7),
    ("1,234.5", 1234.5, 5), ("1,234,567", 1234567, 7), ("12 345.6", 12345.6, 6),
    ("0.0100", 0.01, 3), ("0.81", 0.81, 2), ("8", 8, 1), ("120", 120, 3), ("+3", 3, 1), (".5", 0.5, 1),
    ("0,0114", 0.0114, 3), ("1,5", 1.5, 2), ("-0,66", -0.66, 2), ("0.00", 0, 2),
])
def test_a_number_as_students_write_it_and_its_figures(text, expected, figures):
    got, written = reading(text)
    assert got.shape == () and float(got) == pytest.approx(expected, rel=1e-12)
    assert float(written) == figures
    assert number(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("text, expected, shape", [
    ("0.5", 0.5, ()), ("[0.5]", [0.5], (1,)), ("[0.1, 0.2]", [0.1, 0.2], (2,)), ("0.1 0.2", [0.1, 0.2], (2,)),
    ("0.1, 0.2", [0.1, 0.2], (2,)), ("0.1,0.2", [0.1, 0.2], (2,)), ("[0.1 , 0.2,]", [0.1, 0.2], (2,)),
    ("[1, 2]; [3, 4]", [[1, 2], [3, 4]], (2, 2)), ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]], (2, 2)),
    ("[[0.5]]", [[0.5]], (1, 1)), ("- [0.1, 0.2]\n- [0.3, 0.4]", [[0.1, 0.2], [0.3, 0.4]], (2, 2)),
    ("[1, 2]<br>[3, 4]", [[1, 2], [3, 4]], (2, 2)), ("[1, 2]<br/>[3, 4]", [[1, 2], [3, 4]], (2, 2)),
    ("-0.5\n-0.25", [[-0.5], [-0.25]], (2, 1)), ("[- 0.889, 0.1]", [-0.889, 0.1], (2,)),
    ("[75%, 12.5%]", [0.75, 0.125], (2,)), ("[3/4, -1/8]", [0.75, -0.125], (2,)),
    ("0.059 08 0.1", [0.05908, 0.1], (2,)), ("[0.123, 0.456]", [0.123, 0.456], (2,)),
    ("0,5 1,5", [0.5, 1.5], (2,)), ("dL/dz = f(1-f) dL/df\n= [0.1, 0.2]", [0.1, 0.2], (2,)),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", [[1, 2], [3, 4]], (2, 2)),
    ("z: [0.1, 0.2]", [0.1, 0.2], (2,)), ("[1.14 x 10^-2, 2e-3]", [0.0114, 0.002], (2,)),
])
def test_a_value_keeps_the_shape_written(text, expected, shape):
    got = value(text)
    assert got.shape == shape and np.allclose(got, expected, rtol=1e-12, atol=0)


def test_figures_have_the_values_shape():
    got, figures = reading("[0.0100, 120]; [3/4, 1.14e-2]")
    assert figures.shape == got.shape == (2, 2) and figures.tolist() == [[3, 3], [INF, 3]]


@pytest.mark.parametrize("text, asks, readings", [
    ("2,185", "is 2,185 the number 2.185 (a decimal comma) or 2185? Write it with a point, 2.185, or without "
              "the comma", [2.185, 2185]),
    ("-12,345", "is -12,345 the number -12.345", [-12.345, -12345]),
    ("0,5, 1, 2", "is 0,5 the number 0.5 (a decimal comma) or the two numbers 0 and 5?", [[0.5, 1, 2], [0, 5, 1, 2]]),
    ("[0,5]", "is 0,5 the number 0.5", [[0.5], [0, 5]]),
    ("[0,0114, 2]", "decimal comma", [[0.0114, 2], [0, 114, 2]]),
    ("0,5,1,2", "are the commas in 0,5,1,2 decimal commas or between numbers?", [[0, 5, 1, 2]]),
    ("- 0.1\n- 0.2", "minus signs or a list's dashes?", [[[-0.1], [-0.2]], [[0.1], [0.2]]]),
])
def test_what_reads_two_ways_is_asked_never_guessed(text, asks, readings):
    with pytest.raises(Unreadable) as e:
        value(text)
    assert "?" in str(e.value) and asks in str(e.value) and "\n" not in str(e.value)
    assert [a.tolist() for a in e.value.alternatives] == readings


@pytest.mark.parametrize("text, says", [
    ("abc", "'abc' is not a number"), ("nan", "not a number"), ("inf", "not a number"), ("-inf", "not a number"),
    ("0x10", "not a number"), ("yes", "not a number"), ("1e999999", "too large"), ("-1e400", "too large"),
    ("1e-999999", "too small"), ("[1, 2]; [3]", "rows of different lengths (2, 1)"), ("1/0", "divides by zero"),
    ("between 0.1 and 0.2", "words and several numbers"), ("0.5 - 0.2", "'-' is not a number"),
    ("z1 = 0.1\nz2 = 0.2", "2 lines each give a value after '='"), ("", "no number given"),
    ("0.1, , 0.2", "a number is missing between two commas"), ("[0.1, [0.2]", "brackets that do not pair up"),
    ("\x1b[31m1\x1b[0m", "control characters"), ("1" * 100, "too long to be a number"),
])
def test_what_cannot_be_read_is_said_in_one_line(text, says):
    with pytest.raises(ValueError, match=None) as e:
        value(text)
    assert says in str(e.value) and "\n" not in str(e.value)


def test_hostile_values_are_bounded():
    started = time.perf_counter()
    for text in ["1" * 100_000, "1" * 5000, "(" * 9999, "[" * 9999, "=" * 9999, "1/" * 4999, "\\frac{" * 1600,
                 "0,1" * 3000, "- 1\n" * 2400, "a = 1\n" * 1600, "⁻" * 9999, "0.123 " + "456 " * 2400,
                 "x 10 ^ " * 1400, "<br " * 2400, "e" * 9999, "$" * 9999, "(a) " * 2400]:
        with pytest.raises(ValueError):
            value(text)
    assert value("1 " + "234 " * 2400).shape == (2401,) and value("0." + " 123" * 2400).shape == (2401,)
    assert time.perf_counter() - started < 1.0


def _sheet(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return read(f)


def test_yaml_is_read_as_yaml(tmp_path):
    a = _sheet(tmp_path, "answers.yaml", "---\nstudent: bo\nz: '0.5'\nf: [[0.5, 0.25]]\nx: 1e-3\nW:\n  - [1, 2]\n"
                                         "  - [3, 4]\nv:\n  - 0.1\n  - -0.2\nL:\nh: 0x10\nb: yes\nm: {a: 1}\n")
    assert a.student == "bo" and a.values["z"] == 0.5 and a.values["f"].tolist() == [[0.5, 0.25]]
    assert a.values["x"] == 0.001 and a.values["W"].tolist() == [[1, 2], [3, 4]]
    assert a.values["v"].tolist() == [0.1, -0.2]
    assert a.blank == ["L"] and set(a.unreadable) == {"h", "b", "m"} and "not a number" in a.unreadable["h"]
    assert a.notes == ["answers.yaml: its --- marker was ignored"]
    assert a.figures["f"].tolist() == [[1, 2]]


@pytest.mark.parametrize("dump", [yaml.safe_dump, json.dumps])
def test_yaml_and_json_as_a_library_writes_them(tmp_path, dump):
    a = _sheet(tmp_path, "answers.yaml", dump({"student": "al", "z": [0.1, -0.2, 0.3], "W": [[1.5, 2], [3, 4]]}))
    assert a.student == "al" and a.values["z"].tolist() == [0.1, -0.2, 0.3] and a.values["z"].shape == (3,)
    assert a.values["W"].tolist() == [[1.5, 2], [3, 4]] and not a.unreadable and not a.notes


def test_two_yaml_documents_are_one_sheet(tmp_path):
    a = _sheet(tmp_path, "answers.yaml", "z: 0.5\n---\nf: 0.25\n")
    assert a.values == {"z": 0.5, "f": 0.25} and "2 parts were read as one sheet" in a.notes[0]


def test_a_decimal_comma_in_a_yaml_list_is_read_as_written(tmp_path):
    a = _sheet(tmp_path, "answers.yaml", "z: [0,5, 1]\nf: 0,0114\nh: [1,234.5]\ng: 2,185\n")
    assert "is 0,5 the number 0.5" in a.unreadable["z"]    # YAML alone would read [0, 5, 1]
    assert [x.tolist() for x in a.alternatives["z"]] == [[0.5, 1], [0, 5, 1]]
    assert a.values["f"] == 0.0114 and "f: 0,0114 read as 0.0114 (a decimal comma)" in a.notes
    assert a.values["h"].tolist() == [1234.5]
    assert "?" in a.unreadable["g"] and [x.tolist() for x in a.alternatives["g"]] == [2.185, 2185]


@pytest.mark.parametrize("name, text", [
    ("answers.yaml", "dL_dy_hat: - 0.6596\n"),   # not YAML: read line by line
    ("answers.md", "| step | what | your answer |\n|---|---|---|\n| dL_dy_hat | dL/dy_hat | - 0.6596 |\n"),
])
def test_a_minus_with_a_space_is_a_minus(tmp_path, name, text):
    assert _sheet(tmp_path, name, text).values["dL_dy_hat"] == -0.6596


def test_a_sheet_that_is_not_yaml_is_read_line_by_line(tmp_path):
    a = _sheet(tmp_path, "answers.yaml", "student: al\nz: - 0.5\nW:\n  - [1, 2]\n  - [3, 4]\nv:\n  - 0.1\n  - 0.2\n"
                                         "z: -0.5\nf: 1\nf: 2\n")
    assert a.values["W"].tolist() == [[1, 2], [3, 4]] and a.values["v"].tolist() == [0.1, 0.2]
    assert a.values["z"] == -0.5 and "z: given twice, the same value each time: counted once" in a.notes
    assert "given twice, with different values (1 and 2)" in a.unreadable["f"]


def _notebook(*cells):
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {"worksheet": {"student": "al"}}, "cells": [
        {"cell_type": "raw", "metadata": {"worksheet": {"step": step}}, "source": source} for step, source in cells]})


def _md(*rows):
    return "Student: al\n\n| step | what it is | your answer |\n|---|---|---|\n" + "".join(
        f"| {step} | asks | {cell} |\n" for step, cell in rows)


@pytest.mark.parametrize("name, same, different", [
    ("answers.yaml", "z: [0.5, 0.25]\nz: [0.50, 0.25]\n", "z: [0.5, 0.25]\nz: [0.5, 0.26]\n"),
    ("answers.md", _md(("z", "[0.5, 0.25]"), ("z", "[0.50, 0.25]")), _md(("z", "[0.5, 0.25]"), ("z", "[0.5, 0.26]"))),
    ("sheet.ipynb", _notebook(("z", "[0.5, 0.25]"), ("z", "[0.50, 0.25]")),
     _notebook(("z", "[0.5, 0.25]"), ("z", "[0.5, 0.26]"))),
])
def test_a_step_given_twice_counts_once_or_not_at_all(tmp_path, name, same, different):
    a = _sheet(tmp_path, name, same)
    assert a.values["z"].tolist() == [0.5, 0.25] and a.figures["z"].tolist() == [1, 2] and not a.unreadable
    assert "z: given twice, the same value each time: counted once" in a.notes
    a = _sheet(tmp_path, name, different)
    assert "z" not in a.values and a.unreadable["z"] == ("given twice, with different values ([0.5, 0.25] and "
                                                         "[0.5, 0.26]): a step has one answer, so neither is graded")
    assert [x.tolist() for x in a.alternatives["z"]] == [[0.5, 0.25], [0.5, 0.26]]


def test_a_copy_that_cannot_be_read_makes_a_step_given_twice_differ(tmp_path):
    a = _sheet(tmp_path, "answers.md", _md(("z", "0.5"), ("z", "abc"), ("f", ""), ("f", "0.25"), ("L", "1"),
                                           ("L", "1"), ("L", "2")))
    assert "given twice, with different values (0.5 and abc)" in a.unreadable["z"]
    assert [x.tolist() for x in a.alternatives["z"]] == [0.5]
    assert a.values["f"] == 0.25 and "f: given twice, with a value only once: that value was read" in a.notes
    assert "given three times, with different values (1, 1 and 2)" in a.unreadable["L"]
    assert "none is graded" in a.unreadable["L"]


def test_hostile_yaml_is_bounded(tmp_path):
    big = "1" * 100_000
    started = time.perf_counter()
    a = _sheet(tmp_path, "answers.yaml", f"z: [{big}, 0.5]\nf: [0.{big}, 0.5]\ny_hat: 1e999999\nL: 0x1p-1074\n"
                                         f"dL_dy_hat: -{big}e-99999\nq: .nan\nr: .inf\n")
    assert not a.values and set(a.unreadable) == {"z", "f", "y_hat", "L", "dL_dy_hat", "q", "r"}
    assert "too large" in a.unreadable["y_hat"]
    bomb = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    a = _sheet(tmp_path, "answers.yaml", bomb)
    assert a.values["a"].size == 9 and all("alias" in a.unreadable[k] for k in "bcdefghi")
    deep = _sheet(tmp_path, "answers.yaml", "z: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "z" not in deep.values
    assert time.perf_counter() - started < 1.0


def test_the_same_text_twice_counts_once_even_when_it_cannot_be_read(tmp_path):
    a = _sheet(tmp_path, "answers.md", _md(("z", "2,185"), ("z", "2,185"), ("f", "abc"), ("f", "abc")))
    assert "is 2,185 the number 2.185" in a.unreadable["z"]
    assert [x.tolist() for x in a.alternatives["z"]] == [2.185, 2185]
    assert a.unreadable["f"] == "'abc' is not a number"
    assert "f: given twice, the same value each time: counted once" in a.notes


def test_an_alias_bomb_given_twice_is_bounded_and_read_as_nothing(tmp_path):
    bomb = "a: &a ['0.1', '0.1', '0.1']\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "z: *i\nf: *i\n"
    started = time.perf_counter()
    a = _sheet(tmp_path, "answers.yaml", bomb)
    assert time.perf_counter() - started < 0.5
    assert set(a.values) == {"a"} and "alias" in a.unreadable["z"]
    assert a.unreadable["f"].startswith("given twice, with different values ([*alias, *alias")


@pytest.mark.parametrize("text, expected, figures", [
    ("dL/dz is 0.3125 here", 0.3125, 4),            # a label with letters, a slash and an underscore
    ("y_hat comes out at -1.250", -1.25, 4),
    ("2,048.5 × 10⁻⁴", 0.20485, 5),                  # digit groups and a power of ten together
    ("1,234,567e-9", 1.234567e-3, 7),
])
def test_words_and_groups_with_other_forms(text, expected, figures):
    got, figs = reading(text)
    assert float(got) == pytest.approx(expected, rel=1e-12) and float(figs) == figures


def test_a_second_number_in_brackets_is_a_question_with_both_readings():
    with pytest.raises(Unreadable) as e:
        reading("0.4471 (or maybe 0.4417)")
    assert "?" in str(e.value)
    assert sorted(float(a) for a in e.value.alternatives) == [0.4417, 0.4471]


def test_json_over_several_lines_keeps_its_rows(tmp_path):
    f = tmp_path / "answers.yaml"
    f.write_text(json.dumps({"W": [[0.5, -1.25], [2.0, 0.125], [3.5, -0.75]]}, indent=2))
    assert read(f).values["W"].tolist() == [[0.5, -1.25], [2.0, 0.125], [3.5, -0.75]]
