"""``crosswire spark-extract`` and ``crosswire load``: big corpora on PySpark (cli.py registers)."""

from __future__ import annotations

from typing import Annotated

import typer

from crosswire.cli_render import Db, err, out
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


def register(app: typer.Typer) -> None:
    """Add the scale-out commands to the ``crosswire`` command."""
    app.command("spark-extract")(spark_extract)


__all__ = ["Db", "register"]
