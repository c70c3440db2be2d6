"""Kill ``crosswire spark-extract`` and ``crosswire load`` with SIGKILL, re-run, compare.

Shared by ``test_kill_spark.py`` (two trials) and ``bench/kill_spark.py`` (10+).
A trial SIGKILLs the extraction's whole process tree (the CLI, its JVM and the
PySpark workers, which leave the process group) after a random delay and runs the
same command again: it must complete, and the Parquet tables must hold the rows of
an uninterrupted extraction, each article exactly once. (A kill that lands after the
output folder appeared, i.e. after the job finished, leaves it complete; the same
command would refuse to overwrite it, so the trial checks that output instead.)
Then ``crosswire load`` of that output is killed the same way and re-run: the
database must equal the one loaded from the uninterrupted extraction
(:func:`tests.robustness.killing.dump`).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from tests.robustness.killing import differences, dump, env, kill_after

#: A table's rows, sorted; every table of one extraction.
Rows = list[tuple[object, ...]]
Tables = dict[str, Rows]


def extract_args(inputs: list[str], out: Path) -> list[str]:
    """The ``crosswire spark-extract`` command line (two local cores, cleaning only)."""
    args = [sys.executable, "-m", "crosswire", "spark-extract", *inputs, "--out", str(out)]
    return [*args, "--no-nlp", "--master", "local[2]"]


def load_args(out: Path, db: Path) -> list[str]:
    """The ``crosswire load`` command line."""
    return [sys.executable, "-m", "crosswire", "load", str(out), "--db", f"sqlite:///{db}"]


def spark_env(work: Path) -> dict[str, str]:
    """Spark's scratch space under ``work``: a killed JVM leaves its block files there."""
    return {**env(), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_LOCAL_DIRS": str(work / "spark-tmp")}


def run(args: list[str], work: Path) -> None:
    """Run to completion; raise with its stderr if it fails."""
    done = subprocess.run(
        args, cwd=work, env=spark_env(work), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[3]} failed: {done.stderr.strip()[-800:]}")


def tables(out: Path) -> Tables:
    """Every row of every table of an extraction, sorted (every Parquet file in each folder)."""
    found = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        rows: Rows = []
        for part in sorted(folder.glob("*.parquet")):
            rows += [tuple(r.values()) for r in pq.read_table(part).to_pylist()]
        found[folder.name] = sorted(rows, key=repr)
    return found


def repeated_articles(found: Tables) -> list[str]:
    """Article ids that appear in more than one row of the ``articles`` table."""
    counts = Counter(row[1] for row in found.get("articles", []))
    return sorted(str(id_) for id_, n in counts.items() if n > 1)


@dataclass(frozen=True)
class Reference:
    """An uninterrupted extraction and load: its tables, database dump and times."""

    tables: Tables
    rows: list[tuple[str, Rows]]
    extract_seconds: float
    load_seconds: float


def reference(inputs: list[str], work: Path) -> Reference:
    """Extract ``inputs`` and load the output into a fresh database, uninterrupted."""
    out, db = work / "reference-out", work / "reference.db"
    started = time.monotonic()
    run(extract_args(inputs, out), work)
    extracted = time.monotonic()
    run(load_args(out, db), work)
    loaded = time.monotonic()
    return Reference(tables(out), dump(db), extracted - started, loaded - extracted)


@dataclass(frozen=True)
class Trial:
    """One kill of each command and its re-run: whether each was killed before it was
    done (the extraction: before its output appeared), what differed."""

    extract_delay: float
    load_delay: float
    extract_killed: bool
    load_killed: bool
    identical: bool
    problems: tuple[str, ...]
    seconds: float


def trial(
    inputs: list[str], work: Path, ref: Reference, *, extract_delay: float, load_delay: float
) -> Trial:
    """Kill an extraction after ``extract_delay`` s and re-run it, then the same for a load."""
    started = time.monotonic()
    folder = work / f"trial-{random.randrange(1 << 30)}"
    folder.mkdir()
    out, db = folder / "out", folder / "trial.db"
    kill_after(extract_args(inputs, out), work, extract_delay, environ=spark_env(work))
    # The output appears whole at the very end: if it is there, the job had finished and
    # the same command would (rightly) refuse to overwrite it; if not, re-run it.
    extract_killed = not out.exists()
    if extract_killed:
        run(extract_args(inputs, out), work)
    found = tables(out)
    problems = [
        f"{table}: {len(rows)} vs {len(found.get(table, []))} rows"
        for table, rows in ref.tables.items()
        if found.get(table) != rows
    ]
    if repeated := repeated_articles(found):
        problems.append(f"articles written more than once: {', '.join(repeated[:5])}")
    if leftovers := [p.name for p in folder.iterdir() if p.name != "out"]:
        problems.append(f"left beside the output: {', '.join(leftovers)}")
    load_killed = kill_after(load_args(out, db), work, load_delay, environ=spark_env(work)) is None
    run(load_args(out, db), work)
    problems += differences(ref.rows, dump(db))
    shutil.rmtree(folder)
    shutil.rmtree(work / "spark-tmp", ignore_errors=True)
    seconds = time.monotonic() - started
    return Trial(
        extract_delay,
        load_delay,
        extract_killed,
        load_killed,
        not problems,
        tuple(problems),
        seconds,
    )
