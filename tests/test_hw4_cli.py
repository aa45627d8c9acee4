"""hw4_mlp: the command line train.py (seed 001's), run as a student runs it.

It trains the reference (``--mlp``), prints the metrics table and writes the
PNG of loss and accuracy per epoch; the PNG test needs matplotlib (the
Makefile's test environment installs the ``plots`` extra) and is skipped
with a reason without it.
"""

import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import load_module

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = ROOT / "assignments" / "hw4_mlp"
REFERENCE = ROOT / "solutions" / "hw4_mlp" / "mlp.py"
SEED_COMMAND = ["--dataset", "iris", "--learning_rate", "0.1", "--epochs", "30", "--hidden_layers", "16,8"]


def _run(*args, cwd=ASSIGNMENT, env=None, module=False):
    command = [sys.executable, "-m", "train"] if module else [sys.executable, "train.py"]
    return subprocess.run(command + list(map(str, args)), cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


def _table(stdout):
    rows = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] in ("Accuracy", "Precision", "Recall", "F1-score"):
            rows[cells[0]] = [float(c) for c in cells[1:]]
    return rows


def test_seed_command_line_writes_the_png(tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib is the optional 'plots' extra: pip install '.[plots]'")
    proc = _run(*SEED_COMMAND, "--mlp", REFERENCE, "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    pngs = list(tmp_path.glob("*.png"))
    assert len(pngs) == 1, proc.stdout
    data = pngs[0].read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 600 and height >= 250 and len(data) > 10_000
    assert f"plot saved to {pngs[0]}" in proc.stdout
    table = _table(proc.stdout)
    assert set(table) == {"Accuracy", "Precision", "Recall", "F1-score"}
    assert all(0.0 <= v <= 1.0 for row in table.values() for v in row)
    assert table["Accuracy"][1] >= 0.8       # the test column: the seed's settings train a useful model


def test_without_matplotlib_it_still_trains_and_says_how_to_install(tmp_path):
    blocker = tmp_path / "blocker" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('no matplotlib here')\n")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(blocker.parent)}
    proc = _run(*SEED_COMMAND, "--mlp", REFERENCE, "--out", tmp_path / "plots", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "matplotlib is not installed" in proc.stdout and "pip install matplotlib" in proc.stdout
    assert not (tmp_path / "plots").exists()
    assert set(_table(proc.stdout)) == {"Accuracy", "Precision", "Recall", "F1-score"}


def test_python_dash_m_train_and_other_spellings(tmp_path):
    proc = _run("--dataset", "twoclass", "--loss", "squared_error", "--hidden-layers", "[3, 3]",
                "--learning-rate", "1", "--epochs", "5", "--batch_size", "32", "--no_plot", "--mlp", REFERENCE,
                module=True)
    assert proc.returncode == 0, proc.stderr
    assert "network 2-3-3-2, squared_error, 5 epochs" in proc.stdout
    assert "plot saved" not in proc.stdout


def test_the_starter_says_what_is_missing():
    proc = _run("--epochs", "1", "--no_plot", "--mlp", ASSIGNMENT / "mlp.py")
    assert proc.returncode == 1
    assert "not implemented yet" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_hidden_layers_are_refused():
    proc = _run("--hidden_layers", "16,x", "--mlp", REFERENCE)
    assert proc.returncode == 2 and "hidden layer sizes must be integers" in proc.stderr


def test_mnist_from_idx_files(tmp_path):
    rng = np.random.default_rng(0)
    folder = tmp_path / "mnist"
    folder.mkdir()
    for stem, shape in (("train-images-idx3-ubyte", (40, 6, 6)), ("train-labels-idx1-ubyte", (40,)),
                        ("t10k-images-idx3-ubyte", (20, 6, 6)), ("t10k-labels-idx1-ubyte", (20,))):
        values = rng.integers(0, 256 if "images" in stem else 10, shape).astype(np.uint8)
        header = struct.pack(">BBBB", 0, 0, 8, len(shape)) + struct.pack(">" + "I" * len(shape), *shape)
        (folder / stem).write_bytes(header + values.tobytes())
    proc = _run("--dataset", "mnist", "--mnist_path", folder, "--hidden_layers", "8", "--epochs", "2",
                "--no_plot", "--mlp", REFERENCE)
    assert proc.returncode == 0, proc.stderr
    assert "mnist: 40 training and 20 test examples, network 36-8-10" in proc.stdout


def test_parse_hidden_layers():
    train = load_module("_hw4_train_cli", ASSIGNMENT / "train.py")
    assert train.parse_hidden_layers("16,8") == (16, 8)
    assert train.parse_hidden_layers("[256, 64]") == (256, 64)
    assert train.parse_hidden_layers("32") == (32,)
    assert train.parse_hidden_layers("[]") == ()
    assert train.markdown_table(["a", "b"], [["x", 0.5], ["y", None]]).splitlines()[2:] == [
        "| x | 0.5000 |", "| y | — |"]
