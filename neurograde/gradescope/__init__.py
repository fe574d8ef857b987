"""Grading on Gradescope: an autograder zip built from the course, and what runs inside it.

:mod:`neurograde.gradescope.package` builds ``autograder.zip`` for one assignment (a wheel of this
neurograde holding only that assignment's reference and graders, the two scripts Gradescope runs
from :mod:`neurograde.gradescope.scripts`, and the settings of :mod:`neurograde.gradescope.config`).
On Gradescope, ``run_autograder`` calls :mod:`neurograde.gradescope.run`, which finds the learner's
file (:mod:`neurograde.gradescope.upload`), grades it in the sandbox and writes results.json
(:mod:`neurograde.gradescope.results`).
"""
