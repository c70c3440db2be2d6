"""``crosswire serve``: the REST API and web UI on uvicorn (registered by cli.py)."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL [env CROSSWIRE_DB; default sqlite:///crosswire.db]."
        ),
    ] = None,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the web UI over the database.

    Writes need CROSSWIRE_API_TOKEN to be set (and sent as a bearer token); with
    CROSSWIRE_API_READ_TOKEN set, reads need a token too.
    """
    import uvicorn

    # Imported here: the other commands need not load the web stack.
    from crosswire.api import ApiSettings, create_app
    from crosswire.store import Store

    settings = ApiSettings.from_env(db_url=db)
    Store.open(settings.db_url).close()  # a bad --db fails here, as one line, not per request
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``crosswire`` command."""
    app.command("serve")(serve)
