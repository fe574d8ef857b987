"""Mutants of the losses topic: realistic learner bugs, each one caught with its symptom.

Each function replaces the reference's function of the same name (before ``__``). Several of
them are right on a batch of one, on one row, on square shapes or with the default ``eps``, and
so only the fixed edge cases of the grader catch them.
"""

from __future__ import annotations

import numpy as np

from tests.submissions import mutant

# --- mse -------------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="summed over the batch")
def mse__sum_instead_of_mean(y_pred, y_true):
    """Sums the squared errors instead of averaging them (right for one element only)."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return float(np.sum((pred - true) ** 2))


@mutant("WRONG_ERROR", costs=("errors",))
def mse__broadcasts_m_against_m1(y_pred, y_true):
    """No shape check: (m,) against (m, 1) broadcasts to an (m, m) table and is averaged."""
    pred = np.asarray(y_pred, dtype=float)
    true = np.asarray(y_true, dtype=float)
    return float(np.mean((pred - true) ** 2))


@mutant("WRONG_ERROR", costs=("errors",))
def mse__checks_size_not_shape(y_pred, y_true):
    """Flattens both arrays and only checks that the sizes agree, so (3,) vs (3, 1) passes."""
    pred = np.ravel(np.asarray(y_pred, dtype=float))
    true = np.ravel(np.asarray(y_true, dtype=float))
    if pred.size != true.size:
        raise ValueError("y_pred and y_true must have the same number of elements")
    return float(np.mean((pred - true) ** 2))


@mutant("MUTATED_INPUT")
def mse__subtracts_in_place(y_pred, y_true):
    """Computes the difference in place (y_pred -= y_true), changing the caller's array."""
    pred = np.asarray(y_pred, dtype=float)
    true = np.asarray(y_true, dtype=float)
    if pred.shape != true.shape:
        raise ValueError(f"shapes differ: {pred.shape} and {true.shape}")
    pred -= true
    return float(np.mean(pred**2))


@mutant("MISMATCH", mistake="halved")
def mse__half_mse(y_pred, y_true):
    """Uses the ½·MSE convention of some textbooks: mean((y_pred - y_true)²) / 2."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return float(0.5 * np.mean((pred - true) ** 2))


# --- mse_grad --------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="factor 2")
def mse_grad__missing_factor_2(y_pred, y_true):
    """Forgets the 2 of the derivative of the square: (y_pred - y_true) / N."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return _gradient((pred - true) / pred.size)


@mutant("MISMATCH", mistake="not divided by N")
def mse_grad__missing_divide_by_n(y_pred, y_true):
    """Forgets the / N of the mean: 2 (y_pred - y_true) (right for one element only)."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return _gradient(2.0 * (pred - true))


@mutant("MISMATCH", mistake="sign is flipped")
def mse_grad__wrt_y_true(y_pred, y_true):
    """Differentiates with respect to the target: 2 (y_true - y_pred) / N."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return _gradient(2.0 * (true - pred) / pred.size)


@mutant("MISMATCH", mistake="number of rows")
def mse_grad__divides_by_rows(y_pred, y_true):
    """Divides by len(y_pred), the number of rows, instead of N, every element."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return _gradient(2.0 * (pred - true) / len(pred))


# --- mae -------------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="summed over the batch")
def mae__sum_instead_of_mean(y_pred, y_true):
    """Sums the absolute errors instead of averaging them."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return float(np.sum(np.abs(pred - true)))


@mutant("MISMATCH", mistake="absolute value was left out")
def mae__without_abs(y_pred, y_true):
    """Forgets the absolute value: positive and negative errors cancel out."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return float(np.mean(pred - true))


@mutant("MISMATCH", mistake="number of rows")
def mae__divides_by_rows(y_pred, y_true):
    """Sums the absolute errors and divides by len(y_pred), the rows, not every element."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return float(np.sum(np.abs(pred - true)) / len(pred))


# --- mae_grad --------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="counted as +1/N")
def mae_grad__tie_counts_as_plus_one(y_pred, y_true):
    """Uses np.where(d >= 0, 1, -1): a tie y_pred == y_true gets +1/N instead of 0."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    d = pred - true
    return _gradient(np.where(d >= 0, 1.0, -1.0) / d.size)


@mutant("MISMATCH", mistake="not divided by N")
def mae_grad__missing_divide_by_n(y_pred, y_true):
    """Forgets the / N of the mean: sign(y_pred - y_true)."""
    pred, true = _matching_pair(y_pred, y_true, ("y_pred", "y_true"))
    return _gradient(np.sign(pred - true))


@mutant("BAD_DTYPE", mistake="rounded down to an integer")
def mae_grad__integer_signs(y_pred, y_true):
    """Counts the signs as integers and floor-divides by N: an int array (zeros)."""
    pred, true = np.asarray(y_pred), np.asarray(y_true)
    if pred.shape != true.shape:
        raise ValueError(f"shapes differ: {pred.shape} and {true.shape}")
    signs = (pred > true).astype(int) - (pred < true).astype(int)
    return signs // pred.size


# --- binary_cross_entropy --------------------------------------------------------------------


@mutant("UNSTABLE", "NONFINITE", mistake="not clipped")
def binary_cross_entropy__no_clipping(p, y, eps=1e-7):
    """Takes log p and log(1 - p) without clipping: log 0 at p = 0 or 1 gives inf or NaN."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    return float(-np.mean(targets * np.log(probs) + (1 - targets) * np.log(1 - probs)))


@mutant("MISMATCH", mistake="eps is added inside the log")
def binary_cross_entropy__eps_inside_log(p, y, eps=1e-7):
    """Adds eps inside the logs, log(p + eps) and log(1 - p + eps), instead of clipping p."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    return float(-np.mean(targets * np.log(probs + eps) + (1 - targets) * np.log(1 - probs + eps)))


@mutant("UNSTABLE", "NONFINITE", mistake="not clipped")
def binary_cross_entropy__clips_to_0_1(p, y, eps=1e-7):
    """Clips p to [0, 1] instead of [eps, 1 - eps]: the clip does nothing and log 0 remains."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, 0.0, 1.0)
    return float(-np.mean(targets * np.log(p_hat) + (1 - targets) * np.log(1 - p_hat)))


@mutant("MISMATCH", mistake="eps argument is ignored")
def binary_cross_entropy__ignores_eps_argument(p, y, eps=1e-7):
    """Clips with a hard-coded 1e-7 whatever eps the caller passes."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, 1e-7, 1 - 1e-7)
    return float(-np.mean(targets * np.log(p_hat) + (1 - targets) * np.log(1 - p_hat)))


@mutant("MISMATCH", mistake="summed over the batch")
def binary_cross_entropy__sum_instead_of_mean(p, y, eps=1e-7):
    """Sums the per-element losses instead of averaging them."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, eps, 1 - eps)
    return float(-np.sum(targets * np.log(p_hat) + (1 - targets) * np.log(1 - p_hat)))


@mutant("WRONG_ERROR", costs=("errors",))
def binary_cross_entropy__no_shape_check(p, y, eps=1e-7):
    """Never checks the shapes: p (m,) against y (m, 1) broadcasts to (m, m)."""
    p_hat = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    targets = np.asarray(y, dtype=float)
    return float(-np.mean(targets * np.log(p_hat) + (1 - targets) * np.log(1 - p_hat)))


# --- binary_cross_entropy_grad ---------------------------------------------------------------


@mutant("UNSTABLE", "NONFINITE", "MISMATCH", mistake="unclipped p")
def binary_cross_entropy_grad__at_unclipped_p(p, y, eps=1e-7):
    """Evaluates (p - y) / (p (1 - p)) / N at the raw p: 0/0 or x/0 at p = 0 and 1."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    return _gradient((probs - targets) / (probs * (1 - probs)) / probs.size)


@mutant("MISMATCH", mistake="not divided by N")
def binary_cross_entropy_grad__missing_divide_by_n(p, y, eps=1e-7):
    """Forgets the / N of the mean."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, eps, 1 - eps)
    return _gradient((p_hat - targets) / (p_hat * (1 - p_hat)))


@mutant("MISMATCH", mistake="eps argument is ignored")
def binary_cross_entropy_grad__ignores_eps_argument(p, y, eps=1e-7):
    """Clips with a hard-coded 1e-7 whatever eps the caller passes."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, 1e-7, 1 - 1e-7)
    return _gradient((p_hat - targets) / (p_hat * (1 - p_hat)) / probs.size)


@mutant("MISMATCH", mistake="sign is flipped")
def binary_cross_entropy_grad__sign_flipped(p, y, eps=1e-7):
    """Writes y/p̂ - (1 - y)/(1 - p̂), the derivative of the log-likelihood, not of the loss."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, eps, 1 - eps)
    return _gradient((targets / p_hat - (1 - targets) / (1 - p_hat)) / probs.size)


# --- softmax ---------------------------------------------------------------------------------


@mutant("UNSTABLE", mistake="row maximum is not subtracted")
def softmax__no_max_shift(logits):
    """exp(z) / sum(exp(z)) without subtracting the row maximum: overflows at logits of 1e3."""
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z)
    return exps / np.sum(exps, axis=-1, keepdims=True)


@mutant("MISMATCH", mistake="first axis")
def softmax__over_axis_0(logits):
    """Normalises along axis 0 (down the columns) instead of the last axis; right for one row."""
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - np.max(z, axis=0, keepdims=True))
    return exps / np.sum(exps, axis=0, keepdims=True)


@mutant("MISMATCH", mistake="the whole array")
def softmax__whole_array(logits):
    """Normalises over the whole array at once: np.max(z) and np.sum(exps) without an axis."""
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - np.max(z))
    return exps / np.sum(exps)


@mutant("MISMATCH", "EXCEPTION", mistake="keepdims")
def softmax__sum_without_keepdims(logits):
    """Divides by np.sum(exps, axis=-1) without keepdims: wrong broadcast on square batches."""
    z = np.asarray(logits, dtype=float)
    exps = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1)


@mutant("MUTATED_INPUT")
def softmax__shifts_input_in_place(logits):
    """Subtracts the row maximum in place (z -= ...), changing the caller's float64 array."""
    z = np.asarray(logits, dtype=float)
    z -= np.max(z, axis=-1, keepdims=True)
    exps = np.exp(z)
    return exps / np.sum(exps, axis=-1, keepdims=True)


# --- cross_entropy ---------------------------------------------------------------------------


@mutant("MISMATCH", mistake=("p[:, labels]", "log(softmax(...)) is computed directly"))
def cross_entropy__column_selection(logits, labels):
    """Picks the probabilities with p[:, labels]: an (m, m) block, right only when m = 1; and
    takes log(softmax(z)), which is inf at large logits (two mistakes, both named)."""
    z, classes = _logits_and_labels(logits, labels)
    p = softmax(z)
    return float(-np.mean(np.log(p[:, classes])))


@mutant("UNSTABLE", "NONFINITE", mistake="log(softmax(...)) is computed directly")
def cross_entropy__log_of_softmax(logits, labels):
    """Takes log(softmax(z)): a probability that underflows to 0 gives -log 0 = inf at 1e3."""
    z, classes = _logits_and_labels(logits, labels)
    p = softmax(z)
    return float(-np.mean(np.log(p[np.arange(len(classes)), classes])))


@mutant("UNSTABLE", "NONFINITE", mistake="without subtracting the row maximum")
def cross_entropy__naive_softmax_inside(logits, labels):
    """Computes exp(z) without the max shift: exp(1e3) overflows to inf, inf/inf is NaN."""
    z, classes = _logits_and_labels(logits, labels)
    exps = np.exp(z)
    p = exps / np.sum(exps, axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(classes)), classes])))


@mutant("MISMATCH", mistake="summed over the samples")
def cross_entropy__sum_over_samples(logits, labels):
    """Sums the per-sample losses instead of averaging them (right for one sample only)."""
    z, classes = _logits_and_labels(logits, labels)
    row_max = np.max(z, axis=1, keepdims=True)
    log_sum = np.log(np.sum(np.exp(z - row_max), axis=1)) + row_max[:, 0]
    return float(np.sum(log_sum - z[np.arange(len(classes)), classes]))


@mutant("WRONG_ERROR", costs=("errors",))
def cross_entropy__labels_not_validated(logits, labels):
    """Uses the labels as indices without checking them: -1 silently picks the last class."""
    z = np.asarray(logits, dtype=float)
    classes = np.asarray(labels).astype(int)
    row_max = np.max(z, axis=1, keepdims=True)
    log_sum = np.log(np.sum(np.exp(z - row_max), axis=1)) + row_max[:, 0]
    return float(np.mean(log_sum - z[np.arange(len(classes)), classes]))


@mutant("EXCEPTION")
def cross_entropy__float_labels_as_indices(logits, labels):
    """Indexes with the labels as given: integer-valued float labels raise IndexError."""
    z = np.asarray(logits, dtype=float)
    classes = np.asarray(labels)
    if np.any(classes < 0) or np.any(classes >= z.shape[1]):
        raise ValueError("labels out of range")
    row_max = np.max(z, axis=1, keepdims=True)
    log_sum = np.log(np.sum(np.exp(z - row_max), axis=1)) + row_max[:, 0]
    return float(np.mean(log_sum - z[np.arange(len(classes)), classes]))


# --- cross_entropy_grad ----------------------------------------------------------------------


@mutant("MISMATCH", mistake="not divided by m")
def cross_entropy_grad__missing_divide_by_m(logits, labels):
    """Forgets the / m of the mean over samples (right for one sample only)."""
    z, classes = _logits_and_labels(logits, labels)
    grad = softmax(z)
    grad[np.arange(len(classes)), classes] -= 1.0
    return grad


@mutant("MISMATCH", mistake="(p - 1)")
def cross_entropy_grad__minus_one_everywhere(logits, labels):
    """Subtracts 1 from every probability instead of only at each sample's label."""
    z, _ = _logits_and_labels(logits, labels)
    return (softmax(z) - 1.0) / z.shape[0]


@mutant("MISMATCH", mistake="grad[:, labels]")
def cross_entropy_grad__column_onehot(logits, labels):
    """Subtracts 1 with grad[:, labels]: whole columns, right only for one sample."""
    z, classes = _logits_and_labels(logits, labels)
    grad = softmax(z)
    grad[:, classes] -= 1.0
    return grad / z.shape[0]


@mutant("WRONG_ERROR", costs=("errors",))
def cross_entropy_grad__labels_not_validated(logits, labels):
    """Builds the one-hot without checking the labels: -1 silently marks the last class."""
    z = np.asarray(logits, dtype=float)
    classes = np.asarray(labels).astype(int)
    onehot = np.eye(z.shape[1])[classes]
    return (softmax(z) - onehot) / z.shape[0]


@mutant("UNSTABLE", "NONFINITE", mistake="without subtracting the row maximum")
def cross_entropy_grad__naive_softmax(logits, labels):
    """Uses exp(z) / sum(exp(z)) without the max shift: NaN at logits of 1e3."""
    z, classes = _logits_and_labels(logits, labels)
    exps = np.exp(z)
    grad = exps / np.sum(exps, axis=1, keepdims=True)
    grad[np.arange(len(classes)), classes] -= 1.0
    return grad / len(classes)


# --- generic mistakes (no catalogue entry: named from the function's signature) --------------


@mutant("MISMATCH", "BAD_SHAPE", mistake="the result is transposed")
def cross_entropy_grad__transposed(logits, labels):
    """Returns the gradient as (classes, samples), the transpose of the logits' shape."""
    z, classes = _logits_and_labels(logits, labels)
    m = z.shape[0]
    grad = softmax(z)
    grad[np.arange(m), classes] -= 1.0
    return (grad / m).T.copy()


@mutant("MISMATCH", mistake="the minus sign")
def binary_cross_entropy__log_likelihood(p, y, eps=1e-7):
    """Returns the mean log-likelihood itself, without the minus sign of the loss (the generic
    "sign flipped" reproduces it too: the catalogue's entry, which says more, is named)."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, eps, 1.0 - eps)
    return float(np.mean(targets * np.log(p_hat) + (1.0 - targets) * np.log1p(-p_hat)))


@mutant("UNSTABLE", costs=("stability",))
def binary_cross_entropy_grad__cancelling_fractions(p, y, eps=1e-7):
    """Splits (p̂ - y) / (p̂(1 - p̂)) into 1 / (1 - p̂) - y / (p̂(1 - p̂)): the same in exact
    arithmetic, but at p = y = 1 with a tiny eps (1e-12, 1e-15) two terms of order 1 / eps
    cancel and the digits of the answer are lost."""
    probs, targets = _matching_pair(p, y, ("p", "y"))
    p_hat = np.clip(probs, eps, 1.0 - eps)
    return _gradient((1.0 / (1.0 - p_hat) - targets / (p_hat * (1.0 - p_hat))) / probs.size)
