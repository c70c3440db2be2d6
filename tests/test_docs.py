"""The README documents every CLI command and option, and the public API is complete."""

from __future__ import annotations

import inspect
import re

import typer.main

import crosswire
from crosswire.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def _commands() -> dict[str, list[str]]:
    group = typer.main.get_command(app)
    commands = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        flags = [opt for param in command.params for opt in param.opts if opt.startswith("--")]
        commands[name] = flags
    return commands


def test_every_command_is_documented() -> None:
    commands = _commands()
    assert set(commands) == {
        *("ingest", "extract", "articles", "show", "events", "actors", "actor", "serve"),
        *("stories", "story", "watch", "fetch", "export", "spark-extract", "load"),
        "compare",
    }
    for name in commands:
        assert re.search(rf"### `crosswire {name}\b", README), f"`crosswire {name}` undocumented"


def test_every_option_is_documented() -> None:
    for name, flags in _commands().items():
        for flag in flags:
            if flag == "--help":
                continue
            assert f"`{flag}" in README or f"{flag}`" in README, f"{name} {flag} undocumented"


def test_public_api_is_complete_and_importable() -> None:
    for name in crosswire.__all__:
        assert getattr(crosswire, name) is not None, name
    public_modules = ("crosswire.service", "crosswire.models", "crosswire.errors")
    for module_name in public_modules:
        module = __import__(module_name, fromlist=["_"])
        for name, value in vars(module).items():
            defined_here = getattr(value, "__module__", None) == module_name
            if (
                defined_here
                and not name.startswith("_")
                and (inspect.isclass(value) or inspect.isfunction(value))
            ):
                assert name in crosswire.__all__ or name in {"content_id", "Progress"}, name


def test_schema_doc_lists_every_field() -> None:
    schema = (REPO / "docs" / "schema.md").read_text()
    article = crosswire.Article(id="0" * 16, input_id="x", source="x", raw_kind="text", raw="")
    for field in article.to_dict():
        assert f"`{field}`" in schema, f"field {field} missing from docs/schema.md"
