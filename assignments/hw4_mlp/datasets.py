"""The data sets of hw4_mlp, with fixed train/test splits.

    >>> import datasets
    >>> X_train, y_train, X_test, y_test = datasets.load("iris")
    >>> Y_train = datasets.one_hot(y_train, 3)

``load(name)`` returns float64 inputs ``X`` of shape (N, D) and integer class
labels ``y`` of shape (N,), the training part first. The shipped sets live in
``data/`` beside this file (provenance and licences in ``data/README.md``):

========  ============  ===========  =======  ======================================
name      train / test  features D   classes  preprocessing done by ``load``
========  ============  ===========  =======  ======================================
twoclass  600 / 400     2            2        standardised with the training mean/std
iris      90 / 60       4            3        standardised with the training mean/std
digits    1197 / 600    64 (8 x 8)   10       pixel values 0..16 divided by 16
========  ============  ===========  =======  ======================================

``load_mnist(path)`` reads the real MNIST (not shipped) from the four
standard IDX files (optionally gzipped) in a folder, or from an ``.npz`` with
``x_train, y_train, x_test, y_test``; pixels are divided by 255 and each
image is flattened to 784 features.

This module needs only NumPy. ``python datasets.py`` prints a summary.
"""

import gzip
import os
import struct
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMES = ("twoclass", "iris", "digits")

IRIS_CLASSES = ("setosa", "versicolor", "virginica")


def one_hot(y, num_classes=None):
    """One-hot targets (N, K) of integer labels y (N,); K = max(y) + 1 by default."""
    y = np.asarray(y).astype(int).ravel()
    k = int(y.max()) + 1 if num_classes is None else int(num_classes)
    out = np.zeros((y.size, k))
    out[np.arange(y.size), y] = 1.0
    return out


def _read_csv(path):
    """Header and rows of one of the shipped CSV files (plain or .gz)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    return header, rows


def load_raw(name):
    """Features, labels and split of a shipped set, as stored (no scaling).

    Returns ``(X, y, is_train)``: X float64 (N, D), y int (N,), is_train bool (N,).
    """
    files = {"twoclass": "twoclass.csv", "iris": "iris.csv", "digits": "digits.csv.gz"}
    if name not in files:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(NAMES)} (or mnist)")
    header, rows = _read_csv(DATA_DIR / files[name])
    i_label, i_split = header.index("label"), header.index("split")
    features = [i for i in range(len(header)) if i not in (i_label, i_split)]
    X = np.array([[float(r[i]) for i in features] for r in rows])
    y = np.array([int(r[i_label]) for r in rows])
    is_train = np.array([r[i_split] == "train" for r in rows])
    return X, y, is_train


def load(name):
    """``(X_train, y_train, X_test, y_test)`` of a shipped set, preprocessed.

    name: ``"twoclass"``, ``"iris"`` or ``"digits"``.
    X_*: float64 (N, D); y_*: int (N,).
    """
    X, y, is_train = load_raw(name)
    if name == "digits":
        X = X / 16.0
    else:
        mean, std = X[is_train].mean(axis=0), X[is_train].std(axis=0)
        X = (X - mean) / std
    return X[is_train], y[is_train], X[~is_train], y[~is_train]


def make_twoclass(n_per_class=500, noise=0.3, seed=0):
    """The two-feature, two-class set of ``data/twoclass.csv``.

    Two interleaved half-moons with Gaussian noise: class 0 on the upper arc
    centred at (0, 0), class 1 on the lower arc centred at (1, 0.5), both of
    radius 1. Drawn with ``numpy.random.RandomState(seed)``, whose stream
    NumPy keeps fixed across versions, so the same call gives the same file.

    Returns ``(X, y, is_train)``: X (2 n_per_class, 2) rounded to 4 decimals,
    y int, is_train bool (the first 60 % of each class is the training part).
    """
    rs = np.random.RandomState(seed)
    parts_x, parts_y, parts_train = [], [], []
    n_train = int(round(0.6 * n_per_class))
    for label in (0, 1):
        t = rs.uniform(0.0, np.pi, size=n_per_class)
        if label == 0:
            pts = np.stack([np.cos(t), np.sin(t)], axis=1)
        else:
            pts = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
        pts = pts + rs.normal(0.0, noise, size=pts.shape)
        parts_x.append(pts)
        parts_y.append(np.full(n_per_class, label))
        parts_train.append(np.arange(n_per_class) < n_train)
    # interleave the classes in a fixed shuffled order
    X = np.concatenate(parts_x)
    y = np.concatenate(parts_y)
    is_train = np.concatenate(parts_train)
    order = rs.permutation(X.shape[0])
    return np.round(X[order], 4), y[order], is_train[order]


def write_twoclass(path=None):
    """Write ``make_twoclass()`` as the CSV shipped in ``data/twoclass.csv``."""
    X, y, is_train = make_twoclass()
    path = DATA_DIR / "twoclass.csv" if path is None else Path(path)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("x1,x2,label,split\n")
        for (a, b), label, train in zip(X, y, is_train):
            f.write(f"{a:.4f},{b:.4f},{label},{'train' if train else 'test'}\n")
    return path


# ---------------------------------------------------------------------------
# MNIST: the standard IDX files, or an .npz


def _open(path):
    return gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb")


def read_idx(path):
    """An IDX file (unsigned bytes, as MNIST ships them) as a NumPy array.

    The header is two zero bytes, a type byte (0x08 = unsigned byte), the
    number of dimensions, then one big-endian uint32 per dimension.
    """
    with _open(path) as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path}: not an IDX file (bad magic number)")
    if data[2] != 0x08:
        raise ValueError(f"{path}: IDX type 0x{data[2]:02x} is not supported (only unsigned bytes, 0x08)")
    ndim = data[3]
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(shape)):
        raise ValueError(f"{path}: header says {shape} = {int(np.prod(shape))} values, file has {body.size}")
    return body.reshape(shape)


MNIST_FILES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}


def _find(folder, stem):
    for candidate in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        if (folder / candidate).exists():
            return folder / candidate
    raise FileNotFoundError(f"{folder}: no {stem} (or {stem}.gz): download the four MNIST IDX files there")


def load_mnist(path, limit=None):
    """``(X_train, y_train, X_test, y_test)`` of MNIST read from ``path``.

    path: a folder holding ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte`` (each may end in
    ``.gz``), or an ``.npz`` file with arrays ``x_train, y_train, x_test, y_test``
    (the layout of ``keras.datasets.mnist``'s ``mnist.npz``).
    limit: keep only the first ``limit`` examples of each part (for quick runs).

    X_*: float64 (N, 784) in [0, 1]; y_*: int (N,).
    """
    path = Path(os.path.expanduser(str(path)))
    if path.is_dir():
        parts = {key: read_idx(_find(path, stem)) for key, stem in MNIST_FILES.items()}
    elif path.suffix == ".npz":
        with np.load(path) as z:
            missing = [k for k in MNIST_FILES if k not in z.files]
            if missing:
                raise ValueError(f"{path}: no array {', '.join(missing)} (expected x_train, y_train, x_test, y_test)")
            parts = {k: z[k] for k in MNIST_FILES}
    else:
        raise FileNotFoundError(f"{path}: give a folder with the MNIST IDX files or an .npz file")
    out = []
    for xk, yk in (("x_train", "y_train"), ("x_test", "y_test")):
        x, y = parts[xk], parts[yk]
        if x.shape[0] != y.shape[0]:
            raise ValueError(f"{path}: {xk} has {x.shape[0]} images but {yk} {y.shape[0]} labels")
        if limit is not None:
            x, y = x[:limit], y[:limit]
        out += [x.reshape(x.shape[0], -1).astype(float) / 255.0, y.astype(int).ravel()]
    return tuple(out)


def load_any(name, mnist_path=None, limit=None):
    """``load(name)``, or ``load_mnist(mnist_path)`` for name ``"mnist"``."""
    if name == "mnist":
        if mnist_path is None:
            raise ValueError("the mnist data set is not shipped: give the folder of its IDX files (or an .npz)")
        return load_mnist(mnist_path, limit=limit)
    return load(name)


if __name__ == "__main__":
    for name in NAMES:
        X_train, y_train, X_test, y_test = load(name)
        print(f"{name:9s} train {X_train.shape} test {X_test.shape} "
              f"classes {np.bincount(y_train).tolist()} / {np.bincount(y_test).tolist()}")
