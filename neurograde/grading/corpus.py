"""The precomputed corpus: each function's calls and the reference's answers, replayed.

Grading is deterministic: Hypothesis is derandomised, the other properties call fixed examples,
and the statistical checks draw with fixed generator states. So every learner is asked the same
questions, and the reference gives the same answers. With ``derandomize``, a Hypothesis property
whose every call passes draws the same inputs whatever the function under test is (its choices
depend only on the outcomes of earlier examples, and they all passed); so "every recorded call
passes" holds exactly when "the property passes".

*Recording* (once per function, per process): the function's properties run as today with the
reference as the candidate (in process), and the corpus keeps, in order, every call made to the
candidate (as the plain data sent across the boundary), every answer of the reference, and the
inputs each Hypothesis property drew.

*Replaying* (every submission): all the recorded calls go to the learner's function in one batch
(:meth:`~neurograde.isolation.seam.BatchCandidate.call_many`), then each property's own check runs
on those outcomes, with the reference's answers from the corpus and the recorded draws in place
of Hypothesis. If every property passes, that is the result. On anything else (a failing or
raising call, an abort, a call that differs from the recording) the function is graded again
from scratch by today's code path, in a fresh worker, so that scores, codes and feedback (the
shrunk failing call, the likely mistake) are exactly today's.

The corpus is trusted data: it stays in the grading process and never enters the sandbox. It is
kept in memory per process, keyed by the grader, the reference and the settings; never on disk,
where learner code at the ``rlimit`` level (which runs as the grading user) could change it.
``NEUROGRADE_CORPUS=off`` turns it off (the tests compare both ways).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hypothesis import configuration

from neurograde.codes import Code
from neurograde.grading.calls import Args, Kwargs
from neurograde.grading.properties import Context, MatchesReference, Property
from neurograde.grading.registry import Entry
from neurograde.grading.results import FunctionResult, Outcome
from neurograde.grading.settings import GradingSettings
from neurograde.isolation import protocol
from neurograde.isolation.runner import learner_filename, parameter_names
from neurograde.isolation.seam import (
    BatchCandidate,
    CallOutcome,
    CallReport,
    Candidate,
    GraderFault,
    InProcessCandidate,
    LearnerAbort,
    SharedLayout,
)

SWITCH = "NEUROGRADE_CORPUS"


def enabled() -> bool:
    """Whether grading replays the corpus (``NEUROGRADE_CORPUS=off`` turns it off)."""
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


def _text(args: Any, kwargs: Any) -> str:
    """One call's arguments as the exact text sent: what a replayed call is checked against."""
    return json.dumps([args, kwargs], allow_nan=True, separators=(",", ":"))


@dataclass
class FunctionCorpus:
    """One function's recording: the calls in order, the reference's answers, the draws."""

    requests: list[tuple[Any, Any]] = field(default_factory=list)  # encoded (args, kwargs)
    texts: list[str] = field(default_factory=list)  # the same, as text
    expected: list[Any] = field(default_factory=list)  # encoded answers of the reference
    draws: dict[int, list[Any]] = field(default_factory=dict)  # property index -> encoded calls
    # Worked out on the first replay and kept: the draws decoded, the calls' shared-memory
    # layout, and the argument objects of each call already checked against its recording.
    decoded: dict[int, list[tuple[Args, Kwargs]]] = field(default_factory=dict)
    layout: SharedLayout | None = None
    checked: dict[int, tuple[tuple[str, ...], tuple[Any, ...]]] = field(default_factory=dict)


class _Diverged(BaseException):
    """The replay left the recorded path: grade the function the ordinary way."""


class _RecordingCandidate:
    """The reference behind the seam, noting every call made to it."""

    def __init__(self, inner: InProcessCandidate, corpus: FunctionCorpus) -> None:
        self.inner = inner
        self.name = inner.name
        self.corpus = corpus
        self.last_call = CallReport()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Note the call as sent, then make it."""
        request = (protocol.encode(args), protocol.encode(kwargs))
        self.corpus.requests.append(request)
        self.corpus.texts.append(_text(*request))
        try:
            return self.inner(*args, **kwargs)
        finally:
            self.last_call = self.inner.last_call


class _Recording(Context):
    """A context that notes the reference's answers and the calls checked against them."""

    def __init__(self, entry: Entry, candidate: Candidate, settings: GradingSettings) -> None:
        super().__init__(entry.spec, candidate, entry.reference, settings)
        self.corpus: FunctionCorpus | None = None
        self.checked: list[Any] = []

    def expected(self, args: Args, kwargs: Kwargs) -> Any:
        """The reference's answer, noted."""
        value = super().expected(args, kwargs)
        assert self.corpus is not None
        self.corpus.expected.append(protocol.encode(value))
        return value

    def check_call(
        self,
        prop: Property,
        args: Args,
        kwargs: Kwargs,
        *,
        conventions: bool = False,
        evidence: bool = True,
    ) -> Outcome | None:
        """Note the call (a Hypothesis property's draw), then check it."""
        self.checked.append(protocol.encode((args, kwargs)))
        return super().check_call(prop, args, kwargs, conventions=conventions, evidence=evidence)


class _ReplayCandidate:
    """Serves the outcomes of the batch, in order, to the properties' calls."""

    def __init__(self, name: str, corpus: FunctionCorpus, outcomes: list[CallOutcome]) -> None:
        self.name = name
        self.corpus = corpus
        self.outcomes = outcomes
        self.served = 0
        self.last_call = CallReport()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """The recorded outcome of this call, if it is the recorded call."""
        index = self.served
        if index >= len(self.outcomes):
            raise _Diverged
        # The same argument objects as a call already checked (a grader's fixed example, a
        # decoded draw) are that call: trusted code never changes arguments (the reference and
        # the mistakes get copies). Any others are checked against the recording as sent.
        names, objects = tuple(kwargs), (*args, *kwargs.values())
        known = self.corpus.checked.get(index)
        if (
            known is None
            or known[0] != names
            or len(known[1]) != len(objects)
            or not all(a is b for a, b in zip(objects, known[1], strict=True))
        ):
            if _text(protocol.encode(args), protocol.encode(kwargs)) != self.corpus.texts[index]:
                raise _Diverged
            self.corpus.checked[index] = (names, objects)
        self.served += 1
        outcome = self.outcomes[index]
        self.last_call = outcome.report
        return outcome.result()


class _Replaying(Context):
    """A context that answers with the corpus's reference values and Hypothesis's draws."""

    def __init__(
        self,
        entry: Entry,
        candidate: Candidate,
        settings: GradingSettings,
        corpus: FunctionCorpus,
    ) -> None:
        super().__init__(entry.spec, candidate, entry.reference, settings)
        self.corpus = corpus
        self.answered = 0
        self.index = 0

    def expected(self, args: Args, kwargs: Kwargs) -> Any:
        """The reference's recorded answer (the calls come in the recorded order)."""
        if self.answered >= len(self.corpus.expected):
            raise _Diverged
        self.answered += 1
        return protocol.decode(self.corpus.expected[self.answered - 1])

    def replayed_draws(self) -> list[tuple[Args, Kwargs]] | None:
        """The inputs Hypothesis drew for this property when every call passed."""
        if self.index not in self.corpus.draws:
            raise _Diverged  # a generated property without a recording
        if self.index not in self.corpus.decoded:
            draws = self.corpus.draws[self.index]
            self.corpus.decoded[self.index] = [protocol.decode(call) for call in draws]
        return self.corpus.decoded[self.index]

    def describe_call(self, args: Args, kwargs: Kwargs) -> str:
        """Nothing: a replay reports only passing properties, which show no call."""
        return ""


# The corpus of each function, per process: (function, grader, reference, settings) -> recording.
_CORPORA: dict[tuple[str, int, int, str], FunctionCorpus | None] = {}


def record(entry: Entry, settings: GradingSettings) -> FunctionCorpus | None:
    """Run ``entry``'s properties on its reference and keep what they asked and were told.

    ``None`` when the reference does not pass them all (its grader then reports the problem the
    ordinary way).
    """
    corpus = FunctionCorpus()
    inner = InProcessCandidate(
        entry.reference,
        entry.name,
        learner_filename(entry.topic),
        parameter_names(entry.topic, entry.name),
    )
    ctx = _Recording(entry, _RecordingCandidate(inner, corpus), settings)
    ctx.corpus = corpus
    with _hypothesis_home():
        for index, prop in enumerate(entry.spec.properties()):
            ctx.checked = []
            try:
                outcome = prop.check(ctx)
            except (Exception, LearnerAbort, GraderFault):
                return None
            if outcome.code is not Code.OK:
                return None
            if isinstance(prop, MatchesReference):
                corpus.draws[index] = ctx.checked
    return corpus


@contextlib.contextmanager
def _hypothesis_home() -> Iterator[None]:
    """Hypothesis's own files (its cache of constants) in a temporary folder while recording.

    Recording runs Hypothesis where grading a submission may not (a stub fails before it), and
    grading writes nothing beside the results.
    """
    saved = vars(configuration).get("__hypothesis_home_directory")
    with tempfile.TemporaryDirectory(prefix="neurograde-corpus-") as folder:
        configuration.set_hypothesis_home_dir(folder)
        try:
            yield
        finally:
            configuration.set_hypothesis_home_dir(saved)


def corpus_of(entry: Entry, settings: GradingSettings) -> FunctionCorpus | None:
    """``entry``'s corpus, recorded on first use in this process."""
    key = (entry.qualified_name, id(entry.spec), id(entry.reference), repr(settings))
    if key not in _CORPORA:
        _CORPORA[key] = record(entry, settings)
    return _CORPORA[key]


def replay(
    entry: Entry, candidate: BatchCandidate, settings: GradingSettings
) -> FunctionResult | None:
    """``entry``'s result from one batch of the recorded calls, or ``None`` to grade as today.

    ``None`` whenever anything is not as recorded: a property that does not pass, an abort, a
    call that differs from the recording, calls left over.
    """
    corpus = corpus_of(entry, settings)
    if corpus is None:
        return None
    if corpus.layout is None:
        corpus.layout = SharedLayout.of(corpus.requests, parameter_names(entry.topic, entry.name))
    served = _ReplayCandidate(
        entry.name, corpus, candidate.call_many(corpus.requests, corpus.layout, stop_at_abort=True)
    )
    ctx = _Replaying(entry, served, settings, corpus)
    outcomes: list[Outcome] = []
    for index, prop in enumerate(entry.spec.properties()):
        ctx.index = index
        ctx.last_call = None
        try:
            outcome = prop.check(ctx)
        except (Exception, LearnerAbort, GraderFault, _Diverged):
            return None
        if outcome.code is not Code.OK:
            return None
        outcomes.append(outcome)
    if served.served != len(corpus.requests) or ctx.answered != len(corpus.expected):
        return None
    try:
        ctx.settle(outcomes)  # as the ordinary path does (nothing to settle when all pass)
    except Exception:
        return None
    return FunctionResult(entry.topic, entry.name, entry.points, outcomes)


def batch_candidate(candidate: Candidate) -> BatchCandidate | None:
    """``candidate`` if it answers batches of calls (both isolation levels do)."""
    call_many: Callable[..., Any] | None = getattr(candidate, "call_many", None)
    return candidate if call_many is not None else None  # type: ignore[return-value]
