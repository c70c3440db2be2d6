"""Language from the body, with the declared language as a fallback."""

from __future__ import annotations

from crosswire.clean.language import LanguageStage
from crosswire.config import Settings
from crosswire.models import Article
from tests.factory import make_article


def article(body: str, declared: str | None = None) -> Article:
    return make_article(body, raw=body, language=declared)


def test_detects_english_and_german() -> None:
    stage = LanguageStage(Settings())
    english = "The ministers agreed on Tuesday to resume talks about the border next month."
    german = "Die Minister einigten sich am Dienstag darauf, die Gespräche im nächsten Monat."
    assert stage(article(english)).language == "en"
    assert stage(article(german, declared="en")).language == "de"


def test_short_text_keeps_the_declared_language() -> None:
    stage = LanguageStage(Settings())
    assert stage(article("Oui.", declared="fr-FR")).language == "fr"
    assert stage(article("Oui.")).language is None
