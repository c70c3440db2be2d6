"""Text as every database can store it."""

from __future__ import annotations

import re
from typing import Any

#: Lone surrogates (e.g. from a JSON "\\ud800" escape) cannot be encoded for any database,
#: and PostgreSQL refuses NUL in text (SQLite would keep it: both store the same instead).
_SURROGATE = re.compile("[\ud800-\udfff\x00]")


def storable(value: Any) -> Any:
    """``value`` with lone surrogates and NULs replaced by U+FFFD (one for one: offsets hold)."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value
