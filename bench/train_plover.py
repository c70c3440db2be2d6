"""Build crosswire's PLOVER data: the CAMEO code table and the event-type classifier.

Reads the public PLOVER/CAMEO files from ``../shared/data/events-dev`` (or
``$CROSSWIRE_SHARED/data/events-dev``) and writes, under
``src/crosswire/nlp/data/plover/``:

- ``cameo.json``: for each PLOVER type, the most general CAMEO code of the type and
  of each of its modes (from ``CAMEO2PLOVER-2021.txt``), and the type's CAMEO
  pentaclass (0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal
  conflict, 4 material conflict) from the CAMEO root codes it comes from;
- ``model.json``: a multinomial logistic regression over
  :func:`crosswire.nlp.plover.features` (words by region, the lexicon's votes, and
  word pairs and character 4-grams between the two actors), classes balanced,
  trained on every pair of ``plover_pairs_train.tsv``.

Usage: ``python bench/train_plover.py`` (a few seconds; rerun after changing the
lexicon or the features). ``bench/eval_events.py`` measures it by cross-validation.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

from crosswire.config import Settings
from crosswire.nlp.model import load_model
from crosswire.nlp.plover import (
    features,
    find_triggers,
    is_off_topic,
    tokenize,
    weigh_hits,
)
from crosswire.nlp.plover_model import DATA, LinearModel
from crosswire.nlp.plover_syntax import pair_syntax

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
EVENTS_DEV = SHARED / "data" / "events-dev"

#: L2 penalty of the classifier (per training sentence).
L2 = 0.0003
#: A feature must occur in at least this many training sentences.
MIN_COUNT = 2
#: How much a pair counts again without its actors, against 1 with them.
UNMARKED_WEIGHT = 0.3

_TAG = re.compile(r"</?[st]>")


@dataclass(frozen=True)
class Pair:
    """A gold sentence with its source and target char spans, its label, and the
    parse's features of the pair (:func:`crosswire.nlp.plover_syntax.syntax_features`)."""

    sentence: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    label: str
    syntax: Mapping[str, float] = field(default_factory=dict)


def unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The sentence without ``<s>..</s>``/``<t>..</t>`` and the char span of each tag."""
    text: list[str] = []
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    last = 0
    for match in _TAG.finditer(marked):
        piece = marked[last : match.start()]
        text.append(piece)
        length += len(piece)
        last = match.end()
        tag = match.group()
        if tag.startswith("</"):
            if tag[2] in opened:
                spans[tag[2]] = (opened.pop(tag[2]), length)
        else:
            opened[tag[1]] = length
    text.append(marked[last:])
    return "".join(text), spans


def read_pairs(path: Path, *, parse: bool = True) -> list[Pair]:
    """The gold pairs of ``plover_pairs_train.tsv``, parsed by crosswire's spaCy model
    unless ``parse`` is False (then without syntax features)."""
    pairs = []
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentence, spans = unmark(row["marked_sentence"])
            pairs.append(Pair(sentence, spans.get("s"), spans.get("t"), row["gold_root"]))
    return with_syntax(pairs) if parse else pairs


@lru_cache(maxsize=1)
def gold_pairs() -> tuple[Pair, ...]:
    """The parsed pairs of ``plover_pairs_train.tsv`` (parsed once per process)."""
    return tuple(read_pairs(EVENTS_DEV / "plover_pairs_train.tsv"))


def with_syntax(pairs: list[Pair]) -> list[Pair]:
    """``pairs`` with the features of the parse path between their actors."""
    nlp = load_model(Settings().spacy_model, disable=("ner",))  # the parse, not the entities
    docs = nlp.pipe((pair.sentence for pair in pairs), batch_size=64)
    return [
        replace(pair, syntax=pair_syntax(doc, pair.source, pair.target))
        for pair, doc in zip(pairs, docs, strict=True)
    ]


def _mapping_rows(path: Path) -> list[tuple[str, str, str, list[str]]]:
    # "0312: AGREE,  ,   military # ..." -> (code, type, mode, contexts)
    rows = []
    for line in path.read_text().splitlines():
        head, _, _ = line.partition("#")
        code, colon, rest = head.partition(":")
        if not colon or "," not in rest or not code.strip().isdigit():
            continue
        fields = [field.strip() for field in rest.split(",")]
        contexts = [c.strip() for c in ",".join(fields[2:]).split(";") if c.strip()]
        rows.append((code.strip(), fields[0], fields[1], contexts))
    return rows


def cameo_table(path: Path) -> dict[str, object]:
    """Codes by type and mode, and each type's pentaclass, from CAMEO2PLOVER."""
    codes: dict[str, dict[str, str]] = defaultdict(dict)
    roots: dict[str, Counter[int]] = defaultdict(Counter)

    def keep(event_type: str, key: str, code: str) -> None:
        # The most general code wins: fewest digits, then the lowest number.
        old = codes[event_type].get(key)
        if old is None or (len(code), code) < (len(old), old):
            codes[event_type][key] = code

    for code, event_type, mode, contexts in _mapping_rows(path):
        roots[event_type][int(code[:2])] += 1
        for key in (mode, *contexts) if mode or contexts else ():
            keep(event_type, key, code)
        if not mode and len(code) == 3:
            keep(event_type, "", code)
    for by_mode in codes.values():
        if "" not in by_mode:
            by_mode[""] = min(by_mode.values(), key=lambda c: (len(c), c))
    pentaclass = {t: _pentaclass(c.most_common(1)[0][0]) for t, c in roots.items()}
    return {"codes": dict(codes), "pentaclass": pentaclass}


def _pentaclass(root: int) -> int:
    # CAMEO's root ranges: 01-02 statements, 03-05 verbal cooperation, 06-08 material
    # cooperation, 09-13 verbal conflict, 14-20 material conflict.
    for bound, klass in ((2, 0), (5, 1), (8, 2), (13, 3)):
        if root <= bound:
            return klass
    return 4


def featurize(pair: Pair) -> dict[str, float]:
    """The classifier features of a gold pair."""
    tokens = tokenize(pair.sentence)
    hits = find_triggers(tokens)
    # The same off-topic test as classify: words inside a trigger phrase do not count.
    weighed = weigh_hits(hits, pair.source, pair.target, off_topic=is_off_topic(tokens, hits))
    return features(tokens, weighed, pair.source, pair.target, pair.syntax)


def train(pairs: list[Pair], *, l2: float = L2, min_count: int = MIN_COUNT) -> LinearModel:
    """A softmax regression fitted on ``pairs`` (classes weighted to count alike)."""
    # Each pair is also seen without its actors: the pipeline types one-party events
    # and unmarked sentences too, and a model that only ever saw the words between
    # two actors would lean on features those never have.
    rows = [featurize(pair) for pair in pairs]
    rows += [featurize(replace(pair, source=None, target=None, syntax={})) for pair in pairs]
    view = np.array([1.0] * len(pairs) + [UNMARKED_WEIGHT] * len(pairs))
    pairs = pairs + pairs
    counts = Counter(name for row in rows for name in row)
    vocab = {
        name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))
    }
    classes = tuple(sorted({pair.label for pair in pairs}))
    x = _matrix(rows, vocab)
    y = np.array([classes.index(pair.label) for pair in pairs])
    frequency = Counter(y.tolist())
    # Fully balanced: a type with 15 gold pairs weighs as much as one with 140, as
    # macro-F1 counts it (the square root of this left COOPERATE and THREATEN behind).
    sample = np.array([len(y) / (len(classes) * frequency[k]) for k in y.tolist()]) * view
    w = _fit(x, y, sample, len(classes), l2)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {
        name: tuple(float(v) for v in w[i])
        for i, name in enumerate(names)
        if np.abs(w[i]).max() >= 0.02
    }
    return LinearModel(classes, weights)


def _matrix(rows: list[dict[str, float]], vocab: dict[str, int]) -> csr_matrix:
    data, indices, indptr = [], [], [0]
    for row in rows:
        for name, value in row.items():
            if name in vocab:
                indices.append(vocab[name])
                data.append(value)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def _fit(x: csr_matrix, y: np.ndarray, sample: np.ndarray, k: int, l2: float) -> np.ndarray:
    n, d = x.shape
    onehot = np.eye(k)[y]

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(d, k)
        scores = x @ w
        scores -= scores.max(axis=1, keepdims=True)
        log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        value = -(sample * (onehot * log_p).sum(axis=1)).sum() / n + l2 * (w * w).sum()
        grad = x.T @ ((np.exp(log_p) - onehot) * sample[:, None]) / n + 2 * l2 * w
        return value, grad.ravel()

    result = minimize(loss, np.zeros(d * k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return np.asarray(result.x).reshape(d, k)


def main() -> None:
    """Write ``cameo.json`` and ``model.json`` under ``src/crosswire/nlp/data/plover``."""
    DATA.mkdir(parents=True, exist_ok=True)
    table = cameo_table(EVENTS_DEV / "CAMEO2PLOVER-2021.txt")
    (DATA / "cameo.json").write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    model = train(list(gold_pairs()))
    path = DATA / "model.json"
    path.write_text(json.dumps(model.to_dict(), separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{path}: {len(model.weights)} features, {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
