"""A sample class for the demo: realistic submissions made from the released notebooks.

Every student of the sample class starts from the release (what learners receive) and fills the
answer cells: with the reference (a perfect learner), not at all (the stub), with one realistic
mistake, or with a cheat. The mistakes and cheats are whole answer cells, as learners write them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import nbformat

from neurograde.build.parts import topic_parts

# One realistic mistake per assignment: (function, the learner's whole answer cell).
MISTAKES: dict[str, tuple[str, str]] = {
    "neuron": (
        "relu_derivative",
        "def relu_derivative(z):\n"
        "    z = np.asarray(z, dtype=float)\n"
        "    return (z >= 0).astype(float)  # 1 at z = 0: the kink counted as active\n",
    ),
    "learning_rate": (
        "validate_learning_rate",
        "def validate_learning_rate(lr):\n"
        "    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.number)):\n"
        "        raise TypeError('lr must be a real number')\n"
        "    if not 0 <= lr <= 1:  # closed interval: accepts 0 and 1\n"
        "        raise ValueError(f'lr must lie in [0, 1], got {lr}')\n"
        "    return float(lr)\n",
    ),
    "initializers": (
        "he_normal",
        "def he_normal(shape, rng):\n"
        "    fan_in, fan_out = fan_in_and_fan_out(shape)\n"
        "    return rng.normal(0.0, np.sqrt(2.0 / fan_out), size=shape)  # fan_out, not fan_in\n",
    ),
    "losses": (
        "mse",
        "def mse(y_pred, y_true):\n"
        "    y_pred = np.asarray(y_pred, dtype=float)\n"
        "    y_true = np.asarray(y_true, dtype=float)\n"
        "    if y_pred.shape != y_true.shape:\n"
        "        raise ValueError(f'shapes differ: {y_pred.shape} and {y_true.shape}')\n"
        "    return float(np.sum((y_pred - y_true) ** 2))  # summed, not averaged\n",
    ),
    "chain_rule": (
        "relative_error",
        "def relative_error(a, b):\n"
        "    errors = [np.abs(a[k] - b[k]) / np.maximum(1e-8, np.abs(a[k]) + np.abs(b[k]))\n"
        "              for k in a]\n"
        "    return float(np.mean(np.concatenate([e.ravel() for e in errors])))  # mean, not max\n",
    ),
}

# A cheat that tries to stop the grader, and one that tampers with the notebook.
EXIT_CHEAT = "import sys\n\n\ndef {name}(*args, **kwargs):\n    sys.exit(0)\n"
TRANSFORMER_CHEAT = (
    "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n\n\n"
    "def {name}(*args, **kwargs):\n    print('{{\"score\": 100}}')\n    return None\n"
)


@dataclass(frozen=True)
class Sample:
    """One student of the sample class and what they did."""

    student: str
    description: str


def _answer_cells(notebook: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    cells = {}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            cells[meta["grade_id"]] = cell
    return cells


def sample_class(
    topic: str, release: nbformat.NotebookNode
) -> list[tuple[Sample, nbformat.NotebookNode]]:
    """The sample submissions of one assignment, made from its released notebook."""
    functions = topic_parts(topic).functions
    samples: list[tuple[Sample, nbformat.NotebookNode]] = []

    def submit(student: str, description: str, answers: dict[str, str]) -> None:
        notebook = copy.deepcopy(release)
        for name, cell in _answer_cells(notebook).items():
            if name in answers:
                cell.source = answers[name]
        samples.append((Sample(student, description), notebook))

    def without_markers(source: str) -> str:
        return "\n".join(
            line
            for line in source.splitlines()
            if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line
        )

    reference = {name: without_markers(source) for name, source in functions.items()}
    first = next(iter(functions))
    submit("ada", "the reference solution", reference)
    submit("bob", "the untouched stub", {})
    if topic in MISTAKES:  # a new topic has no sample mistake until one is written here
        mistake_name, mistake_source = MISTAKES[topic]
        mistake = {**reference, mistake_name: mistake_source}
        submit("cyd", f"one mistake in {mistake_name}", mistake)
    submit(
        "dee", f"cheat: {first} calls sys.exit", {**reference, first: EXIT_CHEAT.format(name=first)}
    )
    tampered = {**reference, first: TRANSFORMER_CHEAT.format(name=first)}
    submit("eve", "cheat: IPython input transformer, test cells emptied", tampered)
    for cell in samples[-1][1].cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            cell.source = "pass"
            meta["points"] = 100
    return samples
