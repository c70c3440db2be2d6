"""A second look at an HTML extractor's body, paragraph by paragraph.

Extractors judge blocks by their place in the page, so furniture that sits inside
the article element (an "Advertisement" slot, a "Read more:" link, the byline,
the headline repeated, a tag list, a newsletter box) gets through. The scraped-text
cleaner recognises such paragraphs by what they say; only its pattern-based
verdicts are used here, not its length- and context-based ones, because the
extractors have already judged where the article is.
"""

from __future__ import annotations

import re

from crosswire.clean.lines import clean_text
from crosswire.models import Dropped

#: Verdicts of the line cleaner that rest on a line being short or unusual rather
#: than on what it says: the HTML extractors' vote already covered those.
WEAK_REASONS = frozenset(
    {
        "too short / no sentence",
        "tag/category line",
        "navigation",
        "no words",
        "dateline",
        "repeated line",
    }
)


# A caption ends with its credit: "... harbour. Photo: Meridian Wire/File".
_CAPTION = re.compile(
    r"(?:\b(?:photo|image|picture|photograph|credit)s?\s*(?::|by)|\((?:photo|image)\b)"
    r"[^.!?]{0,80}\)?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\"\u201d\u2019')\]]\s*$")
#: A paragraph of at least this many words ending like a sentence is article text.
SENTENCE_WORDS = 8


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= SENTENCE_WORDS and bool(_SENTENCE_END.search(paragraph))


def _edges(paragraphs: list[str]) -> tuple[int, int]:
    """Index of the first and one past the last prose paragraph (the article text)."""
    prose = [n for n, p in enumerate(paragraphs) if _is_prose(p)]
    return (prose[0], prose[-1] + 1) if prose else (0, len(paragraphs))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def strip_furniture(body: str, *, title: str | None) -> tuple[str, tuple[Dropped, ...]]:
    """``body`` without furniture paragraphs and without the repeated headline."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    verdicts = {
        _norm(d.text): d.reason for d in clean_text(body).dropped if d.reason not in WEAK_REASONS
    }
    headline = _norm(title) if title else None
    first, last = _edges(paragraphs)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for n, paragraph in enumerate(paragraphs):
        key = _norm(paragraph)
        reason = verdicts.get(key)
        if headline and key == headline:
            reason = "headline (the title, repeated in the article)"
        elif reason:
            reason = f"{reason} (inside the article)"
        elif _CAPTION.search(paragraph):
            reason = "photo caption"
        elif headline and not _is_prose(paragraph) and (n < first or n >= last):
            # Short lines above or below the article text on a page with a headline:
            # section labels, datelines, reading times, tag lists, teaser titles.
            reason = "header or footer line outside the article text"
        if reason:
            dropped.append(Dropped(paragraph, reason))
        else:
            kept.append(paragraph)
    return "\n\n".join(kept), tuple(dropped)
