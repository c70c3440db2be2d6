"""One entity per real-world actor in an article, coded with country, sector and roles.

:func:`resolve_actors` reads the named-entity mentions of one parsed article and
groups them: a full name and the surname used later ("Valery Gerasimov" =
"Gerasimov"), an acronym and its expansion ("Central Military Commission (CMC)"),
knowledge-base names and aliases, exercise names with and without their year, and
the descriptions the text gives (appositions, copular sentences, titles; see
:mod:`crosswire.nlp.roles`). Capitals and seats of power used as agents stand for
the state's government ("Beijing accuses" -> Government of China). Dates, numbers
and the like are no actors and stay out.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from crosswire.models import Entity, Mention, Role
from crosswire.nlp.coref import Cluster, nicknamed_groups, nominal_actors
from crosswire.nlp.kb import KBEntry, KnowledgeBase, normalise
from crosswire.nlp.mentions import (
    ORG_NOUNS,
    actor_spans,
    home_country,
    owner_of,
    place_in,
    us_party_state,
)
from crosswire.nlp.roles import (
    LEXICON,
    ROLE_NOUNS,
    SECTOR_WORDS,
    Description,
    descriptions,
    sector_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KIND_OF_LABEL = {
    **{label: label for label in ("PERSON", "ORG", "EQUIPMENT", "EXERCISE")},
    **{label: "PLACE" for label in ("GPE", "LOC", "FAC")},
    "NORP": "GROUP",
}
#: Prepositions after which a capital is a place, not its government.
LOCATIVE = LEXICON["locative"]
DIRECTIONAL = frozenset({"to", "from", "toward", "towards"})
#: Verbs whose object or destination is a place ("visit Moscow", "strikes on Kyiv").
PLACE_VERBS = LEXICON["place_verbs"]
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "sir", "dame"})
SECTOR_RANK = {sector: rank for rank, (sector, _) in enumerate(SECTOR_WORDS)}


@dataclass(frozen=True)
class Actors:
    """The entities of one article and the mentions that refer to them."""

    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def entity_at(self, start_char: int, end_char: int) -> Entity | None:
        """The entity a text span refers to: the longest mention inside it, else around it."""
        index = self._index
        # Mentions are sorted by start; none is longer than ``longest``.
        first = bisect_left(index.starts, start_char - index.longest)
        last = bisect_left(index.starts, end_char)
        inside, around = [], []
        for mention in index.ordered[first:last]:
            if start_char <= mention.start and mention.end <= end_char:
                inside.append(mention)
            elif mention.start <= start_char and end_char <= mention.end:
                around.append(mention)
        if inside:
            best = max(inside, key=lambda m: (m.end - m.start, m.label != "DESC"))
        elif around:
            best = min(around, key=lambda m: m.end - m.start)
        else:
            return None
        return index.by_id.get(best.entity or "")

    @cached_property
    def _index(self) -> _Index:
        ordered = tuple(sorted(self.mentions, key=lambda m: m.start))
        return _Index(
            ordered=ordered,
            starts=[m.start for m in ordered],
            longest=max((m.end - m.start for m in ordered), default=0),
            by_id={e.id: e for e in self.entities},
        )


@dataclass(frozen=True)
class _Index:
    ordered: tuple[Mention, ...]
    starts: list[int]
    longest: int
    by_id: dict[str, Entity]


def resolve_actors(doc: Doc, *, published: str | None, kb: KnowledgeBase) -> Actors:
    """Group the actor mentions of ``doc`` into entities and code them (see module doc)."""
    return _Resolver(doc, kb, published).run()


class _Resolver:
    def __init__(self, doc: Doc, kb: KnowledgeBase, published: str | None) -> None:
        self.doc, self.kb, self.published = doc, kb, published
        self.clusters: dict[str, Cluster] = {}
        self.acronyms: dict[str, str] = {}
        self.mentions: list[tuple[Span, str]] = []
        self.extra_mentions: list[Mention] = []
        self.aliased: set[int] = set()
        self.home: str | None = None
        # Token.sent walks the document each time: look sentence starts up instead.
        self.sentence_of = _sentence_starts(doc)

    def run(self) -> Actors:
        spans = actor_spans(self.doc, self.kb)
        self.home = home_country(spans, self.kb)
        for span in spans:
            key = self._alias_anchor(span) or self.resolve(span)
            self.mentions.append((span, key))
            self.clusters[key].aliases.setdefault(span.text, None)
            self._note_acronym(span, key)
            self._parent_in_name(span, key)
            cluster = self.clusters[key]
            if cluster.kind == "PERSON" and not cluster.country and us_party_state(span, self.kb):
                cluster.country = "USA"
        self._missed_surnames()
        by_token = {t.i: span for span, _ in self.mentions for t in span}
        cluster_of = {span.root.i: key for span, key in self.mentions}
        for description in descriptions(self.doc, by_token, published=self.published):
            self._apply(self.clusters[cluster_of[description.target]], description)
        for span, key in self.mentions:
            self._title_prefix(span, self.clusters[key])
        self.extra_mentions += nicknamed_groups(
            self.doc,
            self.clusters,
            by_token,
            cluster_of,
            self.sentence_of,
            published=self.published,
        )
        taken = {t.i for span, _ in self.mentions for t in span}
        taken |= {
            t.i for m in self.extra_mentions for t in self.doc.char_span(m.start, m.end) or ()
        }
        self.extra_mentions += nominal_actors(self.doc, self.clusters, taken, self.kb)
        for cluster in self.clusters.values():
            self._finish(cluster)
        return self._actors()

    def _actors(self) -> Actors:
        mentions = [
            Mention(s.text, s.label_, s.start_char, s.end_char, self.clusters[k].id)
            for s, k in self.mentions
        ]
        mentions.extend(self.extra_mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        entities = {c.id: c.entity() for c in self.clusters.values()}
        return Actors(tuple(entities.values()), tuple(mentions))

    # --- which actor a mention names -------------------------------------------------

    def resolve(self, span: Span) -> str:
        label, text = span.label_, span.text
        if label == "PERSON" or (len(span) == 1 and self._person_named(text)):
            return self._person(span)
        if label == "NORP" and (party := self._party(text)) is not None:
            return self._entry(party)  # "Democrat", "Democratic", "Republican"
        if label == "NORP" or (len(span) == 1 and label in {"ORG", "GPE"}):
            iso = self.kb.demonym(text)  # "Polish" tagged ORG is the state too
            if iso is not None:
                return self._entry(self.kb.get(iso) or KBEntry(iso, text, "STATE", iso))
        metonym = self.kb.metonym(text)
        if metonym is not None and (metonym.seat or _agentive(span)):
            return self._entry(metonym.entry)
        entry = self.kb.lookup(text) or self._acronym(text) or self._body(span)
        if isinstance(entry, str):
            return entry
        if entry is not None:
            return self._entry(entry)
        if label in {"EQUIPMENT", "EXERCISE"}:
            return self._thing(span)
        return self._new(span, metonym.entry.country if metonym else None)

    def _party(self, text: str) -> KBEntry | None:
        """The party a member's noun or adjective names ("Democrat": "Democrats")."""
        for name in (f"{text}s", f"{text} Party"):
            entry = self.kb.lookup(name)
            if entry is not None and entry.sector == "PTY":
                return entry
        return None

    def _alias_anchor(self, span: Span) -> str | None:
        """ "X, also known as Y or Z": Y and Z name the actor of the nearest X before them."""
        doc, i = self.doc, span.start - 1
        sentence = self.sentence_of[span.start]
        while i > sentence and doc[i].dep_ == "det":
            i -= 1
        if i > sentence and doc[i].lower_ in {"or", ","} and self.mentions:
            previous, key = self.mentions[-1]
            linked = previous.start in self.aliased
            return key if linked and previous.end >= i - 2 else None
        if i - 1 <= sentence or doc[i].lower_ != "as":
            return None
        if doc[i - 1].lemma_ not in {"know", "translate", "call", "refer", "name", "render"}:
            return None
        for previous, key in reversed(self.mentions):
            if self.sentence_of[previous.start] != sentence:
                break
            if previous.label_ == span.label_:
                self.aliased.add(span.start)
                return key
        return None

    def _entry(self, entry: KBEntry) -> str:
        key = f"kb:{entry.key}"
        if key not in self.clusters:
            self.clusters[key] = Cluster.from_entry(entry)
        return key

    def _person_named(self, token: str) -> str | None:
        """The person cluster whose full name starts or ends with ``token`` (latest first)."""
        for key, cluster in reversed(self.clusters.items()):
            parts = cluster.name.split()
            if cluster.kind == "PERSON" and len(parts) > 1 and token in (parts[0], parts[-1]):
                return key
        return None

    def _person(self, span: Span) -> str:
        words = [t for t in span if not (t.is_title and t.lower_ in ROLE_NOUNS)] or list(span)
        name = " ".join(t.text for t in words)
        entry = self.kb.lookup(span.text) or self.kb.lookup(name)
        if entry is not None and entry.kind == "PERSON":
            return self._entry(entry)
        if len(words) == 1 and (known := self._person_named(name)):
            return known
        for key, cluster in self.clusters.items():  # full name after a KB surname ("Xi" first)
            if cluster.kind == "PERSON" and normalise(cluster.name) == normalise(name):
                return key
        key = f"PERSON:{normalise(name)}"
        self.clusters.setdefault(key, Cluster("PERSON", name))
        return key

    def _missed_surnames(self) -> None:
        """Surnames of people named in full that the tagger left untagged later on."""
        from spacy.tokens import Span

        tagged = {t.i for span, _ in self.mentions for t in span}
        for token in self.doc:
            if token.pos_ == "PROPN" and token.i not in tagged and token.ent_type_ == "":
                key = self._person_named(token.text)
                if key is not None:
                    self.mentions.append((Span(self.doc, token.i, token.i + 1, "PERSON"), key))
                    self.clusters[key].aliases.setdefault(token.text, None)
        self.mentions.sort(key=lambda pair: pair[0].start)

    def _acronym(self, text: str) -> str | None:
        return self.acronyms.get(text)

    def _note_acronym(self, span: Span, key: str) -> None:
        """ "Central Military Commission (CMC)": the bracketed capitals name the same actor."""
        doc = self.doc
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            inner = doc[end + 1].text
            if inner.isupper() and 2 <= len(inner) <= 6 and inner not in self.acronyms:
                self.acronyms[inner] = key
                self.clusters[key].aliases.setdefault(inner, None)

    def _body(self, span: Span) -> KBEntry | str | None:
        """A generic state body ("Ministry of Defense"), owned by a country the text names."""
        owner, rest = owner_of(span, self.kb)
        body = self.kb.body(rest)
        if body is None:
            return None
        parent = self._parent_org(span)
        if parent is not None and body.type in {"ARMY", "NAVY", "AIRFORCE"}:
            short = min(self.clusters[parent].aliases, key=len)
            entry = self.kb.lookup(f"{short} {rest}")
            if entry is not None:
                return entry
            owner = owner or self.clusters[parent].country
        # "the Senate" with no owner: the state the article is about, if one stands out.
        owner = owner or self.home
        return self.kb.body_entry(owner, body) if owner else None

    def _parent_in_name(self, span: Span, key: str) -> None:
        """ "Joint Staff Department of the Central Military Commission": the known
        organisation after "of" is an actor of its own, mentioned inside the name."""
        cluster = self.clusters[key]
        if cluster.kind != "ORG" or len(span) < 3:
            return
        cut = next((t.i for t in span if t.lower_ == "of"), None)
        if cut is None:
            return
        start = cut + 1 + (self.doc[cut + 1].lower_ == "the")
        inner = self.doc[start : span.end]
        entry = self.kb.lookup(inner.text) if len(inner) else None
        if entry is None or entry.kind != "ORG" or entry.key == cluster.key:
            return
        parent = self._entry(entry)
        self.clusters[parent].aliases.setdefault(inner.text, None)
        self.extra_mentions.append(
            Mention(inner.text, "ORG", inner.start_char, inner.end_char, self.clusters[parent].id)
        )

    def _parent_org(self, span: Span) -> str | None:
        """ "PLA (PLA) Ground Forces": the organisation right before a service name."""
        i = span.start - 1
        if i >= 2 and self.doc[i].text == ")" and self.doc[i - 2].text == "(":
            i -= 3
        for previous, key in reversed(self.mentions):
            if previous.end - 1 == i and self.clusters[key].kind in {"ORG", "STATE"}:
                return key
        return None

    def _thing(self, span: Span) -> str:
        """Equipment or an exercise: "Zapad/Interaction" is "Zapad/Interaction-2021"."""
        words = span.text.split()
        for cut in range(len(words) - 1, 0, -1):  # "ZFB-05 Xinxing armored personnel carrier"
            entry = self.kb.lookup(" ".join(words[:cut]))
            if entry is not None and entry.kind == span.label_:
                return self._entry(entry)
        base = normalise(span.text).rsplit("-", 1)[0]
        for key, cluster in self.clusters.items():
            if cluster.kind == span.label_ and normalise(cluster.name).rsplit("-", 1)[0] == base:
                return key
        return self._new(span, None)

    def _new(self, span: Span, country: str | None) -> str:
        kind = KIND_OF_LABEL.get(span.label_, "ORG")
        sector = sector_of(span.text.replace("-", " ").split() + _next_words(span))
        if span.label_ == "FAC" and sector in {"BUS", "GOV", "MIL", "MED"}:
            kind = "ORG"  # "the Shaanxi Baoji Special Vehicles Manufacturing company"
        if kind == "PLACE" and span[-1].lower_ in ORG_NOUNS:
            kind = "ORG"  # "Port of Rotterdam Authority"
        if kind == "ORG" and sector == "MED":
            kind = "OUTLET"
        owner, _ = owner_of(span, self.kb)
        if owner is None and kind in {"ORG", "OUTLET", "GROUP"}:  # "Royal Norwegian Navy"
            owner = next((c for t in span[:-1] if (c := self.kb.demonym(t.text))), None)
        if owner is None and kind == "PLACE":
            owner = place_in(span, self.kb)  # "Shanksville, PA", "Del Rio, Texas"
        if owner is None and kind in {"PLACE", "ORG"} and country is None:
            # "West Virginia"; "Shaanxi Baoji ... company": China
            owner = self.kb.region(span.text)
            if owner is None and len(span) > 1 and span[1].lower_ != "of":
                owner = self.kb.region(span[0].text)  # not "Gulf" of "Gulf of Gdansk"
        key = f"{kind}:{normalise(span.text)}"
        if key not in self.clusters:
            if kind in {"EQUIPMENT", "EXERCISE"}:
                sector = "MIL"
            self.clusters[key] = Cluster(
                kind, span.text, None, owner or country, None if kind == "PLACE" else sector
            )
        return key

    # --- what the text says about the actors ------------------------------------------

    def _apply(self, cluster: Cluster, description: Description) -> None:
        cluster.descriptions.append(description)
        role = description.role
        if role is not None:
            if role.organisation:
                role = replace(role, organisation=self._canonical(role.organisation))
            seen = {(r.title, r.organisation) for r in cluster.roles}
            if (role.title, role.organisation) not in seen:
                cluster.roles.append(role)
        else:
            cluster.aliases.setdefault(description.text, None)
        if description.standalone:
            self.extra_mentions.append(
                Mention(description.text, "DESC", description.start, description.end, cluster.id)
            )

    def _canonical(self, organisation: str) -> str:
        """The knowledge-base or in-article name of an organisation named in a role."""
        entry = self.kb.lookup(organisation)
        if entry is not None:
            return entry.name
        wanted = normalise(organisation)
        for cluster in self.clusters.values():
            if wanted in {normalise(a) for a in (cluster.name, *cluster.aliases)}:
                return cluster.name
        return organisation

    def _title_prefix(self, span: Span, cluster: Cluster) -> None:
        """ "Russian Defense Minister Sergei Shoigu": the title words before a name."""
        if cluster.kind != "PERSON":
            return
        i = span.start
        while i > 0 and self.doc[i - 1].dep_ in {"compound", "amod", "nmod"}:
            if not (self.doc[i - 1].is_title or self.doc[i - 1].is_upper):
                break
            i -= 1
        prefix = self.doc[i : span.start]
        inner = [t for t in span if t.is_title and t.lower_ in ROLE_NOUNS]
        # "CDC Director X": a known organisation before the title employs X.
        orgs = [t for t in prefix if t.ent_type_ == "ORG" and self._known_org(t)]
        tokens = [t for t in prefix if t.ent_type_ not in {"NORP", "GPE"} and t not in orgs]
        tokens += inner
        while tokens and tokens[-1].lower_.rstrip(".") in HONORIFICS:
            tokens.pop()  # "CDC Director Dr. X"
        if tokens and tokens[-1].lower_ in ROLE_NOUNS:
            title = " ".join(t.text for t in tokens)
            org = self._canonical(self.doc[orgs[0].i : orgs[-1].i + 1].text) if orgs else None
            role = Role(title, org, False, self.published)
            if all(r.title != title for r in cluster.roles):
                cluster.roles.append(role)
            places = [t for t in prefix if t.ent_type_ in {"NORP", "GPE"}]
            words = tuple(t.text for t in places)
            if len(places) > 1:  # "New York Governor": New York, not a "York" elsewhere
                words = (self.doc[places[0].i : places[-1].i + 1].text,)
            sector = sector_of(title.split())
            description = Description(
                span.root.i, span.start_char, span.end_char, span.text, role, words, sector
            )
            cluster.descriptions.append(description)

    def _known_org(self, token: Token) -> bool:
        """Whether the tagged name containing ``token`` is a known organisation."""
        name = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        entry = self.kb.lookup(name.text) if name is not None else None
        return entry is not None and entry.kind in {"ORG", "OUTLET"}

    def _finish(self, cluster: Cluster) -> None:
        """Country and sector from the descriptions when the knowledge base did not say."""
        for description in cluster.descriptions:
            if cluster.country is None:
                cluster.country = next(
                    (c for w in description.country_words if (c := self._country_word(w))), None
                ) or self._org_country(description)
        if cluster.sector is None and cluster.kind in {"PERSON", "GROUP", "ORG"}:
            # The highest-ranked sector of the current descriptions: a "ministry
            # spokeswoman" who is a "Lieutenant Colonel" is military.
            current = [d for d in cluster.descriptions if not (d.role and d.role.former)]
            found = {d.sector for d in current or cluster.descriptions if d.sector}
            cluster.sector = min(found, key=SECTOR_RANK.__getitem__, default=None)
        if cluster.sector is None and cluster.kind == "PERSON":
            # "the NATO's regional adviser": the employer's sector when the title has none.
            employers = (self._org_cluster(r.organisation) for r in cluster.roles if r.organisation)
            cluster.sector = next((e.sector for e in employers if e and e.sector), None)

    def _country_word(self, word: str) -> str | None:
        """A country, demonym or province/state name ("West Virginia Senator X": USA)."""
        return self.kb.demonym(word) or self.kb.region(word)

    def _org_cluster(self, organisation: str) -> Cluster | None:
        """The in-article actor an organisation named in a role refers to."""
        wanted = normalise(organisation)
        for cluster in self.clusters.values():
            if wanted in {normalise(a) for a in (cluster.name, *cluster.aliases)}:
                return cluster
        return None

    def _org_country(self, description: Description) -> str | None:
        organisation = description.role.organisation if description.role else None
        if not organisation:
            return None
        entry = self.kb.lookup(organisation)
        if entry is not None:
            return entry.country
        for cluster in self.clusters.values():
            if (
                normalise(cluster.name) == normalise(organisation)
                or organisation in cluster.aliases
            ):
                return cluster.country
        # "the maritime transport sector at the Egyptian ministry"
        return next((c for w in organisation.split() if (c := self.kb.demonym(w))), None)


def _sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence."""
    starts = [0] * len(doc)
    for sentence in doc.sents:
        starts[sentence.start : sentence.end] = [sentence.start] * len(sentence)
    return starts


def _agentive(span: Span) -> bool:
    """Whether a capital acts ("Beijing accused") rather than locates ("in Beijing")."""
    root = span.root
    if root.dep_ == "compound":
        return False
    if root.dep_ == "pobj":
        prep = root.head.lower_
        if prep in LOCATIVE:
            return False
        return not (prep in DIRECTIONAL and root.head.head.lemma_ in PLACE_VERBS)
    return not (root.dep_ == "dobj" and root.head.lemma_ in PLACE_VERBS)


def _next_words(span: Span) -> list[str]:
    """The word after a name ("... Manufacturing company"), a cue to its sector."""
    doc = span.doc
    return [doc[span.end].text] if span.end < len(doc) and doc[span.end].pos_ == "NOUN" else []
