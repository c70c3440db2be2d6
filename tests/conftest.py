"""Shared fixtures: where the project's samples and the third-party data live."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
EXAMPLES = SHARED / "examples" / "articles"
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def examples() -> Path:
    """The two real example articles (third-party text, read from ../shared)."""
    if not EXAMPLES.is_dir():
        pytest.skip("../shared/examples is not here")
    return EXAMPLES


def run_cli(
    *args: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``crosswire ARGS`` in a fresh process, as a user would (output decoded)."""
    # One process unless a test asks for workers: each worker loads its own spaCy model.
    defaults = {"HF_HUB_OFFLINE": "1", "COLUMNS": "200", "CROSSWIRE_WORKERS": "1"}
    full_env = {**os.environ, **defaults, **(env or {})}
    full_env.pop("CROSSWIRE_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "crosswire", *args],
        cwd=cwd,
        input=stdin,
        env=full_env,
        capture_output=True,
        check=False,
        timeout=600,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )
