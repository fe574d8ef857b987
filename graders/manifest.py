"""The course manifest: its topics, in the order they are taught.

Each topic ``T`` is three files of the same stem: ``solutions/T.py`` (the reference, whose
``__all__`` lists the functions in API order), ``graders/T.py`` (``SPECS``: one spec per function,
in the same order, each with its points) and ``notebooks/T.md`` (the lesson). The engine reads
this manifest by name (``neurograde.course``) and derives everything else from it: the function
order, the points, the counts and totals that tests and the README quote.

A lab ``L`` is an ungraded notebook, ``notebooks/L.md`` only: it has no solution and no grader,
and it runs the learner's own functions, read from their saved notebooks of the topics it names.
"""

TOPICS = ("neuron", "learning_rate", "initializers", "losses", "chain_rule")

LABS = {
    # The capstone: a network trained end to end with the learner's initialisers and gradients.
    "lab": ("initializers", "chain_rule"),
}
