"""Several `crosswire ingest` processes at once on overlapping inputs, into one database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.store.conftest import raw

PROCESSES = 4
#: Each process reads the 48 files in the same order but for a quarter left out (its
#: own), so every article is read by three processes, often at the same moment.
PER_PROCESS = 36

#: Ten events, three sentences each: every article tells one of them in its own order.
EVENTS = (
    "The port authority in Valparaiso closed two terminals after a crane collapsed.",
    "Dock workers said the crane had failed an inspection in March.",
    "Shipping lines diverted container vessels to San Antonio while engineers inspect the site.",
    "Farmers in Punjab blocked a highway to protest a cut in wheat purchase prices.",
    "The state agriculture minister promised to meet union leaders on Friday.",
    "Police estimated that eight thousand tractors joined the blockade near Ludhiana.",
    "Iceland's parliament passed a law limiting foreign ownership of fishing quotas.",
    "The fisheries minister said the quota law protects coastal villages.",
    "Opposition members argued the quota bill would deter investment in trawlers.",
    "A magnitude six earthquake struck off the coast of Hokkaido early on Tuesday.",
    "The meteorological agency briefly issued a tsunami advisory for the Hokkaido coast.",
    "Rail operators suspended bullet train services north of Sendai after the earthquake.",
    "Kenya's central bank raised its benchmark interest rate to thirteen percent.",
    "The central bank governor said inflation from fuel prices remained too high.",
    "Economists expected the shilling to steady after the rate decision in Nairobi.",
    "Wildfires forced the evacuation of four villages on the Greek island of Evia.",
    "Firefighting aircraft from Italy and Croatia joined Greek crews over Evia.",
    "Strong winds pushed the Evia wildfire toward pine forests near the coast.",
    "Canada's telecom regulator fined two carriers over a nationwide network outage.",
    "The regulator said the network outage cut emergency calls for eleven hours.",
    "Both carriers promised refunds to customers hit by the network outage.",
    "Archaeologists in Peru uncovered a tomb with textiles older than the Inca empire.",
    "The textiles in the Peruvian tomb were found near Lima by a university team.",
    "Peru's culture ministry said the tomb would be protected from looters.",
    "Norway's wealth fund reported a record first-half return driven by technology shares.",
    "The fund's chief executive warned that technology shares could fall sharply.",
    "The Norwegian fund now owns about one and a half percent of listed companies.",
    "Heavy rains flooded the Brazilian city of Porto Alegre and displaced thousands.",
    "Rescue teams in Porto Alegre used boats to reach families on rooftops.",
    "Brazil's president flew over the flooded Porto Alegre region by helicopter.",
)


def write_inputs(folder: Path) -> list[Path]:
    """48 article files: each of the ten events told four or five times, differently."""
    paths = []
    for i in range(48):
        event, telling = i % 10, i // 10
        sentences = list(EVENTS[3 * event : 3 * event + 3])
        sentences = sentences[telling % 3 :] + sentences[: telling % 3]
        detail = f"Correspondent number {i} filed this report from the desk in city {telling}."
        path = folder / f"article{i:02d}.txt"
        path.write_text(f"Report {i}\n\n" + " ".join([*sentences, detail]) + "\n")
        paths.append(path)
    return paths


def ingest(db_url: str, paths: list[Path]) -> subprocess.Popen[str]:
    """Start one `crosswire ingest` process (one worker, no NLP model: fast to start)."""
    crosswire = Path(sys.executable).with_name("crosswire")
    return subprocess.Popen(
        [str(crosswire), "ingest", *map(str, paths), "--db", db_url, "--workers", "1", "--no-nlp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "CROSSWIRE_DB": ""},
    )


def test_concurrent_ingests_store_every_article_once(db_url: str, tmp_path: Path) -> None:
    paths = write_inputs(tmp_path)
    shares = [
        [path for i, path in enumerate(paths) if i % PROCESSES != p] for p in range(PROCESSES)
    ]
    started = time.monotonic()
    processes = [ingest(db_url, share) for share in shares]
    outputs = [process.communicate(timeout=300)[0] for process in processes]
    elapsed = time.monotonic() - started
    assert [process.returncode for process in processes] == [0] * PROCESSES, outputs
    counts = [
        re.search(r"(\d+) added .*?(\d+) already stored, (\d+) failed", out) for out in outputs
    ]
    assert all(counts), outputs
    added = sum(int(found.group(1)) for found in counts if found)
    unchanged = sum(int(found.group(2)) for found in counts if found)
    assert sum(int(found.group(3)) for found in counts if found) == 0
    assert added + unchanged == PROCESSES * PER_PROCESS  # every input accounted for

    with raw(db_url) as conn:

        def one(sql: str) -> object:
            return conn.exec_driver_sql(sql).scalar()

        # Every input stored once: no row lost (all reported added are there), none twice.
        assert one("SELECT count(*) FROM articles") == added == len(paths)
        assert one("SELECT count(DISTINCT source) FROM articles") == len(paths)
        assert one("SELECT count(DISTINCT seq) FROM articles") == len(paths)
        # Each article in exactly one story, every story row there, sizes that add up.
        assert one("SELECT count(*) FROM story_articles") == len(paths)
        orphans = "SELECT count(*) FROM story_articles l LEFT JOIN stories s ON s.id = l.story_id"
        assert one(orphans + " WHERE s.id IS NULL") == 0
        sizes = (
            "SELECT count(*) FROM stories s WHERE s.merged_into IS NULL AND s.size <> "
            "(SELECT count(*) FROM story_articles l WHERE l.story_id = s.id)"
        )
        assert one(sizes) == 0
        assert one("SELECT count(*) FROM fingerprints") == len(paths)
        stories = one("SELECT count(*) FROM stories")
    print(
        f"{PROCESSES} processes, {len(paths)} articles ({added} added, {unchanged} already "
        f"stored), {stories} stories, {elapsed:.1f} s"
    )
