"""Article body and metadata out of an HTML page, by a vote of several extractors.

No single boilerplate remover is best everywhere: trafilatura is precise but misses
text on pages unlike news, readability grabs one container and sometimes the wrong
one, jusText judges each paragraph alone. So the page is cut once into its visible
text blocks (in reading order), every extractor runs on the same parsed tree, and a
block goes into the body when a majority of extractors kept it (or one did, inside the
stretch of page the majority agrees is the article). The blocks
left out become :class:`~crosswire.models.Dropped` records, so nothing is lost.

Page text is hostile input: it is parsed, never executed, and no extractor is
allowed to fetch anything (trafilatura and htmldate get a parsed tree, never a URL
to download).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass

import justext
import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from readability import Document as ReadabilityDocument
from trafilatura.utils import load_html

from crosswire.clean.html_meta import extract_metadata
from crosswire.clean.refine import strip_furniture
from crosswire.clean.result import Cleaned
from crosswire.models import Dropped

logger = logging.getLogger(__name__)

#: Pages longer than this (characters) are cut: extraction time grows with size and
#: no article needs more. The cut is recorded in ``dropped``.
MAX_HTML_CHARS = 5_000_000
#: ``dropped`` keeps at most this many blocks and characters; the rest is summed up
#: in one closing record, so a huge page cannot make a huge article.
MAX_DROPPED_BLOCKS = 400
MAX_DROPPED_CHARS = 100_000

#: Elements whose content is never visible text (and never part of a body).
_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "object",
        "embed",
        "canvas",
        "iframe",
    }
)
#: Elements that end a text block: the page's own paragraph structure.
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "button",
        "textarea",
    }
)
#: Container tags and class/id words that mark page furniture, for the drop reason.
_FURNITURE_TAGS = {
    "nav": "navigation",
    "footer": "footer",
    "header": "header",
    "aside": "sidebar",
    "form": "form",
    "button": "form",
    "select": "form",
}
_FURNITURE_WORDS = re.compile(
    r"(?<![a-z])(?P<what>nav|menu|breadcrumbs?|footer|header|masthead|sidebar|widget|"
    r"comments?|share|social|related|promo|sponsor|advert|ads?|banner|cookie|newsletter|"
    r"subscribe|signup|login|tags?|pagination|copyright)(?![a-z])",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Block:
    """One visible text block of a page, the furniture it sits in, and its link text."""

    text: str
    furniture: str | None
    linked: int = 0  # characters of the text that are link anchors


Extractor = Callable[[HtmlElement], str]


def parse_html(html: str) -> HtmlElement | None:
    """Parse ``html`` leniently into a tree; ``None`` when there is no HTML document in it."""
    # Control characters and lone surrogates make lxml refuse a whole page.
    text = _CONTROL.sub(" ", html[:MAX_HTML_CHARS])
    text = text.encode("utf-8", "replace").decode("utf-8")
    if not text.strip():
        return None
    try:
        tree = load_html(text)
        if tree is None:
            # trafilatura refuses fragments and plain text: give them a document around.
            tree = load_html(f"<html><body><div>{text}</div></body></html>")
    except Exception as error:  # lxml and its wrappers raise many types on junk
        logger.debug("unparsable HTML: %s", error)
        return None
    return tree if isinstance(tree, HtmlElement) else None


def visible_blocks(tree: HtmlElement) -> list[Block]:
    """The page's visible text blocks in document (reading) order, whitespace collapsed."""
    walker = etree.iterwalk(tree, events=("start", "end", "comment", "pi"))
    blocks = _Blocks()
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start" and tag in _INVISIBLE:
            walker.skip_subtree()
        elif event == "start":
            blocks.open(element, tag)
        elif event == "end":
            blocks.close(element, tag)
        else:  # a comment or processing instruction: only its tail is page text
            blocks.add(element.tail)
    blocks.flush()
    return blocks.done


class _Blocks:
    """Text gathered while walking a page, cut into blocks at block-level elements."""

    def __init__(self) -> None:
        self.done: list[Block] = []
        self.parts: list[str] = []
        self.linked = 0
        self.furniture: list[str | None] = [None]
        self.link_depth = 0

    def open(self, element: HtmlElement, tag: str) -> None:
        if tag in _BLOCK:
            self.flush()
        self.furniture.append(_furniture(element, tag) or self.furniture[-1])
        self.link_depth += tag == "a"
        self.add(element.text)

    def close(self, element: HtmlElement, tag: str) -> None:
        if tag not in _INVISIBLE:  # a skipped subtree was never opened
            if tag in _BLOCK:
                self.flush()
            self.furniture.pop()
            self.link_depth -= tag == "a"
        self.add(element.tail)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.link_depth > 0:
                self.linked += len(text.strip())

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        if text:
            self.done.append(Block(text, self.furniture[-1], min(self.linked, len(text))))
        self.parts.clear()
        self.linked = 0


def _furniture(element: HtmlElement, tag: str) -> str | None:
    if tag in _FURNITURE_TAGS:
        return _FURNITURE_TAGS[tag]
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    found = _FURNITURE_WORDS.search(names.replace("_", " ").replace("-", " "))
    return found.group("what").lower() if found else None


# --- the extractors: each takes a parsed tree (never modified) and returns plain text ---


def _trafilatura(tree: HtmlElement, *, precision: bool = False, recall: bool = False) -> str:
    # fast=True: trafilatura's own readability/jusText fallbacks are voters here already.
    text = trafilatura.extract(
        tree,
        fast=True,
        favor_precision=precision,
        favor_recall=recall,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    return text or ""


def _readability(tree: HtmlElement) -> str:
    summary = ReadabilityDocument(deepcopy(tree)).summary(html_partial=True)
    return "\n".join(lxml.html.fromstring(summary).itertext())


@functools.cache
def _stopwords() -> frozenset[str]:
    # The page language is not known yet: the union of every jusText stoplist.
    return frozenset(w for lang in justext.get_stoplists() for w in justext.get_stoplist(lang))


def _justext(tree: HtmlElement) -> str:
    paragraphs = justext.core.ParagraphMaker.make_paragraphs(
        justext.core.preprocessor(deepcopy(tree))
    )
    justext.core.classify_paragraphs(paragraphs, _stopwords(), 50, 150, 0.1, 0.2, 0.25, True)
    justext.core.revise_paragraph_classification(paragraphs, 150)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


#: The voters, each trusted equally. Measured on CleanEval-dev, adding trafilatura's
#: precision and recall modes (sharing one vote with its default mode) changed
#: nothing: they mostly agree with each other, so they would only cost time.
EXTRACTORS: dict[str, Extractor] = {
    "trafilatura": _trafilatura,
    "readability": _readability,
    "justext": _justext,
}
#: Pages with more blocks than this are too big for an extractor (it sits the vote out).
MAX_BLOCKS = {"justext": 2000}
#: An "article" whose text is more than this share of link anchors is a menu.
MAX_LINK_SHARE = 0.5
#: A block that a majority keeps is body for sure ...
MAJORITY = 2
#: ... and so is one that a single extractor keeps, when it lies between the first
#: and the last majority block: an article is one stretch of the page, and a lone
#: extractor that keeps a block inside it is more often right than one keeping a
#: block outside it (a menu, a footer).
INSIDE = 1.0


def run_extractor(name: str, tree: HtmlElement) -> str:
    """Text that extractor ``name`` keeps from ``tree``; empty if it fails on the page."""
    try:
        return EXTRACTORS[name](tree)
    except Exception as error:  # a third-party extractor failing on junk must not stop us
        logger.debug("%s failed: %s", name, error)
        return ""


# --- the vote ---


class _Kept:
    """One extractor's output, indexed to tell quickly how much of a block it kept.

    A block is matched by its word trigrams (its whole word sequence when shorter):
    the share of them found in the output is the share of the block kept. Sets,
    not substring search, so a page of many blocks costs linear time.
    """

    def __init__(self, text: str) -> None:
        self.tokens = _WORD.findall(text.lower())
        self._grams: dict[int, set[tuple[str, ...]]] = {}

    def coverage(self, tokens: list[str]) -> float:
        """Share of a block (given as tokens) that this output contains."""
        if not tokens or not self.tokens:
            return 0.0
        n = min(3, len(tokens))
        if n not in self._grams:
            self._grams[n] = set(_ngrams(self.tokens, n))
        grams = list(_ngrams(tokens, n))
        return sum(g in self._grams[n] for g in grams) / len(grams)


def _ngrams(tokens: list[str], n: int) -> Iterator[tuple[str, ...]]:
    return (tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def vote(blocks: list[Block], outputs: dict[str, str]) -> list[float]:
    """For each block, how many extractors kept it (a partly kept block counts in part)."""
    kept = [_Kept(text) for text in outputs.values()]
    votes = []
    for block in blocks:
        tokens = _WORD.findall(block.text.lower())
        votes.append(sum(k.coverage(tokens) for k in kept))
    return votes


def select(blocks: list[Block], votes: list[float]) -> list[str | None]:
    """For each block, ``None`` if it is body, else why it is not."""
    core = [n for n, v in enumerate(votes) if v >= MAJORITY]
    if not core:
        return ["no extractor majority anywhere on the page"] * len(votes)
    if _mostly_links([blocks[n] for n in core]):
        return ["only link text (a menu or a list of links), no article"] * len(votes)
    first, last = core[0], core[-1]
    reasons: list[str | None] = []
    for n, v in enumerate(votes):
        if v >= MAJORITY or (first <= n <= last and v >= INSIDE):
            reasons.append(None)
        elif first <= n <= last:
            reasons.append(f"kept by {v:.1f} of {len(EXTRACTORS)} extractors")
        else:
            reasons.append(f"outside the article, kept by {v:.1f} of {len(EXTRACTORS)} extractors")
    return reasons


def _mostly_links(blocks: list[Block]) -> bool:
    # Extractors asked for "the main text" of a page of links answer with the links.
    size = sum(len(b.text) for b in blocks)
    return sum(b.linked for b in blocks) > MAX_LINK_SHARE * size


def _drop_reason(block: Block, why: str) -> str:
    if block.furniture:
        return f"boilerplate ({block.furniture}): not in extracted body, {why}"
    return f"not in extracted body: {why}"


def _bounded(dropped: list[Dropped]) -> tuple[Dropped, ...]:
    out: list[Dropped] = []
    size = 0
    for n, item in enumerate(dropped):
        if len(out) >= MAX_DROPPED_BLOCKS or size + len(item.text) > MAX_DROPPED_CHARS:
            rest = dropped[n:]
            chars = sum(len(d.text) for d in rest)
            out.append(
                Dropped(
                    f"[{len(rest)} more blocks, {chars} characters]",
                    "not in extracted body; too many dropped blocks to list",
                )
            )
            break
        out.append(item)
        size += len(item.text)
    return tuple(out)


def extract_body(tree: HtmlElement) -> tuple[str, tuple[Dropped, ...]]:
    """The body of a parsed page (blocks in reading order, blank-line separated) and the rest."""
    blocks = visible_blocks(tree)
    if not blocks:
        return "", ()
    # jusText takes time quadratic in the number of paragraphs: on a page of many
    # thousands of blocks it abstains, and the other two must agree.
    names = [n for n in EXTRACTORS if len(blocks) <= MAX_BLOCKS.get(n, len(blocks))]
    outputs = {name: run_extractor(name, tree) for name in names}
    body: list[str] = []
    dropped: list[Dropped] = []
    for block, why in zip(blocks, select(blocks, vote(blocks, outputs)), strict=True):
        if why is None:
            body.append(block.text)
        else:
            dropped.append(Dropped(block.text, _drop_reason(block, why)))
    return "\n\n".join(body), _bounded(dropped)


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    """Body, metadata and dropped blocks of one HTML page; never raises on bad HTML.

    A page without an article gives an empty ``body`` (the caller decides what
    that means). ``url`` only helps metadata (a date in the path); it is never fetched.
    """
    tree = parse_html(html)
    if tree is None:
        return Cleaned(body="", dropped=_unparsed(html) + _unread(html))
    body, dropped = extract_body(tree)
    meta = extract_metadata(tree, url=url)
    body, furniture = strip_furniture(body, title=meta.title)
    return Cleaned(
        body=body,
        dropped=furniture + dropped + _unread(html),
        title=meta.title,
        author=meta.author,
        outlet=meta.outlet,
        published=meta.published,
        language=meta.language,
    )


def _unparsed(html: str) -> tuple[Dropped, ...]:
    text = _SPACE.sub(" ", html[:MAX_DROPPED_CHARS]).strip()
    return (Dropped(text, "not readable as an HTML page"),) if text else ()


def _unread(html: str) -> tuple[Dropped, ...]:
    if len(html) <= MAX_HTML_CHARS:
        return ()
    return (
        Dropped(
            f"[{len(html) - MAX_HTML_CHARS} characters]",
            f"beyond the first {MAX_HTML_CHARS} characters of the page, not read",
        ),
    )
