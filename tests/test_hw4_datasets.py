"""hw4_mlp: the shipped data sets, their splits and provenance, and the MNIST loaders.

Known facts about the published data (Fisher's class means, the UCI digits'
class counts) check that the files are what data/README.md says they are.
"""

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest
from conftest import load_module

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = ROOT / "assignments" / "hw4_mlp"


@pytest.fixture(scope="module")
def data():
    return load_module("_hw4_datasets_tests", ASSIGNMENT / "datasets.py")


@pytest.mark.parametrize("name,n_train,n_test,features,classes", [
    ("twoclass", 600, 400, 2, 2), ("iris", 90, 60, 4, 3), ("digits", 1197, 600, 64, 10)])
def test_shapes_classes_and_stratified_splits(data, name, n_train, n_test, features, classes):
    X_train, y_train, X_test, y_test = data.load(name)
    assert X_train.shape == (n_train, features) and X_test.shape == (n_test, features)
    assert X_train.dtype == np.float64 and y_train.dtype.kind == "i"
    assert set(np.unique(y_train)) == set(range(classes)) == set(np.unique(y_test))
    assert np.all(np.isfinite(X_train)) and np.all(np.isfinite(X_test))
    assert len(set(np.bincount(y_test).tolist())) == 1      # the same number of each class in the test part
    if name == "digits":
        assert X_train.min() == 0.0 and X_train.max() == 1.0
    else:
        assert np.allclose(X_train.mean(axis=0), 0.0, atol=1e-12)
        assert np.allclose(X_train.std(axis=0), 1.0, atol=1e-12)


def test_the_split_is_fixed_and_disjoint(data):
    for name in data.NAMES:
        X, y, is_train = data.load_raw(name)
        first, second = data.load(name), data.load(name)
        for a, b in zip(first, second):
            assert np.array_equal(a, b)
        assert 0 < is_train.sum() < is_train.size


def test_iris_is_fishers_data(data):
    X, y, _ = data.load_raw("iris")
    assert X.shape == (150, 4) and np.bincount(y).tolist() == [50, 50, 50]
    assert X[0].tolist() == [5.1, 3.5, 1.4, 0.2] and y[0] == 0
    # Fisher (1936): mean petal length 1.462, 4.260, 5.552 cm; mean sepal length 5.006, 5.936, 6.588 cm
    for c, (petal, sepal) in enumerate([(1.462, 5.006), (4.260, 5.936), (5.552, 6.588)]):
        assert X[y == c, 2].mean() == pytest.approx(petal, abs=5e-4)
        assert X[y == c, 0].mean() == pytest.approx(sepal, abs=5e-4)
    # the two points where the UCI copy differs (samples 35 and 38 of setosa)
    assert X[34].tolist() == [4.9, 3.1, 1.5, 0.2] and X[37].tolist() == [4.9, 3.6, 1.4, 0.1]


def test_digits_are_the_uci_test_part(data):
    X, y, _ = data.load_raw("digits")
    assert X.shape == (1797, 64)
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert np.array_equal(X, np.round(X)) and X.min() == 0 and X.max() == 16
    # an 8 x 8 digit has blank left and right columns more often than a blank centre
    images = X.reshape(-1, 8, 8)
    assert images[:, :, 0].mean() < images[:, :, 3].mean()


def test_twoclass_file_is_the_generators_output(data, tmp_path):
    written = data.write_twoclass(tmp_path / "twoclass.csv")
    assert written.read_bytes() == (ASSIGNMENT / "data" / "twoclass.csv").read_bytes()
    X, y, is_train = data.make_twoclass()
    assert X.shape == (1000, 2) and np.bincount(y).tolist() == [500, 500]
    assert np.bincount(y[is_train]).tolist() == [300, 300]


def test_twoclass_is_noisy_but_learnable(data):
    """Overlapping classes: a linear boundary is right about 85 % of the time, never ~100 %."""
    X_train, y_train, X_test, y_test = data.load("twoclass")
    A = np.c_[X_train, np.ones(len(X_train))]
    w, *_ = np.linalg.lstsq(A, 2.0 * y_train - 1.0, rcond=None)
    accuracy = np.mean((np.c_[X_test, np.ones(len(X_test))] @ w > 0) == y_test)
    assert 0.80 <= accuracy <= 0.92


def test_provenance_readme_names_sources_and_licences():
    text = (ASSIGNMENT / "data" / "README.md").read_text(encoding="utf-8")
    for phrase in ("Fisher", "1936", "CC BY 4.0", "Alpaydin", "optdigits", "scikit-learn", "BSD-3-Clause",
                   "make_twoclass", "RandomState"):
        assert phrase in text, phrase


# -- MNIST ------------------------------------------------------------------------------------

def _idx(array, dims):
    header = struct.pack(">BBBB", 0, 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    return header + np.asarray(array, dtype=np.uint8).tobytes()


def _write_mnist(folder, n_train=5, n_test=3, gz=False, rows=4, cols=3):
    rng = np.random.default_rng(0)
    parts = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, rows, cols)),
        "train-labels-idx1-ubyte": rng.integers(0, 10, n_train),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, rows, cols)),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, n_test),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for stem, values in parts.items():
        raw = _idx(values, values.shape)
        if gz:
            (folder / (stem + ".gz")).write_bytes(gzip.compress(raw))
        else:
            (folder / stem).write_bytes(raw)
    return parts


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_idx_files(data, tmp_path, gz):
    parts = _write_mnist(tmp_path / "mnist", gz=gz)
    X_train, y_train, X_test, y_test = data.load_mnist(tmp_path / "mnist")
    assert X_train.shape == (5, 12) and X_test.shape == (3, 12)
    assert np.allclose(X_train, parts["train-images-idx3-ubyte"].reshape(5, 12) / 255.0)
    assert y_train.tolist() == parts["train-labels-idx1-ubyte"].tolist()
    assert y_test.tolist() == parts["t10k-labels-idx1-ubyte"].tolist()
    X_train, y_train, _, _ = data.load_mnist(tmp_path / "mnist", limit=2)
    assert X_train.shape == (2, 12) and y_train.size == 2


def test_mnist_npz(data, tmp_path):
    rng = np.random.default_rng(1)
    x_train, x_test = rng.integers(0, 256, (4, 28, 28), dtype=np.uint8), rng.integers(0, 256, (2, 28, 28), dtype=np.uint8)
    np.savez(tmp_path / "mnist.npz", x_train=x_train, y_train=np.arange(4), x_test=x_test, y_test=np.arange(2))
    X_train, y_train, X_test, y_test = data.load_mnist(tmp_path / "mnist.npz")
    assert X_train.shape == (4, 784) and X_test.shape == (2, 784)
    assert X_train.max() <= 1.0 and np.allclose(X_test * 255, x_test.reshape(2, -1))


def test_mnist_errors_say_what_is_wrong(data, tmp_path):
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte"):
        data.load_mnist(tmp_path)
    bad = tmp_path / "bad"
    _write_mnist(bad)
    (bad / "train-labels-idx1-ubyte").write_bytes(b"\x01\x02\x08\x01" + b"\x00" * 8)
    with pytest.raises(ValueError, match="magic"):
        data.load_mnist(bad)
    (bad / "train-labels-idx1-ubyte").write_bytes(_idx(np.arange(4), (5,)))   # header says 5, body 4
    with pytest.raises(ValueError, match="header says"):
        data.load_mnist(bad)
    with pytest.raises(ValueError, match="not shipped"):
        data.load_any("mnist")
