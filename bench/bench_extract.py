"""Throughput and peak memory of `crosswire extract`, cleaning only and whole pipeline.

Runs the real CLI in a child process over a corpus (default: the CleanEval pages in
../shared/data/extraction-dev, gzipped HTML) and reports articles/second and the
child's peak resident memory. Usage:

    python bench/bench_extract.py [--corpus DIR|allsides] [--limit N] [--modes clean,full]

``--corpus allsides`` uses the news excerpts of ../shared/data/stories-dev as one JSONL
feed (short, real news text), instead of CleanEval's long general web pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
DEFAULT_CORPUS = SHARED / "data" / "extraction-dev" / "cleaneval" / "cleaneval-final" / "input"
ALLSIDES = SHARED / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"


def allsides_feed(folder: Path, limit: int) -> Path:
    """News excerpts of the AllSides roundups as one JSONL feed (written to a temp folder)."""
    feed = folder / "allsides.jsonl"
    with ALLSIDES.open() as source, feed.open("w") as out:
        written = 0
        for line in source:
            for side, item in json.loads(line)["news"].items():
                if written < limit and item.get("newBody"):
                    record = {
                        "id": f"{written}-{side}",
                        "outlet": item["newsSource"],
                        "title": item["newsTitle"],
                        "text": "\n\n".join(item["newBody"]),
                    }
                    out.write(json.dumps(record) + "\n")
                    written += 1
    return feed


def run_mode(files: list[Path], *, nlp: bool) -> dict[str, float]:
    """Run one `crosswire extract` over ``files``; time it and read the child's peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "corpus"
        listing.mkdir()
        for n, path in enumerate(files):  # symlinks: the corpus stays where it is
            (listing / f"{n:05d}_{path.name}").symlink_to(path)
        out = Path(tmp) / "out.jsonl"
        args = [sys.executable, "-m", "crosswire", "extract", str(listing), "-o", str(out)]
        if not nlp:
            args.append("--no-nlp")
        errors = Path(tmp) / "stderr"
        start = time.perf_counter()
        with errors.open("w") as stderr:
            child = subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env={**os.environ, "HF_HUB_OFFLINE": "1"},
            )
            # wait4 gives this child's own peak memory (ru_maxrss, KiB on Linux)
            _, _, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        bodies = [json.loads(line)["body"] for line in out.open()] if out.exists() else []
        articles, words = len(bodies), sum(len(body.split()) for body in bodies)
        failures = errors.read_text().count("crosswire: ")
    return {
        "inputs": len(files),
        "articles": articles,
        "failures": failures,
        "seconds": seconds,
        "articles_per_s": articles / seconds,
        "words_per_s": words / seconds,
        "peak_rss_mib": usage.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--modes", default="clean,full")
    options = parser.parse_args()
    if not options.corpus.is_dir() and options.corpus != Path("allsides"):
        sys.exit(f"bench: no corpus at {options.corpus}")
    if options.corpus == Path("allsides"):
        scratch = tempfile.TemporaryDirectory()
        files = [allsides_feed(Path(scratch.name), options.limit)]
        print(f"corpus: {ALLSIDES.name}, first {options.limit} news excerpts, 1 process")
    else:
        files = sorted(p for p in options.corpus.iterdir() if p.is_file())[: options.limit]
        print(f"corpus: {options.corpus} ({len(files)} inputs), 1 process")
    print(
        f"{'mode':<8}{'articles':>9}{'failed':>8}{'seconds':>9}{'art/s':>9}{'words/s':>9}"
        f"{'peak MiB':>10}"
    )
    for mode in options.modes.split(","):
        r = run_mode(files, nlp=(mode == "full"))
        print(
            f"{mode:<8}{r['articles']:>9.0f}{r['failures']:>8.0f}{r['seconds']:>9.1f}"
            f"{r['articles_per_s']:>9.1f}{r['words_per_s']:>9.0f}{r['peak_rss_mib']:>10.0f}"
        )


if __name__ == "__main__":
    main()
