"""Mistakes students make in hw3_layers, written as they would write them (grader/mistakes.py).

Each probe tries a function on fixed inputs chosen so that the mistakes below give different
numbers from one another and from the reference: batches of 3 to 5 examples, weights that are
not square (fan_in != fan_out), upstream gradients that are not 1, a sigmoid at +-800. A mistake
is named for a student only when the student's numbers equal its numbers on every input.

The layers are declared before the network, so that a network's failure is traced to the layer
where it enters; what only the network does wrong (a wrong cache passed, the layers' results
unpacked or stored in the wrong order) belongs to the network's functions.

A backward's probe calls the forward first and passes the cache it returned (the student's cache
is an opaque handle). A mistake in what a forward caches shows only in its backward, so where a
student caches the input and the backward reads it as the output, the mistake is written in the
backward, recovering that input from the reference's cache.
"""
import numpy as np

from grader.mistakes import Library, and_arguments, each

library = Library()

CONVENTIONS = "Conventions"
LAYERS = "The layers"
NETWORK = "The two-layer network"
ZEROS = "Worked example 1 (seed 002): a 3-2-1 network with biases"

_rng = np.random.default_rng(31)


# --------------------------------------------------------------------------- affine_forward
# (N, D, M): batches of 4, 3, 5; fan_in != fan_out; N != M so an axis mixed up shows; then one with N == M
# (b added along the batch axis, b[:, None], gives numbers there, not a raise) and one with a square W,
# M == D (x @ W, dout @ W.T give numbers there); those two from a generator of their own, so that the
# draws of every other probe stay as they were
AFFINE = [(_rng.normal(size=(n, d)), _rng.normal(size=(m, d)), _rng.normal(size=m), _rng.normal(size=(n, m)))
          for n, d, m in [(4, 3, 2), (3, 2, 5), (5, 4, 3)]]
_square = np.random.default_rng(32)
AFFINE += [(_square.normal(size=(n, d)), _square.normal(size=(m, d)), _square.normal(size=m),
            _square.normal(size=(n, m))) for n, d, m in [(3, 2, 3), (4, 3, 3)]]


@library.probe("layers.affine_forward")
def _(m):
    return each(AFFINE, lambda x, W, b, _: [np.asarray(v, dtype=float) for v in
                                             (m.layers.affine_forward(x, W, b)[0],)])


@library.mistake("layers.affine_forward", section=LAYERS)
def affine_forward_without_bias(x, W, b):
    """affine_forward leaves out the bias: out = x @ W.T + b, with b added to every row."""
    x, W = np.asarray(x, dtype=float), np.asarray(W, dtype=float)
    return x @ W.T, (x, W)


@library.mistake("layers.affine_forward", section=LAYERS)
def affine_forward_bias_subtracted(x, W, b):
    """affine_forward subtracts the bias: out = x @ W.T + b."""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return x @ W.T - b, (x, W)


@library.mistake("layers.affine_forward", section=LAYERS)
def affine_forward_bias_summed(x, W, b):
    """affine_forward adds the sum of the bias to every entry (np.sum(b)); b[j] is added to column j only:
    out = x @ W.T + b."""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return x @ W.T + np.sum(b), (x, W)


@library.mistake("layers.affine_forward", section=LAYERS)
def affine_forward_bias_along_the_batch(x, W, b):
    """affine_forward adds b along the wrong axis (b[:, None], b[n] added to row n, which only runs when
    N == M): b[j] is added to column j, out = x @ W.T + b with b of shape (M,) broadcast over the rows."""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return x @ W.T + b[:, None], (x, W)


@library.mistake("layers.affine_forward", section=CONVENTIONS)
def affine_forward_W_not_transposed(x, W, b):
    """affine_forward multiplies by W itself, x @ W (which only runs when W is square): W has shape
    (fan_out, fan_in), so out = x @ W.T + b."""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return x @ W + b, (x, W)


@library.mistake("layers.affine_forward", section=CONVENTIONS)
def affine_forward_column_layout(x, W, b):
    """affine_forward computes W @ x.T + b[:, None], one example per column, of shape (M, N): the examples
    are the rows, out = x @ W.T + b of shape (N, M)."""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return W @ x.T + b[:, None], (x, W)


# -------------------------------------------------------------------------- affine_backward

@library.probe("layers.affine_backward", uses=["layers.affine_forward"])
def _(m):
    def run(x, W, b, dout):
        _, cache = m.layers.affine_forward(x, W, b)
        grads, after = and_arguments(m.layers.affine_backward, dout, cache)
        return [*(np.asarray(g, dtype=float) for g in grads), np.asarray(after[0], dtype=float)]
    return each(AFFINE, run)


@library.mistake("layers.affine_backward", section=LAYERS, name="dW_transposed")
def affine_backward_dW_transposed(dout, cache):
    """dW has W's shape (out, in): it is dout.T @ x, not x.T @ dout (dW[j, d] = Σ_n dout[n, j] x[n, d])."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, x.T @ dout, dout.sum(axis=0)


@library.mistake("layers.affine_backward", section=CONVENTIONS, name="db_averaged")
def affine_backward_db_mean(dout, cache):
    """db sums dout over the batch (the batch's losses add up); it is not the mean: db[j] = Σ_n dout[n, j]."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, dout.T @ x, dout.mean(axis=0)


@library.mistake("layers.affine_backward", section=CONVENTIONS)
def affine_backward_dW_mean(dout, cache):
    """dW is divided by the batch size N: the parameters are shared by every example, so their gradient is
    the sum dW = dout.T @ x, not the mean."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, dout.T @ x / len(x), dout.sum(axis=0)


@library.mistake("layers.affine_backward", section=CONVENTIONS)
def affine_backward_params_mean(dout, cache):
    """dW and db are divided by the batch size N (a mean over the batch): they are sums,
    dW = dout.T @ x and db = Σ_n dout[n]."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, dout.T @ x / len(x), dout.mean(axis=0)


@library.mistake("layers.affine_backward", section=CONVENTIONS)
def affine_backward_all_divided_by_n(dout, cache):
    """every gradient (dx, dW and db) is divided by the batch size N: dout is already dL/dout, nothing is
    averaged: dx = dout @ W, dW = dout.T @ x, db = Σ_n dout[n]."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    n = len(x)
    return dout @ W / n, dout.T @ x / n, dout.sum(axis=0) / n


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_db_wrong_axis(dout, cache):
    """db sums dout over the wrong axis (axis=1, one number per example): db[j] = Σ_n dout[n, j] is
    dout.sum(axis=0), of b's shape (M,)."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, dout.T @ x, dout.sum(axis=1)


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_db_sum_of_everything(dout, cache):
    """db sums every entry of dout into one number (no axis): db[j] = Σ_n dout[n, j] has one entry per
    output unit, dout.sum(axis=0)."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, dout.T @ x, dout.sum()


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_dW_product_of_sums(dout, cache):
    """dW multiplies the batch sums, outer(Σ_n dout[n], Σ_n x[n]): the sum runs over products of the same
    example, dW[j, d] = Σ_n dout[n, j] x[n, d] (dout.T @ x)."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, np.outer(dout.sum(axis=0), x.sum(axis=0)), dout.sum(axis=0)


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_loop_overwrites(dout, cache):
    """the loop over the examples assigns dW and db (dW = ..., db = ...) instead of adding to them, so only
    the last example is left: each example's contribution adds up, dW += outer(dout[n], x[n]), db += dout[n]."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    for n in range(len(x)):
        dW = np.outer(dout[n], x[n])
        db = dout[n]
    return dout @ W, dW, db


@library.mistake("layers.affine_backward", section=CONVENTIONS)
def affine_backward_dout_scaled_in_place(dout, cache):
    """affine_backward divides the caller's dout by the batch size in place (dout /= N) and then uses it:
    dout belongs to the caller and is not changed, and nothing is divided by N."""
    x, W = cache
    dout = np.asarray(dout)
    dout /= len(x)
    return dout @ W, dout.T @ x, dout.sum(axis=0)


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_dx_with_W_transposed(dout, cache):
    """dx is dout @ W.T (which only runs when W is square): dx[n, d] = Σ_j dout[n, j] W[j, d], that is
    dx = dout @ W, of x's shape (N, D)."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W.T, dout.T @ x, dout.sum(axis=0)


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_dx_transposed(dout, cache):
    """dx is W.T @ dout.T, one example per column, of shape (D, N): dx has x's shape (N, D),
    dx = dout @ W."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return W.T @ dout.T, dout.T @ x, dout.sum(axis=0)


@library.mistake("layers.affine_backward", section=LAYERS)
def affine_backward_db_keepdims(dout, cache):
    """db keeps the summed axis (dout.sum(axis=0, keepdims=True), of shape (1, M)): db has b's shape (M,),
    dout.sum(axis=0)."""
    x, W = cache
    dout = np.asarray(dout, dtype=float)
    return dout @ W, dout.T @ x, dout.sum(axis=0, keepdims=True)


# -------------------------------------------------------------------------- sigmoid_forward
SIGMOID = [np.array([-800.0, -3.0, -0.5, 0.0, 0.7, 2.5, 800.0]),
           np.array([[0.3, -1.2, 4.0], [-2.2, 1.1, 0.05]]),
           np.array([[-6.0], [1.7], [-0.25], [3.3]])]
UPSTREAM = [np.linspace(-1.5, 2.0, 7), np.array([[0.5, -2.0, 1.5], [3.0, -0.7, 2.5]]),
            np.array([[-1.25], [2.0], [0.8], [-3.0]])]


@library.probe("layers.sigmoid_forward")
def _(m):
    return each([(x,) for x in SIGMOID], lambda x: [np.asarray(m.layers.sigmoid_forward(x)[0], dtype=float)])


@library.mistake("layers.sigmoid_forward", section=LAYERS, name="sigmoid_exp_ratio_overflow")
def sigmoid_forward_exp_ratio(x):
    """exp(x) / (1 + exp(x)) overflows for large x (inf / inf is nan): use 1 / (1 + exp(-x)) where x >= 0
    and exp(x) / (1 + exp(x)) only where x < 0."""
    x = np.asarray(x, dtype=float)
    s = np.exp(x) / (1 + np.exp(x))
    return s, s


@library.mistake("layers.sigmoid_forward", section=LAYERS)
def sigmoid_forward_sign_flipped(x):
    """sigmoid_forward computes 1 / (1 + exp(x)), which is σ(−x): the sigmoid is 1 / (1 + exp(−x))."""
    x = np.asarray(x, dtype=float)
    s = 1 / (1 + np.exp(x))
    return s, s


@library.mistake("layers.sigmoid_forward", section=LAYERS)
def sigmoid_forward_tanh_without_half(x):
    """sigmoid_forward computes (1 + tanh(x)) / 2, which is σ(2x): σ(x) = (1 + tanh(x / 2)) / 2, or
    1 / (1 + exp(−x))."""
    x = np.asarray(x, dtype=float)
    s = (1 + np.tanh(x)) / 2
    return s, s


# ------------------------------------------------------------------------- sigmoid_backward

@library.probe("layers.sigmoid_backward", uses=["layers.sigmoid_forward"])
def _(m):
    def run(x, dout):
        _, cache = m.layers.sigmoid_forward(x)
        dx, after = and_arguments(m.layers.sigmoid_backward, dout, cache)
        return [np.asarray(dx, dtype=float), np.asarray(after[0], dtype=float)]
    return each([(x, d) for x, d in zip(SIGMOID, UPSTREAM)], run)


@library.mistake("layers.sigmoid_backward", section=LAYERS, name="sigmoid_derivative_at_the_input")
def sigmoid_backward_at_the_input(dout, cache):
    """the sigmoid's derivative was taken at its input x, as x (1 - x): it is s (1 - s) at the output
    s = sigmoid(x), so keep s in the cache."""
    s = np.asarray(cache, dtype=float)
    with np.errstate(divide="ignore"):
        x = np.log(s) - np.log1p(-s)  # the input the student cached (the forward here caches s)
    x = np.where(s == 0, -800.0, np.where(s == 1, 800.0, x))  # the probe's ±800, where s is 0 or 1
    return np.asarray(dout, dtype=float) * x * (1 - x)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_sigmoid_applied_twice(dout, cache):
    """sigmoid_backward applies sigmoid to the cache, which is already s = sigmoid(x): the derivative is
    dout · s (1 − s) with s the cache itself."""
    s, _ = sigmoid_forward(cache)
    return np.asarray(dout, dtype=float) * s * (1 - s)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_without_dout(dout, cache):
    """sigmoid_backward returns σ'(x) = s (1 − s) alone: the chain rule multiplies it by the upstream
    gradient, dx = dout · s (1 − s)."""
    s = np.asarray(cache, dtype=float)
    return s * (1 - s) + 0 * np.asarray(dout, dtype=float)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_sign_flipped(dout, cache):
    """sigmoid_backward has the sign flipped, dout · s (s − 1): σ'(x) = s (1 − s) is positive."""
    s = np.asarray(cache, dtype=float)
    return np.asarray(dout, dtype=float) * s * (s - 1)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_tanh_formula(dout, cache):
    """sigmoid_backward uses tanh's derivative 1 − s²: the sigmoid's is s (1 − s)."""
    s = np.asarray(cache, dtype=float)
    return np.asarray(dout, dtype=float) * (1 - s ** 2)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_dout_changed_in_place(dout, cache):
    """sigmoid_backward multiplies the caller's dout in place (dout *= s (1 − s)) and returns it: the value
    is right, but dout belongs to the caller; compute dx = dout * s * (1 - s) into a new array."""
    dout = np.asarray(dout)
    dout *= cache * (1 - cache)
    return dout


def _cached_input(s):
    """The input x whose sigmoid is the reference's cache s: what a student's forward caches instead."""
    s = np.asarray(s, dtype=float)
    with np.errstate(divide="ignore"):
        x = np.log(s) - np.log1p(-s)
    return np.where(s == 0, -800.0, np.where(s == 1, 800.0, x))  # the probe's ±800, where s is 0 or 1


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_tanh_inner_half_missing(dout, cache):
    """sigmoid_backward differentiates σ(x) = (1 + tanh(x/2)) / 2 as (1 − tanh²(x/2)) / 2, without the
    inner ½ of x/2 (twice the derivative): σ'(x) = (1 − tanh²(x/2)) / 4 = s (1 − s)."""
    x = _cached_input(cache)
    return np.asarray(dout, dtype=float) * 0.5 * (1 - np.tanh(x / 2) ** 2)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_tanh_both_halves_missing(dout, cache):
    """sigmoid_backward differentiates σ(x) = (1 + tanh(x/2)) / 2 as 1 − tanh²(x/2), without either ½
    (four times the derivative): σ'(x) = (1 − tanh²(x/2)) / 4 = s (1 − s)."""
    x = _cached_input(cache)
    return np.asarray(dout, dtype=float) * (1 - np.tanh(x / 2) ** 2)


@library.mistake("layers.sigmoid_backward", section=LAYERS)
def sigmoid_backward_tanh_at_x(dout, cache):
    """sigmoid_backward differentiates σ(x) = (1 + tanh(x/2)) / 2 as (1 − tanh²(x)) / 4, with tanh taken at x
    instead of x/2: σ'(x) = (1 − tanh²(x/2)) / 4 = s (1 − s)."""
    x = _cached_input(cache)
    return np.asarray(dout, dtype=float) * 0.25 * (1 - np.tanh(x) ** 2)


# ---------------------------------------------------------------------------------- l2_loss
# (N, K): batches of 4, 3, 5, more than one output, no batch size equal to the number of outputs
L2 = [(_rng.normal(size=(n, k)), _rng.normal(size=(n, k))) for n, k in [(4, 2), (3, 5), (5, 3)]]


@library.probe("layers.l2_loss")
def _(m):
    def run(y_hat, y):
        (loss, dy), after = and_arguments(m.layers.l2_loss, y_hat, y)
        return [np.asarray(loss, dtype=float), np.asarray(dy, dtype=float),
                np.asarray(after[0], dtype=float), np.asarray(after[1], dtype=float)]
    return each(L2, run)


@library.mistake("layers.l2_loss", section=LAYERS, name="l2_missing_factor_two")
def l2_loss_gradient_without_two(y_hat, y):
    """the factor 2 is missing: d/dy_hat of (y_hat - y)^2 is 2(y_hat - y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(diff ** 2)), diff


@library.mistake("layers.l2_loss", section=CONVENTIONS, name="loss_averaged")
def l2_loss_mean(y_hat, y):
    """the loss is the sum over the batch here, not the mean (np.mean divides the loss and its gradient by
    the number of elements): loss = Σ (y_hat − y)², dy_hat = 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.mean(diff ** 2)), 2 * diff / diff.size


@library.mistake("layers.l2_loss", section=CONVENTIONS)
def l2_loss_mean_over_the_batch(y_hat, y):
    """the loss and dy_hat are divided by the batch size N (a mean over the examples): the loss is the sum,
    loss = Σ (y_hat − y)², dy_hat = 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(diff ** 2)) / len(diff), 2 * diff / len(diff)


@library.mistake("layers.l2_loss", section=CONVENTIONS)
def l2_loss_mean_gradient_of_the_sum(y_hat, y):
    """the loss is the mean of (y_hat − y)² while dy_hat is the sum's gradient 2 (y_hat − y): the loss is
    the sum, loss = Σ (y_hat − y)²."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.mean(diff ** 2)), 2 * diff


@library.mistake("layers.l2_loss", section=CONVENTIONS)
def l2_loss_mean_and_missing_two(y_hat, y):
    """two slips together: the loss is the mean, not the sum, and its gradient lacks the factor 2
    (dy_hat = (y_hat − y) / size): loss = Σ (y_hat − y)², dy_hat = 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.mean(diff ** 2)), diff / diff.size


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_half(y_hat, y):
    """the loss is ½ Σ (y_hat − y)² (with dy_hat = y_hat − y): here the loss has no ½,
    loss = Σ (y_hat − y)² and dy_hat = 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return 0.5 * float(np.sum(diff ** 2)), diff


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_gradient_divided_by_n(y_hat, y):
    """dy_hat is divided by the batch size N while the loss is the sum: dy_hat = 2 (y_hat − y), nothing is
    averaged."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(diff ** 2)), 2 * diff / len(diff)


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_residual_reversed(y_hat, y):
    """dy_hat is 2 (y − y_hat), the residual reversed: the derivative of (y_hat − y)² with respect to y_hat
    is 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(diff ** 2)), -2 * diff


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_norm_not_squared(y_hat, y):
    """the loss is the norm ‖y_hat − y‖ (np.linalg.norm), not its square: loss = Σ (y_hat − y)², whose
    gradient is 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    norm = float(np.linalg.norm(diff))
    return norm, diff / norm


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_per_example(y_hat, y):
    """l2_loss returns one loss per example (a sum over axis 1 only): the loss is one number, the sum over
    all elements, Σ (y_hat − y)²."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return np.sum(diff ** 2, axis=1), 2 * diff


@library.mistake("layers.l2_loss", section=CONVENTIONS)
def l2_loss_changes_y_hat_in_place(y_hat, y):
    """l2_loss overwrites the caller's y_hat with the residual (y_hat -= y): y_hat is also the output
    sigmoid's cache, so the backward then reads the residual; compute diff = y_hat - y into a new array."""
    y_hat = np.asarray(y_hat)
    y_hat -= y
    return float(np.sum(y_hat ** 2)), 2 * y_hat


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_square_of_the_sum(y_hat, y):
    """the loss squares the sum of the residuals, (Σ (y_hat − y))², so that residuals of opposite signs
    cancel: it is the sum of the squares, loss = Σ (y_hat − y)²."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(diff) ** 2), 2 * diff


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_square_of_the_sum_and_its_gradient(y_hat, y):
    """the loss is the square of the sum, (Σ (y_hat − y))², and dy_hat its gradient 2 Σ (y_hat − y) in
    every entry: the loss is the sum of the squares, Σ (y_hat − y)², whose gradient is 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    total = np.sum(diff)
    return float(total ** 2), 2 * total * np.ones_like(diff)


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_gradient_of_the_square_of_the_sum(y_hat, y):
    """dy_hat is 2 Σ (y_hat − y) in every entry, the gradient of the square of the sum: the loss
    Σ (y_hat − y)² has dy_hat = 2 (y_hat − y), each entry its own residual."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(diff ** 2)), 2 * np.sum(diff) * np.ones_like(diff)


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_absolute_values(y_hat, y):
    """the loss sums the absolute residuals, Σ |y_hat − y| (an L1 loss), while dy_hat is 2 (y_hat − y): the
    loss is the sum of the squares, Σ (y_hat − y)²."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(np.abs(diff))), 2 * diff


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_l1(y_hat, y):
    """l2_loss computes the L1 loss Σ |y_hat − y| with its gradient sign(y_hat − y): the L2 loss is
    Σ (y_hat − y)², with dy_hat = 2 (y_hat − y)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(np.abs(diff))), np.sign(diff)


@library.mistake("layers.l2_loss", section=LAYERS)
def l2_loss_sum_over_axis_0(y_hat, y):
    """l2_loss sums over axis 0 only, one loss per output (a vector): the loss is one number, the sum over
    all elements, Σ (y_hat − y)² (np.sum with no axis)."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return np.sum(diff ** 2, axis=0), 2 * diff


@library.mistake("layers.l2_loss", section=CONVENTIONS)
def l2_loss_mean_of_the_example_sums(y_hat, y):
    """the loss is the mean over the batch of each example's sum (np.mean(np.sum(..., axis=1))), while dy_hat
    is 2 (y_hat − y): the loss is the sum over the batch too, Σ (y_hat − y)² over all elements."""
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.mean(np.sum(diff ** 2, axis=1))), 2 * diff


# ------------------------------------------------------------------------ two_layer_forward
def _net(n, d, h, k, zeros=()):
    X, Y = _rng.normal(size=(n, d)), _rng.uniform(-0.5, 1.5, size=(n, k))
    params = {"W1": _rng.normal(size=(h, d)), "b1": _rng.normal(size=h),
              "W2": _rng.normal(size=(k, h)), "b2": _rng.normal(size=k)}
    for key, index in zeros:
        params[key][index] = 0.0
    return X, Y, params


# (N, D, H, K): batches of 4, 3, 5; one net with H == K (so that caches of the two sigmoid layers swapped
# give numbers, not a raise), two with every width different; weights that are exactly 0 in W1 and W2
NETS = [_net(4, 3, 2, 2, zeros=[("W1", (0, 1)), ("W2", (1, 0))]),
        _net(3, 4, 5, 2, zeros=[("W1", (2, 3)), ("W1", (0, 0))]),
        _net(5, 2, 3, 4, zeros=[("W1", (1, 1))])]


@library.probe("layers.two_layer_forward", uses=["layers.affine_forward", "layers.sigmoid_forward"])
def _(m):
    return each(NETS, lambda X, Y, p: [np.asarray(m.layers.two_layer_forward(X, dict(p))[0], dtype=float)])


@library.mistake("layers.two_layer_forward", section=NETWORK)
def two_layer_forward_no_output_sigmoid(X, params):
    """two_layer_forward returns z2, before the output sigmoid: y_hat = sigmoid(z2), z2 = h @ W2.T + b2."""
    z1, c1 = affine_forward(X, params["W1"], params["b1"])
    h, c2 = sigmoid_forward(z1)
    z2, c3 = affine_forward(h, params["W2"], params["b2"])
    return z2, (c1, c2, c3, None)


@library.mistake("layers.two_layer_forward", section=NETWORK)
def two_layer_forward_no_hidden_sigmoid(X, params):
    """two_layer_forward feeds z1 to the second affine layer without the hidden sigmoid: h = sigmoid(z1),
    z2 = h @ W2.T + b2."""
    z1, c1 = affine_forward(X, params["W1"], params["b1"])
    z2, c3 = affine_forward(z1, params["W2"], params["b2"])
    y_hat, c4 = sigmoid_forward(z2)
    return y_hat, (c1, None, c3, c4)


@library.mistake("layers.two_layer_forward", section=NETWORK)
def two_layer_forward_biases_swapped(X, params):
    """two_layer_forward adds b2 in the hidden layer and b1 in the output layer: z1 = X @ W1.T + b1,
    z2 = h @ W2.T + b2."""
    z1, c1 = affine_forward(X, params["W1"], params["b2"])
    h, c2 = sigmoid_forward(z1)
    z2, c3 = affine_forward(h, params["W2"], params["b1"])
    y_hat, c4 = sigmoid_forward(z2)
    return y_hat, (c1, c2, c3, c4)


# ----------------------------------------------------------------- two_layer_loss_and_grads

@library.probe("layers.two_layer_loss_and_grads",
               uses=["layers.affine_forward", "layers.affine_backward", "layers.sigmoid_forward",
                     "layers.sigmoid_backward", "layers.l2_loss"])
def _(m):
    def run(X, Y, p):
        (loss, grads), after = and_arguments(m.layers.two_layer_loss_and_grads, X, Y, dict(p))
        grads = {k: np.asarray(v, dtype=float) for k, v in dict(grads).items()}
        return [np.asarray(loss, dtype=float), grads, np.asarray(after[0], dtype=float),
                {k: np.asarray(v, dtype=float) for k, v in dict(after[2]).items()}]
    return each(NETS, run)


def _grads(dW1, db1, dW2, db2):
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_sigmoid_caches_swapped(X, Y, params):
    """the two sigmoid layers' caches are swapped in the backward pass: the output sigmoid's backward takes
    the cache of the output sigmoid (y_hat), the hidden one's the cache of the hidden sigmoid (h)."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c2)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c4)
    _, dW1, db1 = affine_backward(dz1, c1)
    return loss, _grads(dW1, db1, dW2, db2)


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_hidden_sigmoid_gets_output_cache(X, Y, params):
    """the hidden sigmoid's backward is given the output sigmoid's cache (y_hat's) instead of its own (h's):
    each backward takes the cache of the forward it differentiates."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c4)
    _, dW1, db1 = affine_backward(dz1, c1)
    return loss, _grads(dW1, db1, dW2, db2)


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_output_sigmoid_backward_skipped(X, Y, params):
    """the backward pass skips the output sigmoid: dy_hat goes straight into the output affine layer's
    backward; the order is dy_hat → dz2 = sigmoid_backward(dy_hat, ...) → (dh, dW2, db2) → dz1 → ..."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dh, dW2, db2 = affine_backward(dy_hat, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    return loss, _grads(dW1, db1, dW2, db2)


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_hidden_sigmoid_backward_skipped(X, Y, params):
    """the backward pass skips the hidden sigmoid: dh goes straight into the hidden affine layer's backward;
    the order is ... → (dh, dW2, db2) → dz1 = sigmoid_backward(dh, ...) → (dX, dW1, db1)."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    _, dW1, db1 = affine_backward(dh, c1)
    return loss, _grads(dW1, db1, dW2, db2)


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_dW1_is_dX(X, Y, params):
    """the hidden layer's affine_backward is unpacked in the wrong order (dW1, _, db1 = ...), so grads['W1']
    holds dX: affine_backward returns (dx, dW, db), and dW1 is its second value, of W1's shape."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    dW1, _, db1 = affine_backward(dz1, c1)
    return loss, _grads(dW1, db1, dW2, db2)


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_grads_keys_swapped(X, Y, params):
    """the gradients are stored under the other layer's keys (grads['W1'] holds dW2, grads['b1'] db2):
    each key holds the gradient of the parameter of that name, of its shape."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    return loss, _grads(dW2, db2, dW1, db1)


@library.mistake("layers.two_layer_loss_and_grads", section=ZEROS, name="gradient_zeroed_where_weights_are_zero")
def two_layer_grads_masked_where_W1_is_zero(X, Y, params):
    """a weight that is 0 still has a gradient: nothing is masked where W is 0 (here dW1 is set to 0 where
    W1 is 0; return the dense gradient)."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    grads = _grads(dW1, db1, dW2, db2)
    grads["W1"] = grads["W1"] * (params["W1"] != 0)
    return loss, grads


@library.mistake("layers.two_layer_loss_and_grads", section=ZEROS)
def two_layer_grads_masked_where_weights_are_zero(X, Y, params):
    """a weight that is 0 still has a gradient: nothing is masked where W is 0 (here dW1 and dW2 are set to 0
    where W1 and W2 are 0; return the dense gradients)."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    grads = _grads(dW1, db1, dW2, db2)
    grads["W1"] = grads["W1"] * (params["W1"] != 0)
    grads["W2"] = grads["W2"] * (params["W2"] != 0)
    return loss, grads


@library.mistake("layers.two_layer_loss_and_grads", section=CONVENTIONS)
def two_layer_loss_mean_over_the_batch(X, Y, params):
    """two_layer_loss_and_grads divides the loss and the gradients by the batch size N: the loss is the sum
    over the batch, l2_loss(y_hat, Y) as it is."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    grads = _grads(dW1, db1, dW2, db2)
    return loss / len(X), {k: v / len(X) for k, v in grads.items()}


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_params_updated_in_place(X, Y, params):
    """two_layer_loss_and_grads changes the caller's params (a gradient step W -= lr · dW inside it): it
    only computes the loss and the gradients; updating the weights is the optimizer's job."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    grads = _grads(dW1, db1, dW2, db2)
    for k in params:
        params[k] -= 0.1 * grads[k]
    return loss, grads


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_batch_loop_overwrites(X, Y, params):
    """two_layer_loss_and_grads runs the network one example at a time and assigns each example's
    gradients instead of adding them: the gradients returned are the last example's only. The loss is
    a sum over the batch, and so are its gradients: add them up (or run the whole batch at once)."""
    loss, grads = 0.0, None
    for n in range(len(X)):
        y_hat, (c1, c2, c3, c4) = two_layer_forward(X[n:n + 1], params)
        loss_n, dy_hat = l2_loss(y_hat, Y[n:n + 1])
        dz2 = sigmoid_backward(dy_hat, c4)
        dh, dW2, db2 = affine_backward(dz2, c3)
        dz1 = sigmoid_backward(dh, c2)
        _, dW1, db1 = affine_backward(dz1, c1)
        loss += loss_n
        grads = _grads(dW1, db1, dW2, db2)
    return loss, grads


@library.mistake("layers.two_layer_loss_and_grads", section=NETWORK)
def two_layer_l2_loss_arguments_swapped(X, Y, params):
    """two_layer_loss_and_grads calls l2_loss(Y, y_hat), the target first: the loss is the same, but the
    gradient it returns is then with respect to Y, 2 (Y - y_hat), and every gradient has the opposite
    sign. The prediction comes first: l2_loss(y_hat, Y)."""
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(Y, y_hat)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    return loss, _grads(dW1, db1, dW2, db2)
