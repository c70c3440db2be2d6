"""What page furniture looks like, one line at a time: patterns and line features.

Each rule here recognises a *kind* of furniture that many sites share (an ad label,
a breadcrumb trail, a share prompt, a byline ...), never one site's wording. The
structural passes that need the whole page (repeated lines, related-content blocks,
context, the title) live in :mod:`crosswire.clean.lines`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words: body prose is dense in them, menus, tags and titles are not.
STOPWORDS = _word_set(
    """a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down during
    each few for from further had has have having he her here hers herself him himself
    his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some
    such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves said says may might must
    shall upon still yet however although though whether"""
)
# Lower-case words a title may hold; a tag line holds none of them.
_SMALL_WORDS = _word_set(
    "a an and as at but by for from in into of on or over the to vs with after amid "
    "about against is are was be"
)
# Common headline verbs (present tense, as headlines use them) and auxiliaries.
_VERBS = _word_set(
    "say says said is are was were be been will would can could has have had do does "
    "win wins warn warns urge urges call calls seek seeks plan plans sign signs vow vows "
    "back backs face faces hit hits open opens get gets set sets cut cuts take takes make "
    "makes give gives agree agrees confirm confirms announce announces launch launches reject "
    "rejects deny denies approve approves rise rises fall falls meet meets hold holds visit "
    "visits join joins leave leaves ban bans boost boosts end ends kill kills die dies need "
    "needs expect expects urge urges pledge pledges promise promises slam slams blast blasts "
    "quit quits win wins lose loses eye eyes mull mulls weigh weighs unveil unveils"
)

_PUNCT = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a1\u00a9\u00ab\u00ae\u00b7\u00bb\u00bf"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2039\u203a\u2122\u2190\u2192"
)
_NO_PUNCT = str.maketrans("", "", _PUNCT)
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
# Closing quotes and brackets that may follow a sentence's final stop.
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_STOPS = frozenset(".!?\u2026")
# Word tokens as ``\b`` sees them: the keyword gates below test these before a regex runs.
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_NAV_SPLIT = re.compile(r"[|\u2022\u00b7]")
_CRUMB_SEPARATOR = re.compile(r"[\u00bb\u203a>/\u2192]")
_CRUMB_SPLIT = re.compile(r"\s[\u00bb\u203a>/\u2192]\s")
_SENTENCE_PUNCT = re.compile(r"[.!?;,:]")

_ADVERT = re.compile(
    r"^(advertisements?|advert|ad|ads|sponsored( content| links?| post)?|promoted"
    r"( content| stories)?|paid (content|post|partner content)|partner content|"
    r"(story|article) continues (below|after)( advertisement| this ad)?|"
    r"continue reading (below|after)( advertisement| the ad)?|scroll to continue( with content)?|"
    r"advertisement[\s:-]+scroll to continue|ad feedback|report this ad)\W*$",
    re.IGNORECASE,
)
_ATTRIBUTION_LABEL = (
    r"^(sources?|photos?|images?|pictures?|credits?|(photo|image|picture|video) "
    r"(credits?|source|by)|via|courtesy( of)?|caption|file photo|featured image|"
    r"illustration|graphics?|video|reporting|editing|written by|author|reuters|ap)"
    r"\s*[:\uff1a|\-\u2013\u2014]"
)
_ATTRIBUTION = re.compile(_ATTRIBUTION_LABEL + r"\s*$", re.IGNORECASE)
# A label with a short value ("Photo: AFP", "Image credit: Getty Images").
_CREDIT = re.compile(_ATTRIBUTION_LABEL + r"\s*\S.{0,50}$", re.IGNORECASE)
_BREADCRUMB_HOME = re.compile(
    r"^(home|home ?page|start|main|index|news)\s*[\u00bb\u203a>/\u2192]", re.I
)
_BREADCRUMB_SEP = re.compile(r"\s[\u00bb\u203a\u2192]\s|\s>\s|\s/\s")
_NAV_WORDS = re.compile(
    r"^(home|menu|search|log ?in|log ?out|sign ?in|sign ?out|register|skip to "
    r"(main )?content|back to top|top|next|previous|prev|more|close|open|print|email|"
    r"share|tweet|comments?|reply|contact( us)?|about( us)?|sitemap|site map|help|faq|"
    r"next (article|story|post|page)|previous (article|story|post|page)|go to top|"
    r"toggle navigation|main menu|navigation|jump to|page \d+( of \d+)?)\W*$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(related( \w+)?|read more|read next|read also|also read|see also|more from\b.*|"
    r"more on\b.*|more in\b.*|more about\b.*|further reading|recommended( for you)?|"
    r"you (may|might) (also )?(like|enjoy|be interested in)|most (read|popular|viewed|shared)|"
    r"trending( now)?|top stories|latest (news|stories|articles|posts)|editor'?s picks|"
    r"what to read next|popular( posts| stories)?|(other|more|related|similar|recommended|"
    r"popular|latest|top) (topics|stories|articles|news|posts|reads|videos|coverage)\b.*|"
    r".{0,30}\bof interest|don'?t miss|in case you missed it|up next|watch next)\W*$",
    re.IGNORECASE,
)
# A related-content label with a teaser title on the same line ("Read more: <title>").
_RELATED_LINK = re.compile(
    r"^(?:related(?: stories| articles| coverage| news)?|read more|read next|read also|"
    r"also read|see also|more on this(?: story)?|recommended|don'?t miss|must read|"
    r"you (?:may|might) (?:also )?like|editor'?s pick)\s*[:|\u2013\u2014>\u00bb\u203a]\s*\S",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\b(newsletters?|subscribe|subscription|sign up|signup|follow us|share (this|on|via)|"
    r"share article|cookies?|inbox|unsubscribe|join (us|our)|like us on|download (our|the) "
    r"app|get the app|notifications?|click here|tap here|rss feed)\b",
    re.IGNORECASE,
)
_FEEDBACK_TOPIC = re.compile(
    r"\b(corrections?|clarifications?|errors?|typos?|mistakes?|inaccura(?:te|cy|cies)|feedback)\b",
    re.I,
)
_FEEDBACK_ASK = re.compile(
    r"\b(suggest|report|spot\w*|notice\w*|found|write|send|e-?mail|contact|let us know|tell us)\b",
    re.I,
)
# A prompt speaks to the reader or for the newsroom; a report speaks of third parties.
_PAGE_VOICE = re.compile(
    r"\b(you|your|us|we|our|please|here|this (article|story|page|report))\b|@", re.IGNORECASE
)
# A corrections or feedback mailbox ("corrections@...", "feedback@...") is a prompt by itself.
_FEEDBACK_MAILBOX = re.compile(r"\b(corrections?|feedback|errors?|editors?|standards)@", re.I)
_REPORTED_SPEECH = re.compile(r"\b(said|says|told|according to)\b|[\"\u201c\u201d]", re.I)
_SHORTCUT = re.compile(r"\b(ctrl|cmd|shift|alt|command)\s*\+\s*\w+", re.IGNORECASE)
# Credit lines of a republished story; their text names the original outlet, so the
# repost stage reads them among the dropped lines. The outlet is a name (capitalised),
# or a domain, which tells "first published in Nature" from "... in the spring".
_REPOST_CREDIT = re.compile(
    r"^(?i:(?:this (?:article|story|post|piece|column|report) )?"
    r"(?:(?:was|is|has been) )?(?:(?:originally|first) (?:published|posted|appeared|ran)|"
    r"appeared first|(?:re)?published originally|(?:republished|reprinted|reproduced|reposted|"
    r"syndicated|cross-?posted)(?: with (?:kind )?permission)?)"
    r" (?:in|on|by|at|with|from|courtesy of|via)\s+(?:the\s+)?)(?:[A-Z]|[\w-]+\.[a-z]{2,})"
)
# Comment-area furniture: invitations to comment, counters, log-in and closed notices.
_COMMENT_PROMPT = re.compile(
    r"^(?:leave|post|add|write|submit|join) (?:a|an|your|the) (?:comment|reply|response|"
    r"conversation|discussion)\b|^(?:\d+|no|one) (?:comments?|responses?|replies)\b\W*$|"
    r"\b(?:logged|signed) in to (?:post |leave |add |write )?(?:a )?(?:comment|reply)\b|"
    r"^(?:log|sign) ?in to (?:reply|comment)\b|\bcomments? (?:are|is) (?:now )?(?:closed|disabled|"
    r"turned off)|^cancel reply\W*$|\bbe the first to comment\b|^(?:show|view|load|hide|read) "
    r"(?:all |more )?(?:\d+ )?comments?\W*$|^comments? \(\d+\)\W*$",
    re.IGNORECASE,
)
# Share bars: nothing but the names of networks and share actions.
_SHARE_BAR_WORDS = _word_set(
    "facebook twitter x linkedin whatsapp telegram reddit pinterest email mail print "
    "copy link messenger tumblr threads bluesky mastodon sms share tweet"
)
_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|terms (of|and) (use|service|"
    r"conditions)|privacy (policy|notice|statement)|cookie policy|powered by|"
    r"\bdisclaimer\b|contact us|about us",
    re.IGNORECASE,
)
# Keyword gates: a pattern can only match a line holding one of these tokens (its
# words' first tokens), so the costly unanchored searches run on few lines.
_FEEDBACK_GATE = _word_set(
    "correction corrections clarification clarifications error errors typo typos mistake "
    "mistakes inaccurate inaccuracy inaccuracies feedback"
)
_COMMENT_GATE = _word_set(
    "comment comments reply replies response responses conversation discussion"
)
_SHARE_GATE = _word_set(
    "newsletter newsletters subscribe subscription sign signup follow share cookie cookies "
    "inbox unsubscribe join like download get notification notifications click tap rss"
)
# Footer phrases may be glued to the previous link text ("HelpContact Us"), so their
# gate is a search for literal substrings of the lower-cased line, not tokens.
_FOOTER_GATE = re.compile(
    r"\u00a9|\(c\)|copyright|rights reserved|terms |privacy |cookie policy|powered by|"
    r"disclaimer|contact us|about us"
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reporting by|posted by|published by|authors?:)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w.'\u2019-]*(?:\s+(?:and\s+|&\s+|,\s*)?[A-ZÀ-ÖØ-Þ][\w.'\u2019-]*){0,6})",
)
_BYLINE_CUT = re.compile(
    r"\s*(?:[|,\u2013\u2014\u2022\u00b7]|\s-\s|\bon\b|\bfor\b|\bin\b|\bupdated\b|\d).*$", re.I
)
_TAG_PREFIX = re.compile(
    r"^(tags?|topics?|categories|category|filed under|posted in|keywords?)\s*[:\uff1a]", re.I
)
_DATE_WORDS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(mon|tue|wed|thu|"
    r"fri|sat|sun)[a-z]*\b|\b(published|updated|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|"
    r"gmt|utc|est|edt|bst|cet|ist|ago|min|mins|minutes?|hours?|days?|read|reading|time)\b|"
    r"\d+(?:[:/.,-]\d+)*(?:st|nd|rd|th)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LineFeatures:
    """What the cleaner knows about one line before looking at its neighbours."""

    words: tuple[str, ...]
    n_stop: int
    ends_sentence: bool
    # Stored, not derived: the passes read it for every line, many times.
    n_words: int = 0

    @property
    def stop_density(self) -> float:
        """Share of function words among the tokens (prose is dense in them)."""
        return self.n_stop / self.n_words if self.n_words else 0.0


def features(text: str) -> LineFeatures:
    """Token-level features of one stripped line."""
    # Deleting punctuation and splitting on spaces is several times faster than a
    # Unicode word regex, and speed matters: every line of every page passes here.
    words = tuple(text.translate(_NO_PUNCT).split())
    n_stop = sum(map(STOPWORDS.__contains__, map(str.lower, words)))
    # Stripping closers and testing one character replaces a regex anchored at the end,
    # which Python's engine would try at every position of a long line.
    return LineFeatures(
        words=words,
        n_stop=n_stop,
        ends_sentence=text.rstrip(_CLOSERS)[-1:] in _STOPS,
        n_words=len(words),
    )


def furniture_reason(text: str, feats: LineFeatures) -> str | None:
    """Why this line alone is furniture, or ``None`` when it may be body text."""
    n = feats.n_words
    if n == 0:
        return "no words" if len(text) < 40 else "symbols only"
    if n > 25:
        # Long lines are prose or menus; the short-line patterns cannot apply.
        return "navigation" if is_nav_line(text, feats) else None
    return _label_reason(text, feats) or _keyword_reason(text, feats) or _form_reason(text, feats)


def _label_reason(text: str, feats: LineFeatures) -> str | None:
    """Furniture recognised by how the line starts (anchored patterns, cheap)."""
    n = feats.n_words
    if _ATTRIBUTION.match(text):
        return "empty attribution"
    if is_breadcrumb(text):
        return "breadcrumb"
    if n <= 6 and _CREDIT.match(text) and not feats.ends_sentence:
        return "photo credit / attribution"
    if n <= 8:
        reason = _short_label_reason(text, feats)
        if reason:
            return reason
    return _related_link_reason(text, feats)


def _keyword_reason(text: str, feats: LineFeatures) -> str | None:
    """Furniture recognised by words anywhere in the line, searched only past a gate."""
    lowered = text.lower()
    vocab = frozenset(_TOKEN.findall(lowered))
    if _is_feedback(text, vocab):
        return "correction/feedback prompt"
    if feats.n_words <= 15 and _REPOST_CREDIT.match(text):
        return "repost credit"
    if not vocab.isdisjoint(_COMMENT_GATE) and _COMMENT_PROMPT.search(text):
        return "comment prompt"
    if feats.n_words >= 2 and vocab <= _SHARE_BAR_WORDS:
        return "share/subscribe prompt"
    shares = not vocab.isdisjoint(_SHARE_GATE) and _SHARE.search(text)
    if shares and not _reads_as_reporting(feats):
        return "share/subscribe prompt"
    if _FOOTER_GATE.search(lowered) and _FOOTER.search(text):
        return "footer"
    return None


def _form_reason(text: str, feats: LineFeatures) -> str | None:
    """Bylines, datelines, tag lines and menus."""
    n = feats.n_words
    if n <= 12 and _BYLINE.match(text):
        return "byline"
    if n <= 14 and is_dateline(text, feats):
        return "dateline"
    if _TAG_PREFIX.match(text):
        return "tag/category line"
    if _NAV_WORDS.match(text) or is_nav_line(text, feats):
        return "navigation"
    return None


def _short_label_reason(text: str, feats: LineFeatures) -> str | None:
    if _ADVERT.match(text):
        return "advertisement"
    if _RELATED.match(text) and not feats.ends_sentence:
        return "related-content header"
    return None


def _related_link_reason(text: str, feats: LineFeatures) -> str | None:
    # A full stop ends a sentence of prose, not a teaser title.
    if feats.n_words <= 20 and not text.endswith(".") and _RELATED_LINK.match(text):
        return "related-content link"
    return None


def _reads_as_reporting(feats: LineFeatures) -> bool:
    # A long, prose-dense sentence that mentions a newsletter or cookies is body text.
    return feats.n_words >= 18 and feats.stop_density >= 0.35 and feats.ends_sentence


def _is_feedback(text: str, vocab: frozenset[str]) -> bool:
    if "+" in text and _SHORTCUT.search(text):
        return True
    if "@" in text and _FEEDBACK_MAILBOX.search(text):
        return True
    return bool(
        not vocab.isdisjoint(_FEEDBACK_GATE)
        and _FEEDBACK_ASK.search(text)
        and _PAGE_VOICE.search(text)
        and not _REPORTED_SPEECH.search(text)
    )


def is_breadcrumb(text: str) -> bool:
    """A trail of short page names separated by arrows or slashes ("Home > World > ...")."""
    if _BREADCRUMB_HOME.match(text):
        return True
    if not _CRUMB_SEPARATOR.search(text):
        return False
    seps = _BREADCRUMB_SEP.findall(text)
    if len(seps) < 2:
        return False
    head = _CRUMB_SPLIT.split(text)[:-1]
    return all(len(part.split()) <= 4 for part in head)


def is_nav_line(text: str, feats: LineFeatures) -> bool:
    """Several short link texts in a row, separated by bars or bullets."""
    if "|" not in text and "\u2022" not in text and "\u00b7" not in text:
        return False
    parts = [p for p in _NAV_SPLIT.split(text) if p.strip()]
    return len(parts) >= 3 and max(len(p.split()) for p in parts) <= 5


def is_topic_run(text: str, feats: LineFeatures) -> bool:
    """A run of topic words: no function word, no verb-like word, no sentence punctuation.

    Tag and category lines ("Europe Defence Shipping") are such runs; a headline
    nearly always holds a small word ("to", "in", "as") or a verb ("says", "signed").
    """
    words = feats.words
    if len(words) < 2 or _SENTENCE_PUNCT.search(text.replace(",", "")):
        return False
    for word in map(str.lower, words):
        if word in _SMALL_WORDS or word in STOPWORDS or word in _VERBS:
            return False
        if len(word) > 4 and word.endswith("ed"):
            return False
    return True


def is_tag_line(text: str, feats: LineFeatures) -> bool:
    """A topic run of three or more words, most of them capitalised."""
    words = feats.words
    if len(words) < 3 or not is_topic_run(text, feats):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return words[0][0].isupper() and capitalised >= 0.6 * len(words)


def is_dateline(text: str, feats: LineFeatures) -> bool:
    """A line that holds a date or time (and the usual labels around one) and little else."""
    if not _DIGIT.search(text):
        return False
    rest = _DATE_WORDS.sub(" ", text)
    return len(WORD.findall(rest)) <= 1


_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DATE_FORMS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
)


def dateline_date(text: str) -> str | None:
    """The ISO date a dateline states ("7 May 2025, 09:41" -> "2025-05-07"), if unambiguous.

    Numeric forms other than ISO (05/07/2025) are left alone: day and month order differ
    by country, and a wrong date is worse than none.
    """
    for form in _DATE_FORMS:
        match = form.search(text)
        if not match:
            continue
        month = match.group("month").lower()
        number = int(month) if month.isdigit() else _MONTHS[month[:3]]
        try:
            return dt.date(int(match.group("year")), number, int(match.group("day"))).isoformat()
        except ValueError:
            return None
    return None


def byline_author(text: str) -> str | None:
    """The author's name in a byline ("By Jane Doe | Agency" -> "Jane Doe"), if any."""
    match = _BYLINE.match(text)
    if not match:
        return None
    name = _BYLINE_CUT.sub("", match.group("name")).strip(" .,-")
    words = name.split()
    if not words or not all(w[0].isupper() for w in words if w.lower() not in {"and", "&"}):
        return None
    return name


def is_headline_like(text: str, feats: LineFeatures) -> bool:
    """A title: a few words, no final period, most content words capitalised or sentence case."""
    n = feats.n_words
    if not 3 <= n <= 25 or not 12 <= len(text) <= 250:
        return False
    if text.rstrip().endswith((".", ":", ";", ",")) or not feats.words[0][0].isupper():
        return False
    # A headline is not a run-on sentence with many clauses.
    return text.count(",") <= 3
