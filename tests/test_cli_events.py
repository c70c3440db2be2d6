"""End to end: `crosswire events`, `actors` and `actor` over a database holding events."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from crosswire.models import Article, Entity, Event, EventMention, Role
from crosswire.store import Store
from tests.conftest import run_cli

SENTENCE = "Harbor officials of Norway met their Polish counterparts in Gdansk on Friday."
LATER = "Norway's officials met the Poles."
BODY = SENTENCE + " " + LATER


def _article(db_url: str) -> None:
    norway = Entity("e-nor-gov", "Norway", "STATE", country="NOR", sector="GOV", aliases=("Oslo",))
    poland = Entity(
        "e-pol-mil",
        "Polish Navy",
        "ORG",
        country="POL",
        sector="MIL",
        roles=(Role("host of the exercise", as_of="2025-05-09"),),
    )
    meeting = Event(
        "ev1",
        "CONSULT",
        SENTENCE,
        0,
        len(SENTENCE),
        cameo="040",
        source=norway.id,
        target=poland.id,
        trigger="met",
        date="2025-05-09",
        date_text="on Friday",
        modality="asserted",
        mentions=(EventMention(LATER, len(SENTENCE) + 1, len(BODY), "met"),),
    )
    threat = Event(
        "ev2",
        "THREATEN",
        "=Norway may threaten fines.",
        0,
        10,
        cameo="130",
        source=norway.id,
        modality="hedged",
    )
    article = Article(
        id="a" * 16,
        input_id="x",
        source="x.txt",
        raw_kind="text",
        raw=BODY,
        body=BODY,
        outlet="Baltic Courier",
        published="2025-05-11",
        entities=(norway, poland),
        events=(meeting, threat),
    )
    with Store.open(db_url) as store:
        store.add(article)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("events")
    url = f"sqlite:///{work / 'x.db'}"
    _article(url)
    return work, url


def test_events_table_and_filters(db: tuple[Path, str]) -> None:
    work, url = db
    table = run_cli("events", "--db", url, "--country", "POL", cwd=work)
    assert table.returncode == 0, table.stderr
    assert "1 events" in table.stdout and "CONSULT" in table.stdout
    assert f"(also told at {len(SENTENCE) + 1}-{len(BODY)}: {LATER})" in table.stdout
    assert "THREATEN" not in table.stdout
    hedged = run_cli("events", "--db", url, "--modality", "hedged", cwd=work)
    assert "THREATEN" in hedged.stdout and "CONSULT" not in hedged.stdout


def test_events_csv_is_gdelt_like_and_defused(db: tuple[Path, str]) -> None:
    work, url = db
    done = run_cli("events", "--db", url, "--csv", "-", cwd=work)
    assert done.returncode == 0, done.stderr
    rows = {r["PLOVERType"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert rows["CONSULT"]["SQLDATE"] == "20250509"
    assert rows["CONSULT"]["Actor1CountryCode"] == "NOR"
    assert rows["CONSULT"]["Actor2CountryCode"] == "POL"
    assert rows["THREATEN"]["Sentence"].startswith("'=")
    out = work / "events.csv"
    assert run_cli("events", "--db", url, "--csv", str(out), cwd=work).returncode == 0
    assert out.read_text().count("\n") == 3


def test_actors_and_actor_profile(db: tuple[Path, str]) -> None:
    work, url = db
    listing = run_cli("actors", "--db", url, "--country", "NOR", cwd=work)
    assert listing.returncode == 0, listing.stderr
    assert "Norway" in listing.stdout and "Polish Navy" not in listing.stdout
    profile = run_cli("actor", "oslo", "--db", url, cwd=work)
    assert profile.returncode == 0, profile.stderr
    assert "CONSULT" in profile.stdout and "Polish Navy" in profile.stdout
    navy = run_cli("actor", "Polish Navy", "--db", url, cwd=work)
    assert "host of the exercise" in navy.stdout
    missing = run_cli("actor", "Atlantis", "--db", url, cwd=work)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_events_filter_by_sector(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    _article(db)
    military = run_cli("events", "--sector", "mil", "--db", db, "--csv", "-", cwd=tmp_path)
    assert military.returncode == 0, military.stderr
    assert len(list(csv.DictReader(io.StringIO(military.stdout)))) == 1
    legal = run_cli("events", "--sector", "JUD", "--db", db, "--csv", "-", cwd=tmp_path)
    assert list(csv.DictReader(io.StringIO(legal.stdout))) == []
