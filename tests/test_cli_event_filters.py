"""`crosswire events` and `crosswire export events` select events alike, on both backends.

Both commands declare their filter options once (crosswire.cli_options); each option
must reach the store as the same EventFilter field, whichever command is run.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from crosswire import service
from crosswire.cli import app
from crosswire.store import EventFilter
from tests.store.conftest import db_url, pg_admin  # noqa: F401 (fixtures)
from tests.test_cli_events import _article

#: Each option and the EventFilter it means; every one selects some events and not others
#: in the test article, except the last two, which select all and none.
CASES = [
    (("--actor", "oslo"), EventFilter(actor="oslo")),
    (("--country", "POL"), EventFilter(country="POL")),
    (("--sector", "mil"), EventFilter(sector="mil")),
    (("--type", "THREATEN"), EventFilter(type="THREATEN")),
    (("--modality", "hedged"), EventFilter(modality="hedged")),
    (("--since", "2025-05-10"), EventFilter(since="2025-05-10")),
    (("--until", "2025-05-09"), EventFilter(until="2025-05-09")),
    (("--outlet", "baltic courier"), EventFilter(outlet="baltic courier")),
    (("--outlet", "Nowhere Daily"), EventFilter(outlet="Nowhere Daily")),
]


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_and_export_apply_each_filter_alike(db_url: str) -> None:  # noqa: F811
    _article(db_url)
    seen = set()
    for option, where in CASES:
        expected = sorted(row.event.id for row in service.events(where, db=db_url, limit=100))
        listed = _run("events", "--db", db_url, "--csv", "-", *option)
        exported = _run("export", "events", "--db", db_url, "--format", "jsonl", *option)
        assert sorted(r["GLOBALEVENTID"] for r in csv.DictReader(io.StringIO(listed))) == expected
        assert sorted(json.loads(line)["id"] for line in exported.splitlines()) == expected
        seen.add(len(expected))
    assert seen == {0, 1, 2}, "the cases must tell a working filter from an ignored one"


def test_event_options_do_not_narrow_an_article_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    _article(db)
    every = _run("export", "articles", "--db", db, "--format", "jsonl")
    narrowed = _run("export", "articles", "--db", db, "--format", "jsonl", "--country", "XXX")
    assert every and narrowed == every
