"""The hostile inputs of ``test_xss_corpus.py``: the XSS corpus and articles carrying it.

``data/xss_payloads.jsonl`` holds the corpus, one payload a line: ``name``,
``payload``, ``context`` (where it runs when a page does *not* escape it:
``html`` text, a quoted ``attribute`` value, ``click`` on the markup it makes,
an ``href``, or ``csv`` for spreadsheet formulas) and ``live`` (it does run
there in Chromium; else ``note`` says why not: obsolete, inert, or dangerous only
if decoded twice).

:func:`build_database` stores, with NLP on: JSONL articles whose titles, outlets,
URLs and bodies carry the payloads; HTML pages carrying them in ``<title>``,
``<meta>`` and JSON-LD; a knowledge-base extension whose actor names are payloads
(aliases are plain names the articles use); sentences that make spaCy tag
payload-laden names as PERSON or ORG; and, through ``Ingester.load`` (the path of
``crosswire load`` for Spark output, whose rows carry fields as given), authors that
are payloads, since every ingest route reduces an author to name-like words.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from pathlib import Path

from crosswire import service
from crosswire.config import Settings
from crosswire.ingester import Ingester
from crosswire.models import Article
from crosswire.store import Store

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Payload:
    """One corpus entry (see the module docstring)."""

    name: str
    payload: str
    context: str
    live: bool
    note: str | None = None


def load_corpus() -> list[Payload]:
    """The corpus, in file order."""
    lines = (DATA / "xss_payloads.jsonl").read_text(encoding="utf-8").splitlines()
    return [Payload(**json.loads(line)) for line in lines if line.strip()]


CORPUS = load_corpus()
BY_NAME = {p.name: p for p in CORPUS}

# ---------------------------------------------------------------- the inputs

#: Knowledge-base actors: key, the alias the articles use, kind, sector, and the
#: payload that becomes the actor's name (so its actor page, timeline and network
#: node all carry it).
KB_ACTORS = [
    ("XSS.DASKEL", "Orvan Daskel", "PERSON", "GOV", "img-onerror"),
    ("XSS.KRANE", "Ilse Krane", "PERSON", "GOV", "break-title"),
    ("XSS.GRAIN", "Tessaly Grain Board", "ORG", "GOV", "svg-script"),
    ("XSS.PORT", "Velmora Port Authority", "ORG", "GOV", "break-double-img"),
    ("XSS.DOCKS", "Meridian Dockworkers Federation", "ORG", "LAB", "mxss-noscript"),
    ("XSS.HOLT", "Bastian Holt", "PERSON", "MIL", "break-attr-nospace"),
]

#: Sentences with events between the knowledge-base actors ({a}, {b}: aliases).
EVENT_SENTENCES = [
    "{a} met {b} in Port Arlen on Monday to discuss grain exports.",
    "{a} accused {b} of blocking grain shipments at the harbour.",
    "{a} signed an agreement with {b} on the reopening of the grain terminal.",
    "{a} threatened to impose sanctions on {b} over the stalled cargo.",
    "{a} praised {b} for ending the dispute over the harbour fees.",
    "{a} criticized {b} for delaying the inspection of the grain silos.",
    "{a} promised to send aid to {b} after the storm damaged the docks.",
]

#: Frames in which spaCy's small English model tags a name with a payload inside
#: as PERSON or ORG ({p}: the payload; found by trying, checked in the tests).
NER_FRAMES = [
    (
        "President Elena {p}Varga said on Monday that the grain talks had failed. "
        "Varga accused the harbour board of bad faith."
    ),
    (
        "The {p}Norland Workers Union called a strike. "
        "The {p}Norland Workers Union said wages were too low."
    ),
    (
        "The Norland Workers Union{p} called a strike on Monday. "
        "Officials of the Norland Workers Union{p} met the minister."
    ),
]
NER_PAYLOADS = [
    "break-attr-nospace",
    "entity-escaped",
    "break-attr-single",
    "numeric-entity-escaped",
]

#: Payloads given as authors through ``Ingester.load``.
AUTHOR_PAYLOADS = ["break-double-img", "break-title", "svg-onload"]


def kb_lines() -> list[str]:
    """The knowledge-base extension: actors named by payloads."""
    return [
        json.dumps(
            {
                "key": key,
                "name": BY_NAME[name].payload,
                "kind": kind,
                "sector": sector,
                "aliases": [alias, alias.split()[-1]] if kind == "PERSON" else [alias],
            }
        )
        for key, alias, kind, sector, name in KB_ACTORS
    ]


def _body(k: int, chunk: list[Payload]) -> str:
    aliases = [alias for _, alias, *_ in KB_ACTORS]
    sentences = []
    for i in range(3):
        a, b = aliases[(k + i) % len(aliases)], aliases[(k + 2 * i + 1) % len(aliases)]
        sentences.append(EVENT_SENTENCES[(k + 3 * i) % len(EVENT_SENTENCES)].format(a=a, b=b))
    frame = NER_FRAMES[k % len(NER_FRAMES)]
    sentences.append(frame.format(p=BY_NAME[NER_PAYLOADS[k % len(NER_PAYLOADS)]].payload))
    for i, p in enumerate(chunk):
        sentences.insert(
            1 + i, f"A statement posted on the port's site read: {p.payload} and nothing else."
        )
    return "\n\n".join(sentences)


def jsonl_records() -> list[dict[str, str]]:
    """Articles with payloads in the title (first), outlet, URL and body (all of them).

    Formula payloads start titles, so the CSV export sees them at a cell's start.
    """
    formulas = [p for p in CORPUS if p.context == "csv"]
    others = [p for p in CORPUS if p.context != "csv"]
    records = []
    for k in range(0, len(others), 5):
        chunk = others[k : k + 5]
        n = k // 5
        lead = formulas[n] if n < len(formulas) else chunk[0]
        url = "javascript:alert(1)" if n % 3 == 0 else f"https://news{n}.example/port-arlen/{n}"
        records.append(
            {
                "id": f"xss-{n}",
                "title": f"{lead.payload} Port Arlen grain talks, day {n + 1} {chunk[-1].payload}",
                "outlet": chunk[1].payload,
                "url": url,
                "published": f"2026-03-{n + 1:02d}",
                "text": _body(n, chunk),
            }
        )
    return records


def html_page(n: int, title: Payload, site: Payload, author: Payload, ld: Payload) -> str:
    """A news page with payloads in ``<title>``, ``<meta>``, JSON-LD and its paragraphs.

    The JSON-LD is written as a careless site would: ``</script>`` in it breaks out.
    """
    e = html.escape
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": ld.payload,
        "author": {"@type": "Person", "name": ld.payload},
        "publisher": {"@type": "Organization", "name": ld.payload},
        "datePublished": f"2026-03-{n + 10:02d}",
    }
    paragraphs = "".join(f"<p>{e(text)}</p>" for text in _body(n, [title, ld]).split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{e(title.payload)} Port Arlen docks</title>"
        f'<meta name="author" content="{e(author.payload)}">'
        f'<meta property="og:site_name" content="{e(site.payload)}">'
        f'<meta property="og:title" content="{e(title.payload)} Port Arlen docks">'
        f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
        f"<body><nav>Home | World</nav><article><h1>{e(title.payload)} Port Arlen docks</h1>"
        f"{paragraphs}<p>{site.payload} raw markup in the page itself</p></article>"
        "<footer>Contact us</footer></body></html>"
    )


def write_inputs(folder: Path) -> Path:
    """Every input file under ``folder``; returns the knowledge-base file."""
    (folder / "in").mkdir()
    with open(folder / "in" / "articles.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl_records())
    pages = [
        ("break-title", "body-onload", "img-onerror", "break-script"),
        ("svg-onload", "break-double-script", "break-textarea", "script-tag"),
        ("mxss-math-style", "break-single-svg", "comment-img", "img-eval-src"),
    ]
    for n, names in enumerate(pages):
        page = html_page(n, *(BY_NAME[name] for name in names))
        (folder / "in" / f"page-{n}.html").write_text(page, encoding="utf-8")
    kb = folder / "kb.jsonl"
    kb.write_text("\n".join(kb_lines()) + "\n", encoding="utf-8")
    return kb


def _load_with_authors(url: str, settings: Settings, folder: Path) -> None:
    """Articles whose authors are payloads, stored the way ``crosswire load`` stores rows."""
    source = folder / "authors.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for n, name in enumerate(AUTHOR_PAYLOADS):
            text = _body(n + 20, [BY_NAME[name]])
            handle.write(
                json.dumps(
                    {
                        "id": f"author-{n}",
                        "text": text,
                        "outlet": "Port Wire",
                        "title": f"Harbour dispute, part {n}",
                        "published": f"2026-03-{n + 20:02d}",
                    }
                )
                + "\n"
            )
    found = [r for r in service.extract([str(source)], settings=settings) if isinstance(r, Article)]
    assert len(found) == len(AUTHOR_PAYLOADS)
    pairs = zip(found, AUTHOR_PAYLOADS, strict=True)
    hostile = [replace(a, author=BY_NAME[name].payload) for a, name in pairs]
    with Store.open(url) as store:
        report = Ingester(store, settings).load(hostile)
    assert report.ok and report.added == len(AUTHOR_PAYLOADS), report


def build_database(folder: Path) -> tuple[str, Path]:
    """A SQLite database of every hostile input under ``folder``, and its knowledge base."""
    kb = write_inputs(folder)
    url = f"sqlite:///{folder / 'hostile.db'}"
    settings = Settings(db_url=url, kb_path=str(kb), workers=1)
    report = service.ingest([str(folder / "in")], settings=settings)
    assert report.ok, report.failures
    _load_with_authors(url, settings, folder)
    return url, kb
