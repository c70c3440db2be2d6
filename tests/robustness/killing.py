"""Kill an ingest with SIGKILL at a random moment, re-run it, compare the database.

Shared by ``test_kill.py`` (a handful of trials) and ``bench/kill_ingest.py`` (50+);
the process start and kill, the canonical dump and the bench runner (:func:`trials`)
are shared with the Spark and watch trials and their benches too.
The canonical dump is every row of every table, in a fixed order, without the
columns that record *when* or *in which order* a row was written (``seq``,
``ingested_at``): those differ between any two runs and mean nothing to a reader.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

#: Columns that record the write itself, not the data.
VOLATILE = frozenset({"seq", "ingested_at"})
ROOT = Path(__file__).resolve().parents[2]


def write_feed(path: Path, count: int) -> Path:
    """A JSONL file of ``count`` short distinct articles, so that a kill lands mid-ingest."""
    with path.open("w") as feed:
        for n in range(count):
            text = (
                f"Report {n}: the harbour board of town number {n} approved {n % 7 + 2} new "
                f"berths on day {n % 28 + 1}, officials said, after {n * 3 % 97} objections "
                f"were heard at a public meeting that lasted {n % 5 + 1} hours."
            )
            record = {"id": f"r{n}", "text": text, "outlet": "Test Gazette"}
            feed.write(json.dumps(record) + "\n")
    return path


def ingest_args(paths: list[str], db: Path, *, workers: int, nlp: bool) -> list[str]:
    """The ``crosswire ingest`` command line."""
    args = [sys.executable, "-m", "crosswire", "ingest", *paths, "--db", f"sqlite:///{db}"]
    args += ["--workers", str(workers)]
    return args if nlp else [*args, "--no-nlp"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run to completion; raise with its stderr if it fails."""
    done = subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[3:5])} failed: {done.stderr.strip()[-500:]}")
    return done


def start(
    args: list[str],
    cwd: Path,
    *,
    environ: dict[str, str] | None = None,
    stdout: int = subprocess.DEVNULL,
) -> subprocess.Popen[str]:
    """Start ``args`` (in :func:`env` unless ``environ`` is given) in a session of its own,
    so that :func:`kill_tree` kills it with its workers, as kill -9 of a group would.

    Its output is discarded unless ``stdout`` says otherwise (``subprocess.PIPE``: text).
    """
    return subprocess.Popen(
        args,
        cwd=cwd,
        env=environ or env(),
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )


def kill_after(
    args: list[str], cwd: Path, delay: float, *, environ: dict[str, str] | None = None
) -> int | None:
    """:func:`start` ``args``, SIGKILL its whole process tree after ``delay`` seconds.

    Returns the exit code if it finished first, else None.
    """
    child = start(args, cwd, environ=environ)
    try:
        return child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        kill_tree(child)
        return None


def kill_tree(child: subprocess.Popen[str]) -> None:
    """SIGKILL ``child``'s process group and every process descended from it.

    Some descendants leave the group (PySpark's worker daemon calls ``setpgid``), so
    the tree is frozen first (SIGSTOP: nothing forks or exits while it is walked),
    then every process found is killed at once, as a crash of the machine would.
    """
    found = {child.pid}
    for _ in range(3):  # a process may fork between the walk and its SIGSTOP
        found |= _descendants(child.pid)
        _signal_all(found, signal.SIGSTOP, group=child.pid)
    _signal_all(found, signal.SIGKILL, group=child.pid)
    child.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in found) and time.monotonic() < deadline:
        time.sleep(0.05)


def _signal_all(pids: set[int], signum: int, *, group: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signum)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)


def _descendants(root: int) -> set[int]:
    """Every living process below ``root``, from the parent ids in /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The name (field 2) may hold spaces; the parent id follows its closing paren.
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            if pid not in found:
                found.add(pid)
                todo.append(pid)
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` is still a process (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def dump(db: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every table's rows, sorted, without the volatile columns."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        result = []
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE)
            rows = connection.execute(f'SELECT {kept} FROM "{table}"').fetchall()
            result.append((table, sorted(rows, key=repr)))
        return result


def differences(
    left: list[tuple[str, list[tuple[object, ...]]]],
    right: list[tuple[str, list[tuple[object, ...]]]],
) -> list[str]:
    """Tables whose rows differ, with row counts, for a readable report."""
    found = []
    right_tables = dict(right)
    for table, rows in left:
        other = right_tables.get(table)
        if other != rows:
            found.append(f"{table}: {len(rows)} vs {len(other or [])} rows")
    return found


@dataclass(frozen=True)
class Trial:
    """One kill and re-run: when it was killed, and whether the result matched."""

    workers: int
    delay: float
    killed: bool
    identical: bool
    problems: tuple[str, ...]
    seconds: float


def trial(
    paths: list[str],
    work: Path,
    reference: list[tuple[str, list[tuple[object, ...]]]],
    *,
    workers: int,
    delay: float,
    nlp: bool = False,
) -> Trial:
    """Kill an ingest into a fresh database after ``delay`` s, re-run it, compare."""
    started = time.monotonic()
    db = work / f"trial-{random.randrange(1 << 30)}.db"
    args = ingest_args(paths, db, workers=workers, nlp=nlp)
    killed = kill_after(args, work, delay) is None
    run(args, work)
    found = dump(db)
    problems = tuple(differences(reference, found))
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    return Trial(workers, delay, killed, not problems, problems, time.monotonic() - started)


def env() -> dict[str, str]:
    """The environment for a crosswire subprocess: offline, this checkout's sources."""
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src")}


class Outcome(Protocol):
    """What every kind of trial reports."""

    @property
    def identical(self) -> bool:
        """Whether the result equalled the uninterrupted run's."""
        ...

    @property
    def problems(self) -> tuple[str, ...]:
        """What differed, for the report."""
        ...


TrialT = TypeVar("TrialT", bound=Outcome)

#: Runs trial ``n`` (counted from 0) with the bench's random numbers: its outcome, and
#: how it was run, for its report line.
RunOne = Callable[[int, random.Random], tuple[TrialT, str]]


def bench_parser(doc: str, *, trials: int) -> argparse.ArgumentParser:
    """The options every kill bench takes (``--trials``, ``--seed``); each adds its own."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=trials)
    parser.add_argument("--seed", type=int, default=7)
    return parser


def trials(
    prepare: Callable[[Path], RunOne[TrialT]],
    args: argparse.Namespace,
    *,
    tally: Callable[[list[TrialT]], str],
) -> int:
    """Run ``args.trials`` trials in a temporary work folder; the bench's exit code.

    ``prepare`` runs the uninterrupted reference in the folder (and prints what it
    found) and gives the function that runs one trial. A line is printed per trial,
    then a summary: ``tally`` of the outcomes says what was killed, after
    "N trials". 0 if every trial was identical to the reference, else 1.
    """
    rng = random.Random(args.seed)
    started = time.monotonic()
    outcomes: list[TrialT] = []
    with tempfile.TemporaryDirectory() as folder:
        run_one = prepare(Path(folder))
        for n in range(args.trials):
            outcome, how = run_one(n, rng)
            outcomes.append(outcome)
            state = "identical" if outcome.identical else "DIFFERENT " + "; ".join(outcome.problems)
            print(f"trial {n + 1}: {how}: {state}", flush=True)
    identical = sum(outcome.identical for outcome in outcomes)
    print(
        f"{args.trials} trials{tally(outcomes)}, {identical} identical, "
        f"{args.trials - identical} different; {time.monotonic() - started:.0f} s"
    )
    return 0 if identical == args.trials else 1
