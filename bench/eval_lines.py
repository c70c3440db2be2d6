"""Score the line cleaner on CleanEval pages flattened to the text a scraper leaves.

Each CleanEval page (``input/N.html.gz``) is flattened with lxml: script, style and
noscript are dropped, every block element starts a new line and inline elements
are joined into their line. :func:`crosswire.clean.lines.clean_text` then keeps
the body, and the kept text (title and body) is scored against the gold text
(``GoldStandard/N.txt.gz``, its ``<p>``/``<h>``/``<l>`` markers removed) as a
bag of lower-cased word tokens: precision, recall and F1, micro-averaged over all
tokens of all pages and also averaged per page. "Keep every line" is the baseline.

Tune on ``dev`` (58 pages); ``final`` (681 pages with gold) is held out.

Usage: ``python bench/eval_lines.py [--split dev|final] [--limit N]`` (it also times the
cleaner on the short example news articles).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import time
import timeit
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from crosswire.clean.lines import clean_text

REPO = Path(__file__).resolve().parents[1]
SPLITS = {"dev": "cleaneval-dev", "final": "cleaneval-final"}


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements that start a paragraph of their own (a blank line around them) ...
_PARAGRAPH_TAGS = _word_set(
    "p h1 h2 h3 h4 h5 h6 blockquote pre ul ol dl table hr section article "
    "header footer nav aside form fieldset address center main figure"
)
# ... and those that only start a new line.
_LINE_TAGS = _word_set("div li tr td th br dt dd caption option figcaption label")
_SKIP_TAGS = _word_set("script style noscript head select textarea iframe object")
_TOKEN = re.compile(r"\w+")
_GOLD_MARKER = re.compile(r"<[phl]>", re.IGNORECASE)


def shared_dir() -> Path:
    """Where the third-party data lives: ``$CROSSWIRE_SHARED`` or ``<repo>/../shared``."""
    return Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))


def split_dir(split: str) -> Path:
    """The CleanEval folder of one split (``dev`` or ``final``)."""
    return shared_dir() / "data" / "extraction-dev" / "cleaneval" / SPLITS[split]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def flatten_html(html: str) -> str:
    """The text a scraper leaves of a page: one line per block element, no markup."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    _walk(root, parts)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _walk(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS or not tag:
        # Comments and processing instructions have no text of their own, only a tail.
        if element.tail:
            parts.append(element.tail)
        return
    brk = "\n\n" if tag in _PARAGRAPH_TAGS else "\n" if tag in _LINE_TAGS else ""
    parts.append(brk)
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    parts.append(brk)
    if element.tail:
        parts.append(element.tail)


def gold_text(raw: str) -> str:
    """The gold text without its ``URL:`` line and paragraph markers."""
    if raw.startswith("URL:"):
        raw = raw.split("\n", 1)[1] if "\n" in raw else ""
    return _GOLD_MARKER.sub(" ", raw)


def tokens(text: str) -> Counter[str]:
    """Bag of lower-cased word tokens."""
    return Counter(_TOKEN.findall(text.lower()))


@dataclass
class Page:
    """One CleanEval page: its flattened text and its gold text."""

    name: str
    text: str
    gold: str


def load_pages(split: str, limit: int | None = None) -> Iterator[Page]:
    """The pages of a split that have a gold file, in numeric order."""
    folder = split_dir(split)
    names = sorted(
        (p.name.split(".")[0] for p in (folder / "GoldStandard").glob("*.txt.gz")),
        key=int,
    )
    for name in names[:limit]:
        html = _decode(gzip.decompress((folder / "input" / f"{name}.html.gz").read_bytes()))
        gold = _decode(gzip.decompress((folder / "GoldStandard" / f"{name}.txt.gz").read_bytes()))
        yield Page(name, flatten_html(html), gold_text(gold))


def _extract(text: str) -> str:
    cleaned = clean_text(text)
    return f"{cleaned.title}\n\n{cleaned.body}" if cleaned.title else cleaned.body


def _score(found: int, gold: int, overlap: int) -> dict[str, float]:
    precision = overlap / found if found else 0.0
    recall = overlap / gold if gold else 0.0
    total = precision + recall
    return {"p": precision, "r": recall, "f1": 2 * precision * recall / total if total else 0.0}


def score_pages(pages: list[Page], extract: Callable[[str], str]) -> dict[str, float]:
    """Micro (all tokens) and per-page mean precision/recall/F1 of ``extract``."""
    found = gold = overlap = 0
    per_page: list[dict[str, float]] = []
    for page in pages:
        got, want = tokens(extract(page.text)), tokens(page.gold)
        common = sum((got & want).values())
        n_got, n_want = sum(got.values()), sum(want.values())
        found, gold, overlap = found + n_got, gold + n_want, overlap + common
        per_page.append(_score(n_got, n_want, common))
    micro = _score(found, gold, overlap)
    n = max(len(per_page), 1)
    mean = {k: sum(s[k] for s in per_page) / n for k in ("p", "r", "f1")}
    return {
        **{f"micro_{k}": v for k, v in micro.items()},
        **{f"mean_{k}": v for k, v in mean.items()},
    }


def evaluate(split: str, limit: int | None = None) -> dict[str, float]:
    """Scores of the cleaner and of keeping every line on one split, and pages per second."""
    pages = list(load_pages(split, limit))
    start = time.perf_counter()
    for page in pages:
        clean_text(page.text)
    elapsed = time.perf_counter() - start
    result = score_pages(pages, _extract)
    baseline = score_pages(pages, lambda text: text)
    result.update({f"baseline_{k}": v for k, v in baseline.items()})
    result["pages"] = float(len(pages))
    result["pages_per_s"] = len(pages) / elapsed if elapsed else 0.0
    return result


def example_speed(repeat: int = 5, number: int = 100) -> float:
    """Articles per second on the example news articles (short pages), best of ``repeat``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_dir().glob("examples/*/*.txt"))]
    if not texts:
        return 0.0
    best = min(timeit.repeat(lambda: [clean_text(t) for t in texts], number=number, repeat=repeat))
    return len(texts) * number / best


def main() -> None:
    """Print the score table of one split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    r = evaluate(args.split, args.limit)
    print(f"example news articles: {example_speed():.0f} articles/s")
    print(f"CleanEval {args.split}: {int(r['pages'])} pages, {r['pages_per_s']:.0f} pages/s")
    print(f"{'':24} {'P':>6} {'R':>6} {'F1':>6}")
    for label, prefix in (("clean_text", ""), ("keep every line", "baseline_")):
        for avg in ("micro", "mean"):
            k = f"{prefix}{avg}_"
            row = f"{label} ({avg})"
            print(f"{row:24} {r[k + 'p']:6.3f} {r[k + 'r']:6.3f} {r[k + 'f1']:6.3f}")


if __name__ == "__main__":
    main()
