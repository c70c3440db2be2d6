"""crosswire: clean, deduplicated news articles, and who did what to whom in them.

The public API::

    import crosswire
    for result in crosswire.extract(["articles/"]):            # no database
        ...
    report = crosswire.ingest(["articles/"], settings=crosswire.Settings(db_url="sqlite:///x.db"))
    crosswire.articles(crosswire.ArticleFilter(outlet="Meridian Wire"), db="sqlite:///x.db")
    crosswire.show("3f2a", db="sqlite:///x.db")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosswire.clean.html import clean_html
    from crosswire.clean.lines import clean_text
    from crosswire.clean.result import Cleaned
    from crosswire.config import InputDefaults, Settings, StoryOptions
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
    from crosswire.models import (
        Article,
        ArticleFilter,
        Dropped,
        Entity,
        Event,
        EventMention,
        Failure,
        Mention,
        RawItem,
        Role,
        Story,
    )
    from crosswire.pipeline import Pipeline, Stage
    from crosswire.service import (
        IngestReport,
        actor,
        actors,
        articles,
        compare,
        count,
        count_events,
        count_stories,
        events,
        extract,
        ingest,
        load,
        merge_stories,
        runner,
        show,
        split_story,
        stories,
        story,
    )
    from crosswire.store import EventFilter, Store, StoryDetail, StoryFilter

__version__ = "0.1.0"

# Imported on first use, so that `import crosswire` (and the CLI's start) stays fast and
# `--no-nlp` never loads spaCy.
_LAZY: dict[str, str] = {
    "Article": "crosswire.models",
    "ArticleFilter": "crosswire.models",
    "Cleaned": "crosswire.clean.result",
    "CorruptInput": "crosswire.errors",
    "CrosswireError": "crosswire.errors",
    "Dropped": "crosswire.models",
    "Entity": "crosswire.models",
    "Event": "crosswire.models",
    "EventMention": "crosswire.models",
    "Failure": "crosswire.models",
    "EventFilter": "crosswire.store",
    "FetchError": "crosswire.errors",
    "IngestReport": "crosswire.service",
    "InputDefaults": "crosswire.config",
    "InputError": "crosswire.errors",
    "Mention": "crosswire.models",
    "NoArticleError": "crosswire.errors",
    "NotFoundError": "crosswire.errors",
    "Pipeline": "crosswire.pipeline",
    "PipelineError": "crosswire.errors",
    "RawItem": "crosswire.models",
    "Role": "crosswire.models",
    "Settings": "crosswire.config",
    "Stage": "crosswire.pipeline",
    "Store": "crosswire.store",
    "StoreError": "crosswire.errors",
    "UnsupportedInput": "crosswire.errors",
    "articles": "crosswire.service",
    "events": "crosswire.service",
    "count_events": "crosswire.service",
    "actors": "crosswire.service",
    "actor": "crosswire.service",
    "clean_html": "crosswire.clean.html",
    "clean_text": "crosswire.clean.lines",
    "compare": "crosswire.service",
    "count": "crosswire.service",
    "extract": "crosswire.service",
    "ingest": "crosswire.service",
    "load": "crosswire.service",
    "read_inputs": "crosswire.ingest",
    "show": "crosswire.service",
    "Story": "crosswire.models",
    "StoryDetail": "crosswire.store",
    "StoryFilter": "crosswire.store",
    "StoryOptions": "crosswire.config",
    "count_stories": "crosswire.service",
    "merge_stories": "crosswire.service",
    "runner": "crosswire.service",
    "split_story": "crosswire.service",
    "stories": "crosswire.service",
    "story": "crosswire.service",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'crosswire' has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleFilter",
    "Cleaned",
    "CorruptInput",
    "CrosswireError",
    "Dropped",
    "Entity",
    "Event",
    "EventFilter",
    "EventMention",
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
    "Role",
    "Settings",
    "Stage",
    "Store",
    "StoreError",
    "Story",
    "StoryDetail",
    "StoryFilter",
    "StoryOptions",
    "UnsupportedInput",
    "__version__",
    "actor",
    "actors",
    "articles",
    "clean_html",
    "clean_text",
    "compare",
    "count",
    "count_events",
    "count_stories",
    "events",
    "extract",
    "ingest",
    "load",
    "merge_stories",
    "read_inputs",
    "runner",
    "show",
    "split_story",
    "stories",
    "story",
]
