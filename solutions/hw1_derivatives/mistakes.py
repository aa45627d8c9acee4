"""Mistakes students make in hw1_derivatives, written as they would write them (grader/mistakes.py).

Each probe tries a function on fixed inputs chosen so that the mistakes below give different
numbers from one another and from the reference; a mistake is named for a student only when
the student's numbers equal its numbers on every one of them. The probes are declared callees
first (a function before its derivative, softmax before what uses it).

What the inputs are for: batches of several sizes (3, 4, 5, 6 elements: a factor 1/n shows and
is not confused with another), non-square 2-D arrays (an axis or a missing keepdims shows), zeros
where a kink's convention matters (relu at 0, L1 at a == y, hinge on the margin), Huber's delta on
both sides of 1 with residuals between delta and sqrt(delta) (a threshold on r^2 shows), logits of
size 800-1000 (an overflow shows) and a true class whose probability underflows (log of 0 shows).
"""
import numpy as np

from grader.mistakes import Library, and_arguments, each

library = Library()

S1 = "1. Sigmoid — `sigmoid(x)`, `sigmoid_grad(x)`"
S2 = "2. Hyperbolic tangent — `tanh(x)`, `tanh_grad(x)`"
S3 = "3. ReLU — `relu(x)`, `relu_grad(x)`"
S4 = "4. Softmax — `softmax(z)`, `softmax_jacobian(z)`"
S5 = "5. Cross-entropy — `cross_entropy(z, y)`, `cross_entropy_grad(z, y)`"
S6 = "6. L2 loss — `l2_loss(a, y)`, `l2_loss_grad(a, y)`"
S7 = "7. L1 loss — `l1_loss(a, y)`, `l1_loss_grad(a, y)`"
S8 = "8. Hinge loss — `hinge_loss(a, y)`, `hinge_loss_grad(a, y)`"
S9 = "9. Huber loss — `huber_loss(a, y, delta=1.0)`, `huber_loss_grad(a, y, delta=1.0)`"
S10 = "10. Cosine similarity — `cosine_similarity(a, y)`, `cosine_similarity_grad(a, y)`"
COMMON = "Common mistakes"


def _arr(v):
    return np.array(v, dtype=float)


def _one_hot(n, t):
    y = np.zeros(n)
    y[t] = 1.0
    return y


# ---------------------------------------------------------------- 1-3 activations

X = [_arr([-3.0, -0.5, 0.25, 1.5, 4.0]),
     _arr([[0.1, -2.0, 0.0], [2.5, -0.75, 1.0]]),          # 2-D, not square, a 0
     _arr([-1000.0, -30.0, 0.0, 30.0, 1000.0])]            # exp(1000) overflows


# -- sigmoid


@library.probe("derivatives.sigmoid")
def _(m):
    return each([(x,) for x in X], m.derivatives.sigmoid)


@library.mistake("derivatives.sigmoid", section=S1)
def sigmoid_exp_ratio_overflow(x):
    """sigmoid computes exp(x) / (1 + exp(x)): for large positive x, exp(x) overflows and inf / inf is nan.
    Only ever take exp of a non-positive number: 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0,
    with e = exp(-|x|)"""
    x = np.asarray(x, dtype=float)
    return np.exp(x) / (1 + np.exp(x))


@library.mistake("derivatives.sigmoid", section=S1)
def sigmoid_sign_flipped(x):
    """sigmoid computes 1 / (1 + exp(x)), which is sigmoid(-x): the exponent is -x, sigma(x) = 1 / (1 + e^(-x))"""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x < 0, 1.0 / (1.0 + e), e / (1.0 + e))


# -- sigmoid_grad


@library.probe("derivatives.sigmoid_grad")
def _(m):
    return each([(x,) for x in X], m.derivatives.sigmoid_grad)


@library.mistake("derivatives.sigmoid_grad", section=S1)
def sigmoid_grad_of_the_input(x):
    """sigmoid_grad applies s(1 - s) to the input x itself, as x(1 - x): s is sigmoid(x), the function's
    output, so sigma'(x) = sigmoid(x) (1 - sigmoid(x))"""
    x = np.asarray(x, dtype=float)
    return x * (1 - x)


@library.mistake("derivatives.sigmoid_grad", section=S1)
def sigmoid_grad_applied_twice(x):
    """sigmoid_grad applies sigmoid to a value that is already sigmoid(x): s = sigmoid(sigmoid(x)). Take
    s = sigmoid(x) once, then s(1 - s)"""
    s = sigmoid(sigmoid(x))  # noqa: F821 - the reference's, in the patched module
    return s * (1 - s)


@library.mistake("derivatives.sigmoid_grad", section=COMMON)
def sigmoid_grad_sign_flipped(x):
    """sigmoid_grad returns -s(1 - s): a minus sign of the quotient rule is lost, d/dx 1/(1 + e^(-x)) =
    -(-e^(-x))/(1 + e^(-x))^2 = s(1 - s) is positive everywhere"""
    s = sigmoid(x)  # noqa: F821
    return -s * (1 - s)


@library.mistake("derivatives.sigmoid_grad", section=S1)
def sigmoid_grad_denominator_not_squared(x):
    """sigmoid_grad computes e^(-x) / (1 + e^(-x)) (which is 1 - s): the quotient rule's denominator is
    squared, e^(-x) / (1 + e^(-x))^2 = s(1 - s)"""
    s = sigmoid(x)  # noqa: F821
    return 1 - s


@library.mistake("derivatives.sigmoid_grad", section=S1)
def sigmoid_grad_tanh_rule(x):
    """sigmoid_grad uses tanh's rule 1 - s^2: the sigmoid's derivative is s(1 - s), with s = sigmoid(x)"""
    s = sigmoid(x)  # noqa: F821
    return 1 - s ** 2


@library.mistake("derivatives.sigmoid_grad", section=S1)
def sigmoid_grad_overflow(x):
    """sigmoid_grad computes exp(-x) / (1 + exp(-x))^2: for large negative x, exp(-x) overflows and
    inf / inf is nan. Use s(1 - s) with a sigmoid that never takes exp of a positive number"""
    x = np.asarray(x, dtype=float)
    return np.exp(-x) / (1 + np.exp(-x)) ** 2


@library.mistake("derivatives.sigmoid_grad", section=S1)
def sigmoid_grad_of_overflowing_sigmoid(x):
    """sigmoid_grad computes s(1 - s) with s = exp(x) / (1 + exp(x)) (or writes exp(x) / (1 + exp(x))^2): for
    large positive x, exp(x) overflows and inf / inf is nan. Take s from a sigmoid that only ever takes exp of a
    non-positive number (e = exp(-|x|)), then s(1 - s)"""
    x = np.asarray(x, dtype=float)
    s = np.exp(x) / (1 + np.exp(x))
    return s * (1 - s)


# -- tanh


@library.probe("derivatives.tanh")
def _(m):
    return each([(x,) for x in X], m.derivatives.tanh)


@library.mistake("derivatives.tanh", section=S2)
def tanh_exp_overflow(x):
    """tanh computes (e^x - e^(-x)) / (e^x + e^(-x)) with np.exp: for |x| > 709 both overflow and inf / inf
    is nan. Use np.tanh"""
    x = np.asarray(x, dtype=float)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


@library.mistake("derivatives.tanh", section=S2)
def tanh_from_sigmoid_at_x(x):
    """tanh computes 2 sigmoid(x) - 1, which is tanh(x / 2): the identity is tanh(x) = 2 sigmoid(2x) - 1"""
    return 2 * sigmoid(x) - 1  # noqa: F821


@library.mistake("derivatives.tanh", section=S2)
def tanh_one_sided_exp_overflow(x):
    """tanh computes (1 - exp(-2x)) / (1 + exp(-2x)): for large negative x, exp(-2x) overflows and -inf / inf is
    nan. Use np.tanh"""
    x = np.asarray(x, dtype=float)
    return (1 - np.exp(-2 * x)) / (1 + np.exp(-2 * x))


# -- tanh_grad


@library.probe("derivatives.tanh_grad")
def _(m):
    return each([(x,) for x in X], m.derivatives.tanh_grad)


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_of_the_input(x):
    """tanh_grad computes 1 - x^2 of the input x: the derivative is 1 - tanh(x)^2, of the function's output"""
    x = np.asarray(x, dtype=float)
    return 1 - x ** 2


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_missing_square(x):
    """tanh_grad computes 1 - tanh(x): the square is missing, tanh'(x) = 1 - tanh(x)^2"""
    return 1 - np.tanh(np.asarray(x, dtype=float))


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_applied_twice(x):
    """tanh_grad applies tanh to a value that is already tanh(x): 1 - tanh(tanh(x))^2. Take t = tanh(x)
    once, then 1 - t^2"""
    t = np.tanh(np.tanh(np.asarray(x, dtype=float)))
    return 1 - t ** 2


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_sign_flipped(x):
    """tanh_grad returns tanh(x)^2 - 1: the sign is flipped, tanh'(x) = (v^2 - u^2) / v^2 = 1 - tanh(x)^2"""
    t = np.tanh(np.asarray(x, dtype=float))
    return t ** 2 - 1


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_plus_square(x):
    """tanh_grad returns 1 + tanh(x)^2: the quotient rule subtracts, (u'v - uv') / v^2 = (v^2 - u^2) / v^2
    = 1 - tanh(x)^2"""
    t = np.tanh(np.asarray(x, dtype=float))
    return 1 + t ** 2


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_sigmoid_rule(x):
    """tanh_grad uses the sigmoid's rule t(1 - t): tanh's derivative is 1 - t^2, with t = tanh(x)"""
    t = np.tanh(np.asarray(x, dtype=float))
    return t * (1 - t)


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_exp_overflow(x):
    """tanh_grad computes 1 - t^2 with t = (e^x - e^(-x)) / (e^x + e^(-x)) from np.exp (its own or the tanh it
    calls): for |x| > 709 both exponentials overflow, inf / inf is nan. Use t = np.tanh(x), then 1 - t^2"""
    x = np.asarray(x, dtype=float)
    t = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    return 1 - t ** 2


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_one_sided_exp_overflow(x):
    """tanh_grad computes tanh or its derivative from exp(-2x) alone ((1 - e) / (1 + e), or 4e / (1 + e)^2,
    with e = exp(-2x)): for large negative x, exp(-2x) overflows and a quotient of infinities is nan. Use
    t = np.tanh(x), then 1 - t^2 (or e = exp(-2|x|))"""
    x = np.asarray(x, dtype=float)
    e = np.exp(-2 * x)
    return 4 * e / (1 + e) ** 2


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_from_sigmoid_at_x(x):
    """tanh_grad returns 2 sigmoid'(x), the derivative of 2 sigmoid(x) - 1, which is tanh(x / 2): the identity
    is tanh(x) = 2 sigmoid(2x) - 1, so tanh'(x) = 4 sigmoid'(2x) = 1 - tanh(x)^2"""
    return 2 * sigmoid_grad(x)  # noqa: F821 - the reference's, in the patched module


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_from_sigmoid_missing_chain_factor(x):
    """tanh_grad returns 2 sigmoid'(2x): the chain rule's inner factor 2 (from the 2x) is missing, the
    derivative of 2 sigmoid(2x) - 1 is 4 sigmoid'(2x) = 1 - tanh(x)^2"""
    return 2 * sigmoid_grad(2 * np.asarray(x, dtype=float))  # noqa: F821


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_from_sigmoid_wrong_point(x):
    """tanh_grad returns 4 sigmoid'(x): the sigmoid's derivative is taken at x, not at 2x; tanh(x) =
    2 sigmoid(2x) - 1 gives tanh'(x) = 4 sigmoid'(2x) = 1 - tanh(x)^2"""
    return 4 * sigmoid_grad(x)  # noqa: F821


@library.mistake("derivatives.tanh_grad", section=S2)
def tanh_grad_is_sigmoid_grad(x):
    """tanh_grad returns the sigmoid's derivative sigmoid(x) (1 - sigmoid(x)): tanh's derivative is
    1 - tanh(x)^2"""
    return sigmoid_grad(x)  # noqa: F821


# -- relu


@library.probe("derivatives.relu")
def _(m):
    return each([(x,) for x in X], lambda x: and_arguments(m.derivatives.relu, x))


@library.mistake("derivatives.relu", section=S3)
def relu_in_place(x):
    """relu sets the negative entries of the caller's own array to 0 (np.asarray does not copy a float
    array): the value returned is right, but the input is changed. Build a new array (np.where, np.maximum)"""
    x = np.asarray(x)
    x[x < 0] = 0.0
    return x


@library.mistake("derivatives.relu", section=S3)
def relu_max_instead_of_maximum(x):
    """relu calls np.max(x, 0), which is the largest entry along axis 0, not the elementwise maximum:
    np.maximum(x, 0) compares every entry with 0"""
    return np.max(np.asarray(x, dtype=float), 0)


# -- relu_grad


@library.probe("derivatives.relu_grad")
def _(m):
    return each([(x,) for x in X], lambda x: and_arguments(m.derivatives.relu_grad, x))


@library.mistake("derivatives.relu_grad", section=S3, name="relu_at_zero")
def relu_grad_one_at_zero(x):
    """relu_grad returns 1 at x = 0 (x >= 0): relu'(0) is 0 by this course's convention (x > 0 is strict)"""
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1.0, 0.0)


@library.mistake("derivatives.relu_grad", section=S3)
def relu_grad_sign(x):
    """relu_grad returns np.sign(x), -1 where x < 0: relu is constant (0) there, so its derivative is 0"""
    return np.sign(np.asarray(x, dtype=float))


@library.mistake("derivatives.relu_grad", section=S3)
def relu_grad_returns_relu(x):
    """relu_grad returns x where x > 0 (relu itself): its derivative is 1.0 there, 0.0 elsewhere"""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, 0.0)


@library.mistake("derivatives.relu_grad", section=S3)
def relu_grad_in_place(x):
    """relu_grad writes the 1s and 0s into the caller's own array (np.asarray does not copy a float array):
    the value returned is right, but the input is changed. Build a new array (np.where)"""
    x = np.asarray(x)
    x[x > 0] = 1.0
    x[x <= 0] = 0.0
    return x


@library.mistake("derivatives.relu_grad", section=S3)
def relu_grad_half_at_zero(x):
    """relu_grad returns 0.5 at x = 0 (np.heaviside(x, 0.5)): relu'(0) is 0 by this course's convention
    (np.heaviside(x, 0.0), or np.where(x > 0, 1.0, 0.0))"""
    return np.heaviside(np.asarray(x, dtype=float), 0.5)


# ---------------------------------------------------------------- 4 softmax

Z = [_arr([1.0, 2.0, 3.0, -1.0]),
     _arr([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0], [0.2, 0.2, 4.0]]),      # square: a missing keepdims is silent
     _arr([[1000.0, 1001.0, 998.0, 1000.5], [-1000.0, -999.0, -1001.0, -1000.0]]),  # overflow / underflow
     _arr([-800.0, 0.0, 5.0])]                                         # a spread > 709 (shifting by the min)


@library.probe("derivatives.softmax")
def _(m):
    return each([(z,) for z in Z], lambda z: and_arguments(m.derivatives.softmax, z))


@library.mistake("derivatives.softmax", section=COMMON, name="softmax_overflow")
def softmax_without_max_shift(z):
    """softmax exponentiates the logits without subtracting their maximum: np.exp of large logits overflows
    (inf / inf is nan), and of very negative ones underflows to 0 (0 / 0 is nan). Subtract max(z) of each row
    first"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_shift_by_global_max(z):
    """softmax subtracts the maximum of the whole array, not of each row: a row far below it underflows to
    0 and 0 / 0 is nan. Subtract np.max(z, axis=-1, keepdims=True)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=-1, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_shift_by_min(z):
    """softmax subtracts the minimum of the logits, not the maximum: where the logits spread over more than
    709, exp overflows (inf / inf is nan). Subtract max(z), so that the largest exponential is 1"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.min(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_sum_over_whole_array(z):
    """softmax divides by the sum of the whole array (np.sum(e) without an axis): for a 2-D z each row is one
    vector of logits, so sum along the last axis, np.sum(e, axis=-1, keepdims=True)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e)


@library.mistake("derivatives.softmax", section=S4)
def softmax_sum_over_columns(z):
    """softmax sums over axis 0 (the columns): for a 2-D z each row is one vector of logits, so sum along the
    last axis, np.sum(e, axis=-1, keepdims=True)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_keepdims_missing(z):
    """softmax divides by np.sum(e, axis=-1) without keepdims=True: for a 2-D z the row sums (shape (m,)) are
    broadcast along the rows, so entry (i, j) is divided by the sum of row j (or the shapes do not fit)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1)


@library.mistake("derivatives.softmax", section=S4)
def softmax_shift_in_place(z):
    """softmax subtracts the maximum from the caller's own logits (z -= ..., and np.asarray does not copy a
    float array): the value returned is right, but the input is changed. Write e = np.exp(z - m)"""
    z = np.asarray(z)
    z -= np.max(z, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_max_keepdims_missing(z):
    """softmax subtracts np.max(z, axis=-1) without keepdims=True: for a 2-D z the row maxima (shape (m,)) are
    broadcast along the rows, so entry (i, j) is shifted by the maximum of row j (or the shapes do not fit).
    Use np.max(z, axis=-1, keepdims=True)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1))
    return e / np.sum(e, axis=-1, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_both_keepdims_missing(z):
    """softmax uses np.max(z, axis=-1) and np.sum(e, axis=-1) without keepdims=True: for a 2-D z both (shape
    (m,)) are broadcast along the rows, entry (i, j) shifted by the maximum and divided by the sum of row j
    (or the shapes do not fit). Pass keepdims=True to both"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1))
    return e / np.sum(e, axis=-1)


@library.mistake("derivatives.softmax", section=S4)
def softmax_shift_by_column_max(z):
    """softmax subtracts np.max(z, axis=0), the maximum of each column: for a 2-D z that is a different shift
    for every entry of a row, which changes the probabilities (and a row far below underflows, 0 / 0 is nan).
    Subtract the maximum of each row, np.max(z, axis=-1, keepdims=True)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_along_axis_0(z):
    """softmax works along axis 0 (max and sum over axis=0): for a 2-D z it normalises the columns, but each
    row is one vector of logits; use axis=-1 (with keepdims=True)"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


@library.mistake("derivatives.softmax", section=S4)
def softmax_no_axis(z):
    """softmax takes np.max(z) and np.sum(e) of the whole array, without an axis: for a 2-D z every row must
    sum to 1 on its own (and a row far below the maximum underflows to 0). Use axis=-1, keepdims=True in both"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


@library.mistake("derivatives.softmax", section=S4)
def softmax_axis_1(z):
    """softmax reduces over axis=1: a 1-D z has no axis 1 (AxisError). Use axis=-1, the last axis, which is
    the logits' axis for a 1-D z and for each row of a 2-D z"""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


# -- softmax_jacobian

# Moderate logits only, as in the Jacobian's tests: a probe stricter than what the function's tests grade
# would name a mistake that no test of the function failed for.
ZJ = [_arr([1.0, 2.0, 0.5, -1.0]), _arr([0.3, -1.2, 2.0]), _arr([-0.5, 1.5, 0.0, 2.5, 1.0])]


@library.probe("derivatives.softmax_jacobian")
def _(m):
    return each([(z,) for z in ZJ], m.derivatives.softmax_jacobian)


@library.mistake("derivatives.softmax_jacobian", section=COMMON, name="softmax_one_output_at_a_time")
def softmax_jacobian_diagonal_only(z):
    """softmax_jacobian returns diag(p_i (1 - p_i)): that is only the diagonal of the Jacobian, the
    off-diagonal entries -p_i p_j are missing (J = diag(p) - p p^T, whose rows sum to 0)"""
    p = softmax(z)  # noqa: F821
    return np.diag(p * (1 - p))


@library.mistake("derivatives.softmax_jacobian", section=S4)
def softmax_jacobian_broadcast(z):
    """softmax_jacobian computes np.diag(p) - p * p: p * p is a vector (each p_j squared), broadcast along
    the rows, not the matrix p p^T. Use np.outer(p, p)"""
    p = softmax(z)  # noqa: F821
    return np.diag(p) - p * p


@library.mistake("derivatives.softmax_jacobian", section=S4)
def softmax_jacobian_dot_instead_of_outer(z):
    """softmax_jacobian computes np.diag(p) - p @ p (or np.dot(p, p)): for two vectors that is the number
    sum_j p_j^2, subtracted from every entry, not the matrix p p^T. Use np.outer(p, p)"""
    p = softmax(z)  # noqa: F821
    return np.diag(p) - p @ p


@library.mistake("derivatives.softmax_jacobian", section=S4)
def softmax_jacobian_sign_flipped(z):
    """softmax_jacobian returns p p^T - diag(p): the sign is flipped, J = diag(p) - p p^T (positive diagonal
    p_i (1 - p_i))"""
    p = softmax(z)  # noqa: F821
    return np.outer(p, p) - np.diag(p)


@library.mistake("derivatives.softmax_jacobian", section=S4)
def softmax_jacobian_one_minus_p_everywhere(z):
    """softmax_jacobian computes p_i (1 - p_j) in every entry (np.outer(p, 1 - p)): off the diagonal
    delta_ij is 0, so J_ij = -p_i p_j there; only the diagonal is p_i (1 - p_i)"""
    p = softmax(z)  # noqa: F821
    return np.outer(p, 1 - p)


@library.mistake("derivatives.softmax_jacobian", section=S4)
def softmax_jacobian_of_the_logits(z):
    """softmax_jacobian computes diag(z) - z z^T from the logits z: the formula is in the probabilities,
    J = diag(p) - p p^T with p = softmax(z)"""
    z = np.asarray(z, dtype=float)
    return np.diag(z) - np.outer(z, z)


# ---------------------------------------------------------------- 5 cross-entropy

# Underflow only at the true class (log of 0 there), overflow only where nothing underflows: whichever way
# a student writes log(softmax(z)), the same numbers come out.
CE = [(_arr([1.0, 2.0, 0.5, -1.0]), _one_hot(4, 2)),
      (_arr([0.3, -1.2, 2.0]), _one_hot(3, 0)),
      (_arr([2.0, -800.0, 1.0, 0.0, 0.5]), _one_hot(5, 1)),    # p of the true class underflows to 0
      (_arr([800.0, 799.0, 798.5]), _one_hot(3, 1))]           # exp(800) overflows


@library.probe("derivatives.cross_entropy")
def _(m):
    return each(CE, m.derivatives.cross_entropy)


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_log_of_softmax(z, y):
    """cross_entropy takes np.log(softmax(z)): where the true class's probability underflows to 0, log(0) is
    -inf and the loss inf. Use log p = z - logsumexp(z) (logsumexp with the max shift)"""
    p = softmax(z)  # noqa: F821
    return float(-np.sum(np.asarray(y, dtype=float) * np.log(p)))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_overflow(z, y):
    """cross_entropy takes the log of an unshifted softmax, exp(z) / sum exp(z) (its own or the softmax it
    calls): np.exp of large logits overflows (inf / inf is nan). Use log p = z - logsumexp(z), with the max
    shift"""
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    e = np.exp(z)
    return float(-np.sum(y * np.log(e / np.sum(e))))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_logsumexp_without_max(z, y):
    """cross_entropy computes log(sum(exp(z))) without subtracting m = max(z): exp of large logits
    overflows and the loss is inf. logsumexp(z) = m + log(sum(exp(z - m)))"""
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    return float(-np.sum(y * (z - np.log(np.sum(np.exp(z))))))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_sign_flipped(z, y):
    """cross_entropy returns sum_i y_i log p_i: the minus sign is missing, L = -sum_i y_i log p_i (>= 0)"""
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    m = np.max(z)
    return float(np.sum(y * (z - m - np.log(np.sum(np.exp(z - m))))))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_mean(z, y):
    """cross_entropy takes the mean of y_i log p_i over the n classes (np.mean): the loss is the sum,
    -sum_i y_i log p_i = -log p_t, not divided by n"""
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    m = np.max(z)
    return float(-np.mean(y * (z - m - np.log(np.sum(np.exp(z - m))))))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_without_y(z, y):
    """cross_entropy sums -log p_i over every class: only the true class counts, -sum_i y_i log p_i = -log p_t"""
    z = np.asarray(z, dtype=float)
    m = np.max(z)
    return float(-np.sum(z - m - np.log(np.sum(np.exp(z - m)))))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_not_summed(z, y):
    """cross_entropy returns the vector -y_i log p_i, one entry per class: the loss is one number, its sum,
    -sum_i y_i log p_i = -log p_t (returned as a float)"""
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    m = np.max(z)
    return -y * (z - m - np.log(np.sum(np.exp(z - m))))


@library.mistake("derivatives.cross_entropy", section=S5)
def cross_entropy_binary_formula(z, y):
    """cross_entropy uses the binary formula -sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)], which also counts
    the classes that are not the target: with a softmax over n classes the loss is -sum_i y_i log p_i =
    -log p_t"""
    p = softmax(z)  # noqa: F821
    y = np.asarray(y, dtype=float)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


# -- cross_entropy_grad


@library.probe("derivatives.cross_entropy_grad")
def _(m):
    return each(CE, m.derivatives.cross_entropy_grad)


@library.mistake("derivatives.cross_entropy_grad", section=S5)
def cross_entropy_grad_sign_flipped(z, y):
    """cross_entropy_grad returns y - p: the sign is flipped, dL/dz = p - y (p_t - 1 for the true class)"""
    return np.asarray(y, dtype=float) - softmax(z)  # noqa: F821


@library.mistake("derivatives.cross_entropy_grad", section=S5)
def cross_entropy_grad_missing_y(z, y):
    """cross_entropy_grad returns p = softmax(z): the -y is missing, dL/dz = p - y"""
    return softmax(z)  # noqa: F821


@library.mistake("derivatives.cross_entropy_grad", section=S5)
def cross_entropy_grad_mean(z, y):
    """cross_entropy_grad returns (p - y) / n: the loss is a sum, not a mean over the n classes, so
    dL/dz = p - y"""
    z = np.asarray(z, dtype=float)
    return (softmax(z) - np.asarray(y, dtype=float)) / z.size  # noqa: F821


@library.mistake("derivatives.cross_entropy_grad", section=S5)
def cross_entropy_grad_with_respect_to_p(z, y):
    """cross_entropy_grad returns -y / p, the derivative with respect to the probabilities p: the gradient
    asked for is with respect to the logits z, p - y"""
    return -np.asarray(y, dtype=float) / softmax(z)  # noqa: F821


@library.mistake("derivatives.cross_entropy_grad", section=S5)
def cross_entropy_grad_overflow(z, y):
    """cross_entropy_grad uses an unshifted softmax, exp(z) / sum exp(z) (its own or the softmax it calls):
    np.exp of large logits overflows (inf / inf is nan). Subtract max(z) first"""
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    e = np.exp(z)
    return e / np.sum(e) - y


# ---------------------------------------------------------------- 6-7 L2 and L1

R = [(_arr([0.5, -1.0, 2.0, 0.3]), _arr([1.0, 0.0, 0.5, -0.2])),
     (_arr([[0.5, 1.25, -2.0], [3.0, -0.5, 0.0]]), _arr([[1.5, 0.25, -2.0], [1.0, 0.5, 0.75]])),
     (_arr([3.0, -2.0, 0.25]), _arr([1.0, 1.5, 0.25]))]   # a == y in some entries


@library.probe("derivatives.l2_loss")
def _(m):
    return each(R, m.derivatives.l2_loss)


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_mean(a, y):
    """l2_loss takes the mean of (a - y)^2: the reduction here is the sum, sum_i (a_i - y_i)^2"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean((a - y) ** 2))


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_half(a, y):
    """l2_loss has a 1/2 in front: this loss is sum_i (a_i - y_i)^2, without the 1/2"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(0.5 * np.sum((a - y) ** 2))


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_half_mean(a, y):
    """l2_loss takes half the mean of (a - y)^2: the loss is the sum, sum_i (a_i - y_i)^2, without 1/2 and
    without dividing by n"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(0.5 * np.mean((a - y) ** 2))


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_norm(a, y):
    """l2_loss returns the norm ||a - y|| (np.linalg.norm, a square root): the loss is its square,
    sum_i (a_i - y_i)^2"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sqrt(np.sum((a - y) ** 2)))


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_sum_over_len(a, y):
    """l2_loss divides the sum of (a - y)^2 by len(a), the number of rows: the loss is the plain sum over every
    element, sum_i (a_i - y_i)^2, not divided"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum((a - y) ** 2) / len(a))


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_per_row(a, y):
    """l2_loss sums along the last axis (np.sum(..., axis=-1)) and returns one number per row for a 2-D a: the
    loss is one float, the sum over every element (np.sum without an axis)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sum((a - y) ** 2, axis=-1)


@library.mistake("derivatives.l2_loss", section=S6)
def l2_loss_sum_over_axis_0(a, y):
    """l2_loss sums over axis 0 (np.sum(..., axis=0)) and returns one number per column for a 2-D a: the loss
    is one float, the sum over every element (np.sum without an axis)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sum((a - y) ** 2, axis=0)


@library.probe("derivatives.l2_loss_grad")
def _(m):
    return each(R, lambda a, y: and_arguments(m.derivatives.l2_loss_grad, a, y))


@library.mistake("derivatives.l2_loss_grad", section=S6, name="l2_missing_factor_two")
def l2_grad_missing_factor_two(a, y):
    """l2_loss_grad returns a - y: the factor 2 is missing, d/da (a - y)^2 = 2(a - y), and this loss has
    no 1/2 in front"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return a - y


@library.mistake("derivatives.l2_loss_grad", section=COMMON, name="l2_absolute_value")
def l2_grad_absolute_value(a, y):
    """l2_loss_grad returns 2|a - y|, which loses the sign of a - y (the seed's slip): the derivative of
    (a - y)^2 is 2(a - y), negative where a < y"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return 2 * np.abs(a - y)


@library.mistake("derivatives.l2_loss_grad", section=S6)
def l2_grad_residual_reversed(a, y):
    """l2_loss_grad returns 2(y - a): the residual is reversed, the derivative with respect to a is
    2(a - y)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return 2 * (y - a)


@library.mistake("derivatives.l2_loss_grad", section=S6)
def l2_grad_mean(a, y):
    """l2_loss_grad returns 2(a - y) / n: the loss is a sum, not a mean, so its gradient has no 1/n"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return 2 * (a - y) / a.size


@library.mistake("derivatives.l2_loss_grad", section=S6)
def l2_grad_missing_two_and_mean(a, y):
    """l2_loss_grad returns (a - y) / n, the gradient of half the mean: this loss is the plain sum, so
    the gradient is 2(a - y), with the factor 2 and without 1/n"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return (a - y) / a.size


@library.mistake("derivatives.l2_loss_grad", section=S6)
def l2_grad_in_place(a, y):
    """l2_loss_grad subtracts y from the caller's own array a (a -= y, and np.asarray does not copy a float
    array): the value returned is right, but the input a is changed. Write r = a - y"""
    a = np.asarray(a)
    a -= np.asarray(y, dtype=float)
    a *= 2
    return a


@library.mistake("derivatives.l2_loss_grad", section=S6)
def l2_grad_mean_over_len(a, y):
    """l2_loss_grad returns 2(a - y) / len(a), divided by the number of rows: the loss is a sum, so its
    gradient is 2(a - y), not divided"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return 2 * (a - y) / len(a)


@library.probe("derivatives.l1_loss")
def _(m):
    return each(R, m.derivatives.l1_loss)


@library.mistake("derivatives.l1_loss", section=S7)
def l1_loss_mean(a, y):
    """l1_loss takes the mean of |a - y|: the reduction here is the sum, sum_i |a_i - y_i|"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(np.abs(a - y)))


@library.mistake("derivatives.l1_loss", section=S7)
def l1_loss_without_abs(a, y):
    """l1_loss sums a - y without the absolute value: positive and negative errors cancel; the loss is
    sum_i |a_i - y_i|"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(a - y))


@library.mistake("derivatives.l1_loss", section=S7)
def l1_loss_sum_over_len(a, y):
    """l1_loss divides the sum of |a - y| by len(a), the number of rows: the loss is the plain sum over every
    element, sum_i |a_i - y_i|, not divided"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(np.abs(a - y)) / len(a))


@library.mistake("derivatives.l1_loss", section=S7)
def l1_loss_per_row(a, y):
    """l1_loss sums along the last axis (np.sum(..., axis=-1)) and returns one number per row for a 2-D a: the
    loss is one float, the sum over every element (np.sum without an axis)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sum(np.abs(a - y), axis=-1)


@library.mistake("derivatives.l1_loss", section=S7)
def l1_loss_sum_over_axis_0(a, y):
    """l1_loss sums over axis 0 (np.sum(..., axis=0)) and returns one number per column for a 2-D a: the loss
    is one float, the sum over every element (np.sum without an axis)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sum(np.abs(a - y), axis=0)


@library.probe("derivatives.l1_loss_grad")
def _(m):
    return each(R, m.derivatives.l1_loss_grad)


@library.mistake("derivatives.l1_loss_grad", section=COMMON, name="l1_at_zero")
def l1_grad_one_at_zero(a, y):
    """l1_loss_grad returns 1 where a == y (a - y >= 0): sign(0) is 0 for the L1 gradient at a == y"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.where(a - y >= 0, 1.0, -1.0)


@library.mistake("derivatives.l1_loss_grad", section=COMMON)
def l1_grad_minus_one_at_zero(a, y):
    """l1_loss_grad returns -1 where a == y (1 only where a > y): sign(0) is 0 for the L1 gradient at a == y"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.where(a > y, 1.0, -1.0)


@library.mistake("derivatives.l1_loss_grad", section=S7)
def l1_grad_div_abs(a, y):
    """l1_loss_grad computes (a - y) / |a - y|: where a == y that is 0 / 0, nan. Use np.sign(a - y), which
    is 0 there"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return (a - y) / np.abs(a - y)


@library.mistake("derivatives.l1_loss_grad", section=S7)
def l1_grad_sign_flipped(a, y):
    """l1_loss_grad returns sign(y - a): the residual is reversed, the derivative with respect to a is
    sign(a - y)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sign(y - a)


@library.mistake("derivatives.l1_loss_grad", section=S7)
def l1_grad_mean(a, y):
    """l1_loss_grad returns sign(a - y) / n: the loss is a sum, not a mean, so its gradient has no 1/n"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sign(a - y) / a.size


@library.mistake("derivatives.l1_loss_grad", section=S7)
def l1_grad_mean_over_len(a, y):
    """l1_loss_grad returns sign(a - y) / len(a), divided by the number of rows: the loss is a sum, so its
    gradient is sign(a - y), not divided"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.sign(a - y) / len(a)


# ---------------------------------------------------------------- 8 hinge

H = [(_arr([0.2, 0.1, -0.3, 0.5]), _arr([1.0, -1.0, 1.0, 1.0])),                 # y.a = 0.3
     (_arr([2.0, -1.0, 0.5]), _arr([1.0, -1.0, 1.0])),                            # y.a = 3.5, one y_i a_i < 1
     (_arr([0.5, -0.25, 0.25]), _arr([1.0, -1.0, 1.0])),                          # y.a = 1 exactly
     (_arr([-1.0, 0.5, 0.75, 2.0, -0.5]), _arr([1.0, 1.0, -1.0, 1.0, -1.0]))]     # y.a = 1.25


@library.probe("derivatives.hinge_loss")
def _(m):
    return each(H, m.derivatives.hinge_loss)


@library.mistake("derivatives.hinge_loss", section=S8)
def hinge_loss_per_coordinate(a, y):
    """hinge_loss sums max(0, 1 - y_i a_i) over the coordinates: the margin is the one dot product y.a,
    L = max(0, 1 - y.a)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(np.maximum(0.0, 1.0 - y * a)))


@library.mistake("derivatives.hinge_loss", section=S8)
def hinge_loss_per_coordinate_mean(a, y):
    """hinge_loss averages max(0, 1 - y_i a_i) over the coordinates: the margin is the one dot product y.a,
    L = max(0, 1 - y.a)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(np.maximum(0.0, 1.0 - y * a)))


@library.mistake("derivatives.hinge_loss", section=S8)
def hinge_loss_without_max(a, y):
    """hinge_loss returns 1 - y.a without max(0, .): the loss is 0 (not negative) where y.a >= 1"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(1.0 - np.dot(y, a))


@library.probe("derivatives.hinge_loss_grad")
def _(m):
    return each(H, m.derivatives.hinge_loss_grad)


@library.mistake("derivatives.hinge_loss_grad", section=S8)
def hinge_grad_per_coordinate(a, y):
    """hinge_loss_grad gives -y_i where y_i a_i < 1, coordinate by coordinate: every entry depends on the one
    margin y.a, so the gradient is -y where y.a < 1 and 0 elsewhere"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return np.where(y * a < 1.0, -y, 0.0)


@library.mistake("derivatives.hinge_loss_grad", section=COMMON)
def hinge_grad_on_margin(a, y):
    """hinge_loss_grad gives -y exactly on the margin y.a = 1 (y.a <= 1): the gradient is 0 there, the
    test is y.a < 1 (strict)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return -y if np.dot(y, a) <= 1.0 else np.zeros_like(a)


@library.mistake("derivatives.hinge_loss_grad", section=S8)
def hinge_grad_sign_flipped(a, y):
    """hinge_loss_grad returns +y where y.a < 1: the derivative of 1 - y.a with respect to a is -y"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return y.copy() if np.dot(y, a) < 1.0 else np.zeros_like(a)


@library.mistake("derivatives.hinge_loss_grad", section=S8)
def hinge_grad_without_condition(a, y):
    """hinge_loss_grad returns -y whatever the margin: where y.a >= 1 the loss is the constant 0, so the
    gradient is 0 there"""
    return -np.asarray(y, dtype=float)


# ---------------------------------------------------------------- 9 Huber


def _huber(r, y, delta=None):
    r, y = _arr(r), _arr(y)
    return (y + r, y) if delta is None else (y + r, y, delta)


# delta below and above 1, residuals inside and beyond delta and some between delta and sqrt(delta)
# (a threshold on r^2 puts those in the other branch); the last case uses the default delta.
HU = [_huber([0.25, -0.625, 1.5, -2.0], [1.0, 0.5, -0.25, 0.0], 0.5),
      _huber([[1.75, -0.5, 3.0], [-2.5, 0.125, 1.25]], [[0.5, -1.0, 2.0], [0.0, 0.25, -0.5]], 2.0),
      _huber([0.5, -1.5, 2.5], [0.25, 1.0, -1.0])]


@library.probe("derivatives.huber_loss")
def _(m):
    return each(HU, m.derivatives.huber_loss)


@library.mistake("derivatives.huber_loss", section=S9)
def huber_threshold_on_r2(a, y, delta=1.0):
    """huber_loss compares r^2 with delta (r**2 <= delta) to choose the branch: the quadratic branch is
    |r| <= delta, and r^2 <= delta is the same test only for delta = 1"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return float(np.mean(np.where(r ** 2 <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))))


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_sum(a, y, delta=1.0):
    """huber_loss sums h(r) over the elements: the loss is the mean, (1/n) sum_i h(r_i)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return float(np.sum(np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))))


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_without_delta(a, y, delta=1.0):
    """huber_loss's linear branch is |r| - delta / 2: it is delta (|r| - delta / 2), with the factor delta"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return float(np.mean(np.where(np.abs(r) <= delta, 0.5 * r ** 2, np.abs(r) - 0.5 * delta)))


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_linear_missing_half(a, y, delta=1.0):
    """huber_loss's linear branch is delta (|r| - delta): it is delta (|r| - delta / 2), which meets
    r^2 / 2 at |r| = delta"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return float(np.mean(np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - delta))))


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_quadratic_missing_half(a, y, delta=1.0):
    """huber_loss's quadratic branch is r^2: it is r^2 / 2 (where |r| <= delta)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return float(np.mean(np.where(np.abs(r) <= delta, r ** 2, delta * (np.abs(r) - 0.5 * delta))))


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_mean_over_len(a, y, delta=1.0):
    """huber_loss divides the sum of h(r) by len(a), the number of rows: the mean is over every element,
    (1 / a.size) sum h(r_i); the two agree only for a 1-D a"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return float(np.sum(np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))) / len(r))


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_per_row(a, y, delta=1.0):
    """huber_loss takes the mean along the last axis (np.mean(..., axis=-1)) and returns one number per row
    for a 2-D a: the loss is one float, the mean over every element (np.mean without an axis)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.mean(np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta)), axis=-1)


@library.mistake("derivatives.huber_loss", section=S9)
def huber_loss_mean_over_axis_0(a, y, delta=1.0):
    """huber_loss takes the mean over axis 0 (np.mean(..., axis=0)) and returns one number per column for a
    2-D a: the loss is one float, the mean over every element (np.mean without an axis)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.mean(np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta)), axis=0)


@library.probe("derivatives.huber_loss_grad")
def _(m):
    return each(HU, m.derivatives.huber_loss_grad)


@library.mistake("derivatives.huber_loss_grad", section=S9, name="huber_without_delta")
def huber_grad_without_delta(a, y, delta=1.0):
    """huber_loss_grad's linear branch (|a - y| > delta) is sign(a - y) / n: its slope is delta sign(a - y) / n,
    the factor delta is missing"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.where(np.abs(r) <= delta, r, np.sign(r)) / r.size


@library.mistake("derivatives.huber_loss_grad", section=S9)
def huber_grad_mean_over_len(a, y, delta=1.0):
    """huber_loss_grad divides h'(r) by len(a), the number of rows: the loss is the mean over every
    element, so the gradient is h'(r_i) / a.size; the two agree only for a 1-D a"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.where(np.abs(r) <= delta, r, delta * np.sign(r)) / len(r)


@library.mistake("derivatives.huber_loss_grad", section=S9)
def huber_grad_no_mean(a, y, delta=1.0):
    """huber_loss_grad returns h'(r) without the 1/n: the loss is the mean over the n elements, so the
    gradient is h'(r_i) / n"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.where(np.abs(r) <= delta, r, delta * np.sign(r))


@library.mistake("derivatives.huber_loss_grad", section=S9)
def huber_grad_without_delta_or_mean(a, y, delta=1.0):
    """huber_loss_grad returns r or sign(r): the linear branch's slope is delta sign(r), and the loss is a
    mean, so both are divided by n: h'(r_i) / n"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.where(np.abs(r) <= delta, r, np.sign(r))


@library.mistake("derivatives.huber_loss_grad", section=S9)
def huber_grad_threshold_on_r2(a, y, delta=1.0):
    """huber_loss_grad compares r^2 with delta (r**2 <= delta) to choose the branch: the quadratic branch is
    |r| <= delta, and r^2 <= delta is the same test only for delta = 1"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = a - y
    return np.where(r ** 2 <= delta, r, delta * np.sign(r)) / r.size


@library.mistake("derivatives.huber_loss_grad", section=S9)
def huber_grad_sign_flipped(a, y, delta=1.0):
    """huber_loss_grad has the opposite sign (the residual y - a, say): with r = a - y the gradient is
    h'(r) / n, r / n inside and delta sign(r) / n beyond delta"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    r = y - a
    return np.where(np.abs(r) <= delta, r, delta * np.sign(r)) / r.size


# ---------------------------------------------------------------- 10 cosine

K = [(_arr([1.0, 2.0, -0.5]), _arr([0.5, -1.0, 2.0])),
     (_arr([3.0, -1.0, 0.5, 2.0, -2.0]), _arr([1.0, 1.0, -1.5, 0.5, 2.0])),
     (_arr([0.2, -0.7, 1.5, 0.4]), _arr([0.0, 0.0, 2.0, 0.0]))]


@library.probe("derivatives.cosine_similarity")
def _(m):
    return each(K, m.derivatives.cosine_similarity)


@library.mistake("derivatives.cosine_similarity", section=S10)
def cosine_similarity_squared_norms(a, y):
    """cosine_similarity divides by the squared norms ||a||^2 ||y||^2 (a.a and y.y without the square root):
    cos(a, y) = a.y / (||a|| ||y||)"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.dot(a, y) / (np.dot(a, a) * np.dot(y, y)))


@library.mistake("derivatives.cosine_similarity", section=S10)
def cosine_similarity_missing_norm_y(a, y):
    """cosine_similarity divides by ||a|| only: cos(a, y) = a.y / (||a|| ||y||), with ||y|| too"""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    return float(np.dot(a, y) / np.linalg.norm(a))


@library.probe("derivatives.cosine_similarity_grad")
def _(m):
    return each(K, m.derivatives.cosine_similarity_grad)


def _cos_parts(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    na, ny = np.linalg.norm(a), np.linalg.norm(y)
    return a, y, na, ny, np.dot(a, y) / (na * ny)


@library.mistake("derivatives.cosine_similarity_grad", section=S10)
def cosine_grad_norm_first_power(a, y):
    """cosine_similarity_grad's second term is cos(a, y) a / ||a||: the norm is squared there,
    y / (||a|| ||y||) - cos(a, y) a / ||a||^2"""
    a, y, na, ny, cos = _cos_parts(a, y)
    return y / (na * ny) - cos * a / na


@library.mistake("derivatives.cosine_similarity_grad", section=S10)
def cosine_grad_norm_cubed(a, y):
    """cosine_similarity_grad's second term is cos(a, y) a / ||a||^3: with the cosine it is a / ||a||^2
    (||a||^3 goes with a.y, not with cos: (a.y) a / (||a||^3 ||y||))"""
    a, y, na, ny, cos = _cos_parts(a, y)
    return y / (na * ny) - cos * a / na ** 3


@library.mistake("derivatives.cosine_similarity_grad", section=S10)
def cosine_grad_first_term_only(a, y):
    """cosine_similarity_grad returns y / (||a|| ||y||) only: the quotient rule's second term, from the
    ||a|| in the denominator, -cos(a, y) a / ||a||^2, is missing"""
    a, y, na, ny, cos = _cos_parts(a, y)
    return y / (na * ny)


@library.mistake("derivatives.cosine_similarity_grad", section=S10)
def cosine_grad_plus_second_term(a, y):
    """cosine_similarity_grad adds cos(a, y) a / ||a||^2: the quotient rule subtracts it,
    y / (||a|| ||y||) - cos(a, y) a / ||a||^2"""
    a, y, na, ny, cos = _cos_parts(a, y)
    return y / (na * ny) + cos * a / na ** 2


@library.mistake("derivatives.cosine_similarity_grad", section=S10)
def cosine_grad_with_respect_to_y(a, y):
    """cosine_similarity_grad returns the gradient with respect to y, a / (||a|| ||y||) - cos y / ||y||^2:
    the gradient asked for is with respect to the first argument a"""
    a, y, na, ny, cos = _cos_parts(a, y)
    return a / (na * ny) - cos * y / ny ** 2


@library.mistake("derivatives.cosine_similarity_grad", section=S10)
def cosine_grad_sign_flipped(a, y):
    """cosine_similarity_grad has the opposite sign: it is y / (||a|| ||y||) - cos(a, y) a / ||a||^2"""
    a, y, na, ny, cos = _cos_parts(a, y)
    return cos * a / na ** 2 - y / (na * ny)
