"""The NLP time budget (``nlp_time_budget``) on real articles, with the real spaCy model.

README "Limits": over the budget, an article keeps its entities, gets no events and a
note naming the setting. The budget is checked before each event candidate, so a tiny
one stops event extraction at the first candidate whatever the machine's speed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from crosswire.config import InputDefaults, Settings
from crosswire.ingest import Origin, read_stream
from crosswire.ingester import runner
from crosswire.models import Article
from crosswire.nlp.stage import NlpStage

#: A budget no article's events fit in (from the environment, as a user would set it).
TINY = {"CROSSWIRE_NLP_TIME_BUDGET": "0.000001"}


def cleaned(path: Path) -> Article:
    """The article in ``path`` as the NLP stage receives it: read and cleaned, no NLP."""
    settings = Settings(nlp=False, workers=1)
    origin = Origin(str(path), path.name, InputDefaults(), settings)
    items = list(read_stream(io.BytesIO(path.read_bytes()), origin))
    (article,) = runner(settings).pipe(iter(items))
    assert isinstance(article, Article), article
    return article


@pytest.fixture(scope="module")
def normal() -> NlpStage:
    return NlpStage(Settings())


@pytest.fixture(scope="module")
def tiny() -> NlpStage:
    return NlpStage(Settings.from_env(TINY))


def example_paths(examples: Path) -> list[Path]:
    return sorted(examples.glob("*.txt"))


def test_tiny_budget_keeps_entities_drops_events_with_one_note(
    examples: Path, normal: NlpStage, tiny: NlpStage
) -> None:
    assert tiny.budget == 0.000001
    for path in example_paths(examples):
        article = cleaned(path)
        full = normal(article)
        cut = tiny(article)
        # A normal budget gives the full result: events, and no budget note.
        assert len(full.events) >= 3, (path.name, full.events)
        assert not any("nlp_time_budget" in note for note in full.notes)
        # The tiny one: the same actors, no events, one one-line note saying why.
        assert (cut.mentions, cut.entities) == (full.mentions, full.entities)
        assert cut.events == ()
        budget_notes = [note for note in cut.notes if "nlp_time_budget" in note]
        note = "events skipped: over the 1e-06 s NLP time budget (nlp_time_budget)"
        assert budget_notes == [note]
        assert [n for n in cut.notes if n not in budget_notes] == list(full.notes)


def test_tiny_budget_through_the_whole_pipeline(examples: Path, tiny: NlpStage) -> None:
    # The full pipeline (read, clean, dedup, NLP) with the budget from the environment:
    # every article comes out as an article, none as a failure or an exception.
    settings = Settings.from_env({**TINY, "CROSSWIRE_WORKERS": "1"})
    assert settings.nlp and settings.nlp_time_budget == 0.000001
    items = []
    for path in example_paths(examples):
        origin = Origin(str(path), path.name, InputDefaults(), settings)
        items += list(read_stream(io.BytesIO(path.read_bytes()), origin))
    pipeline = runner(settings, overrides={tiny.name: tiny})
    done = list(pipeline.pipe(iter(items)))
    assert len(done) == len(items) >= 2
    for article in done:
        assert isinstance(article, Article)
        assert article.events == () and article.entities
        assert sum("nlp_time_budget" in note for note in article.notes) == 1
