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

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crosswire.config import Settings
from crosswire.nlp.kb import KBEntry, KnowledgeBase, load_kb
from crosswire.nlp.model import load_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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
    "defense", "defence", "tank", "ballistic", "cruise", "anti-tank",
    "anti-aircraft", "surface-to-air", "multiple", "rocket", "attack", "combat", "strike",
    "utility", "transport", "reconnaissance", "unmanned", "aerial", "mobile", "artillery",
    "self-propelled", "light", "heavy", "multirole", "multi-role", "stealth", "guided",
    "hypersonic", "aircraft", "nuclear", "nuclear-powered", "patrol", "assault", "wheeled",
]  # fmt: skip
EXERCISE_HEADS = ["exercise", "exercises", "drill", "drills", "maneuvers", "manoeuvres", "games"]
DETERMINERS = ["the", "a", "an", "its", "their", "our", "his", "her", "these", "those", "more"]
#: "ZFB-05", "Su-35", "S-400", "MiG-29", "HQ-9B", "F/A-18" (spaCy keeps them one token).
MODEL_CODE = r"^(?:[A-Z][A-Za-z]{0,4}|[A-Z]/[A-Z])-\d{1,4}[A-Z]{0,3}$"
#: Codes of that shape that are no piece of equipment.
NOT_MODELS = ["COVID-19", "G-7", "G-20", "SARS-CoV-2", "MH-17", "MH17", "Article-5", "P-5"]
YEAR_SUFFIX = r"^[A-Z][a-z]+-(?:19|20)\d\d[A-Z]?$"
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
    return _build_default(settings.spacy_model)


@lru_cache(maxsize=2)
def _build_default(model: str) -> Language:
    return _build(model, load_kb())


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
    for body in kb.bodies:
        for form in body.forms:
            if " " in form and form[0].isupper():
                yield {"label": "ORG", "pattern": form}
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
        yield {"label": "GPE", "pattern": [name, *region]}


class ContextTagger:
    """Tags ambiguous names only in context; the context itself stays out of the entity."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab)
        self.nlp = nlp

    def add(self, kb: KnowledgeBase) -> None:
        """Patterns for the knowledge base's ambiguous names and for "Name-2023 drills"."""
        for entry in kb:
            if entry.ambiguous and entry.kind in KIND_LABELS:
                self._add_entry(entry)
        year = {"TEXT": {"REGEX": YEAR_SUFFIX}}
        for lead in range(3):
            tokens = [{"IS_TITLE": True}] * lead + [year]
            key = f"EXERCISE|0|{lead + 1}"
            self.matcher.add(key, [[*tokens, {"LOWER": {"IN": EXERCISE_HEADS}}]])

    def _add_entry(self, entry: KBEntry) -> None:
        label = KIND_LABELS[entry.kind]
        heads = EQUIPMENT_HEADS if entry.kind == "EQUIPMENT" else EXERCISE_HEADS
        for name in entry.names:
            for variant in _variants(name):
                words: list[dict[str, Any]] = [{"ORTH": t.text} for t in self.nlp.make_doc(variant)]
                before: list[dict[str, Any]] = [{"LOWER": {"IN": DETERMINERS}}]
                number: list[dict[str, Any]] = [{"LIKE_NUM": True}]
                after: list[dict[str, Any]] = [
                    {"LOWER": {"IN": EQUIPMENT_MODIFIERS}, "OP": "*"},
                    {"LOWER": {"IN": heads}},
                ]
                self.matcher.add(f"{label}|1|{len(words)}", [before + words, number + words])
                self.matcher.add(f"{label}|0|{len(words)}", [words + after])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        for match_id, start, _end in self.matcher(doc):
            label, skip, length = self.nlp.vocab.strings[match_id].split("|")
            begin = start + int(skip)
            end = begin + int(length)
            if skip != "0" and end < len(doc) and doc[end].is_title:
                continue  # "the Tiger Bar": part of a longer name, not the vehicle
            spans.append(Span(doc, begin, end, label=label))
        taken = {t.i for ent in doc.ents for t in ent}
        free = [s for s in filter_spans(spans) if not any(t.i in taken for t in s)]
        if free:
            doc.set_ents(free, default="unmodified")
        return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("crosswire_context"):
        Language.factory("crosswire_context")(lambda nlp, name: ContextTagger(nlp))


_register()
