"""How the text asserts an event: asserted, reported, hedged, negated, future, habitual.

The decision reads the trigger's own dependents (a modal, ``not``, "annually")
and the words that govern it through control and complement links ("reluctant
to provide", "may be moving to provide", "a suggestion that ...", "X said that
..."). When several apply, the order of :data:`PRECEDENCE` decides: an event
that is both reported and denied is ``negated``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

#: Strongest first: the first modality found on the trigger's chain wins.
PRECEDENCE = ("negated", "hedged", "future", "habitual", "reported", "asserted")

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# Words whose complement did not (or will not) happen: "refused to", "reluctant to".
NEGATING_HEADS = frozenset(
    {
        "refuse", "decline", "fail", "deny", "reluctant", "unwilling", "reject", "avoid",
        "stop", "halt", "cease", "prevent", "rule", "hesitant", "unable", "oppose",
    }
)  # fmt: skip
HEDGE_MODALS = frozenset({"may", "might", "could", "would"})
HEDGE_ADVERBS = frozenset(
    {"likely", "possibly", "perhaps", "probably", "reportedly", "allegedly", "apparently",
     "maybe", "potentially", "unlikely", "supposedly"}
)  # fmt: skip
# Heads that present their complement as uncertain: "appeared to", "a suggestion that".
HEDGING_HEADS = frozenset(
    {
        "appear", "seem", "suggest", "suggestion", "speculation", "speculate", "rumor",
        "rumour", "possibility", "possible", "unclear", "believe", "suspect", "suspicion",
        "claim", "allege", "allegation", "consider", "mull", "weigh", "expect", "likely",
        "indication", "sign", "uncertain", "doubt", "accuse", "accusation",
    }
)  # fmt: skip
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "should", "must"})
INTENDING_HEADS = frozenset(
    {
        "plan", "intend", "pledge", "vow", "promise", "aim", "prepare", "agree", "decide",
        "seek", "want", "hope", "set", "going", "go", "commit", "undertake", "propose", "offer",
        "threaten", "ready", "invitation", "invite", "urge", "call",
    }
)  # fmt: skip
HABITUAL_ADVERBS = frozenset(
    {"annually", "regularly", "routinely", "usually", "often", "traditionally", "typically",
     "frequently", "normally", "habitually", "customarily", "periodically"}
)  # fmt: skip
_PERIODS = frozenset({"year", "month", "week", "day", "summer", "winter", "spring", "autumn"})
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "report", "announce", "state", "add", "claim", "confirm", "note",
        "write", "declare", "insist", "reveal", "stress", "explain", "quote", "cite",
        "disclose", "assert", "argue", "warn", "indicate", "inform",
    }
)  # fmt: skip

# Links along which a governing word's meaning carries down to the trigger.
_CONTROL = frozenset({"xcomp", "acomp", "pcomp", "prep", "aux", "conj", "advcl", "acl", "pobj"})
_COMPLEMENT = frozenset({"ccomp", "acl", "advcl", "relcl", "pcomp"})


def governors(trigger: Token) -> Iterator[tuple[Token, str]]:
    """The words governing ``trigger`` up its clause chain, each with the link it came by.

    The walk stops at the sentence root or after a reporting verb (what "X said"
    governs is X's report, not the outlet's modality of anything above).
    """
    node = trigger
    while node.head.i != node.i:
        link = node.dep_
        node = node.head
        yield node, link
        if node.lemma_.lower() in REPORTING_VERBS and link in _COMPLEMENT | {"ccomp"}:
            return


def modality_of(trigger: Token, *, reported: bool = False) -> str:
    """The modality of the event ``trigger`` names (one of ``crosswire.models.MODALITIES``).

    ``reported`` says the event is attributed to someone other than the outlet
    (see :mod:`crosswire.nlp.attribution`), which ranks above ``asserted``.
    """
    found = set(_own_markers(trigger))
    if _describes(trigger):
        found.add("habitual")
    node = trigger
    for head, link in governors(trigger):
        if not (link == "conj" and _own_clause(node, head)):
            found.update(_head_markers(head, link))
        if link not in _CONTROL and link not in _COMPLEMENT:
            break  # a subject or object noun does not pass modality down
        node = head
    if reported:
        found.add("reported")
    return next((m for m in PRECEDENCE if m in found), "asserted")


# (dependency label, word) -> the modality that dependent marks on its head.
_MARKERS: dict[tuple[str, str], str] = {
    **{("neg", w): "negated" for w in NEGATORS},
    **{("mark", w): "hedged" for w in ("whether", "if")},
    **{("aux", w): "hedged" for w in HEDGE_MODALS},
    **{("aux", w): "future" for w in FUTURE_AUX},
    **{("advmod", w): "hedged" for w in HEDGE_ADVERBS},
    **{("advmod", w): "habitual" for w in HABITUAL_ADVERBS},
    **{("advmod", w): "negated" for w in ("never",)},
}


def _own_markers(token: Token) -> Iterator[str]:
    for child in token.children:
        marker = _MARKERS.get((child.dep_, child.lower_))
        if marker is not None:
            yield marker
        elif child.dep_ == "det" and child.lower_ == "no":
            yield "negated"
        elif child.dep_ in {"npadvmod", "advmod", "prep"} and _is_every_period(child):
            yield "habitual"


def _describes(verb: Token) -> bool:
    """Whether ``verb`` describes what someone does, not an event: a relative clause in
    the simple present ("Haufiku, who leads partnerships at the port", "the Office,
    which coordinates the drought response") tells a role or a habit, undated."""
    return (
        verb.dep_ == "relcl"
        and verb.tag_ in {"VBZ", "VBP"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )


def _is_every_period(token: Token) -> bool:
    """ "every year", "each summer", "once a year" (but not "a day after": one span)."""
    nouns = [token, *(t for t in token.children if t.dep_ in {"pobj", "npadvmod"})]
    return any(n.lemma_.lower() in _PERIODS and _every(n) for n in nouns)


def _every(period: Token) -> bool:
    for det in period.children:
        if det.lower_ in {"every", "each"}:
            return True
        if det.lower_ == "a" and period.i >= 2:
            before = period.doc[det.i - 1]
            return before.lower_ in _FREQUENCIES or before.lemma_.lower() == "time"
    return False


# Words that make "a <period>" a rate ("once a year", "three times a month").
_FREQUENCIES = frozenset({"once", "twice", "thrice"})


def _own_clause(conjunct: Token, head: Token) -> bool:
    """Whether a coordinated verb has its own modality, not its first conjunct's.

    "did not sell arms to Kyiv but sold them to Warsaw": a contrast ("but", "yet")
    or an auxiliary, negation or subject of its own ("and Moscow will ...") makes
    it a clause of its own; "will attack and occupy" shares the "will".
    """
    if any(c.dep_ in {"aux", "auxpass", "neg", "nsubj", "nsubjpass"} for c in conjunct.children):
        return True
    return any(
        c.dep_ == "cc" and c.lower_ in {"but", "yet"} and head.i < c.i < conjunct.i
        for c in head.children
    )


def _head_markers(head: Token, link: str) -> Iterator[str]:
    lemma = head.lemma_.lower()
    if lemma in NEGATING_HEADS and link in {"xcomp", "acomp", "ccomp", "pcomp", "prep"}:
        yield "negated"
    if lemma in HEDGING_HEADS and link in {"xcomp", "ccomp", "acl", "pcomp"}:
        yield "hedged"
    if lemma in INTENDING_HEADS and link in {"xcomp", "acl", "advcl", "ccomp"}:
        yield "future"
    if link == "ccomp" and any(
        c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in HEDGING_HEADS for c in head.children
    ):
        yield "hedged"  # "it is unclear whether ...", "it is possible that ..."
    if link in {"xcomp", "acomp", "conj"} or head.pos_ == "AUX":
        yield from _own_markers(head)
