"""Read docs/api.md: its topics, and per topic the signatures and table rows it documents.

The API page is the project's written contract; the tests read it here so that no test keeps a
second, hand-written copy of the API (function names, order, signatures).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
API_DOC = REPO / "docs" / "api.md"

_TOPIC_HEADING = re.compile(r"^## \d+\. `(\w+)`", re.MULTILINE)
_CODE_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_TABLE_ROW = re.compile(r"^\| `(\w+)` \|", re.MULTILINE)


@dataclass(frozen=True)
class Signature:
    """One function as written: its name, its parameters and its return annotation (unparsed)."""

    name: str
    parameters: str
    returns: str | None

    def __str__(self) -> str:
        arrow = f" -> {self.returns}" if self.returns is not None else ""
        return f"def {self.name}({self.parameters}){arrow}"


@dataclass(frozen=True)
class TopicDoc:
    """One topic's section of the API page."""

    topic: str
    signatures: list[Signature]
    rows: list[str]  # the function names of its table, in order


def signature_of(node: ast.FunctionDef) -> Signature:
    """The signature of a parsed ``def``, normalised by ``ast.unparse`` (quotes, line breaks)."""
    returns = ast.unparse(node.returns) if node.returns is not None else None
    return Signature(node.name, ast.unparse(node.args), returns)


def parse_api_doc(text: str) -> list[TopicDoc]:
    """Cut the page into its topic sections; raise ``ValueError`` on a malformed section."""
    headings = list(_TOPIC_HEADING.finditer(text))
    topics = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        # A section ends at the next level-2 heading (the last one at "## Submissions").
        section = text[heading.end() : end].split("\n## ", 1)[0]
        topic = heading.group(1)
        blocks = _CODE_BLOCK.findall(section)
        if len(blocks) != 1:
            raise ValueError(f"section `{topic}`: expected one python block, found {len(blocks)}")
        signatures = []
        for statement in ast.parse(blocks[0]).body:
            if not isinstance(statement, ast.FunctionDef):
                raise ValueError(
                    f"section `{topic}`: only `def ...: ...` lines belong in the signature block, "
                    f"found {ast.unparse(statement)!r}"
                )
            signatures.append(signature_of(statement))
        topics.append(TopicDoc(topic, signatures, _TABLE_ROW.findall(section)))
    return topics


def read_api_doc() -> list[TopicDoc]:
    """The topics of docs/api.md."""
    return parse_api_doc(API_DOC.read_text(encoding="utf-8"))


def documented_functions(topic: str) -> list[str]:
    """The functions docs/api.md documents for ``topic``, in order."""
    for section in read_api_doc():
        if section.topic == topic:
            return [signature.name for signature in section.signatures]
    raise KeyError(f"docs/api.md has no section for topic {topic!r}")


def solution_signatures(source: str, names: list[str]) -> list[Signature]:
    """The signatures of the module-level functions ``names`` in ``source``, in that order."""
    defined = {
        node.name: signature_of(node)
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
    }
    return [defined[name] for name in names if name in defined]
