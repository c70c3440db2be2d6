"""Measure reference resolution (:mod:`crosswire.nlp.pronouns`) on AllSides excerpts.

Each excerpt of the chosen stories of ``stories-dev/allsides_roundups_2021-10-19.jsonl``
(read from ``../shared/data``) is parsed, its actors resolved, and its references
resolved as the events step does. For each rule the script counts the candidate
phrases (what the rule may resolve) and how many were resolved, and prints a
random sample of resolutions with the sentence before, to be checked by hand:

- ``subject``: "he"/"she" as a clause subject;
- ``role``: a bare definite role noun ("the minister");
- ``object``: "him"/"her"/"them" as an object ("told him", "met her", "with them");
- ``org``: a bare definite organisation noun ("the ministry said", "the alliance");
- ``plural``: a bare definite plural noun subject ("the officials said").

The rules were written on stories 0-149; stories 150-299 are the unseen test.

Usage: ``.venv/bin/python bench/eval_pronouns.py [--stories 150:300] [--sample 30]
[--seed 0] [--rules object,org,plural] [--all] [--cache /tmp/allsides-docs]``
(``--cache`` keeps the parsed excerpts between runs; ``--all`` prints every
resolution and every unresolved candidate instead of a sample).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin, Token

from crosswire.config import Settings
from crosswire.nlp.actors import resolve_actors
from crosswire.nlp.kb import load_kb
from crosswire.nlp.pronouns import WithReferences, resolve_references, rule_of
from crosswire.nlp.ruler import build_nlp

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"
RULES = ("subject", "role", "object", "org", "plural")


def excerpts(first: int, last: int) -> list[tuple[str, str, str]]:
    """(key, body, date) of each excerpt of stories ``first`` to ``last - 1`` (file order)."""
    found = []
    lines = DATA.read_text(encoding="utf-8").splitlines()[first:last]
    for number, line in enumerate(lines, start=first):
        story = json.loads(line)
        for side, news in sorted((story.get("news") or {}).items()):
            if news and news.get("newBody"):
                body = "\n\n".join(news["newBody"])
                found.append((f"{number}/{side}", body, story["date"][:10]))
    return found


def parsed(items: list[tuple[str, str, str]], cache: Path | None) -> list[Doc]:
    """The parsed bodies, from ``cache`` when it holds this selection."""
    nlp = build_nlp(Settings())
    key = cache / f"{items[0][0].replace('/', '-')}_{len(items)}.spacy" if cache else None
    if key is not None and key.exists():
        return list(DocBin().from_disk(key).get_docs(nlp.vocab))
    docs = list(nlp.pipe(body for _, body, _ in items))
    if key is not None:
        key.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=docs).to_disk(key)
    return docs


def sentence_context(token: Token) -> str:
    """The sentence before ``token``'s and its own, for checking by hand."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    before = start - 1
    while before > 0 and not doc[before].is_sent_start:
        before -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return " ".join(doc[max(before, 0) : end].text.split())


def resolved(lookup: WithReferences, doc: Doc) -> dict[int, str]:
    """Token index of each resolved reference's head -> the names it stands for."""
    names = {e.id: e.name for e in lookup.entities}
    found: dict[int, str] = {}
    for mention in lookup.references:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            found[span[-1].i] = names.get(mention.entity or "", "?")
    for group in lookup.groups:
        span = doc.char_span(group.start, group.end, alignment_mode="expand")
        if span is not None:
            found[span[-1].i] = " + ".join(names.get(m, "?") for m in group.members)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", default="150:300", help="story lines FIRST:LAST")
    parser.add_argument("--sample", type=int, default=30, help="resolutions shown per rule")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rules", default=",".join(RULES))
    parser.add_argument("--all", action="store_true", help="show every case")
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    first, last = (int(x) for x in args.stories.split(":"))
    rules = args.rules.split(",")
    started = time.perf_counter()
    items = excerpts(first, last)
    docs = parsed(items, args.cache)
    kb = load_kb(extra="")
    candidates: Counter[str] = Counter()
    cases: dict[str, list[str]] = {rule: [] for rule in rules}
    misses: dict[str, list[str]] = {rule: [] for rule in rules}
    for (key, _, date), doc in zip(items, docs, strict=True):
        actors = resolve_actors(doc, published=date, kb=kb)
        lookup = resolve_references(doc, actors)
        found = resolved(lookup, doc)
        for token in doc:
            rule = rule_of(token)
            if rule not in cases:
                continue
            candidates[rule] += 1
            line = f"{key}\t[{token.text}@{token.i}]\t{sentence_context(token)}"
            if token.i in found:
                cases[rule].append(f"{line}\n    -> {found[token.i]}")
            else:
                misses[rule].append(line)
    rng = random.Random(args.seed)
    for rule in rules:
        shown = (
            cases[rule] if args.all else rng.sample(cases[rule], min(args.sample, len(cases[rule])))
        )
        print(f"\n## {rule}: {len(cases[rule])} of {candidates[rule]} resolved")
        for case in shown:
            print(case)
        if args.all:
            print(f"\n## {rule}: unresolved")
            print("\n".join(misses[rule]))
    print(f"\n{len(items)} excerpts of stories {first}-{last - 1}, "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    main()
