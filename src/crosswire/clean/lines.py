"""Scraped text to article body: each line is body or page furniture, and says why.

:func:`clean_text` takes the plain text a scraper left of a news page (article
paragraphs mixed with ads, menus, share prompts, related-content teasers ...) and
returns a :class:`~crosswire.clean.result.Cleaned`: the body, the title and the
author when the page gives them, and every other non-blank line as a
:class:`~crosswire.models.Dropped` with its reason. Nothing is lost silently.

The decision is made in passes over the lines, each general (no site's wording):

1. line patterns (:mod:`crosswire.clean.furniture`): ads, breadcrumbs, bylines ...;
2. repetition: a line the page repeats is furniture (teaser titles, menus);
3. prose quality: how long a line is and how dense in function words;
4. related-content blocks: lines after a "Related"/"Read more" header, or after a
   repeated teaser title, are teasers until a paragraph that is on the article's
   topic (lexical cohesion with the rest of the body) resumes the article;
5. context: a short line (a heading, a one-line quote) is kept only between body
   lines, as in jusText's context-sensitive pass;
6. the title: a headline-like line above the first body paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from crosswire.clean.furniture import (
    STOPWORDS,
    LineFeatures,
    byline_author,
    dateline_date,
    features,
    furniture_reason,
    is_headline_like,
    is_tag_line,
    is_topic_run,
)
from crosswire.clean.result import Cleaned
from crosswire.models import Dropped

REPEATED = "repeated line"
RELATED_HEADER = "related-content header"
# A header with a teaser title on its line ("Also read: <title>").
RELATED_LINK = "related-content link"
_HEADERS = (RELATED_HEADER, RELATED_LINK)
TEASER = "related-content teaser"
SHORT = "too short / no sentence"
TAG_LINE = "tag/category line"
# A line shorter than this is too generic for its repetition to mean anything.
_MIN_REPEAT_CHARS = 12
# A paragraph sharing less than this share of its content words with the rest of
# the body is about something else (a teaser of another article).
_MIN_COHESION = 0.3
# The title is looked for among this many lines at the top of the page.
_TITLE_WINDOW = 12


@dataclass
class _Line:
    """One non-blank input line and what the passes decided about it."""

    index: int
    block: int
    text: str
    feats: LineFeatures
    reason: str | None = None
    good: bool = False
    near: bool = False
    content: set[str] | None = None


def clean_text(text: str) -> Cleaned:
    """Split scraped page text into the article body, its title and author, and furniture."""
    lines = _read_lines(text)
    for line in lines:
        line.reason = furniture_reason(line.text, line.feats)
    _mark_repeated(lines)
    for line in lines:
        line.good, line.near = _prose_quality(line.feats)
    _mark_related_blocks(lines)
    _apply_context(lines)
    title = _find_title(lines)
    author = next(
        (a for ln in lines if ln.reason == "byline" and (a := byline_author(ln.text))), None
    )
    published = next(
        (d for ln in lines if ln.reason == "dateline" and (d := dateline_date(ln.text))), None
    )
    body = _join_body([ln for ln in lines if ln.reason is None and ln is not title])
    dropped = tuple(
        Dropped(ln.text, ln.reason) for ln in lines if ln.reason is not None and ln is not title
    )
    return Cleaned(
        body=body,
        dropped=dropped,
        title=title.text if title else None,
        author=author,
        published=published,
    )


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    for raw in text.splitlines():
        stripped = " ".join(raw.split())
        if not stripped:
            block += 1
            continue
        lines.append(_Line(len(lines), block, stripped, features(stripped)))
    return lines


def _normal(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .:")


def _mark_repeated(lines: list[_Line]) -> None:
    """Drop lines the page repeats, except prose sentences (quoted, or pull quotes)."""
    keys = [_normal(ln.text) for ln in lines]
    counts = Counter(keys)
    for line, key in zip(lines, keys, strict=True):
        if line.reason is not None or counts[key] < 2 or len(key) < _MIN_REPEAT_CHARS:
            continue
        if not (line.feats.ends_sentence and line.feats.n_words >= 8):
            line.reason = REPEATED


def _prose_quality(feats: LineFeatures) -> tuple[bool, bool]:
    """(good, near): good is clearly prose; near could be a short body line."""
    n, density = feats.n_words, feats.stop_density
    good = (n >= 10 and density >= 0.2) or (n >= 6 and feats.ends_sentence and density >= 0.2)
    near = n >= 3 and density > 0 and (feats.ends_sentence or n >= 6)
    return good, near and not good


def _content_words(line: _Line) -> set[str]:
    # A five-letter prefix is a cheap stem: "vehicle"/"vehicles", "Russia"/"Russian".
    if line.content is None:
        line.content = {
            w.lower()[:5]
            for w in line.feats.words
            if len(w) > 3 and w.lower() not in STOPWORDS and not w.isdigit()
        }
    return line.content


class _Cohesion:
    """How much a line's content words recur in the rest of the body."""

    def __init__(self, lines: list[_Line]) -> None:
        self.counts: Counter[str] = Counter()
        for line in filter(_is_body, lines):
            self.counts.update(_content_words(line))

    def of(self, line: _Line) -> float:
        """Share of the line's content words found in other body lines."""
        own = _content_words(line)
        if not own:
            return 0.0
        floor = 1 if _is_body(line) else 0
        return sum(1 for w in own if self.counts[w] > floor) / len(own)

    def unique_to(self, line: _Line, titles: set[str]) -> bool:
        """Whether the line shares a word with teaser titles that the body never uses."""
        floor = 1 if _is_body(line) else 0
        return any(self.counts[w] <= floor for w in _content_words(line) & titles)


def _is_body(line: _Line) -> bool:
    return line.good and line.reason is None


def _opens_block(line: _Line, body_started: bool) -> bool:
    if line.reason in _HEADERS:
        return True
    # A repeated headline below the top of the page is a teaser title.
    return body_started and line.reason == REPEATED and is_headline_like(line.text, line.feats)


def _mark_related_blocks(lines: list[_Line]) -> None:
    """Mark the teasers of related-content blocks, up to where the article resumes.

    A block opens at a related-content header, or at a repeated headline (a
    teaser title). Short lines in it are teaser titles. A prose paragraph in it is
    a teaser when it names what only the teaser titles name, or, under a header,
    when it follows a teaser title and is off the article's topic. The first prose
    paragraph that is not a teaser resumes the article.
    """
    cohesion: _Cohesion | None = None
    opener: _Line | None = None
    titles: set[str] = set()
    after_title = body_started = False
    for line in lines:
        if _opens_block(line, body_started):
            titles = (titles if opener else set()) | _content_words(line)
            opener, after_title = line, line.reason in (REPEATED, RELATED_LINK)
            continue
        body_started = body_started or _is_body(line)
        if opener is None or line.reason is not None:
            after_title = after_title and line.reason == REPEATED
            continue
        if not line.good:
            line.reason = TEASER
            titles |= _content_words(line)
            after_title = True
            continue
        cohesion = cohesion or _Cohesion(lines)
        off_topic = opener.reason in _HEADERS and after_title
        if cohesion.unique_to(line, titles) or (off_topic and cohesion.of(line) < _MIN_COHESION):
            line.reason = TEASER
            after_title = False
            if opener.reason == RELATED_HEADER:
                continue
        opener, titles = None, set()


def _apply_context(lines: list[_Line]) -> None:
    """Keep a near-good or short line only when body lines surround it."""
    before = _nearest_decided(lines, range(len(lines)))
    after = _nearest_decided(lines, range(len(lines) - 1, -1, -1))
    for i, line in enumerate(lines):
        if line.reason is not None or line.good:
            continue
        # A short sentence next to the body is body (an opening or closing line
        # beside furniture); other short lines must sit between body lines.
        if line.near and line.feats.ends_sentence and (before[i] or after[i]):
            continue
        if not (before[i] and (after[i] or (line.near and after[i] is None))):
            line.reason = TAG_LINE if is_tag_line(line.text, line.feats) else SHORT


def _nearest_decided(lines: list[_Line], order: range) -> list[bool | None]:
    """For each line, whether the nearest decided line in walking order is body (None: edge)."""
    result: list[bool | None] = [None] * len(lines)
    last: bool | None = None
    for i in order:
        result[i] = last
        line = lines[i]
        if line.reason is not None:
            last = False
        elif line.good:
            last = True
    return result


def _find_title(lines: list[_Line]) -> _Line | None:
    """A headline-like line above the first body paragraph (confirmed ones preferred).

    A run of topic words (a tag or category line) is a title only when confirmed:
    repeated in the head of the page, as a breadcrumb's last step repeats it.
    """
    head: list[_Line] = []
    for line in lines[:_TITLE_WINDOW]:
        if line.reason is None and line.good and not is_headline_like(line.text, line.feats):
            break
        head.append(line)
    candidates = [
        ln
        for ln in head
        if ln.reason in (None, SHORT, REPEATED, TAG_LINE) and is_headline_like(ln.text, ln.feats)
    ]
    if not candidates:
        return None
    others = " \n ".join(_normal(ln.text) for ln in head)
    confirmed = [ln for ln in candidates if others.count(_normal(ln.text)) > 1]
    plain = [
        ln for ln in candidates if ln.reason != TAG_LINE and not is_topic_run(ln.text, ln.feats)
    ]
    best = confirmed or plain
    return best[-1] if best else None


def _join_body(kept: list[_Line]) -> str:
    paragraphs: list[list[str]] = []
    last_block = -1
    for line in kept:
        if line.block != last_block:
            paragraphs.append([])
            last_block = line.block
        paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(p) for p in paragraphs)
