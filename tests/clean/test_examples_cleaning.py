"""Section 1 of EXPECTED.md: the example articles are cleaned as specified.

The strings below come from the spec and the example files; the cleaner itself
knows none of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crosswire.clean.lines import clean_text
from crosswire.clean.result import Cleaned

TITLE_001 = "China to Host Russia in Joint Exercise, Senior Military Leaders Confirm in Talks"


def _clean(examples: Path, prefix: str) -> tuple[str, Cleaned]:
    path = next(examples.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, clean_text(text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _body_lines(text: str) -> list[str]:
    """Input lines that hold at least one full sentence of 8 words or more."""
    return [
        ln.strip()
        for ln in text.splitlines()
        if ln.strip().endswith((".", "?", "”")) and len(ln.split()) >= 8
    ]


def _dropped(cleaned: Cleaned, line: str) -> list[str]:
    return [d.reason for d in cleaned.dropped if d.text == line]


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_nothing_is_lost(examples: Path, prefix: str) -> None:
    text, cleaned = _clean(examples, prefix)
    covered = set(cleaned.body.splitlines()) | {d.text for d in cleaned.dropped}
    covered.add(cleaned.title or "")
    for line in text.splitlines():
        if line.strip():
            assert " ".join(line.split()) in covered, line


def test_000_keeps_every_body_sentence(examples: Path) -> None:
    text, cleaned = _clean(examples, "000")
    furniture_paragraph = next(ln for ln in text.splitlines() if ln.startswith("Broe takes"))
    for line in _body_lines(text):
        if line == furniture_paragraph:
            continue
        for sentence in _sentences(line):
            assert sentence in cleaned.body, sentence


def test_000_drops_the_furniture_with_reasons(examples: Path) -> None:
    text, cleaned = _clean(examples, "000")
    teaser_title = "Jake Broe: The Road to How Russia Loses in Ukraine"
    assert len(_dropped(cleaned, "Advertisement")) == 2
    assert len(_dropped(cleaned, teaser_title)) == 2
    assert _dropped(cleaned, "Other Topics of Interest")
    teaser = next(ln.strip() for ln in text.splitlines() if ln.startswith("Broe takes"))
    assert teaser.endswith("How realistic is it?")
    assert _dropped(cleaned, teaser)
    assert _dropped(cleaned, "To suggest a correction or clarification, write to us here")
    assert _dropped(cleaned, "You can also highlight the text and press Ctrl + Enter")
    assert all(d.reason.strip() for d in cleaned.dropped)
    assert "Jake Broe" not in cleaned.body
    assert "Broe" not in cleaned.body


def test_000_has_no_title(examples: Path) -> None:
    _, cleaned = _clean(examples, "000")
    assert cleaned.title is None


def test_001_title_breadcrumb_tags_and_source(examples: Path) -> None:
    text, cleaned = _clean(examples, "001")
    assert cleaned.title == TITLE_001
    assert TITLE_001 not in cleaned.body
    breadcrumb = next(ln.strip() for ln in text.splitlines() if ln.startswith("Home »"))
    assert _dropped(cleaned, breadcrumb)
    assert _dropped(cleaned, "Asia China Global News Military Russia")
    assert _dropped(cleaned, "Source :")
    for line in _body_lines(text):
        for sentence in _sentences(line):
            assert sentence in cleaned.body, sentence
