"""Train your MLP (mlp.py) on a data set, print its metrics, plot loss and accuracy.

Run from this folder (seed 001's command line):

    python train.py --dataset iris --learning_rate 0.1 --epochs 30 --hidden_layers 16,8
    python -m train --dataset digits --epochs 15 --learning_rate 1 --hidden_layers 32
    python train.py --dataset twoclass --loss squared_error --hidden_layers 3,3 --epochs 50 --learning_rate 1
    python train.py --dataset mnist --mnist_path ~/data/mnist --hidden_layers 256,64 --epochs 5

It uses ``train``, ``predict`` and ``metrics`` of ``mlp.py`` beside this file
(or of the file given with ``--mlp``), prints a table of accuracy, precision,
recall and F1 on the training and the test part, and saves a PNG of the loss
and the training accuracy per epoch in ``--out`` (default ``plots/``).
The plot needs matplotlib (``pip install matplotlib``); without it the
command still trains and prints the table. ``--compare_torch`` adds a column
for the same network trained with PyTorch's autograd (``pip install torch``):
the framework-vs-own comparison of seed 000.
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

try:
    import numpy as np
except ModuleNotFoundError:
    sys.exit(f"train.py: {sys.executable} has no NumPy; from the top folder of the release run "
             "`make check ASSIGNMENT=hw4_mlp` once (it makes .venv/), then here `../../.venv/bin/python train.py ...`"
             " (or `pip install numpy`)")

HERE = Path(__file__).resolve().parent


def load_module(path, name="mlp"):
    """Import the Python file ``path`` as a module called ``name``."""
    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# datasets.py beside this file, imported by its path (sys.path stays as it is)
datasets = load_module(HERE / "datasets.py", "hw4_mlp_datasets")

METRICS = ("accuracy", "precision", "recall", "f1")
METRIC_TITLES = {"accuracy": "Accuracy", "precision": "Precision", "recall": "Recall", "f1": "F1-score"}


def parse_hidden_layers(text):
    """``"16,8"``, ``"16 8"`` or ``"[16, 8]"`` -> (16, 8); ``""`` or ``"[]"`` -> ()."""
    cleaned = str(text).strip().strip("[]()").replace(",", " ").split()
    try:
        sizes = tuple(int(t) for t in cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"hidden layer sizes must be integers, e.g. 16,8 (got {text!r})")
    if any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"hidden layer sizes must be at least 1 (got {text!r})")
    return sizes


def markdown_table(headers, rows):
    """A Markdown (GitHub) table; floats with 4 decimals, None as an em dash."""
    def cell(v):
        if v is None:
            return "—"
        if isinstance(v, (float, np.floating)):
            return f"{float(v):.4f}"
        return str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def train_torch(X, Y, init_params, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                kind="cross_entropy", seed=0):
    """The same network and training loop with PyTorch autograd (float64).

    init_params: the ``init_params`` function to start from (yours, or the
    reference's), so that the two trainings differ only in how the gradient
    is computed. Visits the mini-batches in the order of the reference's
    ``train``: ``numpy.random.default_rng(seed).permutation`` once per epoch.
    Returns ``(params, history)`` like ``train``, params as NumPy arrays.
    Raises ImportError when torch is not installed.
    """
    import torch

    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = X.shape[0]
    sizes = [X.shape[1], *[int(h) for h in hidden_layers], Y.shape[1]]
    start = init_params(sizes, seed=seed)
    n_layers = len(sizes) - 1
    params = {k: torch.tensor(np.asarray(v, dtype=float), dtype=torch.float64, requires_grad=True)
              for k, v in start.items()}
    Xt, Yt = torch.tensor(X, dtype=torch.float64), torch.tensor(Y, dtype=torch.float64)

    def forward(x):
        a = x
        for l in range(1, n_layers):
            a = torch.sigmoid(a @ params[f"W{l}"].T + params[f"b{l}"])
        return a @ params[f"W{n_layers}"].T + params[f"b{n_layers}"]

    def mean_loss(logits, y):
        if kind == "cross_entropy":
            return -(y * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()
        return ((torch.softmax(logits, dim=1) - y) ** 2).sum(dim=1).mean()

    rng = np.random.default_rng(seed)
    labels = Yt.argmax(dim=1)
    history = {"loss": [], "accuracy": []}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: extra threads only wait on each other
    try:
        for _ in range(int(epochs)):
            order = rng.permutation(n)
            for s in range(0, n, int(batch_size)):
                idx = torch.as_tensor(order[s:s + int(batch_size)])
                value = mean_loss(forward(Xt[idx]), Yt[idx])
                grads = torch.autograd.grad(value, list(params.values()))
                with torch.no_grad():
                    for p, g in zip(params.values(), grads):
                        p -= learning_rate * g
            with torch.no_grad():
                logits = forward(Xt)
                history["loss"].append(float(mean_loss(logits, Yt)))
                history["accuracy"].append(float((logits.argmax(dim=1) == labels).double().mean()))
    finally:
        torch.set_num_threads(threads)
    return {k: v.detach().numpy().copy() for k, v in params.items()}, history


def predict_numpy(params, X):
    """Class indices for params of any depth (sigmoid hidden layers, softmax output)."""
    a = np.asarray(X, dtype=float)
    n_layers = sum(1 for k in params if k.startswith("W"))
    for l in range(1, n_layers + 1):
        z = a @ np.asarray(params[f"W{l}"]).T + np.asarray(params[f"b{l}"])
        a = z if l == n_layers else 0.5 * (1.0 + np.tanh(0.5 * z))
    return a.argmax(axis=1)


def plot_history(history, path, title):
    """Save loss (and accuracy, when recorded) per epoch to the PNG ``path``.

    Returns the path, or None when matplotlib is not installed (a message says
    how to install it).
    """
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed, so no plot was saved: "
              "pip install matplotlib (or, in the kit, pip install '.[plots]') and run again.")
        return None
    curves = [(key, history[key]) for key in ("loss", "accuracy") if history.get(key)]
    fig, axes = plt.subplots(1, len(curves), figsize=(5 * len(curves), 3.6), squeeze=False)
    for ax, (key, values) in zip(axes[0], curves):
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, marker="o" if len(values) <= 40 else None, markersize=3)
        ax.set_xlabel("epoch")
        ax.set_ylabel("training " + key)
        ax.grid(alpha=0.3)
        if key == "accuracy":
            ax.set_ylim(0, 1.02)
    fig.suptitle(title)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def build_parser():
    p = argparse.ArgumentParser(
        prog="python train.py",
        description="Train the MLP of mlp.py, print accuracy/precision/recall/F1, plot loss and accuracy.")
    p.add_argument("--dataset", default="iris", choices=[*datasets.NAMES, "mnist"],
                   help="data set (default iris); mnist needs --mnist_path")
    p.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1, help="SGD step (default 0.1)")
    p.add_argument("--epochs", type=int, default=30, help="passes over the training data (default 30)")
    p.add_argument("--hidden_layers", "--hidden-layers", type=parse_hidden_layers, default=(16, 8),
                   help="hidden layer sizes, e.g. 16,8 or [256,64] (default 16,8)")
    p.add_argument("--batch_size", "--batch-size", type=int, default=8, help="mini-batch size (default 8)")
    p.add_argument("--loss", default="cross_entropy", choices=["cross_entropy", "squared_error"],
                   help="loss (default cross_entropy; seed 000 used squared_error)")
    p.add_argument("--seed", type=int, default=0, help="seed of initialisation and shuffling (default 0)")
    p.add_argument("--mnist_path", "--mnist-path", help="folder of the four MNIST IDX files, or an .npz")
    p.add_argument("--limit", type=int, help="use only the first LIMIT training and test examples (mnist)")
    p.add_argument("--out", default="plots", help="folder for the PNG (default plots/)")
    p.add_argument("--no_plot", "--no-plot", action="store_true", help="do not draw the PNG")
    p.add_argument("--compare_torch", "--compare-torch", action="store_true",
                   help="also train the same network with PyTorch autograd and add its column")
    p.add_argument("--mlp", default=str(HERE / "mlp.py"), help="the mlp.py to use (default: the one beside this file)")
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    mlp = load_module(args.mlp)
    try:
        return run(args, mlp)
    except NotImplementedError as e:
        print(f"{args.mlp}: a function is not implemented yet ({e}); fill it in and run again.", file=sys.stderr)
        return 1


def run(args, mlp):
    """Train, print the table, save the plot: the body of ``main``."""
    X_train, y_train, X_test, y_test = datasets.load_any(args.dataset, mnist_path=args.mnist_path,
                                                         limit=args.limit)
    k = int(max(y_train.max(), y_test.max())) + 1
    Y_train = datasets.one_hot(y_train, k)
    hyper = dict(hidden_layers=tuple(args.hidden_layers), epochs=args.epochs, learning_rate=args.learning_rate,
                 batch_size=args.batch_size, kind=args.loss, seed=args.seed)
    arch = "-".join(str(s) for s in [X_train.shape[1], *args.hidden_layers, k])
    print(f"{args.dataset}: {X_train.shape[0]} training and {X_test.shape[0]} test examples, "
          f"network {arch}, {args.loss}, {args.epochs} epochs, learning rate {args.learning_rate:g}, "
          f"batch size {args.batch_size}")

    started = time.perf_counter()
    params, history = mlp.train(X_train, Y_train, **hyper)
    seconds = time.perf_counter() - started
    losses = history.get("loss", [])
    if losses:
        print(f"trained in {seconds:.2f} s; loss {losses[0]:.4f} after the first epoch, {losses[-1]:.4f} after the last")

    columns = {
        "train (yours)": mlp.metrics(y_train, mlp.predict(params, X_train)),
        "test (yours)": mlp.metrics(y_test, mlp.predict(params, X_test)),
    }
    if args.compare_torch:
        try:
            t_params, _ = train_torch(X_train, Y_train, mlp.init_params, **hyper)
        except ImportError:
            print("torch is not installed (pip install torch): no PyTorch column.")
        else:
            columns["test (PyTorch)"] = mlp.metrics(y_test, predict_numpy(t_params, X_test))
    rows = [[METRIC_TITLES[m], *[float(c[m]) for c in columns.values()]] for m in METRICS]
    print()
    print(markdown_table(["Metric", *columns], rows))
    print()

    if not args.no_plot:
        hidden = ",".join(str(h) for h in args.hidden_layers) or "none"
        path = Path(args.out) / f"{args.dataset}_h{hidden.replace(',', '-')}_lr{args.learning_rate:g}_e{args.epochs}.png"
        title = f"{args.dataset}: {arch}, lr {args.learning_rate:g}, {args.epochs} epochs"
        if plot_history(history, path, title) is not None:
            print(f"plot saved to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
