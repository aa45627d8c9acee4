"""Activation functions, losses and their derivatives.

Every function takes NumPy arrays (Python floats and lists are accepted through
``np.asarray``) and computes in float64. Every ``*_grad`` returns the
derivative with respect to its FIRST argument, with the same shape as that
argument. Losses return a Python float.
"""

import numpy as np


# ---------------------------------------------------------------- activations

def sigmoid(x):
    """Logistic function 1 / (1 + exp(-x)), elementwise.

    x: array of any shape. Returns an array of the same shape, values in [0, 1].
    Must not overflow (no warnings) for |x| up to 1e4.
    """
    raise NotImplementedError('see the handout, section 1 (Sigmoid): mind large |x|')


def sigmoid_grad(x):
    """Derivative of sigmoid at x, elementwise: s (1 - s) with s = sigmoid(x).

    x: array of any shape. Returns an array of the same shape.
    """
    raise NotImplementedError('see the handout, section 1 (Sigmoid)')


def tanh(x):
    """Hyperbolic tangent, elementwise. x: array of any shape; returns the same shape."""
    raise NotImplementedError('see the handout, section 2 (Hyperbolic tangent)')


def tanh_grad(x):
    """Derivative of tanh at x, elementwise: 1 - tanh(x)^2.

    x: array of any shape. Returns an array of the same shape.
    """
    raise NotImplementedError('see the handout, section 2 (Hyperbolic tangent)')


def relu(x):
    """max(x, 0), elementwise. x: array of any shape; returns the same shape."""
    raise NotImplementedError('see the handout, section 3 (ReLU)')


def relu_grad(x):
    """Derivative of relu: 1.0 where x > 0, 0.0 where x <= 0 (0 at x = 0 by convention).

    x: array of any shape. Returns a float array of the same shape.
    """
    raise NotImplementedError('see the handout, section 3 (ReLU), and its convention at 0')


# ---------------------------------------------------------------- softmax

def softmax(z):
    """Softmax along the last axis: p_i = exp(z_i) / sum_j exp(z_j).

    z: logits, shape (n,) or (m, n) (one row per example). Returns the same
    shape; each row (the last axis) sums to 1. Shift-invariant and without
    overflow for large logits (|z| up to 1e3 and more).
    """
    raise NotImplementedError('see the handout, section 4 (Softmax): mind large logits')


def softmax_jacobian(z):
    """Jacobian of softmax at the logits z.

    z: shape (n,). Returns J of shape (n, n) with J[i, j] = d p_i / d z_j
    = p_i (delta_ij - p_j), where p is the softmax of z.
    """
    raise NotImplementedError('see the handout, section 4 (Softmax): every entry, not only the diagonal')


# ---------------------------------------------------------------- losses

def cross_entropy(z, y):
    """Cross-entropy of the logits z against the one-hot target y.

    z: logits, shape (n,); y: one-hot, shape (n,). Returns the float
    -sum_i y_i log softmax(z)_i, computed from log-sum-exp (finite for logits
    up to 1e3 even where softmax(z)_i underflows to 0).
    """
    raise NotImplementedError('see the handout, section 5 (Cross-entropy)')


def cross_entropy_grad(z, y):
    """Gradient of cross_entropy with respect to the logits: softmax(z) - y.

    z, y: shape (n,). Returns shape (n,).
    """
    raise NotImplementedError('see the handout, section 5 (Cross-entropy)')


def l2_loss(a, y):
    """Sum of squared errors sum_i (a_i - y_i)^2 (reduction: sum).

    a: predictions, y: targets, the same shape (any). Returns a float.
    """
    raise NotImplementedError('see the handout, section 6 (L2 loss)')


def l2_loss_grad(a, y):
    """Gradient of l2_loss with respect to a: 2 (a - y). Same shape as a."""
    raise NotImplementedError('see the handout, section 6 (L2 loss)')


def l1_loss(a, y):
    """Sum of absolute errors sum_i |a_i - y_i| (reduction: sum).

    a, y: the same shape (any). Returns a float.
    """
    raise NotImplementedError('see the handout, section 7 (L1 loss)')


def l1_loss_grad(a, y):
    """Gradient of l1_loss with respect to a: sign(a - y), 0 where a == y.

    Same shape as a.
    """
    raise NotImplementedError('see the handout, section 7 (L1 loss), and its convention at a == y')


def hinge_loss(a, y):
    """Hinge loss max(0, 1 - y.a), with y.a the dot product.

    a: scores, shape (n,); y: labels in {-1, +1}, shape (n,). Returns a float.
    """
    raise NotImplementedError('see the handout, section 8 (Hinge loss)')


def hinge_loss_grad(a, y):
    """Gradient of hinge_loss with respect to a: -y where y.a < 1, else 0.

    At exactly y.a = 1 the gradient is 0. a, y: shape (n,). Returns shape (n,).
    """
    raise NotImplementedError('see the handout, section 8 (Hinge loss), and its convention on the margin')


def huber_loss(a, y, delta=1.0):
    """Huber loss, mean over all elements, with r = a - y:

        1/2 r^2                    where |r| <= delta
        delta (|r| - delta / 2)    elsewhere

    a, y: the same shape (any); delta > 0. Returns a float.
    """
    raise NotImplementedError('see the handout, section 9 (Huber loss)')


def huber_loss_grad(a, y, delta=1.0):
    """Gradient of huber_loss with respect to a, with r = a - y and n = a.size:

        r / n                  where |r| <= delta
        delta sign(r) / n      elsewhere

    Same shape as a.
    """
    raise NotImplementedError('see the handout, section 9 (Huber loss)')


def cosine_similarity(a, y):
    """Cosine of the angle between a and y: a.y / (||a|| ||y||).

    a, y: shape (n,). Returns a float in [-1, 1]. Undefined when a or y is the
    zero vector: raise ValueError then.
    """
    raise NotImplementedError('see the handout, section 10 (Cosine similarity)')


def cosine_similarity_grad(a, y):
    """Gradient of cosine_similarity with respect to a:

        y / (||a|| ||y||) - cos(a, y) a / ||a||^2

    a, y: shape (n,). Returns shape (n,). Raise ValueError for a zero vector.
    """
    raise NotImplementedError('see the handout, section 10 (Cosine similarity)')

