"""What the parse says about an event between two actors, as classifier features.

The words between two actors say much of what one did to the other, but not which
word is the predicate that links them: in "Zarif has condemned a U.S. Supreme Court
decision to partially reinstate ... ban" the bag of words holds "ban" and
"reinstate" as loudly as "condemned". The dependency parse names the predicate
(the actors' lowest common head), how each actor hangs from it (subject, object,
"against"), and the words that govern each actor. These features are computed
the same way when the classifier is trained (on the parsed gold pairs) and when
the pipeline types an event (on the article's parse), from the actors' head tokens.
"""

from __future__ import annotations

from itertools import chain, islice

from spacy.tokens import Doc, Span, Token

from crosswire.nlp.plover import find_triggers, gold_label, tokenize

#: Dependency labels worth keeping the word of: the preposition says the relation.
_WORDED = frozenset({"prep", "agent", "dative"})

#: How far up a head chain is followed (a parse is a tree; this bounds bad ones).
_MAX_DEPTH = 60


def head_token(doc: Doc | Span, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering characters ``start``-``end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def pair_syntax(
    doc: Doc | Span, source: tuple[int, int] | None, target: tuple[int, int] | None
) -> dict[str, float]:
    """:func:`syntax_features` of the actors at the character ranges ``source`` and
    ``target`` of ``doc`` (either may be None)."""
    heads = (head_token(doc, *span) if span is not None else None for span in (source, target))
    return syntax_features(*heads)


def syntax_features(source: Token | None, target: Token | None) -> dict[str, float]:
    """Features of the parse path between the ``source`` and ``target`` head tokens.

    None without both actors: the classifier is trained on pairs, and with one
    actor there is no path between them to describe.
    """
    if source is None or target is None:
        return {}
    up_source, up_target = _heads(source), _heads(target)
    target_at = {token.i: n for n, token in enumerate(up_target)}
    meet = next((n for n, token in enumerate(up_source) if token.i in target_at), None)
    if meet is None:
        return {}
    predicate = up_source[meet]
    source_path = [_label(t) for t in up_source[:meet]]
    target_path = [_label(t) for t in up_target[: target_at[predicate.i]]]
    lemma = predicate.lemma_.lower()
    found = {
        "sp:" + ">".join(source_path[-2:]): 1.0,
        "tp:" + ">".join(target_path[-2:]): 1.0,
        "pt:" + lemma + ":" + ">".join(target_path[-1:]): 1.0,
        "sg:" + source.head.lemma_.lower(): 1.0,
        "tg:" + target.head.lemma_.lower(): 1.0,
    }
    if predicate.i not in (source.i, target.i):
        found["p:" + lemma] = 1.0
    on_path = up_source[1 : meet + 1] + up_target[1 : target_at[predicate.i]]
    for token in on_path:
        for word in {token.lower_, token.lemma_.lower()}:
            for hit in find_triggers(tokenize(word)):
                key = "path:" + gold_label(hit.type)
                found[key] = max(found.get(key, 0.0), hit.weight)
    if target.head.dep_ == "prep":
        # "sanctions on Iran", "protest against the ruling": the noun or verb and its preposition
        found["tg2:" + target.head.head.lemma_.lower() + "_" + target.head.lower_] = 1.0
    return found


def _heads(token: Token) -> list[Token]:
    # The token and its heads up to the root of its sentence, at most _MAX_DEPTH.
    return list(islice(chain([token], token.ancestors), _MAX_DEPTH))


def _label(token: Token) -> str:
    return token.dep_ + (":" + token.lower_ if token.dep_ in _WORDED else "")
