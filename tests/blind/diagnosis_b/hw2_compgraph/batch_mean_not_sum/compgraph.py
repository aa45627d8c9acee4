"""HW2 - backprop through the 2-3-1 network by hand."""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    """Forward pass for one example; returns (y_hat, cache)."""
    inputs = np.asarray(x, dtype=float)
    weights_hidden = np.asarray(W, dtype=float)
    weights_out = np.asarray(v, dtype=float)

    inputs_with_bias = np.array([1.0, inputs[0], inputs[1]])
    pre_activations = weights_hidden @ inputs_with_bias
    activations = sigmoid(pre_activations)
    activations_with_bias = np.array([1.0, activations[0], activations[1], activations[2]])
    prediction = float(weights_out @ activations_with_bias)

    cache = {
        "inputs_with_bias": inputs_with_bias,
        "activations": activations,
        "activations_with_bias": activations_with_bias,
        "weights_out": weights_out,
        "prediction": prediction,
    }
    return prediction, cache


def loss(y_hat, y):
    """Squared error of one example."""
    return float((y_hat - y) ** 2)


def backward(y, cache):
    """Chain rule from L back to W and v."""
    prediction = cache["prediction"]
    activations = cache["activations"]

    grad_prediction = 2.0 * (prediction - y)
    grad_v = grad_prediction * cache["activations_with_bias"]

    grad_activations = grad_prediction * cache["weights_out"][1:]
    grad_pre_activations = grad_activations * activations * (1.0 - activations)
    grad_W = np.outer(grad_pre_activations, cache["inputs_with_bias"])
    return grad_W, grad_v


def batch_gradients(X, Y, W, v):
    """Gradient of the loss over the whole batch."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    number_of_examples = X.shape[0]

    grad_W_total = np.zeros((3, 3))
    grad_v_total = np.zeros(4)
    for example in range(number_of_examples):
        _, cache = forward(X[example], W, v)
        grad_W, grad_v = backward(Y[example], cache)
        grad_W_total += grad_W
        grad_v_total += grad_v

    # average over the examples of the batch
    grad_W_total /= number_of_examples
    grad_v_total /= number_of_examples
    return grad_W_total, grad_v_total


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv with a sigmoid output unit and E = 1/2 sum_i (y_hat_i - y_i)^2."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    grad_v_total = np.zeros(4)
    for example in range(X.shape[0]):
        output_sum, cache = forward(X[example], W, v)      # linear output = s
        prediction = float(sigmoid(output_sum))
        grad_output_sum = (prediction - Y[example]) * prediction * (1.0 - prediction)
        grad_v_total += grad_output_sum * cache["activations_with_bias"]
    return grad_v_total
