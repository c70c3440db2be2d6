"""The PLOVER classifier's weights: a linear model over named features, and its file.

Trained by ``python bench/train_plover.py`` on the public PLOVER gold pairs; the
features are :func:`crosswire.nlp.plover.features`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Where the trained model and the CAMEO table are shipped.
DATA = Path(__file__).parent / "data" / "plover"


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression over sparse named features."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, found: dict[str, float]) -> dict[str, float]:
        """The softmax of the class scores for the features ``found``."""
        scores = [0.0] * len(self.classes)
        for name, value in found.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps, strict=True)}

    def to_dict(self) -> dict[str, object]:
        """Plain JSON data: weights in hundredths, as integers, to keep the file small."""
        scaled = {name: [round(w * 100) for w in row] for name, row in self.weights.items()}
        return {"classes": list(self.classes), "scale": 100, "weights": scaled}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LinearModel:
        """The model written by :meth:`to_dict`."""
        classes = tuple(str(label) for label in data["classes"])  # type: ignore[attr-defined]
        scale = float(data.get("scale", 1))  # type: ignore[arg-type]
        rows = data["weights"]
        weights = {str(k): tuple(w / scale for w in v) for k, v in rows.items()}  # type: ignore[attr-defined]
        return cls(classes, weights)


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel | None:
    """The trained classifier shipped with crosswire, or None if it was not built."""
    path = DATA / "model.json"
    if not path.is_file():
        return None
    return LinearModel.from_dict(json.loads(path.read_text()))
