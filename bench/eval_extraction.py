"""Score HTML body extraction on CleanEval: crosswire's vote against each single extractor.

Each CleanEval page (``input/N.html.gz``, its ``<text id=URL>`` wrapper removed)
goes through every extractor; the extracted body is scored against the gold text
(``GoldStandard/N.txt.gz``, its ``URL:`` line and ``<p>``/``<h>``/``<l>`` markers
removed) as a bag of lower-cased word tokens: precision, recall and F1,
micro-averaged over all tokens of all pages, and averaged per page (a page with
nothing extracted has precision 0). Speed is pages per second of each extractor.

The single extractors run as their users would run them: trafilatura's three
modes with their built-in fallbacks, readability-lxml's summary, jusText with
the English stoplist. ``crosswire`` is :func:`crosswire.clean.html.clean_html`.

Tune on ``dev`` (58 pages); ``final`` (681 pages with gold) is held out.

Usage: ``python bench/eval_extraction.py [--split dev|final] [--limit N] [--extractors ...]``
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import justext
import lxml.html
import trafilatura
from readability import Document

from crosswire.clean.html import clean_html

REPO = Path(__file__).resolve().parents[1]
SPLITS = {"dev": "cleaneval-dev", "final": "cleaneval-final"}
_WRAPPER = re.compile(r"^\s*<text\b[^>]*>|</text>\s*$", re.IGNORECASE)
_GOLD_URL = re.compile(r"\AURL:[^\n]*\n")
_GOLD_MARKER = re.compile(r"<[phl]>", re.IGNORECASE)
_TOKEN = re.compile(r"\w+")


def shared_dir() -> Path:
    """Where the third-party data lives: ``$CROSSWIRE_SHARED`` or ``<repo>/../shared``."""
    return Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))


@dataclass(frozen=True)
class Page:
    """One CleanEval page and its gold text."""

    name: str
    html: str
    gold: str


def _decode(raw: bytes) -> str:
    # CleanEval pages declare no encoding ("unset"): most are UTF-8 or ASCII, the rest Windows.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def load_pages(split: str, limit: int | None = None) -> list[Page]:
    """The pages of ``split`` that have gold text, in numeric order."""
    root = shared_dir() / "data" / "extraction-dev" / "cleaneval" / SPLITS[split]
    golds = sorted(
        (root / "GoldStandard").glob("*.txt.gz"), key=lambda p: int(p.name.split(".")[0])
    )
    pages = []
    for gold_path in golds[:limit]:
        name = gold_path.name.split(".")[0]
        html = _WRAPPER.sub(
            "", _decode(gzip.decompress((root / "input" / f"{name}.html.gz").read_bytes()))
        )
        gold = _decode(gzip.decompress(gold_path.read_bytes()))
        pages.append(Page(name, html, _GOLD_MARKER.sub(" ", _GOLD_URL.sub("", gold))))
    return pages


def _trafilatura(**options: bool) -> Callable[[str], str]:
    def extract(html: str) -> str:
        return trafilatura.extract(html, include_comments=False, **options) or ""

    return extract


def _readability(html: str) -> str:
    summary = Document(html).summary(html_partial=True)
    return "\n".join(lxml.html.fromstring(summary).itertext())


def _justext(html: str) -> str:
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "crosswire": lambda html: clean_html(html).body,
    "trafilatura-precision": _trafilatura(favor_precision=True),
    "trafilatura-default": _trafilatura(),
    "trafilatura-recall": _trafilatura(favor_recall=True),
    "readability": _readability,
    "justext": _justext,
}


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def _prf(overlap: int, extracted: int, gold: int) -> dict[str, float]:
    precision = overlap / extracted if extracted else 0.0
    recall = overlap / gold if gold else 0.0
    total = precision + recall
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / total if total else 0.0,
    }


def score(outputs: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Micro and per-page-mean precision/recall/F1 of (extracted, gold) text pairs."""
    sums = Counter[str]()
    per_page: list[dict[str, float]] = []
    for extracted, gold in outputs:
        got, want = _tokens(extracted), _tokens(gold)
        counts = {"overlap": (got & want).total(), "extracted": got.total(), "gold": want.total()}
        sums.update(counts)
        per_page.append(_prf(**counts))
    mean = {
        key: sum(p[key] for p in per_page) / len(per_page) for key in ("precision", "recall", "f1")
    }
    return {"micro": _prf(sums["overlap"], sums["extracted"], sums["gold"]), "mean": mean}


def _run(extract: Callable[[str], str], pages: list[Page]) -> Iterator[tuple[str, str]]:
    for page in pages:
        try:
            text = extract(page.html)
        except Exception:  # a crashing baseline scores as extracting nothing on that page
            text = ""
        yield text, page.gold


def evaluate(
    split: str = "dev", limit: int | None = None, extractors: Iterable[str] = tuple(EXTRACTORS)
) -> dict[str, Any]:
    """Scores and speed of each extractor: ``{name: {micro, mean, pages_per_second}}``."""
    pages = load_pages(split, limit)
    if not pages:
        raise FileNotFoundError(f"no CleanEval {split} pages under {shared_dir()}")
    results: dict[str, Any] = {}
    for name in extractors:
        start = time.perf_counter()
        outputs = list(_run(EXTRACTORS[name], pages))
        seconds = time.perf_counter() - start
        results[name] = {**score(outputs), "pages_per_second": len(pages) / seconds}
    return {"split": split, "pages": len(pages), "extractors": results}


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"CleanEval {report['split']}: {report['pages']} pages, token-level scores",
        f"{'extractor':<24}{'micro P':>9}{'R':>7}{'F1':>7}{'mean P':>9}{'R':>7}{'F1':>7}"
        f"{'pages/s':>9}",
    ]
    for name, r in report["extractors"].items():
        micro, mean = r["micro"], r["mean"]
        lines.append(
            f"{name:<24}{micro['precision']:>9.3f}{micro['recall']:>7.3f}{micro['f1']:>7.3f}"
            f"{mean['precision']:>9.3f}{mean['recall']:>7.3f}{mean['f1']:>7.3f}"
            f"{r['pages_per_second']:>9.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    """Command line: score the chosen extractors on one split and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument(
        "--extractors", nargs="+", choices=list(EXTRACTORS), default=list(EXTRACTORS)
    )
    args = parser.parse_args()
    logging.disable(logging.ERROR)  # the extractors log every page they fail on
    print(_table(evaluate(args.split, args.limit, args.extractors)))


if __name__ == "__main__":
    main()
