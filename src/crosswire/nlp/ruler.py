"""The full spaCy pipeline with crosswire's gazetteer in front of its statistical NER.

Two components run before ``ner`` and fix what the small model gets wrong
(it tags Javelin and Patriot as PERSON, HIMARS and Bradley as ORG, Kyiv as PERSON):

``entity_ruler``          names from the knowledge base and token patterns for model
                          codes ("ZFB-05 Xinxing armored personnel carrier", "T-90M"),
                          exercises ("Northern/Interaction-2023", "Zapad-2021") and
                          regions ("Ningxia Hui Autonomous Region")
``crosswire_context``     names that are also common words ("Patriot", "Tiger"): tagged
                          only after a determiner or number, or before an equipment noun

Labels are spaCy's (PERSON, ORG, GPE, LOC, NORP) plus EQUIPMENT and EXERCISE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crosswire.config import Settings
from crosswire.nlp.kb import KnowledgeBase, load_kb
from crosswire.nlp.model import load_model
from crosswire.nlp.roles import LEXICON, ROLE_NOUNS, sector_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: Entity label of each knowledge-base kind (None: spaCy already does well, leave it).
KIND_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "OUTLET": "ORG",
    "GROUP": "ORG",
    "PLACE": "LOC",  # GPE when the place belongs to a country (see _label)
    "EQUIPMENT": "EQUIPMENT",
    "EXERCISE": "EXERCISE",
}
#: Nouns that say a name before them is a piece of equipment.
EQUIPMENT_HEADS = [
    "carrier", "carriers", "vehicle", "vehicles", "tank", "tanks", "missile", "missiles",
    "system", "systems", "launcher", "launchers", "howitzer", "howitzers", "jet", "jets",
    "fighter", "fighters", "bomber", "bombers", "helicopter", "helicopters", "drone", "drones",
    "aircraft", "submarine", "submarines", "destroyer", "destroyers", "frigate", "frigates",
    "rifle", "rifles", "rocket", "rockets", "interceptor", "interceptors", "IFV", "IFVs",
    "APC", "APCs", "MBT", "MBTs", "battery", "batteries", "warship", "warships",
]  # fmt: skip
#: Words that may stand between a model name and its head noun.
EQUIPMENT_MODIFIERS = [
    "armored", "armoured", "personnel", "infantry", "fighting", "main", "battle", "air",
    "anti", "-", "defense", "defence", "tank", "ballistic", "cruise", "anti-tank",
    "anti-aircraft", "surface-to-air", "multiple", "rocket", "attack", "combat", "strike",
    "utility", "transport", "reconnaissance", "unmanned", "aerial", "mobile", "artillery",
    "self-propelled", "light", "heavy", "multirole", "multi-role", "stealth", "guided",
    "hypersonic", "aircraft", "nuclear", "nuclear-powered", "patrol", "assault", "wheeled",
    "surface", "to", "ground", "ship", "sea", "long", "short", "medium", "range",
]  # fmt: skip
EXERCISE_HEADS = ["exercise", "exercises", "drill", "drills", "maneuvers", "manoeuvres", "games"]
EXERCISE_SET = frozenset(EXERCISE_HEADS)
MODIFIER_SET = frozenset(EQUIPMENT_MODIFIERS)
HEAD_SET = frozenset(EQUIPMENT_HEADS)
DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "our", "his", "her", "these", "those", "more"]
)
#: "ZFB-05", "Su-35", "S-400", "MiG-29", "HQ-9B", "F/A-18" (spaCy keeps them one token).
MODEL_CODE = r"^(?:[A-Z][A-Za-z]{0,4}|[A-Z]/[A-Z])-\d{1,4}[A-Z]{0,3}$"
#: Codes of that shape that are no piece of equipment.
NOT_MODELS = ["COVID-19", "G-7", "G-20", "SARS-CoV-2", "MH-17", "MH17", "Article-5", "P-5"]
YEAR_SUFFIX = r"^[A-Z][a-z]+-(?:19|20)\d\d[A-Z]?$"
YEAR_RE = re.compile(YEAR_SUFFIX)
#: Words of sovereign states' "... Republic" names, left to the knowledge base.
STATE_REPUBLIC_WORDS = [
    "Democratic", "Islamic", "Socialist", "People", "People's", "Federal", "Arab", "Czech",
    "Dominican", "African", "Central", "Korean", "Kyrgyz", "Slovak", "Lao", "Bolivarian",
]  # fmt: skip
REGION_WORDS = [
    "Autonomous Region", "Autonomous Prefecture", "Province", "Oblast", "Krai", "Region",
    "Governorate", "Prefecture", "Autonomous Okrug", "Republic",
]  # fmt: skip


def build_nlp(settings: Settings, *, kb: KnowledgeBase | None = None) -> Language:
    """``settings.spacy_model`` with the gazetteer ruler before NER (cached per process).

    A separate copy of the model is loaded, so the cached NER-only pipeline of
    :mod:`crosswire.nlp.model` is left as it is.
    """
    if kb is not None:
        return _build(settings.spacy_model, kb)
    return _build_default(settings.spacy_model, settings.kb_path)


@lru_cache(maxsize=2)
def _build_default(model: str, kb_path: str | None) -> Language:
    return _build(model, load_kb(kb_path))


def _build(model: str, kb: KnowledgeBase) -> Language:
    nlp = load_model.__wrapped__(model)  # uncached: never modify the shared pipeline
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "validate": False}
    )
    ruler.add_patterns(list(gazetteer_patterns(kb, nlp)))  # type: ignore[attr-defined]
    context = nlp.add_pipe("crosswire_context", before="ner")
    context.add(kb)  # type: ignore[attr-defined]
    return nlp


def _variants(name: str) -> set[str]:
    """The name as written and with typographic apostrophes (tokenised differently)."""
    return {name, name.replace("'", "\u2019")}


def gazetteer_patterns(kb: KnowledgeBase, nlp: Language) -> Iterator[dict[str, Any]]:
    """Entity-ruler patterns: knowledge-base names, generic bodies and token shapes."""
    for entry in kb:
        label = "GPE" if entry.kind == "PLACE" and entry.country else KIND_LABELS.get(entry.kind)
        if label is None or entry.ambiguous:
            continue
        for name in entry.names:
            if entry.kind == "PERSON" and " " not in name:
                continue  # a lone surname or given name is no evidence of a person
            for variant in _variants(name):
                yield {"label": label, "pattern": variant, "id": entry.key}
    owner = {"IS_TITLE": True, "IS_STOP": False, "OP": "?"}  # "Indian Defence Ministry"
    for body in (b for b in kb.bodies if b.tagged):
        for form in body.forms:
            if " " in form and form[0].isupper():
                words = [{"ORTH": word} for word in form.split()]
                yield {"label": "ORG", "pattern": [owner, *words]}
    yield from _shape_patterns()


def _shape_patterns() -> Iterator[dict[str, Any]]:
    code = {"TEXT": {"REGEX": MODEL_CODE, "NOT_IN": NOT_MODELS}}
    suffix = {"TEXT": {"REGEX": r"^[A-Z]{1,3}\d?$", "NOT_IN": ["I", "A"]}}
    modifiers = {"LOWER": {"IN": EQUIPMENT_MODIFIERS}, "OP": "*"}
    head = {"LOWER": {"IN": EQUIPMENT_HEADS}}
    yield {"label": "EQUIPMENT", "pattern": [code]}
    yield {"label": "EQUIPMENT", "pattern": [{**code, "SPACY": False}, suffix]}
    yield {"label": "EQUIPMENT", "pattern": [code, {"IS_TITLE": True}, modifiers, head]}
    yield {"label": "EQUIPMENT", "pattern": [code, modifiers, head]}
    # Northern/Interaction-2023, Western/Interaction (slash names are exercise names).
    slash = [{"IS_TITLE": True}, {"ORTH": "/"}]
    yield {"label": "EXERCISE", "pattern": [*slash, {"TEXT": {"REGEX": YEAR_SUFFIX}}]}
    yield {"label": "EXERCISE", "pattern": [*slash, {"IS_TITLE": True}]}
    for words in REGION_WORDS:
        region = [{"ORTH": w} for w in words.split()]
        name = {"IS_TITLE": True, "IS_STOP": False, "OP": "+"}
        if words == "Republic":  # "Chechen Republic", not "Democratic Republic (of Congo)"
            name["ORTH"] = {"NOT_IN": STATE_REPUBLIC_WORDS}
        yield {"label": "GPE", "pattern": [name, *region]}


class ContextTagger:
    """Tags ambiguous names only in context; the context itself stays out of the entity.

    A phrase matcher finds the names (cheap); the context is then checked in Python,
    which costs far less than token patterns with optional and repeated tokens.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.nlp = nlp

    def add(self, kb: KnowledgeBase) -> None:
        """The knowledge base's ambiguous names, under their entity label."""
        for entry in kb:
            if entry.ambiguous and entry.kind in KIND_LABELS:
                variants = {v for name in entry.names for v in _variants(name)}
                docs = [self.nlp.make_doc(v) for v in sorted(variants)]
                self.matcher.add(KIND_LABELS[entry.kind], docs)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            heads = HEAD_SET if label == "EQUIPMENT" else EXERCISE_SET
            if _in_context(doc, start, end, heads):
                spans.append(Span(doc, start, end, label=label))
        spans.extend(_year_exercises(doc))
        taken = {t.i for ent in doc.ents for t in ent}
        free = [s for s in filter_spans(spans) if not any(t.i in taken for t in s)]
        if free:
            doc.set_ents(free, default="unmodified")
        return doc


def _in_context(doc: Doc, start: int, end: int, heads: frozenset[str]) -> bool:
    """A determiner or number before the name, or an equipment noun after it."""
    after = end
    while after < len(doc) and doc[after].lower_ in MODIFIER_SET:
        after += 1
    if after < len(doc) and doc[after].lower_ in heads:
        return True
    if start == 0 or not (doc[start - 1].lower_ in DETERMINERS or doc[start - 1].like_num):
        return False
    return end == len(doc) or not doc[end].is_title  # "the Tiger Bar" is no vehicle


def _name_word(token: Token) -> bool:
    return token.is_title and not token.is_stop


def _year_exercises(doc: Doc) -> Iterator[Span]:
    """ "Sea Shield-2022 drills": a capitalised name with a year, before an exercise noun."""
    from spacy.tokens import Span

    for token in doc:
        if "-" not in token.text or not YEAR_RE.match(token.text):
            continue
        if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ not in EXERCISE_SET:
            continue
        start = token.i
        while start > max(0, token.i - 2) and _name_word(doc[start - 1]):
            start -= 1
        yield Span(doc, start, token.i + 1, label="EXERCISE")


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("crosswire_context"):
        Language.factory("crosswire_context")(lambda nlp, name: ContextTagger(nlp))


_register()


#: Heads whose modifiers name places ("the Kunene and Omusati regions").
PLACE_NOUNS = LEXICON["place_nouns"]


def context_label(span: Span, kb: KnowledgeBase) -> str | None:
    """The label the context gives a span, or None when it is no actor at all.

    The small model often mislabels names it has not seen; the syntax around them
    is the better cue: a member of "the A, B and C regions" is a place, a name set off
    by commas next to a role noun is a person, and a capitalised plural common noun
    opening a sentence ("Farmers' unions said") is no name.
    """
    if kb.lookup(span.text) is not None:
        return span.label_
    if _common_plural(span):
        return None
    if _listed_place(span) or _lone_name_after_locative(span):
        return "GPE"
    if span.label_ != "PERSON" and _person_shaped(span, kb) and _next_to_role(span):
        return "PERSON"
    return span.label_


def _common_plural(span: Span) -> bool:
    """ "Farmers' unions have asked": a plural common noun capitalised by position."""
    token = span[0]
    first = token.is_sent_start or (token.i > 0 and token.nbor(-1).is_quote)
    return len(span) == 1 and first and token.tag_ == "NNS"


def _listed_place(span: Span) -> bool:
    """ "the Kunene, Omusati and Kavango West regions": names before a place noun.

    Read from the surface, not the parse: the parser often breaks such lists up.
    """
    doc, i = span.doc, span.end
    while i < len(doc) and (doc[i].pos_ == "PROPN" or doc[i].lower_ in {",", "and", "or"}):
        i += 1
    head = doc[i] if i < len(doc) else None
    return (
        head is not None
        and head.lemma_.lower() in PLACE_NOUNS
        and head.dep_ != "compound"  # "China state media"
        and head.ent_type_ == ""
    )


def _lone_name_after_locative(span: Span) -> bool:
    """ "a ceremony in Windhoek": one word tagged as a person after "in" is a place.

    A surname of someone named earlier still resolves to that person (the resolver
    checks names already seen before the label).
    """
    root = span.root
    return (
        len(span) == 1
        and span.label_ == "PERSON"
        and root.dep_ == "pobj"
        and root.head.lower_ in {"in", "at", "near", "outside", "inside"}
    )


def _person_shaped(span: Span, kb: KnowledgeBase) -> bool:
    """Two or three capitalised words that name no place, country or kind of body."""
    words = [t.text for t in span]
    return (
        2 <= len(span) <= 3
        and all(t.is_title and t.is_alpha for t in span)
        and kb.region(span.text) is None
        and not any(kb.demonym(w) for w in words)
        and sector_of(words) is None
        and not any(w.lower() in ROLE_NOUNS | PLACE_NOUNS for w in words)
    )


def _next_to_role(span: Span) -> bool:
    """ "Japan's ambassador to X, NAME," or "NAME, the ambassador": a role apposition."""
    doc = span.doc
    if any(c.dep_ == "appos" and c.lower_ in ROLE_NOUNS for c in span.root.children):
        return True
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    token = doc[span.start - 2]
    for _ in range(4):  # "ambassador to Namibia": climb from the object to the noun
        if token.lower_ in ROLE_NOUNS and token.pos_ == "NOUN":
            return True
        if token.dep_ not in {"pobj", "prep"}:
            return False
        token = token.head
    return False
