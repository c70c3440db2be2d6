"""Driver script for ``spark-submit`` on a real cluster (the master comes from spark-submit).

    spark-submit --master yarn --archives venv.tar.gz#venv \\
        --conf spark.pyspark.python=./venv/bin/python \\
        src/crosswire/scale/submit.py s3a://news/warc/ --out s3a://news/crosswire/run1/ [--no-nlp]
"""

from __future__ import annotations

import argparse
import sys

from crosswire.config import Settings
from crosswire.errors import CrosswireError


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run :func:`crosswire.scale.spark.spark_extract`, print the counts."""
    from pyspark.sql import SparkSession

    from crosswire.scale.spark import spark_extract

    parser = argparse.ArgumentParser(prog="submit.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files, folders, globs or s3a:// hdfs:// paths")
    parser.add_argument("--out", required=True, help="folder (or object-store path) for Parquet")
    parser.add_argument("--no-nlp", action="store_true", help="cleaning only")
    parser.add_argument("--overwrite", action="store_true", help="replace existing output")
    args = parser.parse_args(argv)
    session = SparkSession.builder.appName("crosswire").getOrCreate()
    try:
        report = spark_extract(
            session,
            args.inputs,
            args.out,
            settings=Settings.from_env(nlp=not args.no_nlp),
            overwrite=args.overwrite,
        )
    except CrosswireError as error:
        print(f"crosswire: {error}", file=sys.stderr)
        return 2
    finally:
        session.stop()
    print(f"{report.articles} articles, {report.failures} failed -> {report.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
