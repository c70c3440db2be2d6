"""Metadata an HTML page declares: title, author, site name, publication date, language.

Title, author and site name come from trafilatura (``<meta>``, Open Graph, JSON-LD,
then the page's own markup); the date from htmldate asked for the *original*
publication date, not the last update; the language only from what the page
declares (``<html lang>``, ``<meta>``, JSON-LD), since another stage guesses it
from the text. Nothing is fetched: both libraries get a parsed tree.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date

from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata as trafilatura_metadata

logger = logging.getLogger(__name__)

#: A BCP 47 tag's primary language subtag (``en`` in ``en-GB``, ``pt`` in ``pt_BR``).
_LANGUAGE_TAG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*\s*$")
_META_LANGUAGE = (
    "//meta[translate(@http-equiv, 'CONTENTLANGUAGE', 'contentlanguage')"
    "='content-language']/@content",
    "//meta[translate(@name, 'DCLANGUAE', 'dclanguae')='language' or "
    "translate(@name, 'DCLANGUAE', 'dclanguae')='dc.language']/@content",
    "//meta[@property='og:locale']/@content",
)
#: Undetermined or meaningless codes some sites declare.
_NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "xx"})


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself; ``None`` where it says nothing."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None


def extract_metadata(tree: HtmlElement, *, url: str | None = None) -> PageMeta:
    """Title, author, outlet, original publication date and declared language of a page."""
    try:
        found = trafilatura_metadata(
            tree,
            default_url=url,
            date_config={
                "original_date": True,
                "extensive_search": False,
                "outputformat": "%Y-%m-%d",
                "max_date": date.today().isoformat(),
            },
        )
    except Exception as error:  # metadata is a bonus: a parser bug must not lose the body
        logger.debug("metadata extraction failed: %s", error)
        return PageMeta(language=declared_language(tree))
    return PageMeta(
        title=_text(found.title),
        author=_text(found.author),
        outlet=_text(found.sitename),
        published=_text(found.date),
        language=declared_language(tree),
    )


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def declared_language(tree: HtmlElement) -> str | None:
    """The ISO 639 code the page declares for itself, lower-case; ``None`` if none."""
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for query in _META_LANGUAGE:
        candidates.extend(str(v) for v in root.xpath(query))
    candidates.extend(_json_ld_languages(root))
    for candidate in candidates:
        # "en, fr" declares several: the first is the main one.
        code = _primary_subtag((candidate or "").split(",")[0])
        if code:
            return code
    return None


def _primary_subtag(tag: str) -> str | None:
    match = _LANGUAGE_TAG.match(tag)
    if not match:
        return None
    code = match.group(1).lower()
    return None if code in _NOT_A_LANGUAGE else code


def _json_ld_languages(root: HtmlElement) -> list[str]:
    found: list[str] = []
    for script in root.xpath("//script[@type='application/ld+json']")[:20]:
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        found.extend(_in_language(data, depth=0))
    return found


def _in_language(data: object, *, depth: int) -> list[str]:
    """``inLanguage`` values in a JSON-LD object, searched a few levels deep."""
    if depth > 4:
        return []
    if isinstance(data, list):
        return [v for item in data[:50] for v in _in_language(item, depth=depth + 1)]
    if not isinstance(data, dict):
        return []
    value = data.get("inLanguage")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"]]
    return [v for item in data.values() for v in _in_language(item, depth=depth + 1)]
