"""GDELT-like CSV export of stored events."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from crosswire.export import COLUMNS, defuse, sql_date, write_events_csv
from crosswire.models import Entity, Event
from crosswire.store import Store, StoredEvent
from tests.store.factory import full_article

RUSSIA = Entity(id="e-rus", name="Russia", kind="STATE", country="RUS", sector="GOV")


def stored(sentence: str = "Russia warned Ukraine.", **event_fields: object) -> StoredEvent:
    """A stored event of Russia against an actor with no entity row."""
    values: dict[str, object] = {
        "id": "ev1",
        "type": "THREATEN",
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
        "source": RUSSIA.id,
        "target": "e-unknown",
        "cameo": "138",
        "mode": "military",
        "date": "2023-06-19",
    }
    values.update(event_fields)
    event = Event(**values)  # type: ignore[arg-type]
    return StoredEvent(
        event,
        article_id="a1",
        outlet="Meridian Wire",
        published="2023-06-20T10:00:00+00:00",
        url="https://example.org/a?x=1,2",
        source=RUSSIA,
    )


def exported(*rows: StoredEvent) -> list[dict[str, str]]:
    """The CSV of ``rows`` read back as dicts (checking the header and the count)."""
    handle = io.StringIO(newline="")
    assert write_events_csv(rows, handle) == len(rows)
    handle.seek(0)
    reader = csv.DictReader(handle)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_one_event_becomes_one_gdelt_like_row() -> None:
    (row,) = exported(stored())
    assert row["GLOBALEVENTID"] == "ev1" and row["SQLDATE"] == "20230619"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "RUSGOV",
        "Russia",
        "RUS",
    )
    assert row["Actor1Type1Code"] == "GOV"
    # The target has no entity row: its id stands in for the name, codes stay empty.
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == ("", "e-unknown", "")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("138", "138", "13")
    assert (row["PLOVERType"], row["PLOVERMode"], row["Modality"]) == (
        "THREATEN",
        "military",
        "asserted",
    )
    assert row["PublishedDate"] == "20230620" and row["SourceOutlet"] == "Meridian Wire"
    assert row["SOURCEURL"] == "https://example.org/a?x=1,2" and row["ArticleID"] == "a1"
    assert row["Sentence"] == "Russia warned Ukraine."


def test_missing_values_are_empty_cells() -> None:
    (row,) = exported(stored(date=None, cameo=None, mode=None, source=None, target=None))
    for column in (
        "SQLDATE",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "PLOVERMode",
        "Actor2Name",
    ):
        assert row[column] == "", column


def test_sql_date_needs_a_full_date() -> None:
    assert sql_date("2023-06-19T23:00:00+03:00") == "20230619"
    assert sql_date("2023-06") == "" and sql_date("on Friday") == "" and sql_date(None) == ""


def test_commas_quotes_and_newlines_survive() -> None:
    sentence = 'He said, "no",\nand left; 50% agreed.'
    (row,) = exported(stored(sentence, place="Kyiv, Ukraine"))
    assert row["Sentence"] == sentence and row["Place"] == "Kyiv, Ukraine"


def test_formula_cells_are_defused() -> None:
    (row,) = exported(
        stored('=HYPERLINK("http://evil","x")', attributed_to="@officials", place="+1")
    )
    assert row["Sentence"] == '\'=HYPERLINK("http://evil","x")'
    assert row["AttributedTo"] == "'@officials" and row["Place"] == "'+1"
    assert defuse("-2+3") == "'-2+3" and defuse("\tcmd") == "'\tcmd"
    assert defuse("Kyiv = capital") == "Kyiv = capital"


@given(st.text())
def test_any_sentence_reads_back_defused(sentence: str) -> None:
    (row,) = exported(stored(sentence.replace("\r", "")))  # csv reads a bare \r as a line end
    assert row["Sentence"] == defuse(sentence.replace("\r", ""))


def test_export_of_stored_events(tmp_path: Path) -> None:
    article = full_article()
    with Store.open(str(tmp_path / "x.db")) as store:
        store.add(article)
        path = tmp_path / "events.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            assert write_events_csv(store.events(), handle) == 2
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Newest first: ev-2 has no date of its own and takes its article's, a day later.
    assert [row["GLOBALEVENTID"] for row in rows] == ["ev-2", "ev-1"]
    assert rows[1]["Actor1Name"] == "Valery Gerasimov" and rows[1]["Actor2CountryCode"] == "CHN"
    assert rows[1]["AttributedTo"] == "TASS" and rows[0]["SQLDATE"] == ""
    # ev-1 is told again in the article's two later sentences; ev-2 only once
    later = article.events[0].mentions
    assert rows[1]["MentionCount"] == "2" and rows[0]["MentionCount"] == "0"
    assert (
        rows[1]["MentionOffsets"]
        == f"{later[0].start}-{later[0].end};{later[1].start}-{later[1].end}"
    )
    assert rows[0]["MentionOffsets"] == ""
