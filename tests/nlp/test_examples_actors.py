"""Acceptance: EXPECTED.md section 2 (actors) on the two example articles, full pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.clean.lines import clean_text
from crosswire.config import Settings
from crosswire.models import Entity
from crosswire.nlp.actors import Actors, resolve_actors
from crosswire.nlp.kb import load_kb
from crosswire.nlp.ruler import build_nlp

PUBLISHED = "2023-06-11"


@pytest.fixture(scope="module")
def articles(examples: Path) -> dict[str, Actors]:
    nlp, kb = build_nlp(Settings()), load_kb(extra="")
    found = {}
    for path in sorted(examples.glob("*.txt")):
        body = clean_text(path.read_text(encoding="utf-8")).body
        found[path.name[:3]] = resolve_actors(nlp(body), published=PUBLISHED, kb=kb)
    return found


def one(actors: Actors, name: str) -> Entity:
    matches = [e for e in actors.entities if name in (e.name, *e.aliases)]
    assert len(matches) == 1, (name, [e.name for e in actors.entities])
    return matches[0]


def test_gerasimov(articles: dict[str, Actors]) -> None:
    first = one(articles["000"], "Valery Gerasimov")
    assert {"Gerasimov", "Russia\u2019s top general"} <= set(first.aliases)
    assert (first.country, first.sector) == ("RUS", "MIL")
    second = one(articles["001"], "Gerasimov")
    assert second.id == first.id
    titles = {r.title for r in second.roles}
    assert {"Chief of the General Staff", "First Deputy Minister of Defense"} <= titles


def test_liu_zhenli(articles: dict[str, Actors]) -> None:
    liu = one(articles["000"], "Liu Zhenli")
    assert {"Liu", "his Chinese counterpart"} <= set(liu.aliases)
    assert (liu.country, liu.sector) == ("CHN", "MIL")
    roles = {(r.title, r.organisation, r.former) for r in liu.roles}
    assert ("commander", "PLA Ground Force", True) in roles
    chief = [r for r in liu.roles if r.title == "Chief of Staff"]
    assert chief and "Joint Staff Department" in (chief[0].organisation or "")
    assert chief[0].as_of == PUBLISHED
    again = one(articles["001"], "Liu")
    assert again.id == liu.id
    assert ("member", "Central Military Commission") in {
        (r.title, r.organisation) for r in again.roles
    }


def test_other_people_and_groups(articles: dict[str, Actors]) -> None:
    xi = one(articles["000"], "President Xi")
    assert (xi.country, xi.sector) == ("CHN", "GOV")
    kadyrov = one(articles["000"], "Ramzan Kadyrov")
    assert kadyrov.country == "RUS"
    assert any(r.title == "Head" and r.organisation == "Chechen Republic" for r in kadyrov.roles)
    assert one(articles["000"], "Kadyrov").id == kadyrov.id
    group = one(articles["000"], "kadyrovites")
    assert group.country == "RUS"
    assert any(r.organisation == "Russian National Guard" for r in group.roles)


def test_metonyms(articles: dict[str, Actors]) -> None:
    beijing = one(articles["000"], "Beijing")
    assert (beijing.country, beijing.sector, beijing.kind) == ("CHN", "GOV", "STATE")
    kremlin, moscow = one(articles["000"], "Kremlin"), one(articles["000"], "Moscow")
    assert kremlin.id == moscow.id and (kremlin.country, kremlin.sector) == ("RUS", "GOV")


def test_organisations(articles: dict[str, Actors]) -> None:
    a, b = articles["000"], articles["001"]
    assert one(a, "PLA").id == one(a, "People\u2019s Liberation Army").id
    assert one(a, "Ground Forces").name == "PLA Ground Force"
    assert one(b, "CMC").id == one(b, "Central Military Commission").id
    assert one(b, "Joint Staff Department of the CMC").country == "CHN"
    for article in (a, b):  # the CMC and its Joint Staff Department are two actors
        jsd = next(e for e in article.entities if e.name.startswith("Joint Staff Department"))
        assert one(article, "Central Military Commission").id != jsd.id
    mnd = one(b, "China\u2019s Ministry of National Defense")
    mod = one(b, "Russia\u2019s Ministry of Defense")
    assert (mnd.country, mod.country) == ("CHN", "RUS")
    assert one(a, "Russian National Guard").sector == "MIL"
    maker = one(a, "Shaanxi Baoji Special Vehicles Manufacturing")
    assert (maker.kind, maker.sector) == ("ORG", "BUS")
    outlet = one(b, "Global Times")
    assert (outlet.kind, outlet.sector) == ("OUTLET", "MED")


def test_equipment_exercises_places(articles: dict[str, Actors]) -> None:
    a, b = articles["000"], articles["001"]
    assert one(a, "ZFB-05 Xinxing armored personnel carrier").kind == "EQUIPMENT"
    assert one(a, "Tiger").kind == "EQUIPMENT"
    assert one(b, "Northern/Interaction-2023").kind == "EXERCISE"
    western = one(b, "Western/Interaction-2021")
    assert {"Zapad/Interaction", "Sibu/Interaction"} <= set(western.aliases)
    for name in ("Zapad", "Kavkaz", "Tsentr", "Vostok"):
        assert one(b, name).kind == "EXERCISE"
    for name in ("Ningxia Hui Autonomous Region", "Taiwan Straits", "South China Sea"):
        assert one(b, name).kind == "PLACE"
    assert one(b, "Asia-Pacific region").kind == "PLACE"
    assert one(a, "Ukraine").country == "UKR"


def test_no_furniture_and_no_numbers(articles: dict[str, Actors]) -> None:
    for actors in articles.values():
        assert not any("Broe" in (e.name + " ".join(e.aliases)) for e in actors.entities)
        assert not {m.label for m in actors.mentions} & {"DATE", "CARDINAL", "ORDINAL"}
