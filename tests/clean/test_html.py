"""HTML cleaning on small hand-built pages: metadata, body, dropped blocks, junk input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.clean.html import clean_html, parse_html, visible_blocks
from crosswire.clean.html_meta import declared_language
from crosswire.clean.result import Cleaned

PARAGRAPHS = [
    "The harbour authority said on Tuesday that the new breakwater would be finished "
    "before the winter storms, after two years of delays caused by a shortage of stone.",
    "Engineers working on the project told reporters that the last section of the wall "
    "was being laid this week, and that the cranes would be removed by the end of the month.",
    "Fishermen who use the harbour have complained for years that waves coming over the "
    "old wall damage their boats, and several of them said they were glad the work was ending.",
    "The council has promised to publish the final cost of the work in its next annual "
    "report, which is expected in the spring, together with a plan for the old quay.",
]
NAV = ["Home", "World", "Business", "Sport", "Weather"]
AD = "Advertisement: buy cheap flights to the sun now with our partner airline"
FOOTER = "Copyright 2024 The Coastal Gazette. All rights reserved. Contact us | Privacy policy"


def article_page(head: str = "", html_attrs: str = ' lang="en-GB"') -> str:
    """A news page with a menu, an ad, a footer and four paragraphs of article text."""
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV)
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html{html_attrs}><head>{head}
<style>p {{ color: red; }} .secret-style-rule {{ }}</style>
<script>var trackingSecret = "do-not-keep-this-script";</script></head>
<body><header><nav class="main-menu"><ul>{nav}</ul></nav></header>
<div class="ad-banner"><a href="/ads">{AD}</a></div>
<main><article><h1>Harbour wall nearly done</h1>{body}</article></main>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Storm closes ferry route</a></li>
<li><a href="/y">New lighthouse keeper named</a></li></ul></aside>
<footer><p>{FOOTER}</p></footer>
<script>document.write("injected-by-script")</script></body></html>"""


META_HEAD = """<title>Harbour wall nearly done | The Coastal Gazette</title>
<meta property="og:title" content="Harbour wall nearly done">
<meta property="og:site_name" content="The Coastal Gazette">
<meta name="author" content="Maria Jones">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<meta property="article:modified_time" content="2024-04-01T10:00:00Z">"""

JSON_LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Harbour wall nearly done",
    "author": {"@type": "Person", "name": "Peter Olsen"},
    "publisher": {"@type": "Organization", "name": "Coastal Gazette Online"},
    "datePublished": "2023-11-20",
    "dateModified": "2024-01-02",
    "inLanguage": "da-DK",
}


def test_metadata_from_meta_tags() -> None:
    cleaned = clean_html(article_page(META_HEAD))
    assert cleaned.title == "Harbour wall nearly done"
    assert cleaned.author == "Maria Jones"
    assert cleaned.outlet == "The Coastal Gazette"
    assert cleaned.published == "2024-03-05"  # the original date, not the update
    assert cleaned.language == "en"


def test_metadata_from_json_ld() -> None:
    head = f'<script type="application/ld+json">{json.dumps(JSON_LD)}</script>'
    cleaned = clean_html(article_page(head, html_attrs=""))
    assert cleaned.title == "Harbour wall nearly done"
    assert cleaned.author == "Peter Olsen"
    assert cleaned.outlet == "Coastal Gazette Online"
    assert cleaned.published == "2023-11-20"
    assert cleaned.language == "da"


def test_metadata_absent_is_none() -> None:
    cleaned = clean_html(article_page(html_attrs=""))
    assert cleaned.author is None
    assert cleaned.published is None
    assert cleaned.language is None


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<html lang="pt_BR"><body></body></html>', "pt"),
        ('<html><head><meta http-equiv="Content-Language" content="fr, en"></head></html>', "fr"),
        ('<html><head><meta property="og:locale" content="de_DE"></head></html>', "de"),
        ('<html lang="und"><body><p>x</p></body></html>', None),
        ('<html lang="not a language"><body><p>x</p></body></html>', None),
    ],
)
def test_declared_language(page: str, expected: str | None) -> None:
    tree = parse_html(page)
    assert tree is not None
    assert declared_language(tree) == expected


def test_body_keeps_article_in_order_without_furniture() -> None:
    cleaned = clean_html(article_page(META_HEAD))
    paragraphs = cleaned.body.split("\n\n")
    positions = [paragraphs.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)
    for furniture in [*NAV, AD, FOOTER, "Storm closes ferry route"]:
        assert furniture not in paragraphs


def test_dropped_holds_the_removed_blocks_with_reasons() -> None:
    cleaned = clean_html(article_page(META_HEAD))
    dropped = {d.text: d.reason for d in cleaned.dropped}
    for furniture in [*NAV, AD, FOOTER]:
        assert furniture in dropped
        assert "not in extracted body" in dropped[furniture]
    assert dropped["Home"].startswith("boilerplate (navigation)")
    assert dropped[FOOTER].startswith("boilerplate (footer)")
    # Every visible block is either in the body or dropped.
    tree = parse_html(article_page(META_HEAD))
    assert tree is not None
    body = set(cleaned.body.split("\n\n"))
    assert {b.text for b in visible_blocks(tree)} == body | set(dropped)


def test_script_and_style_never_in_body_or_dropped() -> None:
    cleaned = clean_html(article_page(META_HEAD))
    everything = cleaned.body + " ".join(d.text for d in cleaned.dropped)
    for hidden in ("trackingSecret", "injected-by-script", "secret-style-rule", "color: red"):
        assert hidden not in everything


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        "<html><body></body></html>",
        '<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>',
        "<html><head><script>var article = 'long text';</script></head><body></body></html>",
    ],
)
def test_page_without_article_gives_empty_body(page: str) -> None:
    assert clean_html(page).body == ""


def test_fragment_and_plain_text_are_read() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert PARAGRAPHS[0] in clean_html(fragment).body
    dropped = clean_html(PARAGRAPHS[0])
    assert dropped.body or any(PARAGRAPHS[0] in d.text for d in dropped.dropped)


def test_url_is_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("clean_html tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    cleaned = clean_html(article_page(), url="https://example.org/2024/03/05/harbour-wall")
    assert cleaned.published == "2024-03-05"


def test_deeply_nested_and_huge_pages() -> None:
    nested = "<div>" * 5000 + "<p>" + PARAGRAPHS[0] + "</p>" + "</div>" * 5000
    assert isinstance(clean_html(nested), Cleaned)
    links = "".join(f'<li><a href="/{n}">Archive page {n}</a></li>' for n in range(20000))
    cleaned = clean_html(article_page().replace("</main>", f"</main><ul>{links}</ul>"))
    assert PARAGRAPHS[-1] in cleaned.body
    assert "Archive page 1999" not in cleaned.body
    # dropped is bounded: the headline repeated in the article, the first page blocks,
    # then one record counting the rest
    assert cleaned.dropped[0].reason.startswith("headline")
    assert 100 < len(cleaned.dropped) <= 1 + 401
    assert "more blocks" in cleaned.dropped[-1].text


JUNK = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<html lang='",
                "'>",
                "&amp;",
                "&#0;",
                "<![CDATA[",
                "\x00",
                "\ud800",
                "<meta name=author content=",
                "text ",
                "<br/>",
                "<?xml?>",
            ]
        ),
        max_size=60,
    ).map("".join),
)


@given(JUNK)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_junk_never_raises(page: str) -> None:
    cleaned = clean_html(page)
    assert isinstance(cleaned, Cleaned)
    assert isinstance(cleaned.body, str)
