"""Small hand-built articles and entities for the store tests."""

from __future__ import annotations

from crosswire.models import Article, Dropped, Entity, Event, EventMention, Mention, Role
from tests.factory import make_article

__all__ = ["make_article"]


GERASIMOV = Entity(
    id="e-gerasimov",
    name="Valery Gerasimov",
    kind="PERSON",
    country="RUS",
    sector="MIL",
    roles=(
        Role("Chief of the General Staff", organisation="Russian Armed Forces", as_of="2023-06-20"),
        Role("commander", organisation="58th Army", former=True),
    ),
    aliases=("Gerasimov", "Russia's top general"),
)
LIU = Entity(id="e-liu", name="Liu Zhenli", kind="PERSON", country="CHN", aliases=("Liu",))


def full_article() -> Article:
    """An article with every field set: dropped lines, mentions, entities, events (one
    told again in two later sentences), notes."""
    first = "Gerasimov spoke to Liu about the exercise."
    again = "The generals' talk covered the drills."
    once_more = "Gerasimov spoke to Liu, TASS said."
    body = f"{first} {again} {once_more}"
    return make_article(
        body,
        url="https://example.org/a?x=1&y='2'",
        outlet="Example Times",
        title="Generals talk",
        author="A. Writer",
        published="2023-06-20T10:00:00+00:00",
        language="en",
        content_hash="f" * 64,
        duplicate_of=None,
        reposted_from="0123456789abcdef",
        original_outlet="Global Times",
        repost_evidence="quotes the Global Times",
        dropped=(Dropped("Advertisement", "boilerplate"), Dropped("Source :", "footer")),
        mentions=(
            Mention("Gerasimov", "PERSON", 0, 9, entity=GERASIMOV.id),
            Mention("Liu", "PERSON", 19, 22, entity=LIU.id),
            Mention("exercise", "EVENT", 33, 41),
        ),
        entities=(GERASIMOV, LIU),
        events=(
            Event(
                id="ev-1",
                type="CONSULT",
                sentence=first,
                start=0,
                end=len(first),
                modality="reported",
                mode="meet",
                cameo="040",
                source=GERASIMOV.id,
                target=LIU.id,
                trigger="spoke",
                date="2023-06-19",
                date_text="on Monday",
                place="Moscow",
                attributed_to="TASS",
                framing="cooperation",
                mentions=(
                    EventMention(again, body.index(again), body.index(again) + len(again), "talk"),
                    EventMention(once_more, body.index(once_more), len(body), trigger="spoke"),
                ),
            ),
            Event(id="ev-2", type="COOPERATE", sentence=first, start=0, end=len(first)),
        ),
        notes=("a note from a stage",),
        stages=("crosswire.clean.v1", "crosswire.entities.v1"),
    )


#: Every table crosswire's migrations create, in creation order.
TABLES = (
    "articles",
    "raw_inputs",
    "dropped",
    "mentions",
    "fingerprints",
    "entities",
    "article_entities",
    "entity_roles",
    "entity_aliases",
    "events",
    "stories",
    "story_articles",
    "story_keys",
    "story_terms",
)
