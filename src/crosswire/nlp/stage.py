"""The NLP stage: one spaCy parse per article, then actors and events over it.

The parse is the expensive part, so it happens once, in batches (``nlp.pipe``);
actors and events are plain functions over the parsed ``Doc`` and never keep it.
Only English is parsed (the model is English): other languages get a note and no
entities or events rather than junk.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, ClassVar

from crosswire.config import Settings
from crosswire.models import Article, Event, Failure
from crosswire.nlp.actors import resolve_actors
from crosswire.nlp.events import Classifier, extract_events
from crosswire.nlp.kb import KnowledgeBase
from crosswire.nlp.ruler import build_nlp
from crosswire.pipeline import Stage

#: Characters of a body that are parsed (~17,000 words, far beyond a news article): the
#: parse of one run-on sentence slows down with its length.
MAX_CHARS = 100_000
#: Documents per spaCy batch: larger batches gain little speed but hold more memory.
NLP_BATCH = 8


class NlpStage(Stage):
    """Set ``mentions``, ``entities`` and ``events`` (and ``notes`` where it cannot)."""

    name = "crosswire.nlp.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"body", "language", "published", "outlet"})
    assigns: ClassVar[frozenset[str]] = frozenset({"mentions", "entities", "events", "notes"})

    def __init__(self, settings: Settings) -> None:
        self.kb = KnowledgeBase.load(settings)
        self.nlp = build_nlp(settings, kb=self.kb)
        self.budget = settings.nlp_time_budget

    def __call__(self, article: Article) -> Article:
        (result,) = self.pipe([article])
        assert isinstance(result, Article)  # this stage turns no article into a failure
        return result

    def pipe(self, articles: Sequence[Article]) -> list[Article | Failure]:
        """Parse the English articles in one batch; note and pass over the others."""
        english = [a for a in articles if a.language in (None, "en") and a.body.strip()]
        docs = self.nlp.pipe((a.body[:MAX_CHARS] for a in english), batch_size=NLP_BATCH)
        parsed = dict(zip((a.id for a in english), docs, strict=True))
        results: list[Article | Failure] = []
        for article in articles:
            doc = parsed.get(article.id)
            if doc is None:
                note = f"language {article.language!r}: no entities or events (English only)"
                results.append(article.evolve(notes=(*article.notes, note)))
                continue
            started = time.monotonic()
            actors = resolve_actors(doc, published=article.published, kb=self.kb)
            events, notes = self._events(article, doc, actors, started)
            if len(article.body) > MAX_CHARS:
                notes = (*notes, f"only the first {MAX_CHARS:,} characters were parsed")
            results.append(
                article.evolve(
                    mentions=actors.mentions, entities=actors.entities, events=events, notes=notes
                )
            )
        return results

    def _events(
        self, article: Article, doc: Any, actors: Any, started: float
    ) -> tuple[tuple[Event, ...], tuple[str, ...]]:
        """The article's events, or none and a note if they overrun the time budget."""
        deadline = started + self.budget
        try:
            events = extract_events(
                doc,
                actors,
                published=article.published,
                outlet=article.outlet,
                classify=_budgeted(deadline),
                kb=self.kb,
            )
        except _OverBudget:
            note = f"events skipped: over the {self.budget:g} s NLP time budget (nlp_time_budget)"
            return (), (*article.notes, note)
        return events, article.notes


class _OverBudget(Exception):
    """An article's event extraction ran past its deadline."""


def _budgeted(deadline: float) -> Classifier:
    """The default event classifier, refusing to start once ``deadline`` has passed.

    It is called once per event candidate, so this checks the clock between candidates:
    the budget cannot stop spaCy's parse (bounded by ``MAX_CHARS``) or one candidate.
    """
    from crosswire.nlp.plover import classify

    def check_then_classify(*args: Any, **kwargs: Any) -> Any:
        if time.monotonic() > deadline:
            raise _OverBudget
        return classify(*args, **kwargs)

    return check_then_classify
