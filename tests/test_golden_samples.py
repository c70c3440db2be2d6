"""Golden files: the cleaned samples, field by field, so any change in cleaning shows.

After an intended change, regenerate with ``CROSSWIRE_UPDATE_GOLDEN=1 make test`` and
review the diff of ``tests/golden/samples.jsonl`` like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import crosswire
from tests.conftest import REPO, SAMPLES

GOLDEN = Path(__file__).with_name("golden") / "samples.jsonl"
FIELDS = (
    "id",
    "input_id",
    "raw_kind",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "language",
    "body",
    "dropped",
    "content_hash",
    "duplicate_of",
    "reposted_from",
    "original_outlet",
)


def _current() -> list[dict[str, object]]:
    settings = crosswire.Settings(nlp=False)
    rows = []
    for result in crosswire.extract([str(SAMPLES)], settings=settings):
        assert isinstance(result, crosswire.Article), result
        data = result.to_dict()
        row = {name: data[name] for name in FIELDS}
        row["source"] = str(Path(result.source).relative_to(REPO))
        rows.append(row)
    return rows


def test_samples_match_the_golden_file() -> None:
    current = _current()
    if os.environ.get("CROSSWIRE_UPDATE_GOLDEN"):
        GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in current))
    golden = [json.loads(line) for line in GOLDEN.read_text().splitlines()]
    assert [r["source"] for r in current] == [r["source"] for r in golden]
    for now, then in zip(current, golden, strict=True):
        for name in then:
            assert now[name] == then[name], f"{now['source']}: {name} changed"
