"""The project's own knowledge base of actors: states, leaders, state bodies, outlets, kit.

Built from pycountry (ISO 3166 names) and the files in ``nlp/data/``:

``countries.tsv``  extra names, demonyms, capitals and seats of power per ISO alpha-3
``bodies.tsv``     generic state bodies ("Ministry of Defense") keyed ``<ISO3>.<TYPE>``
``actors.jsonl``   named people, bodies, IGOs, outlets and places, one JSON object a line
``gazetteer.tsv``  military equipment and exercises

A user extends it with ``CROSSWIRE_KB``: a JSONL file, or a folder of ``*.jsonl``
files, in the ``actors.jsonl`` format; an entry with an existing ``key`` replaces it.
Lookups go by surface form, ignoring case, a leading "the", possessive "'s",
dots in acronyms and parenthesised acronyms (see :func:`normalise`).
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from crosswire.config import Settings
from crosswire.errors import InputError
from crosswire.models import content_id

DATA = Path(__file__).parent / "data"
#: Sector of each kind of seat of power, and the body key it stands for.
SEAT_BODY = {"GOV": "GOV", "MIL": "MOD", "LEG": "PARL"}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_PARENS = re.compile(r"\s*\([^)]*\)")
_POSSESSIVE = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")


def normalise(surface: str) -> str:
    """The lookup form of a name: "The Kremlin's" -> "kremlin", "U.S." -> "us"."""
    text = _PARENS.sub("", surface.translate(_APOSTROPHES)).strip()
    text = _POSSESSIVE.sub("", text).replace(".", "")
    text = _SPACES.sub(" ", text).strip().lower()
    return text.removeprefix("the ")


@dataclass(frozen=True)
class KBEntry:
    """One actor or thing the project knows by name; ``id`` is stable everywhere."""

    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    #: A common word too ("Patriot", "Tiger"): the ruler needs context to tag it.
    ambiguous: bool = False
    #: Nouns it is referred back with ("alliance" for NATO: "the alliance said").
    types: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Entity id: a hash of the knowledge-base key."""
        return content_id("kb", self.key)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class BodyType:
    """A kind of state body every state has: resolved per country to ``<ISO3>.<type>``."""

    type: str
    sector: str
    name: str
    forms: tuple[str, ...]
    #: Whether the gazetteer tags the forms; False leaves recognition to the tagger,
    #: which reads longer names better ("Supreme Court Commission").
    tagged: bool = True


@dataclass(frozen=True)
class Metonym:
    """A capital or seat of power naming a state's government ("the Kremlin")."""

    entry: KBEntry
    #: Seats of power stand for the government wherever they occur; capitals only as agents.
    seat: bool


class KnowledgeBase:
    """Name lookups over states, bodies, people, outlets, equipment and exercises."""

    def __init__(
        self,
        entries: Iterable[KBEntry],
        *,
        bodies: Iterable[BodyType] = (),
        demonyms: dict[str, str] | None = None,
        metonyms: dict[str, Metonym] | None = None,
    ) -> None:
        self._entries: dict[str, KBEntry] = {}
        for entry in entries:
            self._entries[entry.key] = entry  # later files replace earlier keys
        self._by_name: dict[str, KBEntry] = {}
        for entry in self._entries.values():
            for name in entry.names:
                # The first entry to claim a name keeps it: states before bodies before kit.
                self._by_name.setdefault(normalise(name), entry)
        self.bodies = tuple(bodies)
        self._body_forms = {normalise(f): b for b in self.bodies for f in b.forms}
        self._demonyms = dict(demonyms or {})
        self._metonyms = dict(metonyms or {})

    @classmethod
    def load(cls, settings: Settings | None = None, *, extra: str | None = None) -> KnowledgeBase:
        """The built-in knowledge base with extra entries merged over it.

        The extra file or folder is ``extra`` if given, else ``settings.kb_path``
        (which :meth:`Settings.from_env` reads from ``CROSSWIRE_KB``), else
        ``$CROSSWIRE_KB``.
        """
        if extra is None and settings is not None:
            extra = settings.kb_path
        return load_kb(extra)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> KBEntry | None:
        """The entry with this key, if any."""
        return self._entries.get(key)

    def lookup(self, surface: str) -> KBEntry | None:
        """The entry named ``surface`` (a name, alias or country name), if any."""
        return self._by_name.get(normalise(surface))

    def demonym(self, surface: str) -> str | None:
        """ISO alpha-3 of a demonym ("Chinese") or country name ("Russia's"), if known."""
        key = normalise(surface)
        iso = self._demonyms.get(key)
        if iso is None:
            entry = self._by_name.get(key)
            iso = entry.country if entry is not None and entry.kind == "STATE" else None
        return iso

    def metonym(self, surface: str) -> Metonym | None:
        """The government a capital or seat of power stands for, if ``surface`` is one."""
        found = self._metonyms.get(normalise(surface))
        if found is None:
            return None
        # A maintained entry for the same key ("USA.MOD" for "the Pentagon") wins.
        known = self._entries.get(found.entry.key)
        return Metonym(known, found.seat) if known is not None else found

    def region(self, word: str) -> str | None:
        """ISO alpha-3 of the one country with a province or state called ``word``.

        ``word`` is a subdivision's name ("West Virginia") or its first word ("Shaanxi").
        """
        return _regions().get(word)

    def body(self, surface: str) -> BodyType | None:
        """The generic body type named by ``surface`` ("Defence Ministry" -> MOD), if any."""
        return self._body_forms.get(normalise(surface))

    def body_entry(self, iso: str, body: BodyType) -> KBEntry:
        """The entry for ``iso``'s body of this type: a maintained one, else a generic one."""
        key = f"{iso}.{body.type}"
        known = self._entries.get(key)
        if known is not None:
            return known
        state = self._entries.get(iso)
        owner = state.name if state is not None else iso
        kind = "STATE" if body.type == "GOV" else "ORG"
        return KBEntry(key, f"{body.name} of {owner}", kind, iso, body.sector)


@cache
def _pycountry_names() -> dict[str, list[str]]:
    import pycountry

    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        found = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        # "Korea, Republic of" reads "Republic of Korea" in running text.
        names[country.alpha_3] = [" ".join(reversed(n.split(", ", 1))) for n in found if n]
    return names


#: First words of region names that say nothing about the country.
_VAGUE = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Upper",
        "Lower",
        "Greater",
        "Saint",
        "Sankt",
        "San",
        "Santa",
        "New",
        "Mount",
        "Little",
        "Grand",
        "Great",
        "Port",
        "Northeast",
        "Northwest",
        "Southeast",
        "Southwest",
        "Capital",
        "Federal",
        "Autonomous",
        "United",
        "Union",
        "Royal",
        "National",
        "Free",
        "City",
        "Republic",
    ]
)


#: Words after a subdivision's name that only say what kind of subdivision it is.
_DESIGNATORS = frozenset(
    [
        "Sheng", "Shi", "Zizhiqu", "Huizu", "Uygur", "Zhuangzu", "Respublika", "SAR",
        "Province", "Region", "State", "Oblast", "Governorate", "Prefecture", "County",
        "District",
    ]
)  # fmt: skip


@cache
def _regions() -> dict[str, str]:
    """Names and first words of pycountry subdivisions that belong to one country only."""
    import pycountry

    owners: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        if country is None:
            continue
        word, *rest = subdivision.name.replace(",", "").split()
        names = [subdivision.name] if "," not in subdivision.name else []
        if all(w in _DESIGNATORS or w.islower() for w in rest):
            names.append(word)  # "Shaanxi Sheng": Shaanxi; not "White" of "White Nile"
        for name in dict.fromkeys(names):
            if len(name) < 4 or not name[0].isupper() or name in _VAGUE:
                continue
            owners.setdefault(name, set()).add(country.alpha_3)
    return {name: isos.pop() for name, isos in owners.items() if len(isos) == 1}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row + [""] * (5 - len(row))


def _states(path: Path) -> tuple[list[KBEntry], dict[str, str], dict[str, Metonym]]:
    """State and government entries, demonyms and metonyms from pycountry + countries.tsv."""
    pyc = _pycountry_names()
    states: dict[str, KBEntry] = {}
    demonyms: dict[str, str] = {}
    metonyms: dict[str, Metonym] = {}
    rows = {row[0]: row for row in _rows(path)}
    for iso, official in pyc.items():
        row = rows.get(iso, [iso, "", "", "", ""])
        names = list(dict.fromkeys([*_split(row[1]), *official]))
        states[iso] = KBEntry(iso, names[0], "STATE", iso, None, tuple(names[1:]))
        government = KBEntry(f"{iso}.GOV", f"Government of {names[0]}", "STATE", iso, "GOV")
        states[government.key] = government
        demonyms.update({normalise(d): iso for d in _split(row[2])})
        for capital in _split(row[3]):
            metonyms[normalise(capital)] = Metonym(government, seat=False)
        for seat in _split(row[4]):
            name, _, sector = seat.partition("=")
            sector = sector.strip() or "GOV"
            stand_in = KBEntry(f"{iso}.{SEAT_BODY.get(sector, 'GOV')}", name, "STATE", iso, sector)
            metonyms[normalise(name)] = Metonym(stand_in, seat=True)
    return list(states.values()), demonyms, metonyms


def _bodies(path: Path) -> list[BodyType]:
    return [BodyType(r[0], r[1], r[2], tuple(_split(r[3])), r[4] != "0") for r in _rows(path)]


def _gazetteer(path: Path) -> list[KBEntry]:
    entries = []
    for kind, name, country, aliases, ambiguous in (r[:5] for r in _rows(path)):
        key = f"{kind}.{normalise(name).upper().replace(' ', '_')}"
        entries.append(
            KBEntry(
                key, name, kind, country or None, "MIL", tuple(_split(aliases)), ambiguous == "1"
            )
        )
    return entries


def read_jsonl(path: Path) -> list[KBEntry]:
    """Entries from a JSONL file in the ``actors.jsonl`` format (see docs/actors.md)."""
    entries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"cannot read knowledge base {path}: {error}") from error
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
            entries.append(
                KBEntry(
                    key=data["key"],
                    name=data["name"],
                    kind=data.get("kind", "ORG"),
                    country=data.get("country"),
                    sector=data.get("sector"),
                    aliases=tuple(data.get("aliases", ())),
                    ambiguous=bool(data.get("ambiguous", False)),
                    types=tuple(data.get("types", ())),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}: bad entry ({error})") from error
    return entries


def _extra_files(extra: str | None) -> list[Path]:
    if not extra:
        return []
    path = Path(extra)
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    if not path.exists():
        raise InputError(f"CROSSWIRE_KB: {path} does not exist")
    return [path]


def load_kb(extra: str | None = None) -> KnowledgeBase:
    """The built-in knowledge base, with ``extra`` (default ``$CROSSWIRE_KB``) merged over it."""
    extra = os.environ.get("CROSSWIRE_KB") if extra is None else extra
    return _load(extra or None)


@cache
def _load(extra: str | None) -> KnowledgeBase:
    states, demonyms, metonyms = _states(DATA / "countries.tsv")
    entries = [*states, *read_jsonl(DATA / "actors.jsonl"), *_gazetteer(DATA / "gazetteer.tsv")]
    for path in _extra_files(extra):
        entries.extend(read_jsonl(path))
    return KnowledgeBase(
        entries, bodies=_bodies(DATA / "bodies.tsv"), demonyms=demonyms, metonyms=metonyms
    )
