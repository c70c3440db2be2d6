"""The knowledge base: lookups by surface form, metonyms, generic bodies, user extensions."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.errors import InputError
from crosswire.nlp.kb import KnowledgeBase, load_kb, normalise


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(extra="")


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("The Kremlin's", "kremlin"),
        ("U.S.", "us"),
        ("Russia\u2019s", "russia"),
        ("Central Military Commission (CMC)", "central military commission"),
        ("  Ministry  of Defence ", "ministry of defence"),
    ],
)
def test_normalise(surface: str, expected: str) -> None:
    assert normalise(surface) == expected


def test_states_by_name_code_and_demonym(kb: KnowledgeBase) -> None:
    assert kb.lookup("the United States").key == "USA"  # type: ignore[union-attr]
    assert kb.lookup("Russian Federation").key == "RUS"  # type: ignore[union-attr]
    assert kb.lookup("Republic of Korea").key == "KOR"  # type: ignore[union-attr]
    assert kb.demonym("Chinese") == "CHN"
    assert kb.demonym("Ukraine's") == "UKR"
    assert kb.demonym("Martian") is None


def test_seats_of_power_and_capitals(kb: KnowledgeBase) -> None:
    kremlin, moscow = kb.metonym("the Kremlin"), kb.metonym("Moscow")
    assert kremlin is not None and moscow is not None
    assert kremlin.seat and not moscow.seat
    assert kremlin.entry.key == moscow.entry.key == "RUS.GOV"
    pentagon = kb.metonym("The Pentagon")
    assert pentagon is not None and (pentagon.entry.country, pentagon.entry.sector) == (
        "USA",
        "MIL",
    )


def test_generic_bodies_resolve_per_country(kb: KnowledgeBase) -> None:
    body = kb.body("Defence Ministry")
    assert body is not None and body.type == "MOD"
    maintained, generic = kb.body_entry("RUS", body), kb.body_entry("IND", body)
    assert maintained.key == "RUS.MOD" and "Russian" in maintained.name
    assert (generic.key, generic.sector) == ("IND.MOD", "MIL")
    assert generic.name == "Ministry of Defence of India"


def test_people_outlets_igos(kb: KnowledgeBase) -> None:
    assert kb.lookup("Xi").country == "CHN"  # type: ignore[union-attr]
    assert kb.lookup("the Associated Press").sector == "MED"  # type: ignore[union-attr]
    assert kb.lookup("NATO").sector == "IGO"  # type: ignore[union-attr]
    assert kb.lookup("Bayraktar TB2").kind == "EQUIPMENT"  # type: ignore[union-attr]


def test_user_file_extends_and_replaces(tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(
        '{"key": "XXA.ZORG", "name": "Zorg Brigade", "kind": "GROUP", "country": "UKR",'
        ' "sector": "REB", "aliases": ["Zorgs"]}\n'
        '{"key": "CHN.XI", "name": "Xi Jinping", "kind": "PERSON", "country": "CHN",'
        ' "sector": "PTY", "aliases": ["Xi"]}\n'
    )
    kb = load_kb(extra=str(tmp_path))
    assert kb.lookup("zorgs").key == "XXA.ZORG"  # type: ignore[union-attr]
    assert kb.lookup("Xi").sector == "PTY"  # type: ignore[union-attr]


def test_bad_user_file_names_the_line(tmp_path: Path) -> None:
    extra = tmp_path / "bad.jsonl"
    extra.write_text('{"key": "A", "name": "B"}\n{"name": "no key"}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        load_kb(extra=str(extra))
    with pytest.raises(InputError, match="does not exist"):
        load_kb(extra=str(tmp_path / "missing.jsonl"))


def test_regions_name_their_one_country(kb: KnowledgeBase) -> None:
    assert kb.region("Sichuan") == "CHN"
    assert kb.region("Ontario") == "CAN"
    assert kb.region("Northern") is None  # many countries have one


def test_settings_carry_the_user_file(tmp_path: Path) -> None:
    from crosswire.config import Settings

    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"key": "XXA.QUUX", "name": "Quux Institute", "kind": "ORG"}\n')
    settings = Settings.from_env({"CROSSWIRE_KB": str(extra)})
    assert settings.kb_path == str(extra)
    assert Settings.from_env({}).kb_path is None
    assert KnowledgeBase.load(settings).lookup("Quux Institute") is not None
    assert KnowledgeBase.load(Settings(kb_path="")).lookup("Quux Institute") is None
