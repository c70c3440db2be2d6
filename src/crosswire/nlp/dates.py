"""Temporal expressions resolved against the publication date.

News reports date events relative to the day they appeared ("on Friday",
"yesterday", "last week"). :func:`resolve_date` turns such a phrase into an ISO
date at the precision the phrase gives (``2023-06-09``, ``2023-06``, ``2023``),
using the article's publication date; :func:`parse_date` says whether a phrase
is a point in time at all ("five-day" is a duration, not a date). No spaCy here:
the caller finds the phrase in the parse.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
_UNITS = ("week", "month", "year")
# "last"/"this"/"next" shift a unit; "earlier this month" is still this month.
_SHIFTS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_FILLER = re.compile(r"\b(on|in|at|during|since|by|of|the|earlier|later|late|early|mid|,)\b|,")
_YEAR = re.compile(r"^(1[89]\d\d|2\d\d\d)$")
_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


@dataclass(frozen=True)
class DateRef:
    """A parsed temporal phrase: absolute parts, or a shift relative to publication."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset_days: int | None = None
    unit: str | None = None
    shift: int = 0


def parse_date(phrase: str) -> DateRef | None:
    """The point in time ``phrase`` names, or ``None`` if it names none (a duration, "two-day")."""
    iso = _ISO.search(phrase)
    if iso:
        year, month, day = iso.groups()
        return DateRef(int(year), int(month), int(day) if day else None)
    words = _FILLER.sub(" ", phrase.lower().replace("\u2019", "'")).split()
    if not words:
        return None
    if len(words) == 1 and words[0] in _RELATIVE_DAYS:
        return DateRef(offset_days=_RELATIVE_DAYS[words[0]])
    if len(words) == 1 and words[0] in WEEKDAYS:
        return DateRef(weekday=WEEKDAYS[words[0]])
    if len(words) == 2 and words[0] in _SHIFTS and words[1] in _UNITS:
        return DateRef(unit=words[1], shift=_SHIFTS[words[0]])
    if len(words) == 2 and words[0] in _SHIFTS and words[1] in WEEKDAYS:
        return DateRef(weekday=WEEKDAYS[words[1]], shift=_SHIFTS[words[0]])
    return _absolute(words)


def _absolute(words: list[str]) -> DateRef | None:
    """ "August 2021", "12 June 2023", "June 12, 2023", "2021", "June"."""
    year = month = day = None
    for word in words:
        if word in WEEKDAYS:
            continue  # "Friday, June 9, 2023": the weekday adds nothing
        if _YEAR.match(word) and year is None:
            year = int(word)
        elif word in MONTHS and month is None:
            month = MONTHS[word]
        elif (found := _DAY.match(word)) and day is None and 1 <= int(found.group(1)) <= 31:
            day = int(found.group(1))
        else:
            return None  # a word that is no part of a date: not a date phrase
    if month is None and (year is None or day is not None):
        return None
    return DateRef(year=year, month=month, day=day if month else None)


def resolve_date(phrase: str, published: str | None, *, future: bool = False) -> str | None:
    """ISO date (at the phrase's precision) for ``phrase``, or ``None`` if it cannot be resolved.

    Relative phrases need ``published`` (ISO). A bare weekday is the most recent
    such day on or before publication (past reports), or the next one after it
    when ``future`` (the event is still to come).
    """
    ref = parse_date(phrase)
    if ref is None:
        return None
    base = _published_day(published)
    if ref.year is not None or (ref.month is not None and base is not None):
        return _absolute_iso(ref, base, future=future)
    if base is None:
        return None
    if ref.offset_days is not None:
        return (base + timedelta(days=ref.offset_days)).isoformat()
    if ref.weekday is not None:
        return _weekday(base, ref.weekday, ref.shift, future=future).isoformat()
    return _unit(base, ref.unit or "", ref.shift)


def _published_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _absolute_iso(ref: DateRef, base: date | None, *, future: bool) -> str | None:
    year = ref.year
    if year is None and base is not None and ref.month is not None:
        # "in August" without a year: the nearest August in the report's direction
        year = base.year
        if not future and ref.month > base.month:
            year -= 1
        elif future and ref.month < base.month:
            year += 1
    if year is None:
        return None
    if ref.month is None:
        return f"{year:04d}"
    if ref.day is None:
        return f"{year:04d}-{ref.month:02d}"
    try:
        return date(year, ref.month, ref.day).isoformat()
    except ValueError:
        return None


def _weekday(base: date, weekday: int, shift: int, *, future: bool) -> date:
    if shift > 0 or (future and shift == 0):
        ahead = (weekday - base.weekday()) % 7 or 7
        return base + timedelta(days=ahead + 7 * max(shift - 1, 0))
    back = (base.weekday() - weekday) % 7
    if shift < 0 and back == 0:
        back = 7  # "last Sunday" said on a Sunday is a week ago
    return base - timedelta(days=back)


def _unit(base: date, unit: str, shift: int) -> str | None:
    if unit == "year":
        return f"{base.year + shift:04d}"
    if unit == "month":
        month_index = base.year * 12 + base.month - 1 + shift
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    if unit == "week":
        # ISO week of the shifted day: no day-level precision for "last week"
        year, week, _ = (base + timedelta(weeks=shift)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return None
