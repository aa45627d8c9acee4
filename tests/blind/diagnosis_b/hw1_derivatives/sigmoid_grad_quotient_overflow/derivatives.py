"""HW1 - derivatives of activation functions and losses.

Every *_grad returns d(function)/d(first argument), same shape as that argument.
"""

import numpy as np


# =========================================================================
# Part 1: sigmoid
# =========================================================================

def sigmoid(x):
    """sigma(x) = 1 / (1 + e^{-x}), stable version (only exp of non-positive numbers)."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))              # e <= 1 always, cannot overflow
    positive_part = 1.0 / (1.0 + e)     # formula for x >= 0
    negative_part = e / (1.0 + e)       # formula for x < 0
    result = np.where(x >= 0, positive_part, negative_part)
    return result


def sigmoid_grad(x):
    """Derivative of the sigmoid.

    From the quotient rule (handout section 1):
        sigma'(x) = e^{-x} / (1 + e^{-x})^2
    """
    x = np.asarray(x, dtype=float)
    exp_minus_x = np.exp(-x)
    denominator = (1.0 + exp_minus_x) ** 2
    derivative = exp_minus_x / denominator
    return derivative


# =========================================================================
# Part 2: tanh
# =========================================================================

def tanh(x):
    x = np.asarray(x, dtype=float)
    return np.tanh(x)


def tanh_grad(x):
    """tanh'(x) = 1 - tanh(x)^2"""
    x = np.asarray(x, dtype=float)
    t = np.tanh(x)
    derivative = 1.0 - t * t
    return derivative


# =========================================================================
# Part 3: ReLU
# =========================================================================

def relu(x):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0)


def relu_grad(x):
    """1 for x > 0, 0 for x <= 0 (we define relu'(0) = 0)."""
    x = np.asarray(x, dtype=float)
    derivative = np.zeros_like(x)
    derivative[x > 0] = 1.0
    return derivative


# =========================================================================
# Part 4: softmax
# =========================================================================

def softmax(z):
    """Softmax along the last axis, shifted by the max of each row."""
    z = np.asarray(z, dtype=float)
    row_max = np.max(z, axis=-1, keepdims=True)
    shifted = z - row_max
    exps = np.exp(shifted)
    sums = np.sum(exps, axis=-1, keepdims=True)
    probabilities = exps / sums
    return probabilities


def softmax_jacobian(z):
    """J[i, j] = p_i (delta_ij - p_j)."""
    z = np.asarray(z, dtype=float)
    p = softmax(z)
    n = p.shape[0]
    jacobian = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i == j:
                jacobian[i, j] = p[i] * (1.0 - p[j])
            else:
                jacobian[i, j] = -p[i] * p[j]
    return jacobian


# =========================================================================
# Part 5: cross-entropy
# =========================================================================

def cross_entropy(z, y):
    """-sum y_i log softmax(z)_i, using log p = z - logsumexp(z)."""
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    max_logit = np.max(z)
    log_sum_exp = max_logit + np.log(np.sum(np.exp(z - max_logit)))
    log_probabilities = z - log_sum_exp
    loss_value = -np.sum(y * log_probabilities)
    return float(loss_value)


def cross_entropy_grad(z, y):
    """dL/dz = softmax(z) - y"""
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return softmax(z) - y


# =========================================================================
# Part 6: L2
# =========================================================================

def l2_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    difference = a - y
    return float(np.sum(difference ** 2))


def l2_loss_grad(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    difference = a - y
    return 2.0 * difference


# =========================================================================
# Part 7: L1
# =========================================================================

def l1_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.sum(np.abs(a - y)))


def l1_loss_grad(a, y):
    """sign(a - y); np.sign gives 0 where a == y, which is the convention."""
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.sign(a - y)


# =========================================================================
# Part 8: hinge
# =========================================================================

def hinge_loss(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = np.dot(y, a)
    return float(max(0.0, 1.0 - margin))


def hinge_loss_grad(a, y):
    """-y when y.a < 1 (strictly), otherwise 0."""
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    margin = np.dot(y, a)
    if margin < 1.0:
        return -y.copy()
    return np.zeros_like(a)


# =========================================================================
# Part 9: Huber
# =========================================================================

def huber_loss(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    abs_r = np.abs(r)
    quadratic = 0.5 * r ** 2
    linear = delta * (abs_r - 0.5 * delta)
    per_element = np.where(abs_r <= delta, quadratic, linear)
    return float(np.mean(per_element))


def huber_loss_grad(a, y, delta=1.0):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    r = a - y
    n = r.size
    inside = np.abs(r) <= delta
    derivative = np.where(inside, r, delta * np.sign(r))
    return derivative / n


# =========================================================================
# Part 10: cosine similarity
# =========================================================================

def _norm_or_raise(v, name):
    length = np.sqrt(np.sum(v * v))
    if length == 0.0:
        raise ValueError(f"cosine similarity is undefined for a zero vector {name}")
    return length


def cosine_similarity(a, y):
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    norm_a = _norm_or_raise(a, "a")
    norm_y = _norm_or_raise(y, "y")
    return float(np.dot(a, y) / (norm_a * norm_y))


def cosine_similarity_grad(a, y):
    """y / (|a||y|) - cos(a, y) * a / |a|^2"""
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    norm_a = _norm_or_raise(a, "a")
    norm_y = _norm_or_raise(y, "y")
    cos_ay = np.dot(a, y) / (norm_a * norm_y)
    first_term = y / (norm_a * norm_y)
    second_term = cos_ay * a / norm_a ** 2
    return first_term - second_term
