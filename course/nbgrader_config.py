"""nbgrader configuration of the neurograde course: every setting explained where it is set.

Learner code is never executed by nbgrader here. In ``Autograde``, neurograde's SandboxGrade
takes the place of nbgrader's ``Execute``: each answer cell is graded in a sandboxed worker
process, and the points reach nbgrader's gradebook through the test cells' outputs. Running
plain ``nbgrader autograde`` in this folder therefore grades securely too (one submission at a
time); ``neurograde autograde`` does the same in parallel, with progress and a summary.
"""

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    GetGrades,
    LimitOutput,
    SaveAutoGrades,
)

from neurograde.nbgrader.preprocessor import SandboxGrade

c = get_config()  # nbgrader's config loader provides get_config

# The course's name in the gradebook (gradebook.db, SQLite, in this folder by default).
c.CourseDirectory.course_id = "neurograde"

# Autograde without executing learner code: SandboxGrade replaces Execute (and IgnorePattern,
# which only filters execution warnings). The rest of nbgrader's pipeline is kept as it is.
c.Autograde.autograde_preprocessors = [
    SandboxGrade,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Test cells that a learner deleted, edited or turned into markdown are restored from the
# source before grading, so every function is graded and carries its declared points.
c.OverwriteCells.add_missing_cells = True

# How learner code is isolated when grading (auto: bubblewrap where it works, else rlimit),
# and how long one call may run.
c.SandboxGrade.isolation = "auto"
c.SandboxGrade.call_timeout = 10.0

# Feedback: the grader's messages, never the hidden tests' text (nbgrader's default feedback
# would show the restored test cells whole), rendered with HTML sanitising on because the
# messages quote what the learner's code returned and printed.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
c.HTMLExporter.sanitize_html = True
