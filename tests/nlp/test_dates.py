"""Temporal phrases resolved against the publication date."""

from __future__ import annotations

import pytest

from crosswire.nlp.dates import parse_date, resolve_date

SUNDAY = "2023-06-11"


@pytest.mark.parametrize(
    ("phrase", "future", "expected"),
    [
        ("on Friday", False, "2023-06-09"),
        ("on Wednesday", False, "2023-06-07"),
        ("on Sunday", False, "2023-06-11"),
        ("on Friday", True, "2023-06-16"),
        ("In August 2021", False, "2021-08"),
        ("in 2021", False, "2021"),
        ("yesterday", False, "2023-06-10"),
        ("this month", False, "2023-06"),
        ("last month", False, "2023-05"),
        ("last year", False, "2022"),
        ("last week", False, "2023-W22"),
        ("on 12 June 2023", False, "2023-06-12"),
        ("June 3, 2023", False, "2023-06-03"),
        ("in August", False, "2022-08"),
        ("in March", False, "2023-03"),
        ("2023-05-04", False, "2023-05-04"),
    ],
)
def test_resolves_against_publication(phrase: str, future: bool, expected: str) -> None:
    assert resolve_date(phrase, SUNDAY, future=future) == expected


def test_relative_phrase_needs_a_publication_date() -> None:
    assert resolve_date("on Friday", None) is None
    assert resolve_date("in August 2021", None) == "2021-08"


@pytest.mark.parametrize(
    "phrase", ["five-day", "two-day sixth", "a number of areas", "", "Friday night club"]
)
def test_non_dates(phrase: str) -> None:
    assert parse_date(phrase) is None
    assert resolve_date(phrase, SUNDAY) is None


def test_bad_publication_date_is_ignored() -> None:
    assert resolve_date("yesterday", "not a date") is None
