"""``crosswire spark-extract`` and ``crosswire load``: big corpora on PySpark (cli.py registers)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from crosswire.cli_render import Db, err, out, shown_db
from crosswire.config import Settings
from crosswire.errors import CrosswireError


def spark_extract(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, or s3a://... hdfs://... paths.")
    ],
    out_dir: Annotated[str, typer.Option("--out", help="Folder for the Parquet tables.")],
    master: Annotated[
        str, typer.Option(help="Spark master; local[*] here, or yarn, k8s://..., spark://...")
    ] = "local[*]",
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Cleaning only.")] = False,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing output folder.")] = False,
) -> None:
    """Extract articles, entities and events on Spark into Parquet (then `crosswire load`)."""
    try:
        from crosswire.scale.spark import local_session, spark_extract
    except ImportError as error:  # the optional extra is missing
        raise CrosswireError(
            f"spark-extract needs the spark extra: pip install 'crosswire[spark]' ({error.name})"
        ) from None
    settings = Settings.from_env(nlp=not no_nlp)
    err.print(f"starting Spark ({master}) ...")
    session = local_session(master)
    try:
        report = spark_extract(session, inputs, out_dir, settings=settings, overwrite=overwrite)
    finally:
        session.stop()
    out.print(f"{report.articles} articles, {report.failures} failed -> {report.out_dir}")
    if report.failures:
        out.print(f"failures are listed in {report.out_dir}/failures (Parquet)")


def load(
    folder: Annotated[str, typer.Argument(help="Output folder of crosswire spark-extract.")],
    db: Db = None,
) -> None:
    """Store a spark-extract output, running dedup and story grouping in input order."""
    from crosswire import service

    settings = Settings.from_env(db_url=db)
    report = service.load(folder, settings=settings)
    for failure in report.failures:
        err.print(f"crosswire: {escape(str(failure))}", soft_wrap=True)
    out.print(f"{report.summary()} -> {shown_db(settings.db_url)}")
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the scale-out commands to the ``crosswire`` command."""
    app.command("spark-extract")(spark_extract)
    app.command("load")(load)
