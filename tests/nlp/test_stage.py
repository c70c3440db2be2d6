"""The NLP stage on awkward input: non-English, huge single sentences, no body."""

from __future__ import annotations

import pytest

from crosswire.config import Settings
from crosswire.models import Article
from crosswire.nlp.stage import MAX_CHARS, NlpStage
from tests.factory import make_article


@pytest.fixture(scope="module")
def stage() -> NlpStage:
    return NlpStage(Settings())


def article(body: str, language: str | None = "en", aid: str = "0" * 16) -> Article:
    return make_article(body, id=aid, raw=body, language=language, published="2025-05-09")


def test_english_article_gets_actors_and_events(stage: NlpStage) -> None:
    body = (
        "Poland's defence minister met his Norwegian counterpart in Oslo on Tuesday, "
        "the ministry said. The two ministers agreed to hold a joint naval exercise."
    )
    result = stage(article(body))
    names = {e.name for e in result.entities}
    assert any("Poland" in n or "Norw" in n for n in names), names
    assert result.events and all(body[e.start : e.end] == e.sentence for e in result.events)
    assert result.notes == ()


def test_non_english_article_is_skipped_with_a_note(stage: NlpStage) -> None:
    body = "Le ministre polonais a rencontré son homologue norvégien à Oslo mardi."
    result = stage(article(body, language="fr"))
    assert (result.entities, result.events, result.mentions) == ((), (), ())
    assert "'fr'" in result.notes[0] and "English only" in result.notes[0]


def test_huge_single_sentence_is_cut_and_noted(stage: NlpStage) -> None:
    body = "The minister met " + "the envoy and " * 80_000 + "the press."  # ~1 MB
    assert len(body) > 1_000_000
    result = stage(article(body))
    assert any(f"{MAX_CHARS:,}" in note for note in result.notes)
    assert all(e.end <= MAX_CHARS for e in result.events)


def test_batches_keep_articles_in_order(stage: NlpStage) -> None:
    bodies = [
        "Germany protested to Russia on Monday.",
        "Das ist kein englischer Text.",
        "Japan and India signed a trade agreement.",
    ]
    batch = [
        article(b, language="de" if n == 1 else "en", aid=f"{n:016d}") for n, b in enumerate(bodies)
    ]
    results = stage.pipe(batch)
    assert [r.id for r in results if isinstance(r, Article)] == [a.id for a in batch]
    assert results[1].notes and not results[0].notes  # type: ignore[union-attr]
