"""The stage runner: build-time checks, run-time checks, failures kept in order."""

from __future__ import annotations

from typing import ClassVar

import pytest

from crosswire.config import Settings
from crosswire.errors import NoArticleError, PipelineError
from crosswire.models import Article, Failure, RawItem
from crosswire.pipeline import Pipeline, Stage, load_stage


class Upper(Stage):
    name = "test.upper"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    assigns: ClassVar[frozenset[str]] = frozenset({"body"})

    def __call__(self, article: Article) -> Article:
        if "fail" in article.raw:
            raise NoArticleError("nothing here")
        return article.evolve(body=article.raw.upper())


class NeedsBody(Stage):
    name = "test.needs-body"
    requires: ClassVar[frozenset[str]] = frozenset({"body"})

    def __call__(self, article: Article) -> Article:
        return article.evolve(title=article.body[:3])


class Broken(Stage):
    name = "test.broken"

    def __call__(self, article: Article) -> Article:
        return "not an article"  # type: ignore[return-value]


def item(text: str) -> RawItem:
    return RawItem(source=f"{text}.txt", input_id=text, content=text, kind="text")


def test_requirements_are_checked_when_built() -> None:
    with pytest.raises(PipelineError, match="requires body"):
        Pipeline([NeedsBody(), Upper()])
    assert Pipeline([Upper(), NeedsBody()]).names == ("test.upper", "test.needs-body")


def test_stages_run_in_order_and_are_recorded() -> None:
    article = Pipeline([Upper(), NeedsBody()])(item("abcdef"))
    assert (article.body, article.title) == ("ABCDEF", "ABC")
    assert article.stages == ("test.upper", "test.needs-body")


def test_a_failing_article_becomes_a_failure_in_place() -> None:
    failure = Failure("bad.txt", "unreadable")
    results = list(
        Pipeline([Upper()]).pipe([item("one"), failure, item("fail"), item("two")], batch_size=2)
    )
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Failure", "Article"]
    assert results[1] is failure
    assert results[2] == Failure("fail.txt", "nothing here")
    assert [r.body for r in results if isinstance(r, Article)] == ["ONE", "TWO"]


def test_a_stage_that_returns_something_else_is_a_pipeline_error() -> None:
    with pytest.raises(PipelineError, match="returned str"):
        Pipeline([Broken()])(item("x"))


def test_unknown_stage_names_are_refused() -> None:
    with pytest.raises(PipelineError, match="unknown stage"):
        load_stage("crosswire.nope.v1", Settings())


def test_default_stages_fit_together_without_nlp() -> None:
    pipeline = Pipeline.from_settings(Settings(nlp=False))
    assert pipeline.names == (
        "crosswire.clean.v1",
        "crosswire.language.v1",
        "crosswire.dedup.v1",
        "crosswire.stories.v1",
    )
