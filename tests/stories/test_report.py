"""The renderers: every section present, evidence linked, article text inert."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from rich.console import Console
from tests.factory import make_article

from crosswire.models import Entity, Event
from crosswire.stories.compare import Comparison, compare_articles
from crosswire.stories.outlets import load_profiles
from crosswire.stories.report import to_html, to_markdown, to_rich

HOSTILE = '<script>alert("x")</script> [bold]not markup[/bold] | a *b* _c_ `d`'
GER = Entity("e-ger", "Valery Gerasimov", "PERSON", country="RUS")
LIU = Entity("e-liu", "Liu Zhenli", "PERSON", country="CHN")


def story() -> Comparison:
    one = f"Gerasimov held a video call with Liu {HOSTILE}, officials said."
    two = "Liu and Gerasimov had a video call on Friday, according to the ministry."
    first = one
    a = make_article(
        one,
        outlet="Reuters",
        title="Video call <b> [red]x[/red]",
        entities=(GER, LIU),
        events=(Event("1", "CONSULT", first, 0, len(first), source="e-ger", target="e-liu",
                      trigger="call"),),
    )  # fmt: skip
    b = make_article(
        two,
        source="/in/001_x.txt",
        original_outlet="Global Times",
        entities=(GER, LIU),
        events=(Event("2", "CONSULT", two, 0, len(two), source="e-liu", target="e-ger",
                      trigger="call"),),
    )  # fmt: skip
    return compare_articles([a, b], profiles=load_profiles(env={}))


def test_markdown_has_every_section_and_links_each_mark_to_its_evidence() -> None:
    text = to_markdown(story())
    for heading in ("## Outlets", "## Claims", "### Evidence", "## Sources per outlet",
                    "## Framing per outlet"):  # fmt: skip
        assert heading in text
    links = re.findall(r"\]\(#(ev-[\w-]+)\)", text)
    assert links and all(f'<a id="{anchor}"></a>' in text for anchor in links)
    assert "| Reuters | 001\\_x.txt |" in text
    assert "original outlet probably Global Times" in text
    assert "<script>" not in text and "\\<script\\>" in text


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.csp = ""
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        self._in_style = tag == "style"
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("http-equiv") == "Content-Security-Policy":
            self.csp = values.get("content") or ""

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def test_html_is_standalone_escaped_and_locked_down() -> None:
    page = to_html(story())
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags  # article text stays text
    assert "&lt;script&gt;" in page and "Video call &lt;b&gt; [red]" in page
    assert "default-src 'none'" in parsed.csp and "script-src" not in parsed.csp
    digest = base64.b64encode(hashlib.sha256(parsed.style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in parsed.csp  # the one inline style is allowed by its hash
    assert parsed.hrefs and all(h.startswith("#") and h[1:] in parsed.ids for h in parsed.hrefs)
    assert "http://" not in page and "https://" not in page


def test_rich_renders_article_text_literally() -> None:
    console = Console(record=True, width=160, color_system=None)
    console.print(to_rich(story()))
    out = console.export_text()
    assert "Claims" in out and "Reuters" in out and "001_x.txt" in out
    assert "Video call <b> [red]x[/red]" in out  # not taken as markup
    assert "Global Times" in out
