"""Which tagged spans are actor mentions, with what label: the tagger's output, cleaned.

The small model's entities are read once more before resolution, with what the whole
article and the knowledge base say:

- trimmed of a leading "the" and a trailing possessive or punctuation;
- split where one span joins two names ("between Piraeus and Damietta") and joined where
  the tagger broke one name ("the Polish Navy" as NORP + ORG; "Ministry of A and B");
- dropped when no actor: lower-case fragments ("eastern"), diseases ("COVID-19");
- relabelled from context (:func:`crosswire.nlp.ruler.context_label`), from the knowledge
  base (a known place tagged PERSON is a place) and from the rest of the article: a name
  tagged as a place once is a place wherever the tagger hesitated ("in Rotterdam" GPE,
  "to Rotterdam" PERSON), and a person-shaped name tagged ORG is a person when the text
  treats it as one (its surname alone later, "X said", "led by X", "X, who").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from crosswire.nlp.kb import KnowledgeBase, normalise
from crosswire.nlp.roles import LEXICON, ROLE_NOUNS, TITLE_COMPLEMENTS, sector_of
from crosswire.nlp.ruler import PLACE_NOUNS, context_label

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: spaCy and ruler labels that name actors or things worth tracking.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EQUIPMENT", "EXERCISE"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
TRAILING = frozenset({"'s", "\u2019s", "'", "\u2019"})
#: Names that the tagger takes for actors but name no actor (diseases, "COVID-19").
NOT_ACTORS = LEXICON["not_actors"]
#: Nouns that make a name an organisation's ("Kenya Ports Authority", "Belfairs Church").
ORG_NOUNS = LEXICON["org_nouns"]
SPEECH_VERBS = LEXICON["speech_verbs"]
#: A US legislator's party and state after the name: "(D-Mass.)", ", R-Texas,", "(R., S.D.)",
#: or the state alone in brackets: "(Utah)".
PARTY_STATE = re.compile(
    r"^\s*(?:[(,]\s*[DRI]\s*[-.,]+\s*|\((?=[A-Z][a-z]))([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)"
)
US_STATE_ABBREVIATIONS = LEXICON["us_state_abbreviations"]
COMPASS = LEXICON["compass"]
#: Knowledge-base kinds and the label a mention of them should carry.
KIND_LABEL = {"STATE": "GPE", "PLACE": "GPE", "PERSON": "PERSON", "ORG": "ORG", "OUTLET": "ORG"}
#: Nouns whose "named X" or "X" in apposition is an exercise ("The exercise, named X").
EXERCISE_NOUNS = frozenset({"exercise", "exercises", "drill", "drills", "manoeuvres", "maneuvers"})


def actor_spans(doc: Doc, kb: KnowledgeBase) -> list[Span]:
    """The actor mentions of ``doc``, cleaned and relabelled (see the module doc)."""
    spans = []
    for span in _joined(list(_trimmed(doc)), kb):
        for part in _split(span, kb):
            if _junk(part, kb):
                continue
            label = context_label(part, kb)
            if label is not None:
                spans.append(_relabel(part, _known_label(part, label, kb)))
    spans = _agree(spans, kb)
    return [_relabel(s, "PERSON") if _person_named_org(s, spans, kb) else s for s in spans]


def _relabel(span: Span, label: str) -> Span:
    from spacy.tokens import Span

    return span if span.label_ == label else Span(span.doc, span.start, span.end, label=label)


def _trimmed(doc: Doc) -> Iterator[Span]:
    from spacy.tokens import Span

    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS and not (
            ent.label_ in {"PRODUCT", "EVENT"} and _named_exercise(ent)
        ):
            continue
        start, end = ent.start, ent.end
        # "the", and lower-case words before a name ("the eastern Democratic Republic")
        while start < end and doc[start].lower_ == "the":
            start += 1
        while start + 1 < end and doc[start].is_lower and doc[start + 1].is_title:
            start += 1
        while end > start and (doc[end - 1].text in TRAILING or doc[end - 1].is_punct):
            end -= 1
        if end > start:
            yield Span(doc, start, end, label=ent.label_)


def _joined(spans: list[Span], kb: KnowledgeBase) -> Iterator[Span]:
    """ "the Polish Navy" (NORP + ORG) and "Ministry of A and B" (ORG and ORG) are one name."""
    from spacy.tokens import Span

    i = 0
    while i < len(spans):
        span, after = spans[i], spans[i + 1] if i + 1 < len(spans) else None
        if after is not None and after.label_ == "ORG" and _joins(span, after, kb):
            yield Span(span.doc, span.start, after.end, label="ORG")
            i += 2
            continue
        yield span
        i += 1


def _joins(span: Span, after: Span, kb: KnowledgeBase) -> bool:
    doc = span.doc
    if span.end == after.start:  # "Polish" + "Navy": a demonym before a generic body
        return span.label_ == "NORP" and kb.demonym(span.text) is not None and _generic(after, kb)
    if after.start != span.end + 1 or doc[span.end].lower_ != "and" or span.label_ != "ORG":
        return False
    # "Ministry of Maritime Affairs and Insular Policy": the second half has no head noun.
    has_of = any(t.lower_ == "of" for t in span)
    return (
        has_of and not any(t.lower_ in ORG_NOUNS for t in after) and kb.lookup(after.text) is None
    )


def _generic(span: Span, kb: KnowledgeBase) -> bool:
    """A body every state has, named without its owner ("Navy", "Defence Ministry")."""
    return kb.body(span.text) is not None or span.text.lower() in {"navy", "army", "air force"}


def _split(span: Span, kb: KnowledgeBase) -> Iterator[Span]:
    """ "Piraeus and Damietta": two names joined, when either is a name on its own."""
    from spacy.tokens import Span

    cut = next((t.i for t in span if t.lower_ == "and" and t.i > span.start), None)
    if cut is None or cut + 1 >= span.end or span.label_ in {"EQUIPMENT", "EXERCISE"}:
        yield span
        return
    left, right = Span(span.doc, span.start, cut), Span(span.doc, cut + 1, span.end)
    if all(t.is_title for t in (*left, *right)) and (_known(left, kb) or _known(right, kb)):
        label = "GPE" if _place(left, kb) or _place(right, kb) else span.label_
        yield Span(span.doc, left.start, left.end, label=label)
        yield Span(span.doc, right.start, right.end, label=label)
    else:
        yield span


def _known(span: Span, kb: KnowledgeBase) -> bool:
    """A name on its own: in the knowledge base or tagged alone elsewhere in the article."""
    if kb.lookup(span.text) or kb.metonym(span.text) or kb.region(span.text):
        return True
    return any(e.text == span.text for e in span.doc.ents)


def _place(span: Span, kb: KnowledgeBase) -> bool:
    entry = kb.lookup(span.text)
    if entry is not None:
        return entry.kind in {"STATE", "PLACE"}
    if kb.metonym(span.text) or kb.region(span.text):
        return True
    return any(e.text == span.text and e.label_ in PLACE_LABELS for e in span.doc.ents)


def _junk(span: Span, kb: KnowledgeBase) -> bool:
    """A lower-case fragment ("eastern"), a disease ("COVID-19") or a lone pronoun."""
    if normalise(span.text) in NOT_ACTORS or normalise(span[-1].text) in NOT_ACTORS:
        return True
    if kb.lookup(span.text) is not None:
        return False
    if all(t.is_lower or not t.is_alpha for t in span):
        return True  # "eastern", "the"
    doc, i = span.doc, span.start
    if len(span) == 1 and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ROLE_NOUNS:
        return True  # "Secretary of State": part of a title
    if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in ROLE_NOUNS:
        return span[0].lower_ in TITLE_COMPLEMENTS  # "Defense Minister X"
    return all(t.pos_ in {"PRON", "DET", "ADP"} or t.is_punct for t in span)


def _known_label(span: Span, label: str, kb: KnowledgeBase) -> str:
    """The label the knowledge base and the sentence give a tagged span."""
    entry = kb.lookup(span.text)
    if entry is not None:
        known = KIND_LABEL.get(entry.kind)
        # Equipment, exercises and groups keep the tagger's reading of the context.
        return known if known is not None and label in {"PERSON", "ORG", "GPE", "NORP"} else label
    if label == "PERSON" and len(span) == 1 and (kb.metonym(span.text) or kb.region(span.text)):
        return "GPE"  # "to Windhoek", "in Sichuan"
    if _named_exercise(span):
        return "EXERCISE"
    if span.end + 1 < len(span.doc) and span.doc[span.end + 1].lower_ == "class":
        return "EQUIPMENT"  # "Kormoran-class minehunters"
    if label in {"PERSON", "ORG", "NORP"} and _of_place_noun(span):
        return "GPE"  # "the ports of Piraeus", "the city of Tumbes"
    return label


def _named_exercise(span: Span) -> bool:
    """ "The exercise, named Amber Current 2025" or "the Amber Current exercise"."""
    root, doc = span.root, span.doc
    if root.dep_ in {"oprd", "appos"}:
        head = root.head.head if root.dep_ == "oprd" else root.head
        if head.lower_ in EXERCISE_NOUNS:
            return True
    return span.end < len(doc) and doc[span.end].lower_ in EXERCISE_NOUNS and span.label_ != "ORG"


def _of_place_noun(span: Span) -> bool:
    """ "the ports of Valletta and Sfax": the object (or a conjunct) of "<place noun> of"."""
    token = span.root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    return prep.head.lemma_.lower() in PLACE_NOUNS | {"port", "capital", "town", "city"}


def _agree(spans: list[Span], kb: KnowledgeBase) -> list[Span]:
    """One label per name in an article: a name tagged as a place once is a place.

    A surname of a person named in full stays a person ("Washington" after "George
    Washington"), and a knowledge-base name keeps its entry's label.
    """
    places = {s.text for s in spans if s.label_ in PLACE_LABELS}
    named = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    words_of_names = {t.text for s in spans if len(s) > 1 for t in s}
    lower_words = {t.text for t in spans[0].doc if t.is_lower} if spans else set()
    result = []
    for span in spans:
        text = span.text
        if _common_word(span, named | lower_words, kb):
            continue  # "Vaccine" capitalised in a title, "Clerk": common words
        if span.label_ in {"PERSON", "ORG", "NORP"} and text in places and text not in named:
            if kb.lookup(text) is None and kb.demonym(text) is None:
                span = _relabel(span, "GPE")
        elif _stray_word(span, words_of_names, kb):
            continue  # "Current" of "Amber Current": a word of a name, not a group
        result.append(span)
    return result


def _common_word(span: Span, names_and_words: set[str], kb: KnowledgeBase) -> bool:
    """One word that is a common word here: written in lower case elsewhere in the
    article or a role noun, and neither a known name nor a word of a person's name."""
    text = span.text
    if len(span) != 1 or text in names_and_words or kb.lookup(text) is not None:
        return False
    return text.lower() in names_and_words or text.lower() in ROLE_NOUNS


def _stray_word(span: Span, words_of_names: set[str], kb: KnowledgeBase) -> bool:
    text = span.text
    return (
        span.label_ == "NORP"
        and len(span) == 1
        and text in words_of_names
        and kb.demonym(text) is None
        and kb.lookup(text) is None
    )


def _person_named_org(span: Span, spans: list[Span], kb: KnowledgeBase) -> bool:
    """A name tagged ORG that reads as a person's and that the text treats as a person."""
    if span.label_ != "ORG" or not _person_shaped(span, kb):
        return False
    doc, root = span.doc, span.root
    surname = span[-1].text
    reused = any(
        t.text == surname and not (span.start <= t.i < span.end) and t.pos_ == "PROPN"
        for t in doc
        if t.i > span.end and not any(s.start <= t.i < s.end and len(s) > 1 for s in spans)
    )
    speaks = root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEECH_VERBS
    by = root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_ == "lead"
    who = (
        span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"
    )
    return reused or speaks or by or who


def _person_shaped(span: Span, kb: KnowledgeBase) -> bool:
    """Two to four capitalised words naming no place, country, known body or role."""
    words = [t.text for t in span]
    return (
        2 <= len(span) <= 4
        and all(t.is_title and t.is_alpha for t in span)
        and kb.lookup(span.text) is None
        and kb.metonym(span.text) is None
        and kb.region(span.text) is None
        and not any(kb.demonym(w) or kb.lookup(w) for w in words)
        and sector_of(words) is None
        and not any(w.lower() in ROLE_NOUNS | PLACE_NOUNS | ORG_NOUNS for w in words)
    )


def us_party_state(span: Span, kb: KnowledgeBase) -> bool:
    """Whether a US party-and-state tag follows the name ("Sen. X (D-Mass.)")."""
    doc = span.doc
    found = PARTY_STATE.match(doc.text[span.end_char : span.end_char + 30])
    if found is None:
        return False
    state = found.group(1).rstrip(".)")
    return (
        state.lower() + "." in US_STATE_ABBREVIATIONS
        or kb.region(state) == "USA"
        or (state.upper() in US_STATE_ABBREVIATIONS)
    )


def home_country(spans: list[Span], kb: KnowledgeBase) -> str | None:
    """The state an article names most, if it is named at least twice and more than
    any other: the owner of a state body the text names without one ("the Senate")."""
    counts: dict[str, int] = {}
    for span in spans:
        entry = kb.lookup(span.text)
        iso = entry.country if entry is not None and entry.kind == "STATE" else None
        iso = iso or kb.demonym(span.text)
        if iso is None and (metonym := kb.metonym(span.text)) is not None:
            iso = metonym.entry.country
        if iso is not None:
            counts[iso] = counts.get(iso, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def place_in(span: Span, kb: KnowledgeBase) -> str | None:
    """The country of the place named after a comma ("Del Rio, Texas"; "Shanksville, PA")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    after = doc[span.end + 1]
    if after.text in US_STATE_ABBREVIATIONS or after.lower_ + "." in US_STATE_ABBREVIATIONS:
        return "USA"
    outer = next((e for e in doc.ents if e.start == after.i and e.label_ == "GPE"), None)
    if outer is None:
        return None
    entry = kb.lookup(outer.text)
    if entry is not None and entry.kind == "STATE":
        return entry.country
    return kb.region(outer.text)


def owner_of(span: Span, kb: KnowledgeBase) -> tuple[str | None, str]:
    """Whose body this is ("Russia's X", "Russian X", "X of Russia") and the rest of the name."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text in TRAILING:
        iso = kb.demonym(doc[span.start - 2].text)
        if iso is not None:
            return iso, span.text
    words = span.text.split()
    for size in (2, 1):
        if len(words) > size and (iso := kb.demonym(" ".join(words[:size]))):
            return iso, " ".join(words[size:])
        lead = words[:-size]
        compass = len(words) > size and all(w in COMPASS for w in lead)
        if compass and (iso := kb.demonym(" ".join(words[-size:]))):
            return iso, " ".join(lead)  # "Northwest China", not "New Jersey"
    if len(words) > 2 and words[-2] == "of" and (iso := kb.demonym(words[-1])):
        return iso, " ".join(words[:-2])
    return None, span.text
