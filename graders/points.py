"""The topics of the course and the points of every function, declared once.

Kept apart from the registry so that the build can make notebooks (which show the points)
without importing the graders.
"""

TOPICS = ("neuron", "learning_rate", "initializers", "losses", "chain_rule")

# Points per function, by how much there is to get right. 97 in all.
POINTS: dict[str, dict[str, float]] = {
    "neuron": {
        "weighted_sum": 3, "sigmoid": 2, "sigmoid_derivative": 2, "tanh": 1,
        "tanh_derivative": 1, "relu": 1, "relu_derivative": 2, "identity": 1,
        "identity_derivative": 1, "neuron_output": 2, "dense_layer": 3,
    },
    "learning_rate": {
        "validate_learning_rate": 2, "gradient_descent_step": 2, "quadratic_descent": 2,
        "epochs_to_converge": 3, "linear_regression_gd": 4,
    },
    "initializers": {
        "fan_in_and_fan_out": 2, "zeros": 1, "ones": 1, "constant": 1, "normal": 2,
        "uniform": 2, "xavier_uniform": 2, "xavier_normal": 2, "he_uniform": 2, "he_normal": 2,
        "init_network": 3,
    },
    "losses": {
        "mse": 2, "mse_grad": 2, "mae": 2, "mae_grad": 2, "binary_cross_entropy": 3,
        "binary_cross_entropy_grad": 3, "softmax": 3, "cross_entropy": 3,
        "cross_entropy_grad": 3,
    },
    "chain_rule": {
        "init_params": 2, "forward": 3, "chain_rule_terms": 3, "backward": 5,
        "numerical_gradient": 3, "relative_error": 2, "train": 4,
    },
}  # fmt: skip
