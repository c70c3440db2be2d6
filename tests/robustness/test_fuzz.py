"""A few hundred hostile inputs through the readers, the cleaners and the no-NLP pipeline.

The full campaign (10,000+ inputs, with figures) is ``bench/fuzz_inputs.py``; this is
its CI-sized run, derandomised so that a failure reproduces.
"""

from __future__ import annotations

import gzip
import io

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from crosswire.config import InputDefaults, Settings
from crosswire.errors import CrosswireError, FetchError
from crosswire.ingest import Origin, read_stream
from crosswire.ingest.feeds import parse_feed
from crosswire.models import Failure, RawItem
from tests.robustness.fuzzing import check, examples, inputs, python_calls

EXAMPLES = 200


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    # No shrinking: inputs are large and slow to shrink; the failing one is printed whole.
    phases=[Phase.explicit, Phase.generate],
)
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # large reprs
@given(inputs)
def test_no_input_escapes_as_an_exception(case: tuple[str, bytes]) -> None:
    name, data = case
    check(name, data)


@pytest.mark.parametrize("case", list(examples()), ids=lambda case: case[0])
def test_hand_picked_hostile_inputs(case: tuple[str, bytes]) -> None:
    check(*case)


@pytest.mark.parametrize("reference", [b"&#99999999999;", b"&#1114112;"])
def test_feed_with_out_of_range_character_reference_is_not_a_feed(reference: bytes) -> None:
    # Found by the fuzz run: feedparser's fallback parser raised OverflowError/ValueError.
    # (An RSS element, so that the bytes get past the no-feed check to feedparser.)
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(b"<rss><p>" + reference, url="http://feed.test/rss")


@pytest.mark.parametrize("name", ["a.html", "a.txt", "a"])
@pytest.mark.parametrize("tag", ["b", "div", "span", "table"])
def test_deep_nesting_adds_little_work_per_byte(name: str, tag: str) -> None:
    # A 60 KB unclosed nest of 20,000 <b> took 9-21 s: not in the pipeline (0.03 s) but
    # in parse_feed, where feedparser parsed the non-feed twice, strictly then loosely,
    # resolving URLs at each tag: 20-50 Python calls per byte. Counted, not timed: from
    # depth N to 4N the work now grows by under 5 calls per added byte (the HTML path
    # not at all past lxml's depth cap; the text path tokenises the characters).
    prose = "The minister said on Monday that talks in Kyiv would go on."

    def nest(depth: int) -> bytes:
        return (f"<{tag}>" * depth + prose).encode()

    check(name, nest(10))  # loads what is loaded once (language model, stoplists)
    small, large = nest(5_000), nest(20_000)
    added_calls = python_calls(name, large) - python_calls(name, small)
    assert added_calls / (len(large) - len(small)) < 5, added_calls


def test_a_non_feed_never_reaches_feedparser() -> None:
    with pytest.raises(FetchError, match=r"not an RSS or Atom feed \(no RSS or Atom elements\)"):
        parse_feed(b"<b>" * 20_000, url="http://feed.test/rss")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be", "utf-32"])
def test_feeds_in_wide_encodings_still_parse(encoding: str) -> None:
    # The no-feed check reads bytes without NULs, so UTF-16 and UTF-32 feeds pass it.
    rss = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Talks</title><link>http://x.test/a</link></item></channel></rss>"
    )
    feed = parse_feed(rss.encode(encoding), url="http://x.test/rss")
    assert feed.title == "T" and [e.link for e in feed.entries] == ["http://x.test/a"]


def test_gzip_bomb_stops_at_the_decompressed_limit() -> None:
    bomb = gzip.compress(b'{"text": "a report"}\n' + b"\n" * 5_000_000)
    assert len(bomb) < 10_000
    settings = Settings(nlp=False, max_decompressed_bytes=1_000_000)
    origin = Origin("bomb.jsonl.gz", "bomb.jsonl.gz", InputDefaults(), settings)
    results = list(read_stream(io.BytesIO(bomb), origin))
    assert isinstance(results[0], RawItem)
    (failure,) = results[1:]
    assert isinstance(failure, Failure) and failure.source == "bomb.jsonl.gz"
    # The count is of lines read before the limit (less the reader's read-ahead).
    problem = "gzip stream decompresses to over 1 MB (max_decompressed_bytes) after "
    assert failure.problem.startswith(problem)
    assert 100_000 < int(failure.problem.removeprefix(problem).split()[0]) <= 1_000_001


@pytest.mark.parametrize("name", ["a.txt.gz", "a.warc.gz", "a.json.gz"])
def test_gzip_bomb_of_every_kind_ends_in_one_failure(name: str) -> None:
    head = b"WARC/1.0\r\n" if "warc" in name else b""
    bomb = gzip.compress(head + b" " * 3_000_000)
    settings = Settings(nlp=False, max_decompressed_bytes=1_000_000, max_article_bytes=5_000_000)
    results = list(read_stream(io.BytesIO(bomb), Origin(name, name, InputDefaults(), settings)))
    assert len(results) == 1 and isinstance(results[0], Failure)
    assert "max_decompressed_bytes" in results[0].problem


def test_limits_from_the_environment() -> None:
    env = {
        "CROSSWIRE_MAX_ARTICLE_BYTES": "1000",
        "CROSSWIRE_MAX_DECOMPRESSED_BYTES": "2000",
        "CROSSWIRE_NLP_TIME_BUDGET": "2.5",
    }
    settings = Settings.from_env(env)
    assert (settings.max_article_bytes, settings.max_decompressed_bytes) == (1000, 2000)
    assert settings.nlp_time_budget == 2.5
    with pytest.raises(CrosswireError, match="CROSSWIRE_NLP_TIME_BUDGET='soon' is not a number"):
        Settings.from_env({"CROSSWIRE_NLP_TIME_BUDGET": "soon"})
