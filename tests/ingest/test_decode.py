"""Decoding: BOM, declared charset, detection, mixed encodings, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.ingest import decode_bytes
from crosswire.models import RawItem

from .builders import collect

FRENCH = "Le président a déclaré que l\u2019économie française était « forte » malgré tout."
GERMAN = "Der Präsident sagte, die Wirtschaft sei stärker als erwartet, trotz aller Größe."
JAPANESE = "東京都の知事は記者会見で、新しい政策について説明しました。経済は回復している。"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "cp1252"),
        (GERMAN, "latin-1"),
        (FRENCH, "utf-16"),
        (GERMAN, "utf-16-le"),
        (JAPANESE, "shift_jis"),
        (JAPANESE, "utf-8-sig"),
        (FRENCH, "utf-8"),
    ],
)
def test_text_files_in_many_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and item.content == text


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    html = f'<html><head><meta charset="windows-1250"></head><body>{"Łódź i Kraków"}</body></html>'
    path.write_bytes(html.encode("cp1250"))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and "Łódź i Kraków" in item.content
    assert item.encoding == "cp1250"


def test_stale_latin1_declaration_on_utf8_page() -> None:
    html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Größe</p>'
    decoded = decode_bytes(html.encode("utf-8"), html=True)
    assert "Größe" in decoded.text and decoded.encoding == "utf-8"


def test_mixed_utf8_and_cp1252_keeps_both_readable() -> None:
    data = "café in UTF-8. ".encode() + "Then naïve in cp1252.".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == "café in UTF-8. Then naïve in cp1252."
    assert decoded.lossy


def test_unknown_declared_charset_falls_back() -> None:
    decoded = decode_bytes("<meta charset='x-nonsense'><p>é</p>".encode(), html=True)
    assert "é" in decoded.text


def test_short_cp1252_is_not_taken_for_utf16() -> None:
    assert decode_bytes("café".encode("cp1252")).text == "café"
