"""Lab notebooks: ungraded lessons that run the learner's own functions from earlier assignments.

A lab is ``notebooks/<lab>.md`` alone (no solution module, no grader), declared in the manifest's
``LABS`` with the topics it uses. Its prose has the blocks of a lesson (``<!-- markdown -->``,
``<!-- code -->``) and one ``<!-- given -->`` block, before any code, where the build puts the
loader cell: plain Python (json and exec, nothing the learner does not have) that reads each used
topic's notebook from the sibling folder ``../<topic>/<topic>.ipynb`` — where nbgrader releases
and fetches assignments side by side — runs its given cells and answer cells (never its tests or
plots), and binds the functions to a namespace named after the topic (``chain_rule.backward``).
In the course's source tree the sibling notebooks hold the reference, so the lab runs in CI as a
learner's lab runs with correct answers. Code cells of a lab stay editable: its experiments are
the learner's to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nbformat

from neurograde.build.lessons import nbgrader_metadata, parse_prose
from neurograde.build.parts import GIVEN_ID
from neurograde.build.target import Target
from neurograde.paths import COURSE_SOURCE, PROSE

LOADER = '''\
# Your own functions, read from your saved notebooks of the earlier assignments: their given code
# and your answer cells (not their tests or plots). Save those notebooks before you run this cell,
# and run it again after you change them.
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np


def load_answers(assignment):
    """Run the given code and the answer cells of ../ASSIGNMENT/ASSIGNMENT.ipynb; return them."""
    path = Path("..") / assignment / f"{{assignment}}.ipynb"
    if not path.is_file():
        raise FileNotFoundError(
            f"{{path.resolve()}} not found: keep this folder next to the {{assignment}} folder"
        )
    namespace = {{}}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        meta = cell["metadata"].get("nbgrader", {{}})
        name = meta.get("grade_id", "")
        if cell["cell_type"] == "code" and (meta.get("solution") or name.startswith("{given}")):
            try:
                exec("".join(cell["source"]), namespace)
            except Exception as error:  # show it and go on: the other functions still load
                print(f"{{path.name}}, cell {{name}}: {{type(error).__name__}}: {{error}}")
    public = {{k: v for k, v in namespace.items() if not k.startswith("__")}}
    return SimpleNamespace(**public)


{loads}
'''


def loader_source(topics: tuple[str, ...]) -> str:
    """The lab's locked first code cell: load each topic's functions into a namespace."""
    loads = "\n".join(f'{topic} = load_answers("{topic}")' for topic in topics)
    return LOADER.format(given=GIVEN_ID, loads=loads).rstrip() + "\n"


def lab_notebook(lab: str, topics: tuple[str, ...], root: Path) -> nbformat.NotebookNode:
    """The source notebook of one lab: prose, the loader cell, editable experiment cells."""
    source = f"{PROSE}/{lab}.md"
    prose = parse_prose((root / source).read_text(encoding="utf-8"), source, [])
    cells = []
    counters = {"markdown": 0, "code": 0}
    for block in prose.blocks:
        if block.kind == "given":
            meta = nbgrader_metadata(GIVEN_ID, solution=False, grade=False, locked=True)
            cells.append(
                nbformat.v4.new_code_cell(loader_source(topics), id=GIVEN_ID, metadata=meta)
            )
            continue
        counters[block.kind] += 1
        cell_id = f"{block.kind}-{counters[block.kind]}"
        if block.kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(block.text.strip(), id=cell_id))
        else:
            cells.append(nbformat.v4.new_code_cell(block.text, id=cell_id))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "neurograde": {"lab": lab, "uses": list(topics)},
    }
    return notebook


def lab_targets(root: Path, labs: dict[str, tuple[str, ...]]) -> Iterator[Target]:
    """Source notebooks of the course's labs (``course/source/<lab>/<lab>.ipynb``).

    As for the topics, a notebook is made for every lab with a prose spec.
    """
    for lab, topics in labs.items():
        prose = root / PROSE / f"{lab}.md"
        if prose.is_file():
            text = nbformat.writes(lab_notebook(lab, topics, root)) + "\n"
            path = root / COURSE_SOURCE / lab / f"{lab}.ipynb"
            yield Target(path, text, f"{PROSE}/{lab}.md")
