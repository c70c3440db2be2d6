"""crosswire: clean, deduplicated news articles, and who did what to whom in them.

The public API::

    import crosswire
    for result in crosswire.extract(["articles/"]):            # no database
        ...
    report = crosswire.ingest(["articles/"], settings=crosswire.Settings(db_url="sqlite:///x.db"))
    crosswire.articles(db="sqlite:///x.db", outlet="Meridian Wire")
    crosswire.show("3f2a", db="sqlite:///x.db")
"""

from crosswire.clean.html import clean_html
from crosswire.clean.lines import clean_text
from crosswire.clean.result import Cleaned
from crosswire.config import InputDefaults, Settings
from crosswire.errors import (
    CorruptInput,
    CrosswireError,
    FetchError,
    InputError,
    NoArticleError,
    NotFoundError,
    PipelineError,
    StoreError,
    UnsupportedInput,
)
from crosswire.ingest import read_inputs
from crosswire.models import Article, Dropped, Failure, Mention, RawItem
from crosswire.pipeline import Pipeline, Stage
from crosswire.service import IngestReport, articles, count, extract, ingest, show
from crosswire.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Cleaned",
    "CorruptInput",
    "CrosswireError",
    "Dropped",
    "Failure",
    "FetchError",
    "IngestReport",
    "InputDefaults",
    "InputError",
    "Mention",
    "NoArticleError",
    "NotFoundError",
    "Pipeline",
    "PipelineError",
    "RawItem",
    "Settings",
    "Stage",
    "Store",
    "StoreError",
    "UnsupportedInput",
    "__version__",
    "articles",
    "clean_html",
    "clean_text",
    "count",
    "extract",
    "ingest",
    "read_inputs",
    "show",
]
