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
    raise NotImplementedError('see the handout, Conventions: one weight matrix and one bias vector per layer')


def forward(params, X):
    """Forward pass through every layer.

    params: dict from ``init_params`` (``W1, b1, ..., WL, bL``).
    X: inputs, shape (N, D).

    Returns ``(probs, cache)``: probs of shape (N, K), each row a softmax
    distribution (non-negative, summing to 1); cache is whatever ``backward``
    needs (for example the activations of every layer).
    """
    raise NotImplementedError('see the handout, Conventions; keep what backward needs')


def loss(probs, Y, kind="cross_entropy"):
    """Mean loss over the N examples.

    probs: (N, K) softmax outputs; Y: one-hot targets (N, K).
    kind: ``"cross_entropy"``, the mean of ``-sum_k y_k log p_k``, or
    ``"squared_error"``, the mean of ``sum_k (p_k - y_k)**2`` (seed 000).

    Returns a float.
    """
    raise NotImplementedError('see the handout, Conventions')


def backward(params, cache, Y, kind="cross_entropy"):
    """Gradients of the mean loss ``loss(probs, Y, kind)`` by backpropagation.

    params: the dict given to ``forward``; cache: the cache it returned;
    Y: one-hot targets (N, K); kind: as in ``loss``.

    Returns a dict with the same keys and shapes as params: ``W<l>`` (fan_out,
    fan_in) and ``b<l>`` (fan_out,). For squared error the gradient with
    respect to the output logits must go through the full softmax Jacobian
    ``dp_i/dz_j = p_i (delta_ij - p_j)``, not only its diagonal.
    """
    raise NotImplementedError('see the handout, Backpropagation in matrix form')


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
    raise NotImplementedError('see the handout, The data sets and the command line; and Conventions')


def predict(params, X):
    """Class indices of the most probable class, shape (N,), integers."""
    raise NotImplementedError('see the handout, Conventions')


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
    raise NotImplementedError('see the handout, Metrics')
