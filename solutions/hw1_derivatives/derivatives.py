"""Activation functions, losses and their derivatives.

Every function takes NumPy arrays (Python floats and lists are accepted through
``np.asarray``) and computes in float64. Every ``*_grad`` returns the
derivative with respect to its FIRST argument, with the same shape as that
argument. Losses return a Python float.
"""

import numpy as np
# BEGIN SOLUTION


def _as_float(x):
    return np.asarray(x, dtype=float)


def _same_shape(a, y):
    a, y = _as_float(a), _as_float(y)
    if a.shape != y.shape:
        raise ValueError(f"a and y must have the same shape, got {a.shape} and {y.shape}")
    return a, y


def _log_sum_exp(z):
    """log(sum(exp(z))) along the last axis, keepdims, without overflow."""
    m = np.max(z, axis=-1, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))


def _unit(v, name):
    """v / ||v|| and ||v|| (scaled first: no under/overflow); ValueError for the zero vector."""
    scale = np.max(np.abs(v), initial=0.0)
    if scale == 0:
        raise ValueError(f"cosine similarity is undefined when {name} is the zero vector (||{name}|| = 0)")
    v = v / scale
    norm = np.sqrt(np.dot(v, v))
    return v / norm, scale * norm


def _unit_vectors(a, y):
    """a / ||a||, y / ||y|| and ||a|| for 1-D a and y of the same shape."""
    a, y = _same_shape(a, y)
    if a.ndim != 1:
        raise ValueError(f"cosine similarity expects 1-D vectors, got shape {a.shape}")
    a_hat, norm_a = _unit(a, "a")
    y_hat, _ = _unit(y, "y")
    return a_hat, y_hat, norm_a
# END SOLUTION


# ---------------------------------------------------------------- activations

def sigmoid(x):
    """Logistic function 1 / (1 + exp(-x)), elementwise.

    x: array of any shape. Returns an array of the same shape, values in [0, 1].
    Must not overflow (no warnings) for |x| up to 1e4.
    """
    # BEGIN SOLUTION hint: see the handout, section 1 (Sigmoid): mind large |x|
    x = _as_float(x)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    # END SOLUTION


def sigmoid_grad(x):
    """Derivative of sigmoid at x, elementwise: s (1 - s) with s = sigmoid(x).

    x: array of any shape. Returns an array of the same shape.
    """
    # BEGIN SOLUTION hint: see the handout, section 1 (Sigmoid)
    x = _as_float(x)
    # e / (1 + e)^2 with e = exp(-|x|) equals s (1 - s) and avoids the
    # cancellation in 1 - s for large x.
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2
    # END SOLUTION


def tanh(x):
    """Hyperbolic tangent, elementwise. x: array of any shape; returns the same shape."""
    # BEGIN SOLUTION hint: see the handout, section 2 (Hyperbolic tangent)
    return np.tanh(_as_float(x))
    # END SOLUTION


def tanh_grad(x):
    """Derivative of tanh at x, elementwise: 1 - tanh(x)^2.

    x: array of any shape. Returns an array of the same shape.
    """
    # BEGIN SOLUTION hint: see the handout, section 2 (Hyperbolic tangent)
    x = _as_float(x)
    # sech^2 x = 4 e / (1 + e)^2 with e = exp(-2|x|): equal to 1 - tanh^2,
    # accurate for large |x| too.
    e = np.exp(-2.0 * np.abs(x))
    return 4.0 * e / (1.0 + e) ** 2
    # END SOLUTION


def relu(x):
    """max(x, 0), elementwise. x: array of any shape; returns the same shape."""
    # BEGIN SOLUTION hint: see the handout, section 3 (ReLU)
    x = _as_float(x)
    return np.where(x > 0, x, 0.0)
    # END SOLUTION


def relu_grad(x):
    """Derivative of relu: 1.0 where x > 0, 0.0 where x <= 0 (0 at x = 0 by convention).

    x: array of any shape. Returns a float array of the same shape.
    """
    # BEGIN SOLUTION hint: see the handout, section 3 (ReLU), and its convention at 0
    x = _as_float(x)
    return np.where(x > 0, 1.0, 0.0)
    # END SOLUTION


# ---------------------------------------------------------------- softmax

def softmax(z):
    """Softmax along the last axis: p_i = exp(z_i) / sum_j exp(z_j).

    z: logits, shape (n,) or (m, n) (one row per example). Returns the same
    shape; each row (the last axis) sums to 1. Shift-invariant and without
    overflow for large logits (|z| up to 1e3 and more).
    """
    # BEGIN SOLUTION hint: see the handout, section 4 (Softmax): mind large logits
    z = _as_float(z)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
    # END SOLUTION


def softmax_jacobian(z):
    """Jacobian of softmax at the logits z.

    z: shape (n,). Returns J of shape (n, n) with J[i, j] = d p_i / d z_j
    = p_i (delta_ij - p_j), where p is the softmax of z.
    """
    # BEGIN SOLUTION hint: see the handout, section 4 (Softmax): every entry, not only the diagonal
    z = _as_float(z)
    if z.ndim != 1:
        raise ValueError(f"softmax_jacobian expects a 1-D z, got shape {z.shape}")
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)
    # END SOLUTION


# ---------------------------------------------------------------- losses

def cross_entropy(z, y):
    """Cross-entropy of the logits z against the one-hot target y.

    z: logits, shape (n,); y: one-hot, shape (n,). Returns the float
    -sum_i y_i log softmax(z)_i, computed from log-sum-exp (finite for logits
    up to 1e3 even where softmax(z)_i underflows to 0).
    """
    # BEGIN SOLUTION hint: see the handout, section 5 (Cross-entropy)
    z, y = _same_shape(z, y)
    log_p = z - _log_sum_exp(z)
    return float(-np.sum(y * log_p))
    # END SOLUTION


def cross_entropy_grad(z, y):
    """Gradient of cross_entropy with respect to the logits: softmax(z) - y.

    z, y: shape (n,). Returns shape (n,).
    """
    # BEGIN SOLUTION hint: see the handout, section 5 (Cross-entropy)
    z, y = _same_shape(z, y)
    return softmax(z) - y
    # END SOLUTION


def l2_loss(a, y):
    """Sum of squared errors sum_i (a_i - y_i)^2 (reduction: sum).

    a: predictions, y: targets, the same shape (any). Returns a float.
    """
    # BEGIN SOLUTION hint: see the handout, section 6 (L2 loss)
    a, y = _same_shape(a, y)
    return float(np.sum((a - y) ** 2))
    # END SOLUTION


def l2_loss_grad(a, y):
    """Gradient of l2_loss with respect to a: 2 (a - y). Same shape as a."""
    # BEGIN SOLUTION hint: see the handout, section 6 (L2 loss)
    a, y = _same_shape(a, y)
    return 2.0 * (a - y)
    # END SOLUTION


def l1_loss(a, y):
    """Sum of absolute errors sum_i |a_i - y_i| (reduction: sum).

    a, y: the same shape (any). Returns a float.
    """
    # BEGIN SOLUTION hint: see the handout, section 7 (L1 loss)
    a, y = _same_shape(a, y)
    return float(np.sum(np.abs(a - y)))
    # END SOLUTION


def l1_loss_grad(a, y):
    """Gradient of l1_loss with respect to a: sign(a - y), 0 where a == y.

    Same shape as a.
    """
    # BEGIN SOLUTION hint: see the handout, section 7 (L1 loss), and its convention at a == y
    a, y = _same_shape(a, y)
    return np.sign(a - y)
    # END SOLUTION


def hinge_loss(a, y):
    """Hinge loss max(0, 1 - y.a), with y.a the dot product.

    a: scores, shape (n,); y: labels in {-1, +1}, shape (n,). Returns a float.
    """
    # BEGIN SOLUTION hint: see the handout, section 8 (Hinge loss)
    a, y = _same_shape(a, y)
    return float(max(0.0, 1.0 - np.sum(y * a)))
    # END SOLUTION


def hinge_loss_grad(a, y):
    """Gradient of hinge_loss with respect to a: -y where y.a < 1, else 0.

    At exactly y.a = 1 the gradient is 0. a, y: shape (n,). Returns shape (n,).
    """
    # BEGIN SOLUTION hint: see the handout, section 8 (Hinge loss), and its convention on the margin
    a, y = _same_shape(a, y)
    if np.sum(y * a) < 1.0:
        return -y
    return np.zeros_like(a)
    # END SOLUTION


def huber_loss(a, y, delta=1.0):
    """Huber loss, mean over all elements, with r = a - y:

        1/2 r^2                    where |r| <= delta
        delta (|r| - delta / 2)    elsewhere

    a, y: the same shape (any); delta > 0. Returns a float.
    """
    # BEGIN SOLUTION hint: see the handout, section 9 (Huber loss)
    a, y = _same_shape(a, y)
    if not delta > 0:
        raise ValueError(f"delta must be positive, got {delta}")
    r = a - y
    abs_r = np.abs(r)
    per_element = np.where(abs_r <= delta, 0.5 * r ** 2, delta * (abs_r - 0.5 * delta))
    return float(np.mean(per_element))
    # END SOLUTION


def huber_loss_grad(a, y, delta=1.0):
    """Gradient of huber_loss with respect to a, with r = a - y and n = a.size:

        r / n                  where |r| <= delta
        delta sign(r) / n      elsewhere

    Same shape as a.
    """
    # BEGIN SOLUTION hint: see the handout, section 9 (Huber loss)
    a, y = _same_shape(a, y)
    if not delta > 0:
        raise ValueError(f"delta must be positive, got {delta}")
    r = a - y
    return np.where(np.abs(r) <= delta, r, delta * np.sign(r)) / r.size
    # END SOLUTION


def cosine_similarity(a, y):
    """Cosine of the angle between a and y: a.y / (||a|| ||y||).

    a, y: shape (n,). Returns a float in [-1, 1]. Undefined when a or y is the
    zero vector: raise ValueError then.
    """
    # BEGIN SOLUTION hint: see the handout, section 10 (Cosine similarity)
    a_hat, y_hat, _ = _unit_vectors(a, y)
    return float(np.dot(a_hat, y_hat))
    # END SOLUTION


def cosine_similarity_grad(a, y):
    """Gradient of cosine_similarity with respect to a:

        y / (||a|| ||y||) - cos(a, y) a / ||a||^2

    a, y: shape (n,). Returns shape (n,). Raise ValueError for a zero vector.
    """
    # BEGIN SOLUTION hint: see the handout, section 10 (Cosine similarity)
    a_hat, y_hat, norm_a = _unit_vectors(a, y)
    cos = np.dot(a_hat, y_hat)
    # = (y/||y|| - cos a/||a||) / ||a||: the part of y's direction orthogonal to a.
    return (y_hat - cos * a_hat) / norm_a
    # END SOLUTION

