"""Text as every database can store it."""

from __future__ import annotations

import re
from typing import Any

#: Lone surrogates (e.g. from a JSON "\\ud800" escape) cannot be encoded for any database.
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value: Any) -> Any:
    """``value`` with lone surrogates replaced by U+FFFD (one for one: offsets still hold)."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value
