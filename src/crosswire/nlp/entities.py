"""Named-entity mentions in the body, with character offsets (spaCy NER)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from crosswire.config import Settings
from crosswire.models import Article, Failure, Mention
from crosswire.nlp.model import NOT_FOR_ENTITIES, load_model
from crosswire.pipeline import Stage

#: spaCy's own limit is 1,000,000 characters; longer bodies are cut.
MAX_CHARS = 500_000
#: Documents per spaCy batch: larger batches gain little speed but hold more memory.
NLP_BATCH = 8


class EntitiesStage(Stage):
    """Set ``mentions``: every named entity spaCy finds in the body."""

    name = "crosswire.entities.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"body"})
    assigns: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(self, settings: Settings) -> None:
        self.nlp = load_model(settings.spacy_model, disable=NOT_FOR_ENTITIES)

    def __call__(self, article: Article) -> Article:
        (result,) = self.pipe([article])
        assert isinstance(result, Article)
        return result

    def pipe(self, articles: Sequence[Article]) -> list[Article | Failure]:
        """Run spaCy over the batch in one ``nlp.pipe`` call (much faster than one by one)."""
        docs = self.nlp.pipe((a.body[:MAX_CHARS] for a in articles), batch_size=NLP_BATCH)
        results: list[Article | Failure] = []
        for article, doc in zip(articles, docs, strict=True):
            mentions = tuple(
                Mention(ent.text, ent.label_, ent.start_char, ent.end_char) for ent in doc.ents
            )
            results.append(article.evolve(mentions=mentions))
        return results
