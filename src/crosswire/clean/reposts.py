"""Where an article says it republishes another outlet's story, name that outlet.

Reads the body and the dropped lines (credit lines are usually dropped as furniture).
Strong cues name the outlet outright ("originally published by X", "Source: X",
"Republished from X", a wire dateline "MOSCOW (Reuters) -"). A weak cue, an empty
credit line ("Source :"), says the text is republished without saying from whom;
then an outlet the text names as the one an interviewee *told* ("told the Global
Times") is the likely original, since that is how an outlet refers to itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.models import Article

# A name of one to six capitalised words ("Meridian Wire", "The Global Times", "AP").
_NAME = r"(?:[Tt]he\s+)?(?P<outlet>[A-Z][\w&'.-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&'.-]*){0,5})"

_STRONG = [
    re.compile(
        r"\b(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:in|on|by|at)\s+" + _NAME
    ),
    re.compile(
        r"\b(?:republished|reprinted|reproduced|adapted)\s+(?:with\s+permission\s+)?"
        r"(?:from|by)\s+" + _NAME
    ),
    re.compile(
        r"^\s*(?:source|via|courtesy(?:\s+of)?|credit|originally\s+from)\s*[:\-\u2013\u2014]\s*"
        + _NAME
        + r"\s*\.?\s*$",
        re.IGNORECASE,
    ),
    # Wire-service dateline at the start of a paragraph: "MOSCOW (Reuters) - ...".
    re.compile(
        r"^[A-Z][A-Z .,'-]{1,40}\((?P<outlet>[A-Z][\w ]{1,30})\)\s*[-\u2013\u2014]", re.MULTILINE
    ),
]
_EMPTY_CREDIT = re.compile(
    r"^\s*(?:source|via|courtesy(?:\s+of)?|credit)\s*[:\-\u2013\u2014]?\s*$", re.IGNORECASE
)
_TOLD = re.compile(r"\btold\s+" + _NAME)
# Words that end the names of news outlets; a "told X" target must look like one.
_OUTLET_WORDS = re.compile(
    r"\b(?:Times|Post|News|Daily|Herald|Journal|Agency|Wire|Telegraph|Tribune|Gazette|Press|"
    r"Media|TV|Radio|Review|Observer|Guardian|Independent|Express|Chronicle|Monitor|Insider|"
    r"Mail|Star|Sun|Globe|Bulletin|Report|Broadcasting|Network|Reuters|Xinhua|TASS|Interfax)$"
)


@dataclass(frozen=True)
class RepostCue:
    """The outlet the text names as the original (or ``None``), and the words that say so."""

    outlet: str | None
    evidence: str


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" .,;:")


def find_repost_cue(article: Article) -> RepostCue | None:
    """The strongest repost cue in the article's text, if any."""
    dropped = [d.text for d in article.dropped]
    lines = [*article.body.splitlines(), *dropped]
    for pattern in _STRONG:
        for line in lines:
            match = pattern.search(line)
            if match and _clean_name(match["outlet"]).lower() != (article.outlet or "").lower():
                return RepostCue(_clean_name(match["outlet"]), line.strip())
    empty_credit = next((line.strip() for line in dropped if _EMPTY_CREDIT.match(line)), None)
    if empty_credit is None:
        return None
    for match in _TOLD.finditer(article.body):
        name = _clean_name(match["outlet"])
        if _OUTLET_WORDS.search(name) and name.lower() != (article.outlet or "").lower():
            return RepostCue(
                name,
                f"empty credit line {empty_credit!r}; the text says someone {match.group(0)!r}",
            )
    return RepostCue(None, f"empty credit line {empty_credit!r}")
