"""Compare how the outlets of one story report it: claims, sources, framing, reposts, profiles.

::

    from crosswire.stories.compare import compare_articles
    from crosswire.stories.report import to_markdown
    print(to_markdown(compare_articles(articles)))

:func:`compare_articles` takes the articles of one story (as the pipeline made them)
and returns a :class:`Comparison`: plain, frozen data (``to_dict()`` for JSON) that
the renderers in :mod:`crosswire.stories.report` lay out for the terminal, Markdown
and HTML. Each outlet is one column; an article with no outlet is labelled by its
file name. Republished material is shown once: a duplicate or repost of another
article of the story is listed under the original's column, and an article that
republishes an outlet outside the story is flagged with that original outlet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from crosswire.models import Article
from crosswire.stories.claims import Claim, claim_matrix
from crosswire.stories.compare_sources import Source, sources_of
from crosswire.stories.framing_compare import (
    Blame,
    Term,
    Tone,
    WordScore,
    blame,
    distinguishing_words,
    loaded_terms,
    tone,
)
from crosswire.stories.outlets import OutletProfile, Profiles, load_profiles, outlet_label


@dataclass(frozen=True)
class Repost:
    """An article of the story that republishes another article of it (shown once)."""

    article_id: str
    outlet: str
    of_article: str
    exact: bool
    evidence: str | None = None


@dataclass(frozen=True)
class OutletColumn:
    """One outlet of the story: its articles, profile, what it republishes, who republishes it."""

    key: str
    article_ids: tuple[str, ...]
    profile: OutletProfile | None = None
    original_outlet: str | None = None
    original_profile: OutletProfile | None = None
    reposted_from: str | None = None
    repost_evidence: str | None = None
    reposts: tuple[Repost, ...] = ()

    @property
    def republished(self) -> bool:
        """True when the outlet's article republishes material from outside the story."""
        return self.original_outlet is not None or self.reposted_from is not None


@dataclass(frozen=True)
class OutletFraming:
    """How one outlet frames the story."""

    outlet: str
    terms: tuple[Term, ...] = ()
    words: tuple[WordScore, ...] = ()
    blame: tuple[Blame, ...] = ()
    tone: tuple[Tone, ...] = ()


@dataclass(frozen=True)
class OutletSources:
    """Whom one outlet cites."""

    outlet: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """How the outlets of one story report it, side by side."""

    title: str | None
    outlets: tuple[OutletColumn, ...]
    claims: tuple[Claim, ...] = ()
    sources: tuple[OutletSources, ...] = ()
    framing: tuple[OutletFraming, ...] = ()

    def column(self, outlet: str) -> OutletColumn:
        """The column of ``outlet`` (KeyError if the story has none)."""
        for column in self.outlets:
            if column.key == outlet:
                return column
        raise KeyError(outlet)

    def only(self, outlet: str) -> tuple[Claim, ...]:
        """Claims that ``outlet`` alone reports."""
        return tuple(c for c in self.claims if c.reported_by == (outlet,))

    def shared(self) -> tuple[Claim, ...]:
        """Claims that every outlet reports."""
        keys = tuple(c.key for c in self.outlets)
        return tuple(c for c in self.claims if len(keys) > 1 and c.reported_by == keys)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)


def compare_articles(
    articles: Sequence[Article], *, profiles: Profiles | None = None
) -> Comparison:
    """The comparison of one story's ``articles`` across their outlets.

    ``profiles`` defaults to :func:`~crosswire.stories.outlets.load_profiles` (the
    shipped table extended by ``$CROSSWIRE_OUTLETS``).
    """
    profiles = profiles if profiles is not None else load_profiles()
    articles = _unique(articles)
    originals, reposts = _split_reposts(articles)
    columns: dict[str, list[Article]] = defaultdict(list)
    for article in originals:
        columns[outlet_label(article)].append(article)
    label_of = {a.id: outlet_label(a) for a in originals}
    reposts_by_column: dict[str, list[Repost]] = defaultdict(list)
    for repost in reposts:
        reposts_by_column[label_of[repost.of_article]].append(repost)
    outlets = tuple(
        _column(key, arts, profiles, tuple(reposts_by_column[key])) for key, arts in columns.items()
    )
    terms, words_, blamed, tones = (
        loaded_terms(columns),
        distinguishing_words(columns),
        blame(columns),
        tone(columns),
    )
    return Comparison(
        title=_title(articles),
        outlets=outlets,
        claims=tuple(claim_matrix(columns)),
        sources=tuple(OutletSources(k, tuple(sources_of(a))) for k, a in columns.items()),
        framing=tuple(
            OutletFraming(
                k,
                tuple(terms.get(k, ())),
                tuple(words_.get(k, ())),
                tuple(blamed.get(k, ())),
                tuple(tones.get(k, ())),
            )
            for k in columns
        ),
    )


def _unique(articles: Sequence[Article]) -> list[Article]:
    seen: dict[str, Article] = {}
    for article in articles:
        seen.setdefault(article.id, article)
    return list(seen.values())


def _split_reposts(articles: list[Article]) -> tuple[list[Article], list[Repost]]:
    """Originals (one column each outlet) and the reposts of other articles of the story."""
    ids = {a.id for a in articles}
    parent = {}
    for article in articles:
        target = article.duplicate_of or article.reposted_from
        if target in ids and target != article.id:
            parent[article.id] = target
    originals, reposts = [], []
    for article in articles:
        if article.id not in parent:
            originals.append(article)
            continue
        root, seen = parent[article.id], {article.id}
        while root in parent and root not in seen:  # a repost of a repost: the first original
            seen.add(root)
            root = parent[root]
        exact = article.duplicate_of is not None and article.duplicate_of in ids
        reposts.append(
            Repost(article.id, outlet_label(article), root, exact, article.repost_evidence)
        )
    if not originals:  # a cycle of reposts: keep the first as the original
        return articles[:1], reposts[1:]
    return originals, reposts


def _column(
    key: str, articles: list[Article], profiles: Profiles, reposts: tuple[Repost, ...]
) -> OutletColumn:
    first = articles[0]
    original = next((a.original_outlet for a in articles if a.original_outlet), None)
    evidence = next((a.repost_evidence for a in articles if a.repost_evidence), None)
    reposted_from = next((a.reposted_from for a in articles if a.reposted_from), None)
    return OutletColumn(
        key=key,
        article_ids=tuple(a.id for a in articles),
        profile=profiles.find(first.outlet, url=first.url) if first.outlet or first.url else None,
        original_outlet=original,
        original_profile=profiles.find(original) if original else None,
        reposted_from=reposted_from,
        repost_evidence=evidence,
        reposts=reposts,
    )


def _title(articles: Sequence[Article]) -> str | None:
    titles = Counter(a.title for a in articles if a.title)
    return titles.most_common(1)[0][0] if titles else None
