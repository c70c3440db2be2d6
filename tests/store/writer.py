"""A long run of adds, run as a separate process by test_kill.py (and killed there).

Usage: ``python writer.py DB_URL COUNT [PAUSE_AT]``. Article ``i`` has id ``i`` in
hex and a title ``"<mentions> <dropped>"`` saying how many child rows it must
have, so a checker needs nothing but the database. Prints ``added ID`` or
``skipped ID`` per article. With ``PAUSE_AT``, inserting the mentions of that
article prints ``inside ID`` and sleeps: the killer strikes mid-transaction.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from crosswire.models import Article, Dropped, Mention
from crosswire.store import Store


def build(i: int) -> Article:
    """Article ``i``: between 100 and 110 mentions and up to 3 dropped lines."""
    n_mentions, n_dropped = 100 + i % 11, i % 4
    body = f"Article {i} " + "word " * n_mentions
    return Article(
        id=f"{i:016x}",
        input_id=f"in{i}",
        source=f"in{i}",
        raw_kind="text",
        raw=body,
        body=body,
        title=f"{n_mentions} {n_dropped}",
        dropped=tuple(Dropped(f"ad {k}", "boilerplate") for k in range(n_dropped)),
        mentions=tuple(Mention("word", "X", 12 + 5 * k, 16 + 5 * k) for k in range(n_mentions)),
    )


def main(url: str, count: int, pause_at: int | None) -> None:
    """Add articles 0..count-1, reporting each on stdout."""
    with Store.open(url) as store:
        pause_id = None if pause_at is None else build(pause_at).id

        def stall(_conn: Any, _cursor: Any, statement: str, params: Any, *_args: Any) -> None:
            rows = params if isinstance(params, list) else [params]
            # Positional (SQLite) or named (PostgreSQL, several rows in one statement).
            first = rows[0].values() if isinstance(rows[0], dict) else rows[0]
            if statement.startswith("INSERT INTO mentions") and pause_id in first:
                print("inside", pause_id, flush=True)
                time.sleep(60)

        if pause_id is not None:
            event.listen(store.engine, "before_cursor_execute", stall)
        for i in range(count):
            article = build(i)
            added = store.add(article, fingerprint=i.to_bytes(4, "big"))
            print("added" if added else "skipped", article.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else None)
