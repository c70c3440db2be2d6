"""resolve_actors on real news roundups: no crash, and every mention is consistent."""

from __future__ import annotations

import json

import pytest

from crosswire.config import Settings
from crosswire.nlp.actors import resolve_actors
from crosswire.nlp.kb import load_kb
from crosswire.nlp.ruler import build_nlp
from tests.conftest import SHARED

ROUNDUPS = SHARED / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"


def test_invariants_on_real_roundups() -> None:
    if not ROUNDUPS.exists():
        pytest.skip("../shared/data/stories-dev is not here")
    lines = ROUNDUPS.read_text(encoding="utf-8").splitlines()[:40]
    texts = [" ".join(json.loads(line).get("roundup") or []) for line in lines]
    nlp, kb = build_nlp(Settings()), load_kb(extra="")
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        actors = resolve_actors(doc, published="2021-10-19", kb=kb)
        ids = [e.id for e in actors.entities]
        assert len(ids) == len(set(ids))
        for mention in actors.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.entity in ids
            assert actors.entity_at(mention.start, mention.end) is not None
        for entity in actors.entities:
            assert entity.kind in {
                "PERSON",
                "STATE",
                "ORG",
                "GROUP",
                "EQUIPMENT",
                "EXERCISE",
                "PLACE",
                "OUTLET",
            }
