"""The same submission gets the same inputs whatever else the grading process has loaded.

Hypothesis (6.131 and later) mixes the literals of the process's local modules into its draws;
neurograde keeps them out (``neurograde.grading.settings``), or an editable checkout, a wheel, a
benchmark or a notebook's helper module would each draw other inputs and grade differently.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.submissions import REPO

# Every generated input of every function, as recorded for the corpus, digested.
DRAWS = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
if len(sys.argv) > 2:
    import literals  # a local module full of numbers, loaded before grading
from neurograde.grading import corpus
from neurograde.grading.registry import entries
from neurograde.grading.settings import GRADING
digest = hashlib.sha256()
for entry in entries():
    recorded = corpus.corpus_of(entry, GRADING)
    assert recorded is not None, entry.qualified_name
    digest.update(json.dumps(recorded.draws, sort_keys=True).encode())
print(digest.hexdigest())
"""

LITERALS = "NUMBERS = [0.123456789, 7.5, -3.25, 1e-7, 12345, 99, -17, 2.5e10, 1e-300, 'relu']\n"


def draws_digest(folder: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", DRAWS, str(folder), *extra],
        capture_output=True, text=True, check=False, cwd=REPO, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_a_loaded_module_full_of_numbers_moves_no_draw(tmp_path: Path) -> None:
    (tmp_path / "literals.py").write_text(LITERALS, encoding="utf-8")
    assert draws_digest(tmp_path) == draws_digest(tmp_path, "load it")
