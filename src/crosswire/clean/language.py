"""Language identification of the cleaned body (py3langid, a maintained langid.py fork)."""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.models import Article
from crosswire.pipeline import Stage

#: Below this probability, or on this little text, a declared language is trusted instead.
MIN_CONFIDENCE = 0.9
MIN_CHARS = 40


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    try:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # py3langid unpacks its model through a temporary file: a full disk fails here.
    except OSError as error:
        problem = error.strerror or str(error)
        raise CrosswireError(f"cannot load the language model: {problem}") from error


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of ``text`` and the model's probability for it."""
    code, probability = _identifier().classify(text[:5000])
    return str(code), float(probability)


class LanguageStage(Stage):
    """Set ``language`` from the body, falling back to what the input declared."""

    name = "crosswire.language.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"body"})
    assigns: ClassVar[frozenset[str]] = frozenset({"language"})

    def __init__(self, settings: Settings) -> None:
        del settings  # no options yet

    def __call__(self, article: Article) -> Article:
        declared = (article.language or "").split("-")[0].lower() or None
        if len(article.body) < MIN_CHARS:
            return article.evolve(language=declared)
        code, probability = detect_language(article.body)
        if declared and probability < MIN_CONFIDENCE:
            return article.evolve(language=declared)
        return article.evolve(language=code)
