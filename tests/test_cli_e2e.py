"""End to end: the `crosswire` command on the project's samples and the real examples."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run_cli


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("ingest")
    url = f"sqlite:///{work / 'samples.db'}"
    done = run_cli("ingest", str(SAMPLES), "--db", url, cwd=work)
    assert done.returncode == 0, done.stderr
    assert "9 added" in done.stdout and "0 failed" in done.stdout
    return work, url


def test_reingesting_the_same_input_changes_nothing(sample_db: tuple[Path, str]) -> None:
    work, url = sample_db
    before = jsonl(run_cli("articles", "--db", url, "--json", "--limit", "100", cwd=work).stdout)
    again = run_cli("ingest", str(SAMPLES), "--db", url, cwd=work)
    assert again.returncode == 0, again.stderr
    assert "0 added" in again.stdout and "9 already stored" in again.stdout
    after = jsonl(run_cli("articles", "--db", url, "--json", "--limit", "100", cwd=work).stdout)
    assert after == before and len(after) == 9


def test_duplicates_and_reposts_are_linked(sample_db: tuple[Path, str]) -> None:
    work, url = sample_db
    rows = jsonl(run_cli("articles", "--db", url, "--json", "--duplicates", cwd=work).stdout)
    by_source = {Path(r["source"].split(":")[0]).name: r for r in rows}
    repost = by_source["portside-notes-mombasa-repost.txt"]
    assert repost["original_outlet"] == "Meridian Wire"
    everything = jsonl(run_cli("articles", "--db", url, "--json", cwd=work).stdout)
    original = next(r for r in everything if r["id"] == repost["reposted_from"])
    assert original["outlet"] == "Meridian Wire"
    savanna = [r for r in everything if "Namibia" in (r["title"] or "") + r["body"][:300]]
    assert len(savanna) == 2
    copy = next(r for r in savanna if r["duplicate_of"])
    original = next(r for r in savanna if r is not copy)
    assert copy["duplicate_of"] == original["id"] and original["duplicate_of"] is None
    assert copy["content_hash"] == original["content_hash"] and not copy["reposted_from"]


def test_articles_table_filters_and_show(sample_db: tuple[Path, str]) -> None:
    work, url = sample_db
    table = run_cli("articles", "--db", url, "--outlet", "Northline Daily", cwd=work)
    assert table.returncode == 0 and "1 articles" in table.stdout
    assert "Northline Daily" in table.stdout and "Harbor Ledger" not in table.stdout
    rows = jsonl(
        run_cli(
            "articles", "--db", url, "--json", "--search", "Rotterdam", "--originals", cwd=work
        ).stdout
    )
    assert [r["outlet"] for r in rows] == ["Meridian Wire"]
    shown = run_cli("show", rows[0]["id"][:6], "--db", url, cwd=work)
    assert shown.returncode == 0, shown.stderr
    assert "dropped" in shown.stdout and rows[0]["title"][:30] in shown.stdout
    missing = run_cli("show", "ffffffffffff", "--db", url, cwd=work)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "Traceback" not in missing.stderr


def test_extract_examples_meets_the_cleaning_spec(examples: Path, tmp_path: Path) -> None:
    done = run_cli("extract", str(examples), "--no-nlp", "--published", "2023-06-11", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    a000, a001 = sorted(jsonl(done.stdout), key=lambda r: r["input_id"])
    assert a000["title"] is None
    assert a001["title"] == (
        "China to Host Russia in Joint Exercise, Senior Military Leaders Confirm in Talks"
    )
    assert "Jake Broe" not in a000["body"] and "Advertisement" not in a000["body"]
    assert "Ctrl + Enter" not in a000["body"]
    assert "Home »" not in a001["body"] and not a001["body"].rstrip().endswith("Source :")
    assert a001["published"] == "2023-06-11" and a000["language"] == "en"
    assert a001["original_outlet"] == "Global Times" and a000["original_outlet"] is None
    dropped_000 = {d["text"].strip() for d in a000["dropped"]}
    assert "Advertisement" in dropped_000 and all(d["reason"] for d in a000["dropped"])
    for article in (a000, a001):
        for sentence in _source_sentences(examples / f"{article['input_id']}"):
            if sentence in {d["text"].strip() for d in article["dropped"]}:
                continue
            assert sentence in article["body"] or sentence == article["title"]


def _source_sentences(path: Path) -> list[str]:
    """Long lines of the input (report paragraphs): each must survive somewhere."""
    return [line.strip() for line in path.read_text().splitlines() if len(line.split()) > 25]


def test_extract_full_pipeline_adds_actors_and_events(examples: Path, tmp_path: Path) -> None:
    done = run_cli("extract", str(examples / "000_93a0c5ec495d1184.txt"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (article,) = jsonl(done.stdout)
    names = {m["text"] for m in article["mentions"]}
    assert "Valery Gerasimov" in names and "Jake Broe" not in names
    for mention in article["mentions"]:
        assert article["body"][mention["start"] : mention["end"]] == mention["text"]
    entities = {e["id"]: e for e in article["entities"]}
    assert {m["entity"] for m in article["mentions"]} - {None} <= set(entities)
    gerasimov = next(e for e in entities.values() if e["name"] == "Valery Gerasimov")
    assert (gerasimov["country"], gerasimov["sector"]) == ("RUS", "MIL")
    assert article["events"], "the article reports events"
    for event in article["events"]:
        assert article["body"][event["start"] : event["end"]] == event["sentence"]
        assert {event["source"], event["target"]} - {None} <= set(entities)
    assert "crosswire.nlp.v1" in article["stages"]


def test_ingested_events_are_queryable(examples: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    done = run_cli("ingest", str(examples), "--db", url, "--published", "2023-06-11", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    consults = run_cli(
        "events", "--db", url, "--actor", "Gerasimov", "--type", "CONSULT", cwd=tmp_path
    )
    assert consults.returncode == 0 and "CONSULT" in consults.stdout
    profile = run_cli("actor", "Liu Zhenli", "--db", url, cwd=tmp_path)
    assert profile.returncode == 0, profile.stderr
    assert "Chief of Staff" in profile.stdout


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Harbour workers in Antwerp ended a three-day strike on Friday after the port "
        "authority agreed to review overtime rules, a union spokesman said.\n"
    )
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inputs / "feed.jsonl").write_text(
        '{"id": "1", "text": "A fine line of news text."}\n{not json\n'
    )
    menu = "".join(f'<li><a href="/{n}">Section {n}</a></li>' for n in range(30))
    (inputs / "menu.html").write_text(f"<html><body><nav><ul>{menu}</ul></nav></body></html>")
    (inputs / "cut.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p>" * 500)[:60])
    out = tmp_path / "out.jsonl"
    # a folder walk passes over image files; named on the command line, one is refused
    done = run_cli(
        "extract", str(inputs), str(inputs / "image.png"), "--no-nlp", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    problems = done.stderr.strip().splitlines()
    assert len(problems) == 5, problems
    for name in ("empty.txt", "image.png", "feed.jsonl:2", "cut.html.gz", "menu.html"):
        assert sum(name in line for line in problems) == 1, (name, problems)
    assert {r["input_id"] for r in jsonl(out.read_text())} == {"good.txt", "1"}


def test_stdin_and_metadata_options(tmp_path: Path) -> None:
    page = (SAMPLES / "html" / "harbor-ledger-piraeus-damietta-corridor.html").read_bytes()
    done = run_cli(
        "extract", "-", "--no-nlp", "--url", "https://example.org/x", cwd=tmp_path, stdin=page
    )
    assert done.returncode == 0, done.stderr
    (article,) = jsonl(done.stdout)
    assert article["source"] == "-" and article["outlet"] == "Harbor Ledger"
    assert article["published"] == "2025-05-20" and article["raw_kind"] == "html"
    text = b"Officials in Lisbon opened a new ferry terminal on Monday, the city council said."
    done = run_cli(
        "extract",
        "-",
        "--no-nlp",
        "--outlet",
        "Tagus Times",
        "--published",
        "2025-01-02",
        cwd=tmp_path,
        stdin=text,
    )
    (article,) = jsonl(done.stdout)
    assert (article["outlet"], article["published"]) == ("Tagus Times", "2025-01-02")
    bad = run_cli("extract", "-", "--published", "last week", cwd=tmp_path, stdin=text)
    assert bad.returncode == 2 and "--published" in bad.stderr and "Traceback" not in bad.stderr


def test_messages_never_show_the_database_password() -> None:
    from crosswire.cli_render import shown_db

    shown = shown_db("postgresql+psycopg://app:s3cret@127.0.0.1:5432/news")
    assert "s3cret" not in shown and "127.0.0.1:5432/news" in shown
    assert shown_db("sqlite:///out/samples.db") == "sqlite:///out/samples.db"
