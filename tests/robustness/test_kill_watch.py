"""A few kill -9 trials of ``crosswire watch``: after a restart has caught up, the database
equals an uninterrupted watch's, and its next poll finds nothing new but the missing pages.

The 20-trial version is ``bench/kill_watch.py``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.killing_watch import FeedSite, Reference, reference, serving, trial


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FeedSite, Path, Reference]]:
    work = tmp_path_factory.mktemp("kill-watch")
    with serving(entries=48, hosts=8) as site:
        yield site, work, reference(site, work)


def test_the_reference_watch_stores_the_feed_with_reposts_and_missing_pages(
    setup: tuple[FeedSite, Path, Reference],
) -> None:
    site, _, ref = setup
    tables = dict(ref.rows)
    stored = site.entries - site.missing
    assert len(tables["articles"]) == stored > 40
    assert f"{site.entries} entries, {site.missing} new: 0 added" in ref.steady
    assert len(tables["stories"]) > 1
    assert "(0 duplicates" not in ref.first  # the reposts were found


@pytest.mark.parametrize(("seed", "kills"), [(1, 1), (2, 1), (3, 2)])
def test_restart_after_kill_equals_an_uninterrupted_watch(
    setup: tuple[FeedSite, Path, Reference], seed: int, kills: int
) -> None:
    site, work, ref = setup
    rng = random.Random(seed)
    delays = [rng.uniform(1.5, max(2.0, ref.seconds)) for _ in range(kills)]
    result = trial(site, work, ref, delays)
    assert result.identical, result.problems
