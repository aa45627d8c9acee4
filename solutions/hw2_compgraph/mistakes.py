"""Mistakes students make in hw2_compgraph, written as they would write them (grader/mistakes.py).

Each probe tries a function on fixed inputs chosen so that the mistakes below give different
numbers from one another and from the reference: a network whose W is not symmetric, three or
more examples whose targets differ, batches of 3, 4 and 5 (no factor 2 or 1/2 hides a mean),
points where x != x^2, and numerical derivatives with an eps of 0.1 (large enough that one-sided
and central differences, or a point left perturbed, differ). A mistake is named for a student only
when the student's numbers equal its numbers on every one of them.

Declared callees first: forward and loss before backward, backward before batch_gradients; G and
jacobian_F before jacobian_FG.
"""
import types

import numpy as np

from grader import NumpyFunction
from grader.mistakes import STOPPING, Library, Raised, and_arguments, each

library = Library()

NET = "1. The network"
GRAPH = "As a computational graph"
IMPLEMENT = "What to implement in `compgraph.py`"
BACKWARD = "Backward pass: every gradient, one example at a time"
BATCH = "Summed over the three examples (`batch_gradients`)"
SIGMOID_OUT = "Sigmoid output (`sigmoid_output_grad_v`)"
VECTOR = "3. Vector computational graphs (`calculus.py`)"
NUMERICAL = "Numerical differentiation"

# -- the network's probe inputs -----------------------------------------------------------------

W1 = np.array([[0.5, -1.2, 0.8],
               [-0.3, 0.9, 1.5],
               [1.1, 0.4, -0.7]])
V1 = np.array([0.2, -1.3, 0.7, 1.6])
W2 = np.array([[-0.6, 0.25, -1.1],
               [0.45, -0.8, 0.35],
               [0.9, 1.3, 0.15]])
V2 = np.array([-0.4, 0.9, -1.5, 0.6])
EXAMPLES = [(np.array([1.5, -0.8]), 2.0), (np.array([-2.0, 0.6]), -1.0), (np.array([0.3, 2.2]), 0.5)]
# z far above 709: exp(z) overflows, the given sigmoid does not
BIG = (np.array([1.5, -0.8]), 1000.0 * W1, V1)


def _batch(n, seed):
    g = np.random.default_rng(seed)
    return g.normal(scale=1.5, size=(n, 2)), g.normal(scale=2.0, size=n)


BATCHES = [(*_batch(3, 1), W1, V1), (*_batch(4, 2), W2, V2), (*_batch(5, 3), W1, V2)]
SIG_BATCHES = [(X, np.random.default_rng(10 + i).uniform(0.0, 1.0, size=len(X)), W, v)
               for i, (X, _, W, v) in enumerate(BATCHES)]


# ============================================ forward ============================================

@library.probe("compgraph.forward")
def _(m):
    cases = [(x, W1, V1) for x, _ in EXAMPLES] + [(EXAMPLES[0][0], W2, V2), BIG]
    return [float(m.compgraph.forward(x, W, v)[0]) for x, W, v in cases]


@library.mistake("compgraph.forward", section=NET)
def forward_weights_transposed(x, W, v):
    """forward multiplies by W transposed: z = W^T [1, x1, x2]; row j - 1 of W holds unit j's weights
    [w_j0, w_j1, w_j2], so z = W [1, x1, x2]."""
    x, W, v = (np.asarray(a, dtype=float) for a in (x, W, v))
    xb = np.concatenate(([1.0], x))
    f = sigmoid(W.T @ xb)
    y_hat = float(v @ np.concatenate(([1.0], f)))
    return y_hat, {"xb": xb, "f": f, "fb": np.concatenate(([1.0], f)), "v": v, "y_hat": y_hat}


@library.mistake("compgraph.forward", section=NET)
def forward_bias_last(x, W, v):
    """forward reads the bias as the last entry ([x1, x2, 1] and [f1, f2, f3, 1]); W's rows are
    [w_j0, w_j1, w_j2] and v is [v0, v1, v2, v3]: the bias comes first."""
    x, W, v = (np.asarray(a, dtype=float) for a in (x, W, v))
    xb = np.concatenate((x, [1.0]))
    f = sigmoid(W @ xb)
    fb = np.concatenate((f, [1.0]))
    y_hat = float(v @ fb)
    return y_hat, {"xb": xb, "f": f, "fb": fb, "v": v, "y_hat": y_hat}


@library.mistake("compgraph.forward", section=NET)
def forward_without_biases(x, W, v):
    """forward leaves out the biases: z_j = w_j1 x1 + w_j2 x2 and y_hat = v1 f1 + v2 f2 + v3 f3;
    z_j = w_j0 + w_j1 x1 + w_j2 x2 and y_hat = v0 + v1 f1 + v2 f2 + v3 f3."""
    x, W, v = (np.asarray(a, dtype=float) for a in (x, W, v))
    f = sigmoid(W[:, 1:] @ x)
    y_hat = float(v[1:] @ f)
    xb = np.concatenate(([1.0], x))
    return y_hat, {"xb": xb, "f": f, "fb": np.concatenate(([1.0], f)), "v": v, "y_hat": y_hat}


@library.mistake("compgraph.forward", section=NET)
def forward_without_hidden_sigmoid(x, W, v):
    """forward uses z_j itself as the hidden output: f_j = sigmoid(z_j) is missing."""
    x, W, v = (np.asarray(a, dtype=float) for a in (x, W, v))
    xb = np.concatenate(([1.0], x))
    f = W @ xb
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    return y_hat, {"xb": xb, "f": f, "fb": fb, "v": v, "y_hat": y_hat}


@library.mistake("compgraph.forward", section=NET)
def forward_sigmoid_on_output(x, W, v):
    """forward applies sigmoid to the output too: y_hat = v0 + v1 f1 + v2 f2 + v3 f3 is linear (the
    sigmoid output is only sigmoid_output_grad_v's network)."""
    x, W, v = (np.asarray(a, dtype=float) for a in (x, W, v))
    xb = np.concatenate(([1.0], x))
    f = sigmoid(W @ xb)
    fb = np.concatenate(([1.0], f))
    y_hat = float(sigmoid(v @ fb))
    return y_hat, {"xb": xb, "f": f, "fb": fb, "v": v, "y_hat": y_hat}


@library.mistake("compgraph.forward", section=IMPLEMENT)
def forward_sigmoid_as_exp_ratio(x, W, v):
    """forward computes sigmoid as exp(z) / (1 + exp(z)), which is inf / inf = nan once z > 709 (exp
    overflows); use the given sigmoid(z), which does not overflow."""
    x, W, v = (np.asarray(a, dtype=float) for a in (x, W, v))
    xb = np.concatenate(([1.0], x))
    z = W @ xb
    f = np.exp(z) / (1.0 + np.exp(z))
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    return y_hat, {"xb": xb, "f": f, "fb": fb, "v": v, "y_hat": y_hat}


# ============================================= loss ==============================================

LOSS_CASES = [(0.25, -1.5), (-2.0, 0.5), (3.5, 1.25)]


@library.probe("compgraph.loss")
def _(m):
    return [float(m.compgraph.loss(y_hat, y)) for y_hat, y in LOSS_CASES]


@library.mistake("compgraph.loss", section=NET)
def loss_with_a_half(y_hat, y):
    """loss is 1/2 (y_hat - y)^2; this network's loss is L = (y_hat - y)^2, without the 1/2 (only the
    sigmoid output's E has it)."""
    return 0.5 * float((y_hat - y) ** 2)


@library.mistake("compgraph.loss", section=NET)
def loss_not_squared(y_hat, y):
    """loss returns the residual y_hat - y, not its square L = (y_hat - y)^2."""
    return float(y_hat - y)


@library.mistake("compgraph.loss", section=NET)
def loss_absolute(y_hat, y):
    """loss returns |y_hat - y|, not the square L = (y_hat - y)^2."""
    return float(abs(y_hat - y))


# =========================================== backward ============================================

# What a global holding the last forward's values holds: the probe keeps the cache of the last
# forward it ran here, and the stale-cache mistake's backward reads it instead of its argument (a
# mistake that also replaced forward would be judged on forward's probe, where it is right).
_LAST = {}


@library.probe("compgraph.backward", uses=["compgraph.forward"])
def _(m):
    """Three forwards first, then the backwards in reverse order, each with its own forward's cache
    (as the hidden test runs them), on two networks."""
    out = []
    for W, v in ((W1, V1), (W2, V2)):
        caches = []
        for x, _ in EXAMPLES:
            caches.append(m.compgraph.forward(x, W, v)[1])
            _LAST["cache"] = caches[-1]
        grads = {}
        for i in reversed(range(len(EXAMPLES))):
            dW, dv = m.compgraph.backward(EXAMPLES[i][1], caches[i])
            grads[i] = (np.asarray(dW, dtype=float), np.asarray(dv, dtype=float))
        out += [grads[i] for i in range(len(EXAMPLES))]
    return out


def _unpack(cache):
    return cache["xb"], cache["f"], cache["fb"], cache["v"], cache["y_hat"]


def _batch_of_backward(X, Y, W, v):
    """batch_gradients as the reference writes it: it sums what (the patched) backward returns."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        dW_i, dv_i = backward(y, cache)
        dW = dW + dW_i
        dv = dv + dv_i
    return dW, dv


SUMMED = {"compgraph.batch_gradients": _batch_of_backward}


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def gradient_sign_flipped(y, cache):
    """the gradient has the opposite sign: dL/dy_hat is 2(y_hat - y), not 2(y - y_hat) (that is the
    gradient of -L, so a step would climb the loss)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (float(y) - y_hat)
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def missing_bias_gradient(y, cache):
    """backward leaves the bias gradients at 0: the bias weight v0 has dL/dv0 = dL/dy_hat * 1 and each
    w_j0 has dL/dw_j0 = dL/dz_j * 1 (the 1 of [1, f1, f2, f3] and of [1, x1, x2])."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    dv = np.zeros(4)
    dv[1:] = d_yhat * f
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    dW = np.zeros((3, 3))
    dW[:, 1:] = np.outer(d_z, xb[1:])
    return dW, dv


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def missing_output_bias_gradient(y, cache):
    """backward leaves dL/dv0 at 0: the bias weight v0 enters y_hat with factor 1, so
    dL/dv0 = dL/dy_hat (dW's bias column is right)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    dv = d_yhat * fb
    dv[0] = 0.0
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), dv


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def hidden_sigmoid_derivative_missing(y, cache):
    """the hidden sigmoid's derivative is missing from dW: dL/dz_j = dL/dy_hat * v_j * f_j (1 - f_j),
    not dL/dy_hat * v_j."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    return np.outer(d_yhat * v[1:], xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def loss_derivative_missing_2(y, cache):
    """backward uses dL/dy_hat = y_hat - y: the derivative of (y_hat - y)^2 is 2(y_hat - y), so every
    gradient is half the right one."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = y_hat - float(y)
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def sigmoid_derivative_of_the_preactivation(y, cache):
    """backward multiplies by z_j (1 - z_j), the formula f(1 - f) applied to the pre-activation z_j;
    df_j/dz_j = f_j (1 - f_j) with f_j = sigmoid(z_j)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    z = np.log(f) - np.log1p(-f)          # the z_j of this forward
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * z * (1.0 - z)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def sigmoid_applied_twice_in_the_derivative(y, cache):
    """backward computes sigmoid(f_j) (1 - sigmoid(f_j)): f_j is already sigmoid(z_j), so
    df_j/dz_j = f_j (1 - f_j), without applying sigmoid again."""
    xb, f, fb, v, y_hat = _unpack(cache)
    s = sigmoid(f)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * s * (1.0 - s)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def tanh_derivative_for_sigmoid(y, cache):
    """backward multiplies by 1 - f_j^2, the derivative of tanh; the sigmoid's is
    df_j/dz_j = f_j (1 - f_j)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * (1.0 - f ** 2)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def chain_rule_without_v(y, cache):
    """dL/dz_j leaves out dh_j/df_j = v_j: dL/dz_j = dL/dy_hat * v_j * f_j (1 - f_j)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def dW_transposed(y, cache):
    """dW is the transpose of the right one: row j - 1 of dW is dL/dz_j * [1, x1, x2]
    (np.outer(dL/dz, [1, x1, x2]), not np.outer([1, x1, x2], dL/dz))."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(xb, d_z), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def dv_times_v(y, cache):
    """dL/dv multiplies by v_j where the local derivative is dh_j/dv_j = f_j:
    dL/dv = dL/dy_hat * [1, f1, f2, f3]."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * np.concatenate(([1.0], v[1:]))


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def dv_bias_last(y, cache):
    """dL/dv is laid out with the bias last, dL/dy_hat * [f1, f2, f3, 1]; v = [v0, v1, v2, v3] has the
    bias first, so dL/dv = dL/dy_hat * [1, f1, f2, f3]."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * np.concatenate((f, [1.0]))


@library.mistake("compgraph.backward", section=GRAPH, also=SUMMED)
def chain_rule_f_for_v(y, cache):
    """dL/df_j multiplies dL/dy_hat by f_j, the derivative of h_j = v_j f_j with respect to v_j; with
    respect to f_j it is dh_j/df_j = v_j, so dL/dz_j = dL/dy_hat * v_j * f_j (1 - f_j)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_f = d_yhat * f
    d_z = d_f * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def hidden_weights_off_by_one(y, cache):
    """dL/df_j takes the weights v[:-1] = [v0, v1, v2], so unit j gets v_(j-1) and the output bias v0
    is used as a hidden unit's weight; unit j's weight is v_j, v[1:] = [v1, v2, v3]."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[:-1] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def sigmoid_derivative_summed_over_units(y, cache):
    """the sigmoid's derivative is one number summed over the three units (f @ (1 - f), or
    np.sum(f * (1 - f))); each unit has its own df_j/dz_j = f_j (1 - f_j), elementwise f * (1 - f)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * (f @ (1.0 - f))
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def missing_hidden_bias_gradient(y, cache):
    """dW's bias column is left at 0 (only dL/dz_j * [x1, x2] is filled in): each w_j0 has
    dL/dw_j0 = dL/dz_j * 1, so row j of dW is dL/dz_j * [1, x1, x2] (dL/dv is right)."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    dW = np.zeros((3, 3))
    dW[:, 1:] = np.outer(d_z, xb[1:])
    return dW, d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def dW_columns_shifted(y, cache):
    """dW's rows are dL/dz_j * [x1, x2] put in the first two columns, with 0 last: row j of dW is
    dL/dz_j * [1, x1, x2], the bias column first, then the x1 and x2 columns."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    dW = np.zeros((3, 3))
    dW[:, :2] = np.outer(d_z, xb[1:])
    return dW, d_yhat * fb


# Not summed in batch_gradients' place: a sum of (3, 2) arrays into (3, 3) raises, and a raise would
# match every student whose batch_gradients raises (a stub, say).
@library.mistake("compgraph.backward", section=BACKWARD)
def dW_without_bias_column(y, cache):
    """dW is np.outer(dL/dz, x) with x = [x1, x2], shape (3, 2): row j of dW is dL/dz_j * [1, x1, x2],
    shape (3, 3), with the bias's dL/dw_j0 = dL/dz_j first."""
    xb, f, fb, v, y_hat = _unpack(cache)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb[1:]), d_yhat * fb


@library.mistake("compgraph.backward", section=BACKWARD, also=SUMMED)
def f_sliced_off_by_one(y, cache):
    """f is taken from [1, f1, f2, f3] as its first three entries [1, f1, f2] (fb[:-1], off by one)
    for dL/dz; the hidden outputs are fb[1:] = [f1, f2, f3]."""
    xb, f, fb, v, y_hat = _unpack(cache)
    f = fb[:-1]
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


@library.mistake("compgraph.backward", section=IMPLEMENT, also=SUMMED)
def y_hat_recomputed_without_v0(y, cache):
    """backward recomputes y_hat as v1 f1 + v2 f2 + v3 f3, without the bias v0, instead of using the
    y_hat its forward computed: y_hat = v0 + v1 f1 + v2 f2 + v3 f3."""
    xb, f, fb, v, y_hat = _unpack(cache)
    y_hat = float(v[1:] @ f)
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


def _forward_keeping_W(x, W, v):
    """forward as the reference writes it, its cache also holding x and W (for a backward that
    recomputes from them)."""
    y_hat, cache = forward(x, W, v)
    return y_hat, {**cache, "x": np.asarray(x, dtype=float), "W": np.asarray(W, dtype=float)}


@library.mistake("compgraph.backward", section=IMPLEMENT,
                 also={"compgraph.forward": _forward_keeping_W, **SUMMED})
def f_recomputed_without_bias(y, cache):
    """backward recomputes f_j = sigmoid(w_j1 x1 + w_j2 x2) from W and x, without the bias w_j0,
    instead of using the f its forward computed: z_j = w_j0 + w_j1 x1 + w_j2 x2."""
    xb, _, fb, v, y_hat = _unpack(cache)
    f = sigmoid(cache["W"][:, 1:] @ cache["x"])
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * np.concatenate(([1.0], f))


@library.mistake("compgraph.backward", section=IMPLEMENT)
def stale_cache(y, cache):
    """backward used the values of the last forward instead of the cache it was given: forward keeps
    its values outside the cache (a global, an attribute, a mutable default argument), so the next
    forward overwrites them; backward must use only its arguments"""
    xb, f, fb, v, y_hat = _unpack(_LAST["cache"])
    d_yhat = 2.0 * (y_hat - float(y))
    d_z = d_yhat * v[1:] * f * (1.0 - f)
    return np.outer(d_z, xb), d_yhat * fb


# ======================================== batch_gradients ========================================

@library.probe("compgraph.batch_gradients", uses=["compgraph.forward", "compgraph.backward"])
def _(m):
    return [tuple(np.asarray(g, dtype=float) for g in m.compgraph.batch_gradients(X, Y, W, v))
            for X, Y, W, v in BATCHES]


@library.mistake("compgraph.batch_gradients", section=BATCH)
def batch_overwrites(X, Y, W, v):
    """batch_gradients keeps only the last example's gradient (dW = dW_i overwrites, inside the loop):
    the gradient of the summed loss adds them, dW += dW_i."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        dW, dv = backward(y, cache)
    return dW, dv


@library.mistake("compgraph.batch_gradients", section=BATCH)
def batch_mean(X, Y, W, v):
    """batch_gradients divides by the number of examples m: the loss is the sum
    sum_i (y_hat_i - y_i)^2, not the mean, so its gradient is the sum of the examples' gradients."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        dW_i, dv_i = backward(y, cache)
        dW += dW_i
        dv += dv_i
    return dW / len(X), dv / len(X)


@library.mistake("compgraph.batch_gradients", section=BATCH)
def batch_mean_and_missing_2(X, Y, W, v):
    """batch_gradients takes the mean over the m examples and dL/dy_hat = y_hat - y without the 2:
    the summed loss sum_i (y_hat_i - y_i)^2 has the gradient sum_i 2(y_hat_i - y_i) ... (2/m times
    what this returns)."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for x, y in zip(X, Y):
        y_hat, cache = forward(x, W, v)
        f = cache["f"]
        d_yhat = y_hat - y
        dv += d_yhat * np.concatenate(([1.0], f))
        dW += np.outer(d_yhat * np.asarray(v, dtype=float)[1:] * f * (1.0 - f), np.concatenate(([1.0], x)))
    return dW / len(X), dv / len(X)


@library.mistake("compgraph.batch_gradients", section=BATCH)
def batch_first_example_only(X, Y, W, v):
    """batch_gradients returns inside the loop, after the first example: the gradient of the summed
    loss adds every example's."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        return backward(y, cache)


# ===================================== sigmoid_output_grad_v =====================================

@library.probe("compgraph.sigmoid_output_grad_v")
def _(m):
    return [np.asarray(m.compgraph.sigmoid_output_grad_v(X, Y, W, v), dtype=float)
            for X, Y, W, v in SIG_BATCHES]


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sig_parts(X, Y, W, v):
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W, v = np.asarray(W, dtype=float), np.asarray(v, dtype=float)
    ones = np.ones((X.shape[0], 1))
    Fb = np.hstack([ones, _sigmoid(np.hstack([ones, X]) @ W.T)])
    s = Fb @ v
    return Fb, s, _sigmoid(s), Y


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_sign_flipped(X, Y, W, v):
    """dE/dv has the opposite sign: dE/dy_hat_i is (y_hat_i - y_i), not (y_i - y_hat_i)."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    return ((Y - y_hat) * y_hat * (1.0 - y_hat)) @ Fb


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_derivative_missing(X, Y, W, v):
    """dE/dv leaves out the output sigmoid's derivative y_hat_i (1 - y_hat_i):
    dE/dv = sum_i (y_hat_i - y_i) y_hat_i (1 - y_hat_i) [1, f1, f2, f3]_i."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    return (y_hat - Y) @ Fb


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_extra_2(X, Y, W, v):
    """dE/dv is twice the right one: E = 1/2 sum_i (y_hat_i - y_i)^2 has the 1/2, so
    dE/dy_hat_i = y_hat_i - y_i, not 2(y_hat_i - y_i)."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    return (2.0 * (y_hat - Y) * y_hat * (1.0 - y_hat)) @ Fb


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_mean(X, Y, W, v):
    """dE/dv is divided by the number of examples m: E = 1/2 sum_i (y_hat_i - y_i)^2 is a sum, not a
    mean."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    return ((y_hat - Y) * y_hat * (1.0 - y_hat)) @ Fb / len(Y)


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_derivative_of_s(X, Y, W, v):
    """dE/dv multiplies by s_i (1 - s_i), the formula applied to the pre-activation s_i; the output
    sigmoid's derivative is y_hat_i (1 - y_hat_i) with y_hat_i = sigmoid(s_i)."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    return ((y_hat - Y) * s * (1.0 - s)) @ Fb


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_sigmoid_applied_twice(X, Y, W, v):
    """dE/dv computes sigmoid(y_hat_i) (1 - sigmoid(y_hat_i)): y_hat_i is already sigmoid(s_i), so
    its derivative is y_hat_i (1 - y_hat_i)."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    t = sigmoid(y_hat)
    return ((y_hat - Y) * t * (1.0 - t)) @ Fb


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_bias_last(X, Y, W, v):
    """the output unit's inputs are laid out with the bias last, [f1, f2, f3, 1], so v0 multiplies f1;
    v = [v0, v1, v2, v3] has the bias first: s_i = v0 + v1 f1 + v2 f2 + v3 f3 and
    dE/dv = sum_i (y_hat_i - y_i) y_hat_i (1 - y_hat_i) [1, f1, f2, f3]_i."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    F_last = np.hstack([Fb[:, 1:], Fb[:, :1]])
    y_hat = _sigmoid(F_last @ np.asarray(v, dtype=float))
    return ((y_hat - Y) * y_hat * (1.0 - y_hat)) @ F_last


@library.mistake("compgraph.sigmoid_output_grad_v", section=IMPLEMENT)
def sigmoid_output_without_bias_entry(X, Y, W, v):
    """dE/dv has 3 entries, [f1, f2, f3] without the 1 of the bias v0: dE/dv has shape (4,), with
    dE/dv0 = sum_i (y_hat_i - y_i) y_hat_i (1 - y_hat_i) first."""
    Fb, s, y_hat, Y = _sig_parts(X, Y, W, v)
    return ((y_hat - Y) * y_hat * (1.0 - y_hat)) @ Fb[:, 1:]


# ============================================ calculus ===========================================

POINTS = [(1.0, 2.0), (-1.5, 0.5), (2.5, -3.0)]
NUMBERS = [2.0, -1.5, 0.5]


@library.probe("calculus.G")
def _(m):
    """One input at a time (a raise is that input's outcome), and an integer 3: x ^ 2 raises for a
    float and is 3 XOR 2 = 1 for an int."""
    return each([(x,) for x in NUMBERS + [3]], m.calculus.G)


@library.mistake("calculus.G", section=VECTOR)
def G_doubles_instead_of_squaring(x):
    """G returns [x, 2x]: G(x) = [x, x^2] (x**2 or x * x, not x * 2)."""
    x = float(x)
    return np.array([x, 2.0 * x])


@library.mistake("calculus.G", section=VECTOR)
def G_reversed(x):
    """G returns [x^2, x]: G(x) = [x, x^2], in that order."""
    x = float(x)
    return np.array([x * x, x])


@library.mistake("calculus.G", section=VECTOR)
def G_returns_its_derivative(x):
    """G returns its derivative DG(x) = [1, 2x]; G itself is G(x) = [x, x^2] (DG is what jacobian_FG
    multiplies by)."""
    x = float(x)
    return np.array([1.0, 2.0 * x])


@library.mistake("calculus.G", section=VECTOR)
def G_caret_for_power(x):
    """G writes x^2 as x ^ 2, which in Python is bitwise XOR (it raises for a float x, and 3 ^ 2 is 1):
    the square is x ** 2 (or x * x)."""
    return np.array([x, x ^ 2])


@library.probe("calculus.jacobian_F")
def _(m):
    return [np.asarray(m.calculus.jacobian_F(x, y), dtype=float) for x, y in POINTS]


@library.mistake("calculus.jacobian_F", section=VECTOR)
def jacobian_F_transposed(x, y):
    """jacobian_F is transposed: row i is the gradient of component F_i, DF = [[2x, 2], [3, 8y]]
    (DF[i, j] = dF_i / d(j-th variable))."""
    return np.array([[2.0 * x, 3.0], [2.0, 8.0 * y]])


@library.mistake("calculus.jacobian_F", section=VECTOR)
def jacobian_F_power_rule_without_factor(x, y):
    """jacobian_F drops the exponent of the power rule: d(x^2)/dx = 2x and d(4y^2)/dy = 8y, so
    DF = [[2x, 2], [3, 8y]]."""
    return np.array([[x, 2.0], [3.0, 4.0 * y]])


@library.mistake("calculus.jacobian_F", section=VECTOR)
def jacobian_F_rows_swapped(x, y):
    """jacobian_F has its rows swapped: row 0 is the gradient of F_0 = x^2 + 2y, [2x, 2], and row 1 that
    of F_1 = 3x + 4y^2, [3, 8y]."""
    return np.array([[3.0, 8.0 * y], [2.0 * x, 2.0]])


@library.probe("calculus.grad_f")
def _(m):
    return [np.asarray(m.calculus.grad_f(x, y), dtype=float) for x, y in POINTS]


@library.mistake("calculus.grad_f", section=VECTOR)
def grad_f_without_inner_derivative(x, y):
    """grad_f leaves out the inner derivative: with u = 2x + 3y, df/dx = 2u * du/dx = 4u and
    df/dy = 2u * du/dy = 6u, not 2u and 2u."""
    u = 2.0 * x + 3.0 * y
    return np.array([2.0 * u, 2.0 * u])


@library.mistake("calculus.grad_f", section=VECTOR)
def grad_f_without_outer_2(x, y):
    """grad_f leaves out the 2 of the square: with u = 2x + 3y, df/dx = 2u * 2 = 4u and
    df/dy = 2u * 3 = 6u, not 2u and 3u."""
    u = 2.0 * x + 3.0 * y
    return np.array([2.0 * u, 3.0 * u])


@library.mistake("calculus.grad_f", section=VECTOR)
def grad_f_squares_term_by_term(x, y):
    """grad_f differentiates (2x)^2 + (3y)^2, as if (2x + 3y)^2 were squared term by term; the chain
    rule gives [4(2x + 3y), 6(2x + 3y)]."""
    return np.array([8.0 * x, 18.0 * y])


@library.mistake("calculus.grad_f", section=VECTOR)
def grad_f_entries_swapped(x, y):
    """grad_f returns [df/dy, df/dx] = [6u, 4u] (u = 2x + 3y): the gradient is [df/dx, df/dy] =
    [4u, 6u], the derivative with respect to x first."""
    u = 2.0 * x + 3.0 * y
    return np.array([6.0 * u, 4.0 * u])


@library.probe("calculus.jacobian_FG", uses=["calculus.G", "calculus.jacobian_F"])
def _(m):
    return [np.asarray(m.calculus.jacobian_FG(x), dtype=float) for x in NUMBERS]


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_at_the_wrong_point(x):
    """DF is evaluated at (x, x), not at the point G(x) = (x, x^2): the chain rule takes the outer
    derivative where the inner function lands."""
    x = float(x)
    return jacobian_F(x, x) @ np.array([1.0, 2.0 * x])


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_times_G(x):
    """jacobian_FG multiplies DF(G(x)) by G(x) = [x, x^2]; the chain rule multiplies by the inner
    Jacobian DG(x) = [1, 2x]."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w) @ np.array([x, x * x])


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_in_the_wrong_order_or_DF_transposed(x):
    """jacobian_FG returns DG(x) . DF(G(x)), which is DF(G(x))^T . DG(x): either the product is in the
    wrong order or the jacobian_F it uses is transposed (row i of DF must be the gradient of F_i); the
    chain rule is DF(G(x)) . DG(x)."""
    x = float(x)
    u, w = G(x)
    return np.array([1.0, 2.0 * x]) @ jacobian_F(u, w)


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_without_DG(x):
    """jacobian_FG adds up DF(G(x))'s columns without multiplying by DG(x) = [1, 2x]: the chain rule
    is DF(G(x)) . DG(x)."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w) @ np.array([1.0, 1.0])


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_at_G_reversed(x):
    """DF is evaluated at (x^2, x), G(x)'s entries swapped (w, u = G(x)): the chain rule takes DF at
    the point G(x) = (x, x^2), u = x first."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(w, u) @ np.array([1.0, 2.0 * x])


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_elementwise_product(x):
    """jacobian_FG multiplies DF(G(x)) * DG(x) elementwise, a (2, 2) array (each column scaled); the
    chain rule is the matrix product DF(G(x)) @ DG(x), shape (2,)."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w) * np.array([1.0, 2.0 * x])


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_elementwise_product_summed_over_axis_0(x):
    """jacobian_FG sums DF(G(x)) * DG(x) over axis 0 (down the columns): the matrix product
    DF(G(x)) @ DG(x) sums each row, entry i = sum_j DF[i, j] DG[j] (axis=1)."""
    x = float(x)
    u, w = G(x)
    return np.sum(jacobian_F(u, w) * np.array([1.0, 2.0 * x]), axis=0)


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_elementwise_product_summed_to_a_number(x):
    """jacobian_FG returns np.sum(DF(G(x)) * DG(x)), one number: F o G has two components, so its
    derivative DF(G(x)) @ DG(x) has shape (2,) (each row summed on its own)."""
    x = float(x)
    u, w = G(x)
    return np.sum(jacobian_F(u, w) * np.array([1.0, 2.0 * x]))


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_returns_DF(x):
    """jacobian_FG returns DF(G(x)) itself, a (2, 2) matrix: the chain rule multiplies it by the inner
    derivative, DF(G(x)) @ DG(x) with DG(x) = [1, 2x], shape (2,)."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w)


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_DG_without_the_2(x):
    """jacobian_FG multiplies by DG(x) = [1, x], the derivative of x^2 without the power rule's 2: the
    inner Jacobian is DG(x) = [1, 2x]."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w) @ np.array([1.0, x])


@library.mistake("calculus.jacobian_FG", section=VECTOR)
def chain_rule_DG_as_a_column(x):
    """jacobian_FG returns a (2, 1) column (DG(x) written as [[1], [2x]]): D(F o G)(x) has shape (2,),
    DF(G(x)) @ np.array([1, 2x])."""
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w) @ np.array([[1.0], [2.0 * x]])


# ================================ numerical_gradient / numerical_jacobian ================================

def _fn(m, path):
    """The NumPy function ``path``: by name for a student's worker, the function itself for the
    reference or a mistake (run here)."""
    fn = NumpyFunction(path)
    local = isinstance(m, types.SimpleNamespace)
    return fn.resolve() if local else fn


# (function, x, eps): an int list (converted to float?), a matrix (the result's shape), a vector
# with a large eps (central vs one-sided, a perturbation left in place)
GRADIENT_CASES = [("prod", [1, 2, 3], None),
                  ("linalg.norm", np.array([[0.5, -1.2], [2.0, 0.3], [-0.7, 1.1]]), 0.1),
                  ("prod", np.array([0.5, -1.5, 2.0, 1.25]), 0.1)]


def _tried(m, name, cases):
    """``name`` on every case: (its value, x as the call left it), or what it raised on that case
    alone (a code that handles a 1-D x only raises on the matrix, and is right on the rest)."""
    out = []
    for path, x, eps in cases:
        args = (_fn(m, path), x) if eps is None else (_fn(m, path), x, eps)
        try:
            value, after = and_arguments(getattr(m.calculus, name), *args)
            out.append((np.asarray(value, dtype=float), np.asarray(after[1], dtype=float)))
        except Exception as e:  # noqa: BLE001 - a raise is that case's outcome
            if getattr(e, "kind", None) in STOPPING:
                raise
            out.append(Raised(e))
    return out


@library.probe("calculus.numerical_gradient")
def _(m):
    return _tried(m, "numerical_gradient", GRADIENT_CASES)


JACOBIAN_CASES = [("cumprod", np.array([0.5, -1.5, 2.0, 1.25]), 0.1),
                  ("diff", np.array([0.3, -1.0, 2.5, 0.75, -0.2]), None),
                  ("sin", np.array([0.3, -1.2, 2.0]), 0.1),
                  ("ravel", np.array([1.0, -2.0, 0.5]), None)]


@library.probe("calculus.numerical_jacobian")
def _(m):
    return _tried(m, "numerical_jacobian", JACOBIAN_CASES)


def _one_sided_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    F0 = np.array(F(x), dtype=float).reshape(-1)
    J = np.zeros((F0.size, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        J[:, k] = (np.array(F(x), dtype=float).reshape(-1) - F0) / eps
        x[k] = old
    return J


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _one_sided_jacobian})
def one_sided_differences(f, x, eps=1e-6):
    """one-sided differences (f(x + eps) - f(x)) / eps: the grader asks for central ones,
    (f(x + eps e_k) - f(x - eps e_k)) / (2 eps)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    f0 = float(f(x))
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + eps
        grad[k] = (float(f(x)) - f0) / eps
        x[k] = old
    return grad


def _jacobian_over_eps(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    cols = []
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        cols.append((np.array(F(x + e), dtype=float).reshape(-1) - np.array(F(x - e), dtype=float).reshape(-1))
                    / eps)
    return np.stack(cols, axis=1)


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_over_eps})
def central_difference_over_eps(f, x, eps=1e-6):
    """the central difference is divided by eps, not by 2 eps: x + eps and x - eps are 2 eps apart,
    so every entry is twice the right one."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[k] = eps
        grad[k] = (float(f(x + e)) - float(f(x - e))) / eps
    return grad


def _unrestored_jacobian(F, x, eps=1e-6, *, first=1, in_place=False):
    """The Jacobian by central differences with x[k] never set back: moved by ``first * eps``, then by
    ``-2 * first * eps``, so left at x_k - first * eps. ``in_place``: on the caller's x."""
    x = (np.asarray if in_place else np.array)(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        x[k] += first * eps
        F_first = np.array(F(x), dtype=float).reshape(-1)
        x[k] -= 2 * first * eps
        F_second = np.array(F(x), dtype=float).reshape(-1)
        J[:, k] = first * (F_first - F_second) / (2 * eps)
    return J


def _unrestored_gradient(f, x, eps=1e-6, *, first=1, in_place=False):
    """The gradient by central differences with x[k] never set back (as ``_unrestored_jacobian``)."""
    x = (np.asarray if in_place else np.array)(x, dtype=float)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for k in range(flat.size):
        flat[k] += first * eps
        f_first = float(f(x))
        flat[k] -= 2 * first * eps
        f_second = float(f(x))
        gflat[k] = first * (f_first - f_second) / (2 * eps)
    return grad


def _jacobian_not_restored(F, x, eps=1e-6):
    return _unrestored_jacobian(F, x, eps)


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_not_restored})
def perturbation_not_restored(f, x, eps=1e-6):
    """entry k is left at x_k - eps after its difference (x[k] is never set back), so every later
    entry is a difference at a shifted point: restore x[k] = old before moving on to k + 1."""
    return _unrestored_gradient(f, x, eps)


def _jacobian_not_restored_in_place(F, x, eps=1e-6):
    return _unrestored_jacobian(F, x, eps, in_place=True)


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_not_restored_in_place})
def perturbation_not_restored_in_the_callers_x(f, x, eps=1e-6):
    """the caller's own x is perturbed (np.asarray does not copy a float array) and entry k is never set
    back: every later entry is a difference at a shifted point and the caller's x comes back changed;
    work on a copy (np.array(x, dtype=float)) and restore x[k] = old."""
    return _unrestored_gradient(f, x, eps, in_place=True)


def _jacobian_int(F, x, eps=1e-6):
    x = np.array(x).reshape(-1)
    n_out = np.asarray(F(x)).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        F_plus = np.array(F(x), dtype=float).reshape(-1)
        x[k] = old - eps
        F_minus = np.array(F(x), dtype=float).reshape(-1)
        x[k] = old
        J[:, k] = (F_plus - F_minus) / (2 * eps)
    return J


@library.mistake("calculus.numerical_gradient", section=NUMERICAL)
def integer_x_not_converted(f, x, eps=1e-6):
    """x is not converted to float: for x = [1, 2, 3] the array holds integers, so x + eps is cut back
    to an integer and the gradient is garbage (an integer array); convert with
    np.array(x, dtype=float)."""
    x = np.array(x)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        f_plus = float(f(x))
        flat[k] = old - eps
        f_minus = float(f(x))
        flat[k] = old
        gflat[k] = (f_plus - f_minus) / (2.0 * eps)
    return grad


@library.mistake("calculus.numerical_gradient", section=NUMERICAL)
def gradient_flattened(f, x, eps=1e-6):
    """numerical_gradient returns a flat vector for a matrix x: the gradient has x's shape
    (grad.reshape(x.shape), or fill a np.zeros_like(x))."""
    x = np.array(x, dtype=float)
    grad = np.zeros(x.size)
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        grad[k] = (float(f(x + e.reshape(x.shape))) - float(f(x - e.reshape(x.shape)))) / (2 * eps)
    return grad


def _jacobian_ignoring_eps(F, x, eps=1e-6):
    return _REF_JACOBIAN(F, x, 1e-6)


def _REF_JACOBIAN(F, x, eps):
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        J[:, k] = (np.array(F(x + e), dtype=float).reshape(-1) - np.array(F(x - e), dtype=float).reshape(-1)) / (2 * eps)
    return J


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_ignoring_eps})
def eps_ignored(f, x, eps=1e-6):
    """the eps argument is ignored (a fixed step of 1e-6 is used): a caller's eps, 1e-3 say, must be
    the step of the differences."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[k] = 1e-6
        grad[k] = (float(f(x + e)) - float(f(x - e))) / 2e-6
    return grad


@library.mistake("calculus.numerical_jacobian", section=NUMERICAL)
def jacobian_transposed(F, x, eps=1e-6):
    """numerical_jacobian is transposed: it has shape (len(F(x)), len(x)), and the difference for input
    entry k is column k (J[:, k]), not row k."""
    x = np.array(x, dtype=float).reshape(-1)
    rows = []
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        rows.append((np.array(F(x + e), dtype=float).reshape(-1) - np.array(F(x - e), dtype=float).reshape(-1))
                    / (2 * eps))
    return np.array(rows)


@library.mistake("calculus.numerical_jacobian", section=NUMERICAL)
def jacobian_keeps_a_view_of_x(F, x, eps=1e-6):
    """F(x + eps e_k) is kept without a copy: where F returns a view of x (np.ravel, say) it changes
    when x changes next, and the column comes out 0; copy it (np.array(F(x), dtype=float))."""
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        F_plus = np.asarray(F(x), dtype=float).reshape(-1)
        x[k] = old - eps
        F_minus = np.asarray(F(x), dtype=float).reshape(-1)
        x[k] = old
        J[:, k] = (F_plus - F_minus) / (2 * eps)
    return J


# -- more of the numerical family: the entry left at x + eps, one-sided over 2 eps, a relative eps,
# every entry perturbed at once, a 1-D-only loop, a Jacobian filled by rows or over the outputs

def _jacobian_left_at_plus(F, x, eps=1e-6):
    return _unrestored_jacobian(F, x, eps, first=-1)


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_left_at_plus})
def perturbation_left_at_plus_eps(f, x, eps=1e-6):
    """entry k is left at x_k + eps after its difference (x[k] -= eps, then x[k] += 2 eps, and never
    set back), so every later entry is a difference at a shifted point: restore x[k] = old before
    moving on to k + 1."""
    return _unrestored_gradient(f, x, eps, first=-1)


def _jacobian_left_at_plus_in_place(F, x, eps=1e-6):
    return _unrestored_jacobian(F, x, eps, first=-1, in_place=True)


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_left_at_plus_in_place})
def perturbation_left_at_plus_eps_in_the_callers_x(f, x, eps=1e-6):
    """the caller's own x is perturbed (np.asarray does not copy a float array) and entry k is left at
    x_k + eps: every later entry is a difference at a shifted point and the caller's x comes back
    changed; work on a copy (np.array(x, dtype=float)) and restore x[k] = old."""
    return _unrestored_gradient(f, x, eps, first=-1, in_place=True)


def _one_sided_jacobian_over_2eps(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    F0 = np.array(F(x), dtype=float).reshape(-1)
    J = np.zeros((F0.size, x.size))
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        J[:, k] = (np.array(F(x + e), dtype=float).reshape(-1) - F0) / (2 * eps)
    return J


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _one_sided_jacobian_over_2eps})
def one_sided_difference_over_2eps(f, x, eps=1e-6):
    """a one-sided difference divided by the central one's 2 eps, (f(x + eps e_k) - f(x)) / (2 eps), about
    half the derivative: the central difference is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    f0 = float(f(x))
    for k in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[k] = eps
        grad[k] = (float(f(x + e)) - f0) / (2 * eps)
    return grad


def _jacobian_relative_eps(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    cols = []
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps * x[k]
        cols.append((np.array(F(x + e), dtype=float).reshape(-1) - np.array(F(x - e), dtype=float).reshape(-1))
                    / (2 * eps))
    return np.stack(cols, axis=1)


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_relative_eps})
def eps_relative_to_x(f, x, eps=1e-6):
    """entry k is moved by eps * x_k (x_k (1 + eps) and x_k (1 - eps)) but the difference is divided by
    2 eps, so entry k comes out about x_k times the derivative: move it by eps itself, x_k + eps and
    x_k - eps."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[k] = eps * x[k]
        grad[k] = (float(f(x + e)) - float(f(x - e))) / (2 * eps)
    return grad


def _jacobian_every_entry_perturbed(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    col = (np.array(F(x + eps), dtype=float).reshape(-1) - np.array(F(x - eps), dtype=float).reshape(-1)) / (2 * eps)
    return np.tile(col[:, None], (1, x.size))


@library.mistake("calculus.numerical_gradient", section=NUMERICAL,
                 also={"calculus.numerical_jacobian": _jacobian_every_entry_perturbed})
def every_entry_perturbed(f, x, eps=1e-6):
    """every entry of x is moved at once (f(x + eps) - f(x - eps)), so each entry gets the same number,
    the sum of all the partial derivatives: entry k moves x_k alone, f(x + eps e_k) with e_k 1 at
    position k and 0 elsewhere."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        grad[k] = (float(f(x + eps)) - float(f(x - eps))) / (2 * eps)
    return grad


@library.mistake("calculus.numerical_gradient", section=NUMERICAL)
def loop_over_rows_perturbs_a_whole_row(f, x, eps=1e-6):
    """the loop runs over len(x), the first axis only, and e[k] = eps fills a whole row of a matrix x:
    row k of the gradient is one number, the difference with all of row k moved; loop over every entry
    (np.ndindex(x.shape), or x.size entries of x.reshape(-1))."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in range(len(x)):
        e = np.zeros_like(x)
        e[k] = eps
        grad[k] = (float(f(x + e)) - float(f(x - e))) / (2 * eps)
    return grad


@library.mistake("calculus.numerical_gradient", section=NUMERICAL)
def loop_over_rows_with_old_a_view(f, x, eps=1e-6):
    """the loop runs over len(x) with old = x[k]: for a matrix x, x[k] is a whole row and old a view of
    it (it changes with x[k] = old + eps), so x[k] = old - eps sets the row back to x, never to
    x - eps, and row k of the gradient is one number, (f(x with row k + eps) - f(x)) / (2 eps); loop
    over every entry of x.reshape(-1) (old = flat[k] is then a number)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in range(len(x)):
        old = x[k]
        x[k] = old + eps
        f_plus = float(f(x))
        x[k] = old - eps
        f_minus = float(f(x))
        x[k] = old
        grad[k] = (f_plus - f_minus) / (2 * eps)
    return grad


@library.mistake("calculus.numerical_gradient", section=NUMERICAL)
def one_dimensional_x_only(f, x, eps=1e-6):
    """numerical_gradient handles a 1-D x only (e_k = np.zeros(len(x)), a loop over len(x)): for a
    matrix x, x + e_k does not broadcast and it raises; x may have any shape, so make e_k with
    np.zeros_like(x) and loop over every entry (np.ndindex(x.shape))."""
    x = np.array(x, dtype=float)
    grad = np.zeros(len(x))
    for k in range(len(x)):
        e = np.zeros(len(x))
        e[k] = eps
        grad[k] = (float(f(x + e)) - float(f(x - e))) / (2 * eps)
    return grad


@library.mistake("calculus.numerical_jacobian", section=NUMERICAL)
def jacobian_filled_by_rows(F, x, eps=1e-6):
    """the difference for input entry k is written into row k of a (len(F(x)), len(x)) array (J[k] =
    ...), which transposes a square Jacobian and raises when len(F(x)) != len(x): it is column k,
    J[:, k]."""
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        J[k] = (np.array(F(x + e), dtype=float).reshape(-1) - np.array(F(x - e), dtype=float).reshape(-1)) / (2 * eps)
    return J


@library.mistake("calculus.numerical_jacobian", section=NUMERICAL)
def jacobian_loops_over_the_outputs(F, x, eps=1e-6):
    """the loop runs over the outputs, range(len(F(x))), so when F has fewer outputs than inputs the
    last columns stay 0: there is one column per input entry, range(len(x))."""
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(n_out):
        e = np.zeros(x.size)
        e[k] = eps
        J[:, k] = (np.array(F(x + e), dtype=float).reshape(-1) - np.array(F(x - e), dtype=float).reshape(-1)) / (2 * eps)
    return J
