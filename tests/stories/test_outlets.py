"""Outlet profiles: the shipped table, lookups, user overrides, and outlet labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.factory import make_article

from crosswire.errors import InputError
from crosswire.stories.outlets import (
    COLUMNS,
    ENV_VAR,
    SHIPPED,
    load_profiles,
    outlet_label,
    read_table,
)


def test_the_shipped_table_is_well_formed_and_covers_state_media() -> None:
    rows = read_table(SHIPPED)
    header = next(
        line for line in SHIPPED.read_text(encoding="utf-8").splitlines() if line[:1] != "#"
    )
    assert tuple(header.split("\t")) == COLUMNS
    names = [r.name for r in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert row.country and len(row.country) == 3 and row.country.isupper(), row
        assert row.ownership in {"state", "public", "private", "nonprofit", "cooperative", "party"}
    profiles = load_profiles(env={})
    for name in ("Global Times", "Xinhua", "RT", "TASS", "CGTN", "Kyiv Independent"):
        assert profiles.find(name) is not None, name
    assert profiles.find("Global Times").state_media  # type: ignore[union-attr]
    assert not profiles.find("Kyiv Independent").state_media  # type: ignore[union-attr]


def test_lookup_by_alias_domain_and_loose_spelling() -> None:
    profiles = load_profiles(env={})
    assert profiles.find("the new york times").name == "New York Times"  # type: ignore[union-attr]
    assert profiles.find("CNN (Online News)").name == "CNN"  # type: ignore[union-attr]
    assert profiles.find("Fox News (Some New Qualifier)").name == "Fox News"  # type: ignore[union-attr]
    found = profiles.find(None, url="https://www.globaltimes.cn/page/202306/1292.shtml")
    assert found is not None and found.country == "CHN"
    assert profiles.find("Harbor Ledger") is None


def test_a_user_table_extends_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text(
        "name\taliases\tcountry\townership\tnotes\n"
        "Harbor Ledger\tThe Ledger\tnzl\tprivate\tlocal weekly\n"
        "Global Times\t\tCHN\tstate\tmy own note\n",
        encoding="utf-8",
    )
    profiles = load_profiles(user, env={})
    assert profiles.find("The Ledger").country == "NZL"  # type: ignore[union-attr]
    assert profiles.find("Global Times").notes == "my own note"  # type: ignore[union-attr]
    # the overridden row's old domain no longer points at the old row
    assert profiles.find(None, url="https://globaltimes.cn/x") is None
    from_env = load_profiles(env={ENV_VAR: str(user)})
    assert from_env.find("Harbor Ledger") is not None


def test_a_csv_table_and_bad_tables(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("name,country\nMeridian Wire,usa\n", encoding="utf-8")
    assert load_profiles(table, env={}).find("Meridian Wire").country == "USA"  # type: ignore[union-attr]
    bad = tmp_path / "bad.tsv"
    bad.write_text("outlet\tcountry\nX\tUSA\n", encoding="utf-8")
    with pytest.raises(InputError, match="name"):
        load_profiles(bad, env={})
    with pytest.raises(InputError, match="cannot read"):
        load_profiles(tmp_path / "missing.tsv", env={})


def test_outlet_label_falls_back_to_the_file_name() -> None:
    assert outlet_label(make_article(outlet="Reuters")) == "Reuters"
    assert outlet_label(make_article(source="/data/in/001_abc.txt")) == "001_abc.txt"
    assert outlet_label(make_article(source="/in/batch.jsonl:12")) == "batch.jsonl:12"
    assert outlet_label(make_article(source="crawl.warc.gz#urn:uuid:1")) == "crawl.warc.gz"
    with_url = make_article(source="crawl.warc.gz#x", url="https://www.example.org/a/b")
    assert outlet_label(with_url) == "example.org"
