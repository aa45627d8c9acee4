"""Mistakes students make in hw4_mlp, written as they would write them (grader/mistakes.py).

Each probe tries a function on fixed inputs chosen so that the mistakes below give different
numbers from one another and from the reference: batches of 3 to 6 examples, never as many as
the classes but in one batch of forward's and one squared-error batch of backward's (N = K = 3, where
a row maximum or sum without keepdims gives another example's numbers instead of a raise); weights that are not square (and one square
network, where an untransposed W gives numbers instead of a raise); 2 to 5 classes (one two-class network of predict's, where a 0.5 threshold on a column is the argmax); a network whose logits reach +-1000 and whose hidden
pre-activations reach +-800 (where a softmax without its row-maximum shift, or shifted by the
batch's maximum, and a sigmoid as exp(z) / (1 + exp(z)) give nan); probabilities that are exactly
0 for a wrong class (where an unguarded log gives 0 * -inf = nan); labels of metrics' that are binary,
multi-class, two labels other than 0 and 1, binary in y_true only, and 0 alone. A mistake is named for a
student only when the student's outputs equal its outputs on every input.

Declared callees first: init_params, forward, loss, backward, predict, metrics, then train.

A backward's probe calls the forward first and passes the cache it returned (the student's cache
is an opaque handle). A mistake in what a forward caches shows only in its backward, so such a
mistake is written in the backward alone, rebuilding what the student cached from the reference's
cache (the pre-activations Z = A_prev @ W.T + b, say).

train draws at random (initialisation, shuffling), so its probe compares train with the module's
own pieces on runs whose result every correct train gives, whatever its initialisation and order:
one epoch of one full batch (the step taken, per parameter, in units of learning_rate * grad of
the module's own init_params and backward), and two epochs on a data set of identical rows in
mini-batches that divide it (how many steps of the module's own SGD the result is); and, for the
order of the examples, a few epochs of batches of one on three different examples, each epoch's order
found by replaying the module's own steps in every order (what is compared holds for every train that
reshuffles each epoch: each example with its own target, the orders neither all the same nor all the
original one).
"""
import itertools

import numpy as np

from grader.mistakes import Library, and_arguments, each

library = Library()

CONVENTIONS = "Conventions"
BACKPROP = "Backpropagation in matrix form"
SOFTMAX = "Why the softmax is not differentiated one output at a time"
METRICS = "Metrics"

_rng = np.random.default_rng(404)


def _f(v):
    return np.asarray(v, dtype=float)


def _net(sizes, scale=1.0, rng=None):
    rng = _rng if rng is None else rng
    p = {}
    for l in range(1, len(sizes)):
        p[f"W{l}"] = rng.normal(0.0, scale / np.sqrt(sizes[l - 1]), size=(sizes[l], sizes[l - 1]))
        p[f"b{l}"] = rng.normal(0.0, 0.5, size=sizes[l])
    return p


def _onehot(labels, k):
    return np.eye(k)[np.asarray(labels)]


# ------------------------------------------------------------------------------- init_params
INIT_SIZES = [[3, 5, 2], [4, 6, 3, 5], [7, 2]]


@library.probe("mlp.init_params")
def _(m):
    def run(sizes):
        a = m.mlp.init_params(list(sizes), seed=7)
        b = m.mlp.init_params(list(sizes), seed=7)
        c = m.mlp.init_params(list(sizes), seed=8)
        shapes = {k: np.array(np.shape(v), dtype=float) for k, v in a.items()}
        same_seed = all(np.array_equal(_f(a[k]), _f(b[k])) for k in a)
        other_seed = all(np.array_equal(_f(a[k]), _f(c[k])) for k in a if k in c)
        varied = all(np.ptp(_f(v)) > 0 for k, v in a.items() if k.startswith("W") and np.size(v) > 1)
        return [shapes, float(same_seed), float(other_seed), float(varied)]
    return each([(s,) for s in INIT_SIZES], run)


@library.mistake("mlp.init_params", section=CONVENTIONS)
def init_unseeded(layer_sizes, seed=0):
    """init_params draws from NumPy's global random state (np.random.randn/rand), so the same seed gives
    different parameters on each call: draw from rng = numpy.random.default_rng(seed)."""
    params = {}
    for l in range(1, len(layer_sizes)):
        params[f"W{l}"] = np.random.randn(layer_sizes[l], layer_sizes[l - 1]) * 0.1
        params[f"b{l}"] = np.zeros(layer_sizes[l])
    return params


@library.mistake("mlp.init_params", section=CONVENTIONS)
def init_ignores_seed(layer_sizes, seed=0):
    """init_params ignores its seed (a fixed numpy.random.default_rng(0), say): every seed gives the same
    parameters; seed the generator with the seed given, default_rng(seed)."""
    rng = np.random.default_rng(0)
    params = {}
    for l in range(1, len(layer_sizes)):
        params[f"W{l}"] = rng.normal(0.0, 0.1, size=(layer_sizes[l], layer_sizes[l - 1]))
        params[f"b{l}"] = np.zeros(layer_sizes[l])
    return params


@library.mistake("mlp.init_params", section=CONVENTIONS)
def init_weights_transposed(layer_sizes, seed=0):
    """init_params makes W<l> of shape (fan_in, fan_out); it is (fan_out, fan_in) = (layer_sizes[l],
    layer_sizes[l-1]), row j holding the weights into unit j, so that Z = A_prev @ W.T + b."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        params[f"W{l}"] = rng.normal(0.0, 0.1, size=(layer_sizes[l - 1], layer_sizes[l]))
        params[f"b{l}"] = np.zeros(layer_sizes[l])
    return params


@library.mistake("mlp.init_params", section=CONVENTIONS)
def init_bias_column(layer_sizes, seed=0):
    """init_params makes b<l> a column of shape (fan_out, 1); it is a vector of shape (fan_out,)."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        params[f"W{l}"] = rng.normal(0.0, 0.1, size=(layer_sizes[l], layer_sizes[l - 1]))
        params[f"b{l}"] = np.zeros((layer_sizes[l], 1))
    return params


@library.mistake("mlp.init_params", section=CONVENTIONS)
def init_equal_weights(layer_sizes, seed=0):
    """init_params gives every weight the same value (zeros or a constant): the units of a layer then
    compute the same thing and get the same gradient forever; draw the weights at random."""
    params = {}
    for l in range(1, len(layer_sizes)):
        params[f"W{l}"] = np.zeros((layer_sizes[l], layer_sizes[l - 1]))
        params[f"b{l}"] = np.zeros(layer_sizes[l])
    return params


# ----------------------------------------------------------------------------------- forward
def _large():
    """Hidden pre-activations +-800 and logits up to +-1000: row 2's logits are all more than 745 below
    the batch's maximum (1000) but not below their own row's."""
    p = {"W1": np.array([[800.0, 0.0], [0.0, 800.0]]), "b1": np.zeros(2),
         "W2": np.array([[1000.0, -900.0], [-1000.0, 200.0], [5.0, 3.0]]), "b2": np.array([0.0, 0.0, 0.5])}
    X = np.array([[1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]])
    return p, X


FORWARD = [(_net([3, 5, 4]), _rng.normal(size=(6, 3))),
           (_net([2, 4, 3, 5], scale=2.0), _rng.normal(size=(3, 2))),
           (_net([3, 3, 3], scale=1.5), _rng.normal(size=(4, 3))),
           _large()]
# A batch of as many examples as classes (N = K = 3) with ordinary logits, drawn apart so that the inputs
# above stay as they were: there a row maximum or row sum without keepdims, shape (N,), broadcasts along the
# classes and gives numbers (another example's maximum or sum) instead of the raise it gives elsewhere.
_square_forward = np.random.default_rng(4044)
FORWARD.append((_net([3, 4, 3], scale=1.5, rng=_square_forward), _square_forward.normal(size=(3, 3))))


@library.probe("mlp.forward")
def _(m):
    return each(FORWARD, lambda p, X: _f(m.mlp.forward(p, X)[0]))


def _layers(params):
    n = 0
    while f"W{n + 1}" in params:
        n += 1
    return n


def _forward_with(params, X, hidden, output, bias=True, transpose=True):
    A = np.asarray(X, dtype=float)
    L = _layers(params)
    for l in range(1, L + 1):
        W = np.asarray(params[f"W{l}"], dtype=float)
        Z = (A @ W.T if transpose else A @ W) + (params[f"b{l}"] if bias else 0.0)
        A = hidden(Z) if l < L else output(Z)
    return A


def _stable_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _mistaken_softmax(shift=1, over=1, *, shift_keepdims=True, keepdims=True):
    """A softmax as a mistake writes it: e = exp(z - the maximum over ``shift``), divided by the sum over
    ``over``. ``shift``: an axis, "all" (z.max()) or None (no shift); ``over``: an axis or "all"."""
    def softmax(z):
        top = 0 if shift is None else z.max() if shift == "all" else z.max(axis=shift, keepdims=shift_keepdims)
        e = np.exp(z - top)
        return e / (e.sum() if over == "all" else e.sum(axis=over, keepdims=keepdims))
    return softmax


def _logistic(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_without_max_shift(params, X):
    """the softmax is exp(z) / Σ exp(z) without subtracting the row maximum first: exp(1000) overflows to
    inf and inf / inf is nan; compute exp(z - max_k z_k) row by row (the same softmax, no overflow)."""
    softmax = _mistaken_softmax(shift=None, over=1)
    P = _forward_with(params, X, _logistic, softmax)
    return P, None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_shifted_by_batch_max(params, X):
    """the softmax subtracts the maximum of the whole batch (z.max()), not of each row: a row whose logits
    are all far below the batch's maximum underflows to exp(...) = 0 everywhere and 0 / 0 is nan; subtract
    each row's own maximum, z.max(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift="all", over=1)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_over_columns(params, X):
    """the softmax normalises over the batch (axis=0, each column sums to 1); it is row by row, over the K
    classes of each example (axis=1): every row of probs sums to 1."""
    softmax = _mistaken_softmax(shift=0, over=0)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_sum_without_keepdims(params, X):
    """the softmax divides by e.sum(axis=1) without keepdims=True: the (N,) sums are broadcast along the
    classes (an error, or the wrong division when N = K); divide by e.sum(axis=1, keepdims=True), (N, 1)."""
    softmax = _mistaken_softmax(shift=1, over=1, keepdims=False)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def sigmoid_exp_ratio_overflow(params, X):
    """the hidden sigmoid is exp(z) / (1 + exp(z)): for z = 800 exp(z) overflows and inf / inf is nan;
    use 1 / (1 + exp(-z)) where z >= 0 (and exp(z) / (1 + exp(z)) only where z < 0)."""
    def sigmoid(z):
        return np.exp(z) / (1.0 + np.exp(z))
    return _forward_with(params, X, sigmoid, _stable_softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def forward_without_bias(params, X):
    """forward leaves out the biases: every layer computes Z = A_prev @ W.T + b."""
    return _forward_with(params, X, _logistic, _stable_softmax, bias=False), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def forward_W_not_transposed(params, X):
    """forward computes A_prev @ W with W of shape (fan_out, fan_in): it is Z = A_prev @ W.T + b (row j of
    W holds the weights into unit j)."""
    return _forward_with(params, X, _logistic, _stable_softmax, transpose=False), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def sigmoid_before_softmax(params, X):
    """the output layer applies the sigmoid and then the softmax, softmax(σ(Z_L)): the output layer is
    P = softmax(Z_L) of the logits themselves; the sigmoid is for hidden layers only."""
    return _forward_with(params, X, _logistic, lambda z: _stable_softmax(_logistic(z))), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def output_sigmoid_not_softmax(params, X):
    """the output layer applies the sigmoid, σ(Z_L), whose rows do not sum to 1: it is P = softmax(Z_L)."""
    return _forward_with(params, X, _logistic, _logistic), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def hidden_layers_linear(params, X):
    """the hidden layers apply no activation (A = Z): each hidden layer is A = σ(Z), σ(z) = 1 / (1 + e^(−z))."""
    return _forward_with(params, X, lambda z: z, _stable_softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def hidden_tanh(params, X):
    """the hidden layers apply tanh: they apply the logistic sigmoid σ(z) = 1 / (1 + e^(−z)), whose values
    are in (0, 1) (tanh(z) = 2σ(2z) − 1)."""
    return _forward_with(params, X, np.tanh, _stable_softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_row_shift_column_sum(params, X):
    """the softmax subtracts each row's maximum but divides by the sum over the batch, e.sum(axis=0,
    keepdims=True), so each column sums to 1: divide by each row's own sum, e.sum(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift=1, over=0)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_column_sum_without_shift(params, X):
    """the softmax is np.exp(z) / np.exp(z).sum(axis=0), normalised over the batch and with no maximum
    subtracted (exp(1000) overflows to nan): it is row by row after subtracting the row maximum,
    e = np.exp(z - z.max(axis=1, keepdims=True)), e / e.sum(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift=None, over=0, keepdims=False)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_batch_max_column_sum(params, X):
    """the softmax subtracts the whole batch's maximum, z.max(), and divides by the sum over the batch,
    axis=0 (a column whose logits are all far below that maximum underflows to 0 / 0 = nan): subtract each
    row's maximum and divide by each row's sum, both with axis=1, keepdims=True."""
    softmax = _mistaken_softmax(shift="all", over=0)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_shifted_by_column_max(params, X):
    """the softmax subtracts each column's maximum, z.max(axis=0), before dividing by the row sums, so each
    logit of a row is shifted by a different amount (and a row far below its columns' maxima underflows):
    subtract each row's own maximum, z.max(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift=0, over=1)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_of_the_whole_batch(params, X):
    """the softmax is a vector's, np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z))), applied to the
    whole (N, K) array, so all N·K entries together sum to 1: it is row by row, each row shifted by its own
    maximum and divided by its own sum (axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift="all", over="all")
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_of_the_whole_batch_without_shift(params, X):
    """the softmax is np.exp(z) / np.sum(np.exp(z)) over the whole (N, K) array, with no maximum subtracted
    (exp(1000) overflows to nan) and all N·K entries together summing to 1: it is row by row,
    e = np.exp(z - z.max(axis=1, keepdims=True)), e / e.sum(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift=None, over="all")
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_row_shift_total_sum(params, X):
    """the softmax subtracts each row's maximum but divides by np.sum(e), the sum of the whole array, so the
    rows do not sum to 1: divide by each row's own sum, e.sum(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift=1, over="all")
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_max_without_keepdims(params, X):
    """the softmax subtracts z.max(axis=1) without keepdims=True: the (N,) maxima are broadcast along the
    classes (an error, or column k shifted by example k's maximum when N = K); subtract
    z.max(axis=1, keepdims=True), (N, 1), each row's own maximum."""
    softmax = _mistaken_softmax(shift=1, shift_keepdims=False, over=1)
    return _forward_with(params, X, _logistic, softmax), None


@library.mistake("mlp.forward", section=CONVENTIONS)
def softmax_max_and_sum_without_keepdims(params, X):
    """the softmax takes both z.max(axis=1) and e.sum(axis=1) without keepdims=True: the (N,) vectors are
    broadcast along the classes (an error, or other examples' maxima and sums when N = K); keep them
    columns, z.max(axis=1, keepdims=True) and e.sum(axis=1, keepdims=True)."""
    softmax = _mistaken_softmax(shift=1, shift_keepdims=False, over=1, keepdims=False)
    return _forward_with(params, X, _logistic, softmax), None


# -------------------------------------------------------------------------------------- loss
def _probs(rows):
    P = np.asarray(rows, dtype=float)
    return P / P.sum(axis=1, keepdims=True)


LOSS = [(_probs(_rng.dirichlet(np.ones(3) * 2, size=4)), _onehot([0, 2, 1, 2], 3), "cross_entropy"),
        (_probs(_rng.dirichlet(np.ones(4) * 2, size=5)), _onehot([3, 0, 1, 1, 2], 4), "squared_error"),
        (np.array([[0.7, 0.3, 0.0], [0.0, 0.1, 0.9], [0.2, 0.5, 0.3]]), _onehot([0, 2, 1], 3), "cross_entropy"),
        (np.array([[0.0, 0.6, 0.4], [0.25, 0.0, 0.75], [0.1, 0.2, 0.7]]), _onehot([1, 2, 0], 3), "squared_error"),
        (_probs(_rng.dirichlet(np.ones(2) * 2, size=5)), _onehot([1, 0, 0, 1, 1], 2), "cross_entropy")]


@library.probe("mlp.loss")
def _(m):
    def run(P, Y, kind):
        value, after = and_arguments(m.mlp.loss, P, Y, kind)
        return [_f(value), _f(after[0]), _f(after[1])]
    return each(LOSS, run)


def _ce_rows(P, Y):
    """-log p of the true class, per example (never log of a wrong class's 0)."""
    return -np.log(np.sum(P * Y, axis=1))


@library.mistake("mlp.loss", section=CONVENTIONS)
def cross_entropy_unguarded_log(probs, Y, kind="cross_entropy"):
    """cross-entropy computes −Σ y log p over every class with np.log(probs): a probability that is exactly
    0 (a softmax that underflows for a very unlikely class) gives 0 · log 0 = 0 · (−inf) = nan; a term
    with y_k = 0 counts 0 (take the log of the true class's p only, or of np.maximum(p, tiny))."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(-np.sum(Y * np.log(P)) / P.shape[0])
    return float(np.sum((P - Y) ** 2) / P.shape[0])


@library.mistake("mlp.loss", section=CONVENTIONS)
def loss_summed_not_mean(probs, Y, kind="cross_entropy"):
    """loss is the sum over the N examples, for both kinds: both losses are the mean over the batch, so divide by N."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.sum(_ce_rows(P, Y)))
    return float(np.sum((P - Y) ** 2))


@library.mistake("mlp.loss", section=CONVENTIONS)
def loss_mean_over_entries(probs, Y, kind="cross_entropy"):
    """loss takes np.mean over all N × K entries (dividing by N·K), for both kinds: each is the mean over the N examples of
    the sum over the K classes, so divide by N only."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.sum(_ce_rows(P, Y)) / P.size)
    return float(np.mean((P - Y) ** 2))


@library.mistake("mlp.loss", section=CONVENTIONS)
def squared_error_summed_not_mean(probs, Y, kind="cross_entropy"):
    """squared error is the sum over the N examples (cross-entropy is right): it is the mean over the batch,
    so divide by N."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.mean(_ce_rows(P, Y)))
    return float(np.sum((P - Y) ** 2))


@library.mistake("mlp.loss", section=CONVENTIONS)
def cross_entropy_summed_not_mean(probs, Y, kind="cross_entropy"):
    """cross-entropy is the sum over the N examples (squared error is right): it is the mean over the
    batch, so divide by N."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.sum(_ce_rows(P, Y)))
    return float(np.sum((P - Y) ** 2) / P.shape[0])


@library.mistake("mlp.loss", section=CONVENTIONS)
def squared_error_mean_over_entries(probs, Y, kind="cross_entropy"):
    """squared error takes np.mean((P − Y)²) over all N × K entries (dividing by N·K): it is the mean over
    the N examples of the sum over the K classes, so divide by N only."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.mean(_ce_rows(P, Y)))
    return float(np.mean((P - Y) ** 2))


@library.mistake("mlp.loss", section=CONVENTIONS)
def cross_entropy_mean_over_entries(probs, Y, kind="cross_entropy"):
    """cross-entropy takes np.mean(−Y log P) over all N × K entries (dividing by N·K): it is the mean over
    the N examples of the sum over the K classes, so divide by N only."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.sum(_ce_rows(P, Y)) / P.size)
    return float(np.sum((P - Y) ** 2) / P.shape[0])


@library.mistake("mlp.loss", section=CONVENTIONS)
def squared_error_halved(probs, Y, kind="cross_entropy"):
    """squared error has a factor ½, the mean of ½ Σ_k (p_k − y_k)²: seed 000's loss is Σ_k (p_k − y_k)²
    without ½ (so dL/dP = 2 (P − Y) / N)."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.mean(_ce_rows(P, Y)))
    return float(0.5 * np.sum((P - Y) ** 2) / P.shape[0])


@library.mistake("mlp.loss", section=CONVENTIONS)
def squared_error_norm_not_squared(probs, Y, kind="cross_entropy"):
    """squared error takes the norm ‖p − y‖ of each example, not its square: it is the mean of
    Σ_k (p_k − y_k)² (no square root)."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(np.mean(_ce_rows(P, Y)))
    return float(np.mean(np.sqrt(np.sum((P - Y) ** 2, axis=1))))


@library.mistake("mlp.loss", section=CONVENTIONS)
def cross_entropy_per_coordinate(probs, Y, kind="cross_entropy"):
    """cross-entropy adds (1 − y) log(1 − p) for every class, the binary cross-entropy of each coordinate:
    the softmax's cross-entropy is −Σ_k y_k log p_k, the log-probability of the true class only."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(-np.sum(Y * np.log(np.where(Y > 0, P, 1.0)) + (1 - Y) * np.log(1 - P)) / P.shape[0])
    return float(np.sum((P - Y) ** 2) / P.shape[0])


@library.mistake("mlp.loss", section=CONVENTIONS)
def cross_entropy_of_the_predicted_class(probs, Y, kind="cross_entropy"):
    """cross-entropy takes −log of the largest probability (the predicted class): it is −log p of the true
    class, the one where y_k = 1."""
    P, Y = _f(probs), _f(Y)
    if kind == "cross_entropy":
        return float(-np.mean(np.log(P.max(axis=1))))
    return float(np.sum((P - Y) ** 2) / P.shape[0])


@library.mistake("mlp.loss", section=CONVENTIONS)
def loss_ignores_kind(probs, Y, kind="cross_entropy"):
    """loss returns the cross-entropy whatever kind says: kind="squared_error" is the mean of
    Σ_k (p_k − y_k)²."""
    P, Y = _f(probs), _f(Y)
    return float(np.mean(_ce_rows(P, Y)))


@library.mistake("mlp.loss", section=CONVENTIONS)
def loss_clips_probs_in_place(probs, Y, kind="cross_entropy"):
    """loss clips the caller's probs in place (np.clip(P, eps, 1 - eps, out=P), or P[P < eps] = eps): the
    array handed in is changed; clip a copy (np.clip(P, eps, 1 - eps) without out= makes a new array)."""
    P = np.asarray(probs)
    Y = _f(Y)
    np.clip(P, 1e-7, 1 - 1e-7, out=P)
    if kind == "cross_entropy":
        return float(np.mean(_ce_rows(P, Y)))
    return float(np.sum((P - Y) ** 2) / P.shape[0])


# ---------------------------------------------------------------------------------- backward
BACKWARD = [(_net([3, 4, 3]), 5, "cross_entropy"),
            (_net([2, 5, 4, 4], scale=1.5), 3, "squared_error"),
            (_net([4, 3, 2], scale=2.0), 3, "squared_error"),
            (_net([3, 2, 4, 5, 3], scale=1.5), 6, "cross_entropy"),
            (_net([3, 3, 3, 3], scale=1.5), 4, "squared_error")]
BACKWARD = [(p, _rng.normal(size=(n, p["W1"].shape[1])),
             _onehot(_rng.permutation(np.arange(n) % p[f"b{_layers(p)}"].size), p[f"b{_layers(p)}"].size), kind)
            for p, n, kind in BACKWARD]
# One squared-error batch of as many examples as classes (N = K = 3), drawn apart so that the inputs above
# stay as they were: there a row sum without keepdims, shape (N,), broadcasts along the classes and gives
# numbers (another example's sum) instead of the raise it gives on every other batch.
_square = np.random.default_rng(4043)
BACKWARD.append((_net([2, 4, 3], scale=1.5, rng=_square), _square.normal(size=(3, 2)), _onehot([2, 0, 1], 3),
                 "squared_error"))


@library.probe("mlp.backward", uses=["mlp.forward"])
def _(m):
    def run(p, X, Y, kind):
        _, cache = m.mlp.forward(p, X)
        g = m.mlp.backward(p, cache, Y, kind)
        return {k: _f(v) for k, v in dict(g).items()}
    return each(BACKWARD, run)


def _output_delta(P, Y, kind, n):
    if kind == "cross_entropy":
        return (P - Y) / n
    G = 2.0 * (P - Y) / n
    return P * (G - np.sum(G * P, axis=1, keepdims=True))


def _down(params, activations, dZ, derivative=lambda A_prev, l: A_prev * (1.0 - A_prev),
          dW=lambda dZ, A: dZ.T @ A, db=lambda dZ: dZ.sum(axis=0), W_of=lambda W: W):
    grads = {}
    for l in range(len(activations), 0, -1):
        A_prev = activations[l - 1]
        grads[f"W{l}"] = dW(dZ, A_prev)
        grads[f"b{l}"] = db(dZ)
        if l > 1:
            dZ = (dZ @ W_of(np.asarray(params[f"W{l}"], dtype=float))) * derivative(A_prev, l - 1)
    return grads


def _ref(cache, Y):
    activations, P = cache["activations"], cache["probs"]
    Y = _f(Y)
    return activations, P, Y, P.shape[0]


@library.mistake("mlp.backward", section=CONVENTIONS)
def gradient_not_averaged(params, cache, Y, kind="cross_entropy"):
    """the gradient is summed over the batch, for both losses: the loss is the batch's mean, so divide by N
    (δ_L = (P − Y) / N for cross-entropy, G = 2 (P − Y) / N for squared error)."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, 1))


@library.mistake("mlp.backward", section=CONVENTIONS)
def cross_entropy_gradient_not_averaged(params, cache, Y, kind="cross_entropy"):
    """for cross-entropy δ_L = P − Y has no 1/N (squared error's is right): the loss is the batch's mean,
    so δ_L = (P − Y) / N."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, 1 if kind == "cross_entropy" else n))


@library.mistake("mlp.backward", section=CONVENTIONS)
def squared_error_gradient_not_averaged(params, cache, Y, kind="cross_entropy"):
    """for squared error G = 2 (P − Y) has no 1/N (cross-entropy's is right): the loss is the batch's mean,
    so G = 2 (P − Y) / N."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, 1 if kind == "squared_error" else n))


@library.mistake("mlp.backward", section=CONVENTIONS)
def gradient_averaged_twice(params, cache, Y, kind="cross_entropy"):
    """the gradient is divided by N twice (δ_L already has its 1/N, and dW, db are divided by N again):
    the loss is the mean over the batch, so the factor is 1/N once."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), dW=lambda d, a: d.T @ a / n,
                 db=lambda d: d.sum(axis=0) / n)


@library.mistake("mlp.backward", section=SOFTMAX)
def softmax_jacobian_diagonal_only(params, cache, Y, kind="cross_entropy"):
    """the softmax was differentiated one output at a time: only the diagonal p_k (1 - p_k) of its Jacobian
    was used, but every output p_i depends on every logit z_j (seed 000's slip)"""
    A, P, Y, n = _ref(cache, Y)
    dZ = (P - Y) / n if kind == "cross_entropy" else 2.0 * (P - Y) / n * P * (1.0 - P)
    return _down(params, A, dZ)


@library.mistake("mlp.backward", section=SOFTMAX)
def softmax_diagonal_for_both_losses(params, cache, Y, kind="cross_entropy"):
    """both losses go through dL/dP times p_k (1 − p_k), the diagonal of the softmax Jacobian only (for
    cross-entropy −y/p · p (1 − p)): every p_i depends on every logit; for cross-entropy with softmax
    δ_L = (P − Y) / N, for squared error δ_L = P · (G − Σ_i G_i P_i)."""
    A, P, Y, n = _ref(cache, Y)
    G = -Y / np.maximum(P, 1e-300) / n if kind == "cross_entropy" else 2.0 * (P - Y) / n
    return _down(params, A, G * P * (1.0 - P))


@library.mistake("mlp.backward", section=BACKPROP)
def squared_error_missing_two(params, cache, Y, kind="cross_entropy"):
    """for squared error G = dL/dP is (P − Y) / N without the 2: the derivative of (p − y)² is 2 (p − y),
    so G = 2 (P − Y) / N."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = (P - Y) / n
    return _down(params, A, P * (G - np.sum(G * P, axis=1, keepdims=True)))


@library.mistake("mlp.backward", section=BACKPROP)
def squared_error_missing_two_and_not_averaged(params, cache, Y, kind="cross_entropy"):
    """for squared error G = dL/dP is P − Y: both the 2 of the square and the 1/N of the mean are missing,
    G = 2 (P − Y) / N."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = P - Y
    return _down(params, A, P * (G - np.sum(G * P, axis=1, keepdims=True)))


@library.mistake("mlp.backward", section=BACKPROP)
def squared_error_averaged_over_entries(params, cache, Y, kind="cross_entropy"):
    """for squared error G = dL/dP is divided by N·K (the mean over every entry): the loss is the mean over
    the N examples of a sum over the K classes, so G = 2 (P − Y) / N."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = 2.0 * (P - Y) / P.size
    return _down(params, A, P * (G - np.sum(G * P, axis=1, keepdims=True)))


@library.mistake("mlp.backward", section=BACKPROP)
def squared_error_uses_cross_entropy_delta(params, cache, Y, kind="cross_entropy"):
    """for squared error δ_L is (P − Y) / N, cross-entropy's: with squared error δ_L goes through the
    softmax Jacobian, δ_L = P · (G − Σ_i G_i P_i) with G = 2 (P − Y) / N."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, (P - Y) / n)


@library.mistake("mlp.backward", section=BACKPROP)
def softmax_jacobian_diag_minus_p_squared(params, cache, Y, kind="cross_entropy"):
    """the softmax Jacobian is built as np.diag(p) − p * p, which broadcasts the vector p² over the rows
    (J[i, j] = p_i δ_ij − p_j²): it is diag(p) − np.outer(p, p), J[i, j] = p_i (δ_ij − p_j)."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = 2.0 * (P - Y) / n
    dZ = np.array([g @ (np.diag(p) - p * p) for g, p in zip(G, P)])
    return _down(params, A, dZ)


@library.mistake("mlp.backward", section=BACKPROP)
def softmax_jacobian_summed_over_batch(params, cache, Y, kind="cross_entropy"):
    """δ_L sums G · P over the batch (axis=0): the sum Σ_i G[n, i] P[n, i] runs over the classes of each
    example, np.sum(G * P, axis=1, keepdims=True)."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = 2.0 * (P - Y) / n
    return _down(params, A, P * (G - np.sum(G * P, axis=0, keepdims=True)))


@library.mistake("mlp.backward", section=BACKPROP)
def softmax_jacobian_summed_over_everything(params, cache, Y, kind="cross_entropy"):
    """for squared error δ_L subtracts np.sum(G * P) with no axis, one number summed over every example and
    class: the sum Σ_i G[n, i] P[n, i] runs over the classes of each example, np.sum(G * P, axis=1,
    keepdims=True)."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = 2.0 * (P - Y) / n
    return _down(params, A, P * (G - np.sum(G * P)))


@library.mistake("mlp.backward", section=BACKPROP)
def softmax_jacobian_sum_without_keepdims(params, cache, Y, kind="cross_entropy"):
    """for squared error the row sums s = (G * P).sum(axis=1) are taken without keepdims=True, shape (N,), so
    P * (G − s) broadcasts them along the classes (a shape error, or another example's sum when N = K): keep
    them a column, np.sum(G * P, axis=1, keepdims=True), so that δ_L[n, j] = P[n, j] (G[n, j] − Σ_i G[n, i] P[n, i])."""
    A, P, Y, n = _ref(cache, Y)
    if kind == "cross_entropy":
        return _down(params, A, (P - Y) / n)
    G = 2.0 * (P - Y) / n
    s = (G * P).sum(axis=1)
    return _down(params, A, P * (G - s))


@library.mistake("mlp.backward", section=BACKPROP)
def cross_entropy_through_softmax_jacobian(params, cache, Y, kind="cross_entropy"):
    """for cross-entropy (P − Y) / N is treated as dL/dP and passed through the softmax Jacobian,
    P · (g − Σ_i g_i P_i), so the Jacobian is applied twice: P − Y is already dL/dZ (the Jacobian is in it),
    so for cross-entropy δ_L = (P − Y) / N; only squared error's G = 2 (P − Y) / N goes through it."""
    A, P, Y, n = _ref(cache, Y)
    g = (P - Y) / n if kind == "cross_entropy" else 2.0 * (P - Y) / n
    return _down(params, A, P * (g - np.sum(g * P, axis=1, keepdims=True)))


@library.mistake("mlp.backward", section=BACKPROP)
def residual_reversed(params, cache, Y, kind="cross_entropy"):
    """the residual is reversed, Y − P instead of P − Y, so every gradient has the wrong sign:
    δ_L = (P − Y) / N for cross-entropy, G = 2 (P − Y) / N for squared error."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, -_output_delta(P, Y, kind, n))


@library.mistake("mlp.backward", section=BACKPROP)
def dW_transposed(params, cache, Y, kind="cross_entropy"):
    """dW_l is A_(l−1)ᵀ @ δ_l, of shape (fan_in, fan_out): it is δ_lᵀ @ A_(l−1), of W's shape
    (fan_out, fan_in)."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), dW=lambda d, a: a.T @ d)


@library.mistake("mlp.backward", section=BACKPROP)
def db_keepdims(params, cache, Y, kind="cross_entropy"):
    """db_l is summed with keepdims=True, shape (1, fan_out): it has b's shape (fan_out,), δ_l.sum(axis=0)."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), db=lambda d: d.sum(axis=0, keepdims=True))


@library.mistake("mlp.backward", section=BACKPROP)
def db_mean_not_sum(params, cache, Y, kind="cross_entropy"):
    """db_l is the mean of the rows of δ_l: δ_l already carries the 1/N of the mean loss, so db_l is their
    sum, Σ over the rows of δ_l."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), db=lambda d: d.mean(axis=0))


@library.mistake("mlp.backward", section=BACKPROP)
def db_summed_over_units(params, cache, Y, kind="cross_entropy"):
    """db_l sums δ_l over the units (axis=1, one number per example): it sums over the examples,
    δ_l.sum(axis=0), of shape (fan_out,)."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), db=lambda d: d.sum(axis=1))


@library.mistake("mlp.backward", section=BACKPROP)
def sigmoid_derivative_of_preactivation(params, cache, Y, kind="cross_entropy"):
    """going down, the sigmoid derivative is taken as Z (1 − Z) of the pre-activation Z = A_prev @ W.T + b:
    σ′(Z) = A (1 − A) with A = σ(Z), the activation (δ_(l−1) = (δ_l @ W_l) · A_(l−1) · (1 − A_(l−1)))."""
    A, P, Y, n = _ref(cache, Y)
    pre = [None] + [A[l - 1] @ np.asarray(params[f"W{l}"], dtype=float).T + params[f"b{l}"]
                    for l in range(1, len(A))]
    return _down(params, A, _output_delta(P, Y, kind, n), derivative=lambda a, l: pre[l] * (1.0 - pre[l]))


@library.mistake("mlp.backward", section=BACKPROP)
def sigmoid_applied_twice(params, cache, Y, kind="cross_entropy"):
    """going down, the sigmoid derivative applies σ to the activation again, σ(A) (1 − σ(A)): A_(l−1) is
    already σ(Z), so the derivative is A_(l−1) · (1 − A_(l−1))."""
    A, P, Y, n = _ref(cache, Y)

    def derivative(a, l):
        s = _logistic(a)
        return s * (1.0 - s)
    return _down(params, A, _output_delta(P, Y, kind, n), derivative=derivative)


@library.mistake("mlp.backward", section=BACKPROP)
def tanh_derivative(params, cache, Y, kind="cross_entropy"):
    """going down, the derivative is 1 − A², tanh's: the hidden layers are sigmoids, whose derivative is
    A (1 − A)."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), derivative=lambda a, l: 1.0 - a ** 2)


@library.mistake("mlp.backward", section=BACKPROP)
def sigmoid_derivative_missing(params, cache, Y, kind="cross_entropy"):
    """going down, δ_(l−1) = δ_l @ W_l leaves out the sigmoid's derivative: δ_(l−1) = (δ_l @ W_l) ·
    A_(l−1) · (1 − A_(l−1))."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), derivative=lambda a, l: 1.0)


@library.mistake("mlp.backward", section=BACKPROP)
def sigmoid_derivative_of_the_wrong_layer(params, cache, Y, kind="cross_entropy"):
    """going down, the sigmoid derivative uses layer l's own output A_l (the probabilities at the output
    layer) instead of A_(l−1), the layer δ_(l−1) belongs to: δ_(l−1) = (δ_l @ W_l) · A_(l−1) · (1 − A_(l−1))."""
    A, P, Y, n = _ref(cache, Y)
    outs = list(A) + [P]
    return _down(params, A, _output_delta(P, Y, kind, n), derivative=lambda a, l: outs[l + 1] * (1.0 - outs[l + 1]))


@library.mistake("mlp.backward", section=BACKPROP)
def W_transposed_going_down(params, cache, Y, kind="cross_entropy"):
    """going down, δ_l @ W_lᵀ: with W_l of shape (fan_out, fan_in) the gradient passed back is δ_l @ W_l."""
    A, P, Y, n = _ref(cache, Y)
    return _down(params, A, _output_delta(P, Y, kind, n), W_of=lambda W: W.T)


@library.mistake("mlp.backward", section=BACKPROP)
def gradients_stored_in_the_wrong_order(params, cache, Y, kind="cross_entropy"):
    """the gradients, computed from the output layer down, are matched to the keys W1, b1, W2, … without
    reversing them (dW_L is stored as W1): store each as d<key> of its own layer, grads[f"W{l}"]."""
    A, P, Y, n = _ref(cache, Y)
    g = _down(params, A, _output_delta(P, Y, kind, n))
    L = len(A)
    values = [g[k] for l in range(L, 0, -1) for k in (f"W{l}", f"b{l}")]
    keys = [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]
    return dict(zip(keys, values))


@library.mistake("mlp.backward", section=BACKPROP)
def batch_loop_overwrites(params, cache, Y, kind="cross_entropy"):
    """the loop over the examples assigns each example's gradient (dW = ...) instead of adding it
    (dW += ...), so only the last example is left: dW_l = δ_lᵀ @ A_(l−1) sums over every row."""
    A, P, Y, n = _ref(cache, Y)
    grads = None
    for i in range(n):
        grads = _down(params, [a[i:i + 1] for a in A], _output_delta(P[i:i + 1], Y[i:i + 1], kind, n))
    return grads


# ----------------------------------------------------------------------------------- predict
PREDICT = [FORWARD[0], FORWARD[1], (_net([4, 6, 3], scale=2.0), _rng.normal(size=(5, 4)))]
# Two classes, drawn apart so that the inputs above stay as they were: where a 0.5 threshold on one column
# is the argmax (and where it is not, flipped).
_two_classes = np.random.default_rng(4045)
PREDICT.append((_net([3, 4, 2], scale=2.5, rng=_two_classes), _two_classes.normal(size=(6, 3))))


@library.probe("mlp.predict", uses=["mlp.forward"])
def _(m):
    return each(PREDICT, lambda p, X: _f(m.mlp.predict(p, X)))


@library.mistake("mlp.predict", section=CONVENTIONS)
def argmax_over_the_batch(params, X):
    """predict takes argmax over axis 0 (for each class, the example where it is most probable): the class
    of each example is the argmax of its row, probs.argmax(axis=1), shape (N,)."""
    return forward(params, X)[0].argmax(axis=0)


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_returns_the_probability(params, X):
    """predict returns the largest probability of each row (probs.max(axis=1)): it returns the class index,
    probs.argmax(axis=1)."""
    return forward(params, X)[0].max(axis=1)


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_keepdims(params, X):
    """predict returns a column (N, 1) (argmax with keepdims=True): class labels have shape (N,)."""
    return forward(params, X)[0].argmax(axis=1)[:, None]


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_one_hot(params, X):
    """predict returns one-hot rows (N, K): it returns integer class indices of shape (N,)."""
    P = forward(params, X)[0]
    return (P == P.max(axis=1, keepdims=True)).astype(int)


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_thresholds_class_one(params, X):
    """predict returns 1 where p_1 > 0.5 and 0 elsewhere, a two-class rule: with K classes it is the most
    probable one, probs.argmax(axis=1)."""
    return (forward(params, X)[0][:, 1] > 0.5).astype(int)


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_argmax_without_axis(params, X):
    """predict takes np.argmax(probs) with no axis, one index into the flattened (N, K) array: the class of
    each example is the argmax of its row, probs.argmax(axis=1), shape (N,)."""
    return np.argmax(forward(params, X)[0])


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_returns_the_probabilities(params, X):
    """predict returns the probabilities themselves, the (N, K) probs of forward: it returns each row's most
    probable class, probs.argmax(axis=1), integers of shape (N,)."""
    return forward(params, X)[0]


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_thresholds_the_first_column(params, X):
    """predict returns (probs[:, 0] > 0.5).astype(int), 1 where class 0 is the likely one (the classes
    flipped): it returns the most probable class, probs.argmax(axis=1)."""
    return (forward(params, X)[0][:, 0] > 0.5).astype(int)


@library.mistake("mlp.predict", section=CONVENTIONS)
def predict_two_class_rule_on_the_first_column(params, X):
    """predict returns 0 where p_0 > 0.5 and 1 elsewhere, a rule right for two classes only: with K classes
    it is the most probable one, probs.argmax(axis=1)."""
    return np.where(forward(params, X)[0][:, 0] > 0.5, 0, 1)


# ----------------------------------------------------------------------------------- metrics
METRIC_CASES = [(np.array([1, 0, 1, 1, 0, 0, 1, 0, 1]), np.array([1, 0, 0, 1, 1, 0, 1, 1, 1])),
                (np.array([0, 1, 2, 2, 1, 0, 2, 1]), np.array([0, 2, 2, 3, 1, 0, 1, 1])),
                (np.array([0, 2, 3, 3, 2, 0, 3]), np.array([0, 3, 3, 2, 2, 0, 0])),
                (np.array([0, 1, 1, 2, 2, 0]), np.array([0, 1, 0, 0, 1, 0])),
                # two labels that are not 0 and 1 (not binary: the macro averages over classes 1 and 2)
                (np.array([1, 2, 2, 1, 2, 2]), np.array([1, 2, 1, 1, 2, 1])),
                # y_true all 0 or 1, y_pred not (not binary)
                (np.array([0, 1, 1, 0, 1, 0]), np.array([0, 1, 2, 0, 1, 1])),
                # one label only, 0 (binary: class 1's scores, 0/0 = 0 each)
                (np.array([0, 0, 0, 0]), np.array([0, 0, 0, 0]))]


@library.probe("mlp.metrics")
def _(m):
    def run(t, p):
        got = m.mlp.metrics(t, p)
        return [_f(got[k]) for k in ("accuracy", "precision", "recall", "f1")]
    return each(METRIC_CASES, run)


def _per_class(y_true, y_pred, classes, nan=False):
    P, R, F = [], [], []
    for c in classes:
        tp = float(np.sum((y_pred == c) & (y_true == c)))
        fp = float(np.sum((y_pred == c) & (y_true != c)))
        fn = float(np.sum((y_pred != c) & (y_true == c)))
        with np.errstate(all="ignore"):
            p = np.float64(tp) / (tp + fp) if (tp + fp or nan) else 0.0
            r = np.float64(tp) / (tp + fn) if (tp + fn or nan) else 0.0
            f = 2 * p * r / (p + r) if (p + r or nan) else 0.0
        P.append(p)
        R.append(r)
        F.append(f)
    return np.array(P), np.array(R), np.array(F)


def _labels(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true).astype(int).ravel(), np.asarray(y_pred).astype(int).ravel()
    classes = np.union1d(y_true, y_pred)
    return y_true, y_pred, classes, set(classes.tolist()) <= {0, 1}


def _result(acc, P, R, F):
    return {"accuracy": float(acc), "precision": float(np.mean(P)), "recall": float(np.mean(R)),
            "f1": float(np.mean(F))}


@library.mistake("mlp.metrics", section=METRICS)
def micro_averages(y_true, y_pred):
    """with more than two classes, precision and recall are micro averages (TP, FP and FN summed over the
    classes first, which gives the accuracy): they are macro averages, the mean over the classes of each
    class's own precision, recall and F1."""
    t, p, classes, binary = _labels(y_true, y_pred)
    acc = np.mean(t == p)
    if binary:
        return _result(acc, *_per_class(t, p, [1]))
    tp = sum(np.sum((p == c) & (t == c)) for c in classes)
    fp = sum(np.sum((p == c) & (t != c)) for c in classes)
    fn = sum(np.sum((p != c) & (t == c)) for c in classes)
    P, R = tp / (tp + fp), tp / (tp + fn)
    return _result(acc, P, R, 2 * P * R / (P + R))


@library.mistake("mlp.metrics", section=METRICS)
def f1_of_the_averages(y_true, y_pred):
    """the macro F1 is computed from the macro precision and recall, 2 P R / (P + R) of the averages: it is
    the mean of the per-class F1 scores."""
    t, p, classes, binary = _labels(y_true, y_pred)
    P, R, F = _per_class(t, p, [1] if binary else classes)
    mp, mr = np.mean(P), np.mean(R)
    return _result(np.mean(t == p), P, R, 2 * mp * mr / (mp + mr) if mp + mr else 0.0)


@library.mistake("mlp.metrics", section=METRICS)
def binary_averaged_over_both_classes(y_true, y_pred):
    """in the binary case the scores are averaged over classes 0 and 1: with labels 0 and 1 only they are
    the scores of the positive class 1."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, classes))


@library.mistake("mlp.metrics", section=METRICS)
def binary_positive_class_zero(y_true, y_pred):
    """in the binary case the scores are those of class 0: the positive class is 1."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [0] if binary else classes))


@library.mistake("mlp.metrics", section=METRICS)
def macro_over_true_classes_only(y_true, y_pred):
    """the macro averages run over the classes of y_true only: they run over every class present in y_true
    or y_pred (a class only predicted counts, with recall 0/0 = 0)."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [1] if binary else np.unique(t)))


@library.mistake("mlp.metrics", section=METRICS)
def macro_over_range_of_labels(y_true, y_pred):
    """the macro averages run over every class 0 … max label, absent ones included: they run over the
    classes present in y_true or y_pred."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [1] if binary else range(int(classes.max()) + 1)))


@library.mistake("mlp.metrics", section=METRICS)
def zero_over_zero_is_nan(y_true, y_pred):
    """a ratio 0/0 (a class never predicted, or never present) is left as nan: every 0/0 counts as 0."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [1] if binary else classes, nan=True))


@library.mistake("mlp.metrics", section=METRICS)
def precision_and_recall_swapped(y_true, y_pred):
    """precision and recall are swapped: precision = TP / (TP + FP) (of the predicted c, how many are c),
    recall = TP / (TP + FN) (of the true c, how many were found)."""
    t, p, classes, binary = _labels(y_true, y_pred)
    P, R, F = _per_class(t, p, [1] if binary else classes)
    return _result(np.mean(t == p), R, P, F)


@library.mistake("mlp.metrics", section=METRICS)
def weighted_by_support(y_true, y_pred):
    """with more than two classes the scores are weighted by each class's count in y_true: macro averages
    weigh every class the same, a plain mean over the classes."""
    t, p, classes, binary = _labels(y_true, y_pred)
    if binary:
        return _result(np.mean(t == p), *_per_class(t, p, [1]))
    P, R, F = _per_class(t, p, classes)
    w = np.array([np.sum(t == c) for c in classes], dtype=float)
    w /= w.sum()
    return {"accuracy": float(np.mean(t == p)), "precision": float(w @ P), "recall": float(w @ R),
            "f1": float(w @ F)}


@library.mistake("mlp.metrics", section=METRICS)
def accuracy_as_a_count(y_true, y_pred):
    """accuracy is the number of correct predictions, np.sum(y_true == y_pred): it is their share, that count
    divided by N, np.mean(y_true == y_pred)."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.sum(t == p), *_per_class(t, p, [1] if binary else classes))


@library.mistake("mlp.metrics", section=METRICS)
def precision_with_false_negatives(y_true, y_pred):
    """precision is TP / (TP + FN), the false negatives where the false positives belong (which is the recall,
    and makes F1 the recall too): precision = TP / (TP + FP), of the examples predicted c the share truly c."""
    t, p, classes, binary = _labels(y_true, y_pred)
    P, R, F = [], [], []
    for c in ([1] if binary else classes):
        tp = float(np.sum((p == c) & (t == c)))
        fn = float(np.sum((p != c) & (t == c)))
        precision = tp / (tp + fn) if tp + fn else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        P.append(precision)
        R.append(recall)
        F.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return _result(np.mean(t == p), P, R, F)


@library.mistake("mlp.metrics", section=METRICS)
def f1_missing_two(y_true, y_pred):
    """F1 is P R / (P + R) without the 2: F1 = 2 P R / (P + R), the harmonic mean of P and R."""
    t, p, classes, binary = _labels(y_true, y_pred)
    P, R, F = _per_class(t, p, [1] if binary else classes)
    return _result(np.mean(t == p), P, R, F / 2)


@library.mistake("mlp.metrics", section=METRICS)
def binary_when_two_labels_positive_the_larger(y_true, y_pred):
    """metrics is binary whenever exactly two distinct labels are present, the positive class the larger one
    (labels 1 and 2 give class 2's scores, a single label 0 gives macro averages): it is binary when every
    label, true or predicted, is 0 or 1, with the scores of class 1."""
    t, p, classes, binary = _labels(y_true, y_pred)
    if len(classes) == 2:
        return _result(np.mean(t == p), *_per_class(t, p, [classes[1]]))
    return _result(np.mean(t == p), *_per_class(t, p, classes))


@library.mistake("mlp.metrics", section=METRICS)
def binary_when_two_labels_positive_one(y_true, y_pred):
    """metrics is binary whenever exactly two distinct labels are present (labels 1 and 2 give class 1's
    scores, a single label 0 gives macro averages): it is binary when every label, true or predicted, is 0
    or 1; otherwise the macro averages over the classes present."""
    t, p, classes, binary = _labels(y_true, y_pred)
    if len(classes) == 2:
        return _result(np.mean(t == p), *_per_class(t, p, [1]))
    return _result(np.mean(t == p), *_per_class(t, p, classes))


@library.mistake("mlp.metrics", section=METRICS)
def binary_decided_by_y_true_only(y_true, y_pred):
    """metrics decides "binary" from y_true alone (its labels all 0 or 1), so a y_pred with other labels
    still gets class 1's scores: it is binary only when every label, true or predicted, is 0 or 1."""
    t, p, classes, binary = _labels(y_true, y_pred)
    if set(np.unique(t).tolist()) <= {0, 1}:
        return _result(np.mean(t == p), *_per_class(t, p, [1]))
    return _result(np.mean(t == p), *_per_class(t, p, classes))


@library.mistake("mlp.metrics", section=METRICS)
def binary_positive_the_largest_label(y_true, y_pred):
    """in the binary case the positive class is the largest label present (classes.max(), class 0 when only
    0 occurs): the positive class is always 1, whose scores are 0/0 = 0 when it never occurs."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [classes.max()] if binary else classes))


@library.mistake("mlp.metrics", section=METRICS)
def macro_over_predicted_classes_only(y_true, y_pred):
    """the macro averages run over the classes of y_pred only (np.unique(y_pred)), leaving out a class never
    predicted: they run over every class present in y_true or y_pred (a class never predicted counts, with
    precision 0/0 = 0)."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [1] if binary else np.unique(p)))


@library.mistake("mlp.metrics", section=METRICS)
def macro_over_classes_in_both(y_true, y_pred):
    """the macro averages run over the classes present in both y_true and y_pred (np.intersect1d): they run
    over every class present in either (np.union1d), a class only true or only predicted counting too."""
    t, p, classes, binary = _labels(y_true, y_pred)
    return _result(np.mean(t == p), *_per_class(t, p, [1] if binary else np.intersect1d(t, p)))


@library.mistake("mlp.metrics", section=METRICS)
def unpredicted_class_precision_one(y_true, y_pred):
    """a class never predicted gets precision 1 (TP / (TP + FP) with 0/0 taken as 1): every 0/0 counts as 0,
    so a class never predicted has precision 0."""
    t, p, classes, binary = _labels(y_true, y_pred)
    P, R, F = _per_class(t, p, [1] if binary else classes)
    for i, c in enumerate([1] if binary else classes):
        if not np.any(p == c):
            P[i] = 1.0
    return _result(np.mean(t == p), P, R, F)


@library.mistake("mlp.metrics", section=METRICS)
def unpredicted_class_precision_skipped(y_true, y_pred):
    """the macro precision averages only the classes that were predicted, skipping a class never predicted
    (its 0/0): every 0/0 counts as 0, so a class never predicted has precision 0 and counts in the mean."""
    t, p, classes, binary = _labels(y_true, y_pred)
    cs = [1] if binary else classes
    P, R, F = _per_class(t, p, cs)
    kept = [P[i] for i, c in enumerate(cs) if np.any(p == c)]
    return {"accuracy": float(np.mean(t == p)), "precision": float(np.mean(kept)) if kept else float("nan"),
            "recall": float(np.mean(R)), "f1": float(np.mean(F))}


# ------------------------------------------------------------------------------------- train
# Full batch, one epoch: any order, any initialisation gives init - learning_rate * grad(init).
TRAIN_FULL = [(_rng.normal(size=(5, 3)), _onehot([0, 2, 1, 2, 0], 3), (4,), 0.3, "cross_entropy", 3),
              (_rng.normal(size=(4, 2)), _onehot([1, 0, 0, 1], 2), (3, 2), 0.7, "squared_error", 5)]
# Identical rows in mini-batches that divide them: any order gives the same steps.
TRAIN_SAME = [(np.tile([[0.5, -1.0]], (6, 1)), _onehot([2] * 6, 3), (3,), 0.5, "cross_entropy", 1, 2, 2)]
MAX_STEPS = 12
# Three different examples (each of its own class) in batches of one, for 1, 2, ... TRAIN_ORDER_EPOCHS epochs:
# the order each epoch visited them in (and their targets), found by replaying the module's own steps in every
# order; what is compared is what every train that reshuffles each epoch gives, whatever its generator draws:
# each example with its own target, the orders not all the same, not all the original one. Seed 2: the
# reference's first order is not the original, and two permutations a call apart pair X and Y differently.
TRAIN_ORDER = [(np.array([[1.0, -0.5], [-1.2, 0.8], [0.3, 1.5]]), _onehot([0, 1, 2], 3), (2,), 0.8,
                "cross_entropy", 2)]
TRAIN_ORDER_EPOCHS = 4


@library.probe("mlp.train")
def _(m):
    def sizes_of(X, Y, hidden):
        return [X.shape[1], *hidden, Y.shape[1]]

    def step(params, X, Y, kind, lr):
        _, cache = m.mlp.forward(params, X)
        g = m.mlp.backward(params, cache, Y, kind)
        return {k: _f(v) - lr * _f(g[k]) for k, v in params.items()}, {k: _f(v) for k, v in dict(g).items()}

    def full(X, Y, hidden, lr, kind, seed):
        trained, _ = m.mlp.train(X, Y, hidden_layers=hidden, epochs=1, learning_rate=lr, batch_size=len(X),
                                 kind=kind, seed=seed)
        init = {k: _f(v) for k, v in m.mlp.init_params(sizes_of(X, Y, hidden), seed=seed).items()}
        _, g = step(init, X, Y, kind, lr)
        out = {}
        for k in init:
            d, s = init[k] - _f(trained[k]), lr * g[k]
            ratio = np.sum(d * s) / np.sum(s * s)
            out[k] = np.array([ratio, np.linalg.norm(d - ratio * s) / np.linalg.norm(s)])
        return out

    def equal(params, trained):
        return set(params) == set(trained) and all(
            np.shape(trained[key]) == np.shape(params[key])
            and np.allclose(trained[key], params[key], rtol=1e-7, atol=1e-12) for key in params)

    def same(X, Y, hidden, lr, kind, seed, epochs, batch):
        trained, _ = m.mlp.train(X, Y, hidden_layers=hidden, epochs=epochs, learning_rate=lr,
                                 batch_size=batch, kind=kind, seed=seed)
        trained = {k: _f(v) for k, v in trained.items()}
        params = {k: _f(v) for k, v in m.mlp.init_params(sizes_of(X, Y, hidden), seed=seed).items()}
        for k in range(MAX_STEPS + 1):
            if equal(params, trained):
                return np.array(float(k))
            params, _ = step(params, X[:batch], Y[:batch], kind, lr)
        return np.array(-1.0)

    def orders(X, Y, hidden, lr, kind, seed):
        """[epochs whose order was found, every example with its own target, the targets in their original
        order, the same order every epoch, the original order every epoch]."""
        n = len(X)
        original = tuple(range(n))
        # (order of X, order of Y): the same permutation, or X permuted with Y left in order
        candidates = [(p, p) for p in itertools.permutations(range(n))] + \
            [(p, original) for p in itertools.permutations(range(n)) if p != original]
        params = {k: _f(v) for k, v in m.mlp.init_params(sizes_of(X, Y, hidden), seed=seed).items()}
        found = []
        for epochs in range(1, TRAIN_ORDER_EPOCHS + 1):
            trained, _ = m.mlp.train(X, Y, hidden_layers=hidden, epochs=epochs, learning_rate=lr, batch_size=1,
                                     kind=kind, seed=seed)
            trained = {k: _f(v) for k, v in dict(trained).items()}
            after = {(): params}  # the steps replayed so far, by the (x, y) pairs visited

            def replay(pairs):
                if pairs not in after:
                    x, y = pairs[-1]
                    after[pairs] = step(replay(pairs[:-1]), X[[x]], Y[[y]], kind, lr)[0]
                return after[pairs]
            match = next((c for c in candidates if equal(replay(tuple(zip(*c))), trained)), None)
            if match is None:
                break
            found.append(match)
            params = replay(tuple(zip(*match)))
        return np.array([len(found), all(px == py for px, py in found), all(py == original for _, py in found),
                         len(set(found)) == 1, all(px == py == original for px, py in found)], dtype=float)

    return each(TRAIN_FULL, full) + each(TRAIN_SAME, same) + each(TRAIN_ORDER, orders)


def _sgd(scope, X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, *, rate=lambda lr, epoch: lr,
         sign=1.0, keys=lambda k: True, shuffle_y=True, first_epoch=0, per_batch=False, last_batch_only=False,
         shuffling="each epoch"):
    """The reference's train with one thing changed (the keyword given); ``scope``: the mistake's globals,
    where init_params, forward, backward and loss are the patched module's."""
    init_params, forward, backward, loss = (scope[k] for k in ("init_params", "forward", "backward", "loss"))
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    n = X.shape[0]
    params = init_params([X.shape[1], *[int(h) for h in hidden_layers], Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    fixed = rng.permutation(n) if shuffling == "once" else np.arange(n)
    for epoch in range(first_epoch, int(epochs)):
        order = rng.permutation(n) if shuffling in ("each epoch", "twice") else fixed
        order_y = rng.permutation(n) if shuffling == "twice" else order
        lr = rate(learning_rate, epoch)
        grads = None
        for start in range(0, n, int(batch_size)):
            idx = order[start:start + int(batch_size)]
            _, cache = forward(params, X[idx])
            idy = order_y[start:start + int(batch_size)] if shuffle_y else np.arange(n)[start:start + int(batch_size)]
            grads = backward(params, cache, Y[idy], kind=kind)
            if last_batch_only:
                continue
            for key in params:
                if keys(key):
                    step = lr * grads[key] / (len(idx) if per_batch else 1)
                    params[key] = params[key] - sign * step
        if last_batch_only:
            for key in params:
                params[key] = params[key] - lr * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(probs.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


@library.mistake("mlp.train", section=CONVENTIONS)
def step_is_not_the_learning_rate(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                                  kind="cross_entropy", seed=0):
    """the step train takes is not learning_rate * grad: in the first epoch it is infinite (a learning rate
    divided by 0, such as learning_rate / log(epoch + 1) at epoch 0), which makes every parameter inf or nan;
    the update is param -= learning_rate * grad"""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed,
                rate=lambda lr, epoch: lr / np.log(epoch + 1))


@library.mistake("mlp.train", section=CONVENTIONS)
def update_sign_flipped(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                        kind="cross_entropy", seed=0):
    """train adds the gradient, param += learning_rate * grad, which climbs the loss: gradient descent
    subtracts it, param -= learning_rate * grad."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, sign=-1.0)


@library.mistake("mlp.train", section=CONVENTIONS)
def step_divided_by_the_batch_size(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                                   kind="cross_entropy", seed=0):
    """train divides the step by the batch size, but backward's gradient is already that of the batch's mean
    loss: the update is param -= learning_rate * grad."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, per_batch=True)


@library.mistake("mlp.train", section=CONVENTIONS)
def biases_not_updated(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                       kind="cross_entropy", seed=0):
    """train updates the weights W<l> only: every parameter, the biases b<l> too, takes the step
    param -= learning_rate * grad."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, keys=lambda k: k.startswith("W"))


@library.mistake("mlp.train", section=CONVENTIONS)
def X_shuffled_without_Y(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                         kind="cross_entropy", seed=0):
    """train shuffles X but not Y (X[order] with Y in its original order), so examples are paired with other
    examples' targets: index both with the same permutation, X[idx] and Y[idx]."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, shuffle_y=False)


@library.mistake("mlp.train", section=CONVENTIONS)
def one_epoch_too_few(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                      kind="cross_entropy", seed=0):
    """train runs epochs − 1 passes (range(1, epochs)): it makes epochs passes over the data."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, first_epoch=1)


@library.mistake("mlp.train", section=CONVENTIONS)
def one_step_per_epoch(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                       kind="cross_entropy", seed=0):
    """train takes one step per epoch, after the loop over the mini-batches, with the last batch's gradient
    (the update is outside the loop): every mini-batch takes its own step."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, last_batch_only=True)


@library.mistake("mlp.train", section=CONVENTIONS)
def X_and_Y_shuffled_apart(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                           kind="cross_entropy", seed=0):
    """train shuffles X and Y with two different permutations (X[rng.permutation(n)], then
    Y[rng.permutation(n)]: two calls, two orders), so examples are paired with other examples' targets: draw
    one permutation per epoch and index both with it, X[order] and Y[order]."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, shuffling="twice")


@library.mistake("mlp.train", section=CONVENTIONS)
def shuffled_once_before_the_epochs(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                                    kind="cross_entropy", seed=0):
    """train shuffles the data once, before the loop over the epochs, so every epoch visits the examples in
    that same order: draw a new permutation at the start of each epoch (order = rng.permutation(n) inside
    the epoch loop)."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, shuffling="once")


@library.mistake("mlp.train", section=CONVENTIONS)
def never_shuffled(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
                   kind="cross_entropy", seed=0):
    """train never shuffles: every epoch visits the examples in their original order, X[0:batch_size],
    X[batch_size:2 * batch_size], …; each epoch visits them in a new random order, order = rng.permutation(n)
    drawn from numpy.random.default_rng(seed), in mini-batches X[order[start:start + batch_size]]."""
    return _sgd(globals(), X, Y, hidden_layers, epochs, learning_rate, batch_size, kind, seed, shuffling="never")


@library.mistake("mlp.metrics", section=METRICS)
def classes_from_y_true_only(y_true, y_pred):
    """metrics takes the classes from y_true alone (np.unique(y_true)), both to decide "binary" and for the
    macro averages: a class only predicted is left out, and y_true of 0s and 1s with another label predicted
    is scored as binary. The classes are those present in y_true or y_pred."""
    t, p, classes, binary = _labels(y_true, y_pred)
    mine = np.unique(t)
    if set(mine.tolist()) <= {0, 1}:
        return _result(np.mean(t == p), *_per_class(t, p, [1]))
    return _result(np.mean(t == p), *_per_class(t, p, mine))
