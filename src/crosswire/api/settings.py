"""What the web service needs to know: the library settings, tokens and limits."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from crosswire.config import Settings

#: Largest request body accepted by the ingest endpoints (bytes).
DEFAULT_MAX_UPLOAD = 50_000_000


@dataclass(frozen=True)
class ApiSettings:
    """Settings of the REST API and web UI, passed to :func:`crosswire.api.create_app`.

    ``write_token`` guards every write; with none configured, writes are refused
    (there is no default secret). ``read_token``, when set, guards reads too; the
    write token also grants reads.
    """

    core: Settings = field(default_factory=Settings)
    write_token: str | None = None
    read_token: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    page_size: int = 20
    max_page_size: int = 200
    #: The user's outlet table (``PUT /api/outlets`` writes it); None: ``outlets.tsv``
    #: beside a SQLite database.
    outlets_file: str | None = None

    @property
    def db_url(self) -> str:
        """The database every route reads and writes."""
        return self.core.db_url

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, db_url: str | None = None
    ) -> ApiSettings:
        """Settings from ``CROSSWIRE_DB``, ``CROSSWIRE_API_TOKEN`` and ``CROSSWIRE_API_READ_TOKEN``.

        ``CROSSWIRE_API_NLP=0`` ingests without the NLP stage (cleaning only);
        ``CROSSWIRE_OUTLETS`` names the user's outlet table.
        """
        env = os.environ if env is None else env
        nlp = env.get("CROSSWIRE_API_NLP", "1").strip().lower() not in ("0", "false", "no")
        return cls(
            core=Settings.from_env(env, db_url=db_url, nlp=nlp),
            write_token=env.get("CROSSWIRE_API_TOKEN") or None,
            read_token=env.get("CROSSWIRE_API_READ_TOKEN") or None,
            outlets_file=env.get("CROSSWIRE_OUTLETS") or None,
        )
