"""Files, folders, globs, stdin, gzip, defaults, and refusals of what is not an article."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

import crosswire.ingest
from crosswire.config import InputDefaults, Settings
from crosswire.models import Failure, RawItem

from .builders import collect, failures, gz, items, jsonl, page

ARTICLE = "Officials met on Friday.\nThey agreed to continue talks.\n"


def test_public_api_is_complete() -> None:
    public = {n for n in vars(crosswire.ingest) if not n.startswith("_")}
    modules = {"decode", "files", "items", "jsonl", "paths", "sniff", "streams", "warc"}
    modules |= {"feeds", "fetch", "guard", "watch"}  # imported on their own (httpx, the store)
    assert public - modules - {"annotations"} == set(crosswire.ingest.__all__)


def test_text_file_is_one_text_item(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(ARTICLE)
    (item,) = collect([path])
    assert isinstance(item, RawItem)
    assert (item.kind, item.content, item.input_id, item.source) == (
        "text",
        ARTICLE,
        "report.txt",
        str(path),
    )


def test_html_recognised_by_content_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes(b"<!DOCTYPE html>\n" + page(1))
    (item,) = items(collect([path]))
    assert item.kind == "html"


def test_text_with_html_extension_but_no_markup_is_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE)
    assert items(collect([path]))[0].kind == "text"


@pytest.mark.parametrize("name", ["a.txt.gz", "a.gz", "a.bin"])
def test_gzip_detected_by_magic_bytes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gz(ARTICLE.encode()))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and item.content == ARTICLE and item.kind == "text"


def test_gzip_html_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "p.html.gz").write_bytes(gz(page(1)))
    (tmp_path / "r.jsonl.gz").write_bytes(gz(jsonl([{"id": 7, "text": ARTICLE}] * 2)))
    results = collect([tmp_path])
    assert [(r.kind, r.input_id) for r in items(results)] == [
        ("html", "p.html.gz"),
        ("text", "7"),
        ("text", "7"),
    ]


def test_truncated_single_article_gzip_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gz(ARTICLE.encode() * 50)[:-12])
    assert collect([path]) == [Failure(str(path), "truncated gzip stream")]


@pytest.mark.parametrize(
    ("data", "described"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "ELF executable"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (bytes(range(256)) * 8, "binary data"),
    ],
)
def test_binary_files_are_refused_by_name(tmp_path: Path, data: bytes, described: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert collect([path]) == [Failure(str(path), f"binary file ({described}), not an article")]


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise"
    path.write_bytes(os.urandom(4096))
    (failure,) = collect([path])
    assert isinstance(failure, Failure) and failure.problem.startswith("binary file")


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b" \n\t\r\n")
    assert [f.problem for f in failures(collect([tmp_path]))] == [
        "empty file",
        "whitespace-only file, no article text",
    ]


def test_too_large_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 400)
    (failure,) = collect([path], settings=Settings(max_article_bytes=1000))
    assert isinstance(failure, Failure)
    assert failure.problem.startswith("too large for one article (over the 1 KB limit")


def test_too_large_gzip_article_is_refused_without_inflating_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gz(b"a" * 5_000_000))
    (failure,) = collect([path], settings=Settings(max_article_bytes=10_000))
    assert isinstance(failure, Failure) and "too large" in failure.problem


def test_folder_is_walked_sorted_recursively_skipping_hidden_and_non_articles(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "c").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text(ARTICLE)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "style.css").write_text("body { color: red }")
    results = collect([tmp_path])
    assert [r.source for r in results] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "2.txt"),
        str(tmp_path / "c"),
    ]


def test_named_non_article_is_refused_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    assert collect([path]) == [Failure(str(path), "binary file (PNG image), not an article")]


def test_glob_is_expanded_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_text(ARTICLE)
    results = collect([str(tmp_path / "*.txt")])
    assert [r.source for r in results] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_glob_matching_nothing_and_missing_path(tmp_path: Path) -> None:
    pattern, missing = str(tmp_path / "*.nothing"), str(tmp_path / "gone.txt")
    assert collect([pattern, missing]) == [
        Failure(pattern, "glob matched no files"),
        Failure(missing, "no such file or directory"),
    ]


def test_inputs_keep_order_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"")
    results = collect([tmp_path / "bad.txt", tmp_path / "nope", tmp_path / "good.txt"])
    assert [type(r).__name__ for r in results] == ["Failure", "Failure", "RawItem"]


def test_stdin_reads_given_stream() -> None:
    results = collect(["-"], stdin=io.BytesIO(jsonl([{"text": ARTICLE}, {"html": "<p>x</p>"}])))
    assert [(r.source, r.input_id, r.kind) for r in items(results)] == [
        ("-:1", "-:1", "text"),
        ("-:2", "-:2", "html"),
    ]


def test_stdin_plain_text_and_gzip() -> None:
    (text,) = collect(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    (zipped,) = collect(["-"], stdin=io.BytesIO(gz(page(3))))
    assert isinstance(text, RawItem) and (text.source, text.input_id) == ("-", "-")
    assert isinstance(zipped, RawItem) and zipped.kind == "html"


def test_defaults_fill_only_what_input_lacks(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(jsonl([{"text": ARTICLE, "outlet": "Own"}, {"text": ARTICLE}]))
    defaults = InputDefaults(outlet="Default", url="http://d/", published="2023-06-11")
    declared, bare = items(collect([path], defaults=defaults))
    assert (declared.outlet, declared.url, declared.published) == (
        "Own",
        "http://d/",
        "2023-06-11",
    )
    assert bare.outlet == "Default"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    assert collect([path]) == [Failure(str(path), "cannot open: Permission denied")]


def test_symlink_loop_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(ARTICLE)
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "self").symlink_to(tmp_path / "d" / "self")
    results = collect([tmp_path])
    assert len(items(results)) == 1
    problems = sorted(f.problem for f in failures(results))
    assert problems == [
        "cannot read: Too many levels of symbolic links",
        "symbolic link loop (folder contains itself)",
    ]
