"""Hostile input in the web UI: an XSS corpus in every field, checked in a real Chromium.

The corpus and the articles carrying it are built in ``tests/web/hostile.py`` (one
database per module, NLP on); one ``crosswire serve`` over it, and every page type
visited in one browser. The first test proves every live payload runs where nothing
escapes it, so the detectors here are shown able to fail.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page

from tests.web.conftest import Watch, send_json, serve_process
from tests.web.hostile import AUTHOR_PAYLOADS, BY_NAME, CORPUS, KB_ACTORS, Payload, build_database

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A database of hostile articles (NLP on) and the knowledge-base file it used."""
    return build_database(tmp_path_factory.mktemp("xss"))


@pytest.fixture(scope="module")
def hostile_server(
    hostile_db: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """``crosswire serve`` over the hostile database, with hostile outlet profiles."""
    url, kb = hostile_db
    outlets = tmp_path_factory.mktemp("xss-outlets") / "outlets.tsv"
    env = {"CROSSWIRE_KB": str(kb), "CROSSWIRE_OUTLETS": str(outlets)}
    with serve_process(url, env, tmp_path_factory.mktemp("xss-serve")) as base:
        _put_outlet_profiles(base)
        yield base


def _largest_story(base: str) -> dict[str, Any]:
    stories = _get_json(f"{base}/api/stories?limit=200")["items"]
    return max(stories, key=lambda story: len(story["article_ids"]))


def _put_outlet_profiles(base: str) -> None:
    """Profiles whose every text field is a payload, for the outlets of the largest story."""
    names = {name for name in _largest_story(base)["outlets"] if "/" not in name}
    texts = [p.payload for p in CORPUS if p.live and "|" not in p.payload]
    for n, name in enumerate(sorted(names)):
        text = texts[n % len(texts)]
        body = {
            "aliases": [text],
            "country": "NOR",
            "ownership": "private",
            "state_affiliation": text,
            "lean": text[:100],
            "notes": text,
        }
        status, _ = send_json(f"{base}/api/outlets/{_q(name)}", body, method="PUT", timeout=60)
        assert status == 201


# ---------------------------------------------------------------- the detectors

#: Before any page script: record every CSP violation the page reports.
RECORD_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || '')));
"""

#: Elements and attributes no crosswire template makes: any one is payload markup.
FIND_MARKUP = """
() => {
  const found = [];
  const never = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'img',
    'math', 'template', 'base', 'style', 'video', 'audio', 'source', 'noscript', 'textarea',
    'select', 'marquee', 'b', 'i', 'u', 'xmp', 'meta', 'link', 'animate', 'set', 'use', 'image',
    'foreignobject', 'mglyph', 'mtext', 'isindex']);
  const inSvg = new Set(['svg', 'line', 'text', 'a', 'circle', 'title']);
  for (const el of document.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const svg = el.closest('svg');
    if (never.has(tag)) found.push('<' + tag + '>');
    else if (tag === 'title' && !svg) found.push('<title> in body');
    else if (svg && !inSvg.has(tag)) found.push('<' + tag + '> in svg');
    else if (tag === 'svg' && !el.matches('svg.timeline, svg.network')) found.push('<svg>');
  }
  for (const el of document.head.children) {
    const tag = el.tagName.toLowerCase();
    if (!['meta', 'title', 'link'].includes(tag) || el.hasAttribute('http-equiv'))
      found.push('<' + tag + '> in head');
  }
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      const value = el.getAttribute(name).replace(/[\\u0000-\\u0020]+/g, '').toLowerCase();
      const own = lower === 'autofocus' && el.matches('form.search input[name=q]');
      if (lower.startsWith('on') || ['autofocus', 'srcdoc', 'formaction', 'style'].includes(lower))
        if (!own) found.push(el.tagName + ' ' + name);
      const url = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster',
        'background', 'codebase', 'cite'].includes(lower);
      if (url && /^(javascript|vbscript|data):/.test(value))
        found.push(el.tagName + ' ' + name + '=' + value);
    }
  }
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? '';
    if (!/^[\\/?#]/.test(href)) found.push('link to ' + href);
  }
  return found;
}
"""


class Visits(Watch):
    """A :class:`~tests.web.conftest.Watch` that also records the CSP reports the page
    itself sees, and checks one visit at a time."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        page.add_init_script(RECORD_CSP)

    def visit(
        self, url: str, *, status: tuple[int, ...] = (200,), markup: bool = True
    ) -> list[str]:
        """Problems on ``url``: anything run, blocked by CSP, or made into markup."""
        self.problems.clear()
        response = self.page.goto(url, wait_until="load")
        got = response.status if response else None
        found = [] if got in status else [f"status {got}"]
        self.page.wait_for_timeout(50)  # an onerror or a focus handler fires just after load
        found += self.problems
        ran = self.page.evaluate("() => [window.__xss, window.__csp]")
        if ran[0] is not None:
            found.append(f"window.__xss = {ran[0]!r}")
        found += [f"CSP report: {report}" for report in ran[1] or []]
        if markup:
            found += self.page.evaluate(FIND_MARKUP)
        return [f"{url}: {problem}" for problem in found]


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["x-content-type-options"] == "nosniff"
        return json.load(response)


def _q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


# ---------------------------------------------------------------- the tests


def _run_unescaped(page: Page, payload: Payload) -> bool:
    """Whether ``payload`` runs on a page that neither escapes it nor has a CSP."""
    page.goto("about:blank")  # a fresh window: nothing carried over
    fired: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        fired.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    if payload.context == "attribute":
        quote = '"' if '"' in payload.payload else "'"
        page.set_content(f"<p><input value={quote}{payload.payload}{quote}></p>")
    elif payload.context == "href":
        page.set_content(f'<p><a href="{html.escape(payload.payload)}">go</a></p>')
    else:
        page.set_content(f"<p>{payload.payload}</p>")
    if payload.context in ("click", "href"):
        page.locator("a").first.click(timeout=2_000)
    page.wait_for_timeout(50)
    return bool(fired) or bool(page.evaluate("() => window.__xss !== undefined"))


def test_every_live_payload_runs_where_nothing_escapes_it(page: Page) -> None:
    """The corpus and the detectors are real: unescaped, each live payload runs."""
    assert len(CORPUS) >= 40 and len({p.name for p in CORPUS}) == len(CORPUS)
    live = [p for p in CORPUS if p.live]
    assert len(live) >= 35
    assert all(p.note for p in CORPUS if not p.live)
    silent = [p.name for p in live if not _run_unescaped(page, p)]
    assert silent == []


def test_payloads_reach_titles_outlets_urls_authors_and_actors(
    hostile_db: tuple[str, Path],
) -> None:
    """What the browser test relies on: the payloads are stored in every field it shows."""
    url, _ = hostile_db
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        rows = db.execute("SELECT title, outlet, author, url, body FROM articles").fetchall()
        entities = dict(db.execute("SELECT name, id FROM entities").fetchall())
        aliases = [a for (a,) in db.execute("SELECT alias FROM entity_aliases")]
        events = db.execute("SELECT source, target FROM events").fetchall()
    payloads = [p.payload for p in CORPUS]

    def carrying(column: int) -> int:
        return sum(1 for row in rows if row[column] and any(p in row[column] for p in payloads))

    assert carrying(0) >= 15  # titles
    assert carrying(1) >= 12  # outlets
    assert carrying(2) == len(AUTHOR_PAYLOADS)
    assert sum(row[3] == "javascript:alert(1)" for row in rows) >= 3
    in_bodies = {p.name for p in CORPUS for row in rows if p.payload in row[4]}
    assert in_bodies == {p.name for p in CORPUS if p.context != "csv"}
    # Knowledge-base actors are named by whole payloads, and have events.
    kb_names = {BY_NAME[name].payload for *_, name in KB_ACTORS}
    assert kb_names <= set(entities)
    kb_ids = {entities[name] for name in kb_names}
    assert {side for event in events for side in event} >= kb_ids
    # spaCy itself tagged names with payload pieces in them (not from the knowledge base).
    tagged = [
        n for n in [*entities, *aliases] if n not in kb_names and any(c in n for c in "<>\"'&")
    ]
    assert len(tagged) >= 5, tagged


def _pages(base: str) -> list[str]:
    """Every page type over the hostile data: lists, search, each article, story and actor."""
    articles = _get_json(f"{base}/api/articles?limit=200")["items"]
    stories = _get_json(f"{base}/api/stories?limit=200")["items"]
    actors = _get_json(f"{base}/api/actors?limit=200")["items"]
    ids = [a["id"] for a in articles]
    pages = [
        "/",
        "/?q=Port+Arlen",
        "/?q=Norland",
        "/articles",
        "/articles?q=grain",
        "/stories",
        "/events",
        "/actors",
        f"/compare?ids={','.join(ids[:4])}",
    ]
    pages += [f"/articles/{i}" for i in ids]
    pages += [f"/articles/{ids[0]}?start=0&end=200#evidence"]
    pages += [f"/stories/{s['id']}" for s in stories]
    pages += [f"/actors/{_q(a['entity']['id'])}" for a in actors]
    pages += [f"/events?actor={_q(a['entity']['name'])}" for a in actors[:8]]
    pages += [f"/articles?outlet={_q(a['outlet'])}" for a in articles[:6] if a["outlet"]]
    return [base + page for page in pages]


def test_no_page_runs_or_renders_a_payload(page: Page, hostile_server: str) -> None:
    """Every page type, in Chromium: nothing runs, nothing is blocked, no payload is markup."""
    watch = Visits(page)
    problems = [p for url in _pages(hostile_server) for p in watch.visit(url)]
    assert not problems, "\n".join(problems)


def test_payloads_show_as_the_text_they_are(page: Page, hostile_server: str) -> None:
    """Escaped, not stripped: titles, outlets, authors and actor names read as stored."""
    watch = Visits(page)
    for article in _get_json(f"{hostile_server}/api/articles?limit=200")["items"]:
        assert watch.visit(f"{hostile_server}/articles/{article['id']}") == []
        assert page.locator("h1").inner_text() == (article["title"] or "(no title)")
        assert page.title() == f"{article['title']} · crosswire"
        meta = page.locator("dl.meta").inner_text()
        assert all(article[f] in meta for f in ("outlet", "author", "url") if article[f])
    ids = {
        a["entity"]["name"]: a["entity"]["id"]
        for a in _get_json(f"{hostile_server}/api/actors?limit=200")["items"]
    }
    for *_, name in KB_ACTORS:
        assert watch.visit(f"{hostile_server}/actors/{ids[BY_NAME[name].payload]}") == []
        assert page.locator("h1").inner_text() == BY_NAME[name].payload
        # Its timeline and network are drawn, with the payload names as SVG text.
        assert page.locator("svg.timeline circle").count() >= 1
        assert page.locator("svg.network circle").count() >= 2
    # Outlet profiles (from PUT /api/outlets) show on the story page as text.
    profiles = [o for o in _get_json(f"{hostile_server}/api/outlets")["items"] if o["edited"]]
    assert profiles
    story = _largest_story(hostile_server)
    assert watch.visit(f"{hostile_server}/stories/{story['id']}") == []
    shown = page.locator("main").inner_text()
    assert all(o["notes"] in shown for o in profiles)
    assert "{{7*7}}" in _get_json(f"{hostile_server}/api/articles?q=7*7")["items"][0]["body"]
    page.goto(f"{hostile_server}/?q={_q('{{7*7}}')}")
    assert "{{7*7}}" in page.locator("main").inner_text()


def test_search_and_paths_reflect_every_payload_as_text(page: Page, hostile_server: str) -> None:
    """Each payload as a search (reflected in the form and the results) and, for live ones,
    as an actor name in the path (the page that says no such actor, or the actor's own)."""
    watch = Visits(page)
    problems: list[str] = []
    for payload in CORPUS:
        problems += watch.visit(f"{hostile_server}/?q={_q(payload.payload)}")
        assert page.get_by_label("search").input_value() == payload.payload
    # A "/" in a path segment never reaches the route, so those are left out.
    for payload in (p for p in CORPUS if p.live and "/" not in p.payload):
        path = f"{hostile_server}/actors/{_q(payload.payload)}"
        problems += watch.visit(path, status=(200, 404))
    assert not problems, "\n".join(problems)


def test_the_json_api_stays_json(page: Page, hostile_server: str) -> None:
    """API answers are JSON with nosniff (checked in ``_get_json``); Chromium runs none of it."""
    watch = Visits(page)
    base = hostile_server
    article = _get_json(f"{base}/api/articles?limit=1")["items"][0]
    story = _get_json(f"{base}/api/stories?limit=1")["items"][0]
    actor = BY_NAME[KB_ACTORS[0][-1]].payload
    assert _get_json(f"{base}/api/actors/{_q(actor)}")["entity"]["name"] == actor
    urls = [
        f"{base}/api/articles/{article['id']}?raw=true",
        f"{base}/api/actors/{_q(actor)}",
        f"{base}/api/stories/{story['id']}/compare",
        f"{base}/api/events?limit=200",
    ]
    problems = [p for url in urls for p in watch.visit(url)]
    problems += watch.visit(
        f"{base}/api/actors/{_q('<img src=x onerror=alert(1)>x')}", status=(404,)
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [("articles", "csv"), ("events", "csv"), ("stories", "csv"), ("events", "gdelt")],
)
def test_csv_exports_defuse_formulas(hostile_server: str, kind: str, fmt: str) -> None:
    """OWASP CSV injection: no cell starts with = + - @ tab or CR; formulas keep their text."""
    with urllib.request.urlopen(
        f"{hostile_server}/api/export/{kind}?format={fmt}", timeout=120
    ) as r:
        assert "attachment" in r.headers["content-disposition"]
        cells = [cell for row in csv.reader(io.StringIO(r.read().decode())) for cell in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == []
    defused = [c[1:] for c in cells if c.startswith("'")]
    if kind == "articles":  # each formula starts a title
        formulas = [p.payload for p in CORPUS if p.context == "csv"]
        assert [f for f in formulas if not any(d.startswith(f) for d in defused)] == []
    elif kind == "stories":  # a story is titled by its first article
        assert any(d.startswith(FORMULA_START) for d in defused)
