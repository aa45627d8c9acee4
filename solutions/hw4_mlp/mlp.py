"""A multi-layer perceptron trained from scratch with NumPy.

Hidden layers use the sigmoid, the output layer the softmax. Any number and
size of hidden layers. Conventions:

- a batch ``X`` has shape (N, D): one example per row;
- targets ``Y`` are one-hot, shape (N, K);
- class labels (``predict``, ``metrics``) are integer arrays of shape (N,);
- layer ``l`` (1-based) has ``W<l>`` of shape (fan_out, fan_in) and ``b<l>``
  of shape (fan_out,), and computes ``Z = A_prev @ W.T + b``.

Only NumPy is allowed here: no torch, jax, tensorflow, keras, autograd or sklearn.
"""

import numpy as np
# BEGIN SOLUTION


def _sigmoid(x):
    """Logistic function, elementwise, without overflow warnings."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(z):
    """Row-wise softmax of z (N, K), shifted by the row maximum."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _n_layers(params):
    n = 0
    while f"W{n + 1}" in params:
        n += 1
    return n


# END SOLUTION


def init_params(layer_sizes, seed=0):
    """Initial weights and biases for a network with the given layer sizes.

    layer_sizes: sequence of ints ``[D, H1, ..., K]`` (input size, hidden
    sizes, number of classes); at least two entries.
    seed: int, the seed of ``numpy.random.default_rng``; the same seed gives
    the same parameters.

    Returns a dict with, for l = 1 .. len(layer_sizes) - 1, ``W<l>`` of shape
    (layer_sizes[l], layer_sizes[l-1]) and ``b<l>`` of shape (layer_sizes[l],).
    Any sensible random initialisation is accepted; the reference draws
    Glorot-uniform weights and zero biases.
    """
    # BEGIN SOLUTION hint: see the handout, Conventions: one weight matrix and one bias vector per layer
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = int(layer_sizes[l - 1]), int(layer_sizes[l])
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params[f"W{l}"] = rng.uniform(-limit, limit, size=(fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params
    # END SOLUTION


def forward(params, X):
    """Forward pass through every layer.

    params: dict from ``init_params`` (``W1, b1, ..., WL, bL``).
    X: inputs, shape (N, D).

    Returns ``(probs, cache)``: probs of shape (N, K), each row a softmax
    distribution (non-negative, summing to 1); cache is whatever ``backward``
    needs (for example the activations of every layer).
    """
    # BEGIN SOLUTION hint: see the handout, Conventions; keep what backward needs
    A = np.asarray(X, dtype=float)
    if A.ndim == 1:
        A = A[None, :]
    L = _n_layers(params)
    activations = [A]
    for l in range(1, L):
        A = _sigmoid(A @ np.asarray(params[f"W{l}"], dtype=float).T + params[f"b{l}"])
        activations.append(A)
    Z = A @ np.asarray(params[f"W{L}"], dtype=float).T + params[f"b{L}"]
    probs = _softmax(Z)
    return probs, {"activations": activations, "probs": probs}
    # END SOLUTION


def loss(probs, Y, kind="cross_entropy"):
    """Mean loss over the N examples.

    probs: (N, K) softmax outputs; Y: one-hot targets (N, K).
    kind: ``"cross_entropy"``, the mean of ``-sum_k y_k log p_k``, or
    ``"squared_error"``, the mean of ``sum_k (p_k - y_k)**2`` (seed 000).

    Returns a float.
    """
    # BEGIN SOLUTION hint: see the handout, Conventions
    P = np.atleast_2d(np.asarray(probs, dtype=float))
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    n = P.shape[0]
    if kind == "cross_entropy":
        return float(-np.sum(Y * np.log(np.maximum(P, np.finfo(float).tiny))) / n)
    if kind == "squared_error":
        return float(np.sum((P - Y) ** 2) / n)
    raise ValueError(f"unknown loss kind {kind!r}")
    # END SOLUTION


def backward(params, cache, Y, kind="cross_entropy"):
    """Gradients of the mean loss ``loss(probs, Y, kind)`` by backpropagation.

    params: the dict given to ``forward``; cache: the cache it returned;
    Y: one-hot targets (N, K); kind: as in ``loss``.

    Returns a dict with the same keys and shapes as params: ``W<l>`` (fan_out,
    fan_in) and ``b<l>`` (fan_out,). For squared error the gradient with
    respect to the output logits must go through the full softmax Jacobian
    ``dp_i/dz_j = p_i (delta_ij - p_j)``, not only its diagonal.
    """
    # BEGIN SOLUTION hint: see the handout, Backpropagation in matrix form
    activations, P = cache["activations"], cache["probs"]
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    n = P.shape[0]
    if kind == "cross_entropy":
        dZ = (P - Y) / n
    elif kind == "squared_error":
        g = 2.0 * (P - Y) / n                                   # dL/dP
        dZ = P * (g - np.sum(g * P, axis=1, keepdims=True))     # J^T g, row by row
    else:
        raise ValueError(f"unknown loss kind {kind!r}")
    grads = {}
    for l in range(_n_layers(params), 0, -1):
        A_prev = activations[l - 1]
        grads[f"W{l}"] = dZ.T @ A_prev
        grads[f"b{l}"] = dZ.sum(axis=0)
        if l > 1:
            dA = dZ @ np.asarray(params[f"W{l}"], dtype=float)
            dZ = dA * A_prev * (1.0 - A_prev)
    return grads
    # END SOLUTION


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    """Mini-batch stochastic gradient descent from ``init_params``.

    X: (N, D) inputs; Y: (N, K) one-hot targets.
    hidden_layers: sizes of the hidden layers, e.g. (16, 8); the network is
    ``[D, *hidden_layers, K]``.
    epochs: passes over the data; each epoch visits the examples in a new
    random order (``numpy.random.default_rng(seed)``) in mini-batches of
    ``batch_size`` (the last one may be smaller).
    learning_rate: step size of ``param -= learning_rate * grad``.
    kind: the loss, as in ``loss``. seed: seeds the initialisation and the
    shuffling, so the same call gives the same result.

    Returns ``(params, history)``: params as from ``init_params``; history a
    dict of per-epoch lists of floats, each of length ``epochs``: ``"loss"``
    (the mean loss on the whole of X after the epoch) and ``"accuracy"``
    (the share of X classified correctly after the epoch).
    """
    # BEGIN SOLUTION hint: see the handout, The data sets and the command line; and Conventions
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = X.shape[0]
    sizes = [X.shape[1], *[int(h) for h in hidden_layers], Y.shape[1]]
    params = init_params(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    labels = Y.argmax(axis=1)
    history = {"loss": [], "accuracy": []}
    for _ in range(int(epochs)):
        order = rng.permutation(n)
        for start in range(0, n, int(batch_size)):
            idx = order[start:start + int(batch_size)]
            _, cache = forward(params, X[idx])
            grads = backward(params, cache, Y[idx], kind=kind)
            for key in params:
                params[key] = params[key] - learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(probs.argmax(axis=1) == labels)))
    return params, history
    # END SOLUTION


def predict(params, X):
    """Class indices of the most probable class, shape (N,), integers."""
    # BEGIN SOLUTION hint: see the handout, Conventions
    probs, _ = forward(params, X)
    return probs.argmax(axis=1)
    # END SOLUTION


def metrics(y_true, y_pred):
    """Accuracy, precision, recall and F1 of predicted class indices.

    y_true, y_pred: integer class indices, shape (N,).

    Returns a dict of floats ``accuracy, precision, recall, f1``:
    - binary (every label, true or predicted, is 0 or 1): the scores of the
      positive class 1;
    - otherwise macro averages over the classes present in y_true or y_pred,
      the macro F1 being the mean of the per-class F1 scores.
    A ratio 0/0 counts as 0: a class never predicted has precision 0, a
    class never present has recall 0, and F1 is 0 when precision + recall is 0.
    No warnings.
    """
    # BEGIN SOLUTION hint: see the handout, Metrics
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    accuracy = float(np.mean(y_true == y_pred)) if y_true.size else 0.0
    classes = np.union1d(y_true, y_pred)
    binary = set(classes.tolist()) <= {0, 1}
    if binary:
        classes = np.array([1])

    def ratio(a, b):
        return a / b if b > 0 else 0.0

    precisions, recalls, f1s = [], [], []
    for c in classes:
        tp = float(np.sum((y_pred == c) & (y_true == c)))
        fp = float(np.sum((y_pred == c) & (y_true != c)))
        fn = float(np.sum((y_pred != c) & (y_true == c)))
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        precisions.append(p)
        recalls.append(r)
        f1s.append(ratio(2 * p * r, p + r))
    return {
        "accuracy": accuracy,
        "precision": float(np.mean(precisions)),
        "recall": float(np.mean(recalls)),
        "f1": float(np.mean(f1s)),
    }
    # END SOLUTION
