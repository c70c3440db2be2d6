"""References resolved to the actors named before (crosswire.nlp.pronouns, .references).

Subject and object pronouns, role nouns, organisation nouns and plural nouns. Real
parse and real actors step (names, titles, roles), so the test sees what the events
step sees; the classifier is the shipped one.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crosswire.config import Settings
from crosswire.models import Event
from crosswire.nlp.actors import resolve_actors
from crosswire.nlp.events import extract_events
from crosswire.nlp.kb import load_kb
from crosswire.nlp.pronouns import resolve_references
from crosswire.nlp.ruler import build_nlp

Run = Callable[[str], tuple[dict[str, str], tuple[Event, ...], dict[str, str]]]


@pytest.fixture(scope="module")
def run() -> Run:
    """``text`` -> (resolved reference text@offset -> name(s), events, entity id -> name).

    A plural reference ("the leaders", "them") gives its names joined by " + ".
    """
    nlp, kb = build_nlp(Settings()), load_kb(extra="")

    def go(text: str) -> tuple[dict[str, str], tuple[Event, ...], dict[str, str]]:
        doc = nlp(text)
        actors = resolve_actors(doc, published="2023-06-11", kb=kb)
        names = {e.id: e.name for e in actors.entities}
        lookup = resolve_references(doc, actors)
        for mention in lookup.references:
            assert text[mention.start : mention.end] == mention.text
        refs = {f"{m.text}@{m.start}": names[m.entity or ""] for m in lookup.references}
        for group in lookup.groups:
            assert text[group.start : group.end] == group.text
            refs[f"{group.text}@{group.start}"] = " + ".join(names[i] for i in group.members)
        events = extract_events(doc, actors, published="2023-06-11", outlet=None)
        return refs, events, names

    return go


def test_reported_clause_pronoun_is_the_reporter(run: Run) -> None:
    refs, events, _ = run(
        "President Joe Biden defended his decision. He told reporters that the "
        "United States would sanction Iran."
    )
    assert list(refs.values()) == ["Joe Biden"]
    later = [e for e in events if e.start > 0]  # whatever the classifier types them
    assert later and {e.attributed_to for e in later} == {"Joe Biden"}


def test_pronoun_opening_a_paragraph_looks_at_the_one_before(run: Run) -> None:
    refs, events, _ = run(
        "Russian Defense Minister Sergei Shoigu met Chinese officials in Moscow on Monday.\n\n"
        "He said Russia would supply weapons to Syria."
    )
    assert refs == {"He@83": "Sergei Shoigu"}
    assert any(e.start > 0 and e.attributed_to == "Sergei Shoigu" for e in events)


def test_pronoun_as_event_source(run: Run) -> None:
    _, events, names = run(
        "Sergei Shoigu arrived in Beijing on Sunday. He met Chinese Defense Minister "
        "Li Shangfu on Monday."
    )
    later = [e for e in events if e.start > 0]
    assert later and names[later[0].source or ""] == "Sergei Shoigu"


def test_two_candidates_leave_the_pronoun_open(run: Run) -> None:
    refs, events, _ = run(
        "Sergei Lavrov met Antony Blinken in Geneva. He said Russia would attack Ukraine. "
        "He added that Russia would attack Poland."
    )
    assert refs == {}  # the second "he" is as open as the first
    assert {e.attributed_to for e in events if e.start > 0} == {"He"}


def test_the_minister_is_the_minister_named_before(run: Run) -> None:
    refs, events, _ = run(
        "Russian Foreign Minister Sergei Lavrov spoke on Tuesday. The minister said "
        "Russia would expel American diplomats."
    )
    assert list(refs.values()) == ["Sergey Lavrov"]
    assert all(e.attributed_to == "Sergey Lavrov" for e in events if e.start > 0)


def test_the_two_sides_as_speakers_are_both(run: Run) -> None:
    _, events, _ = run(
        "Liu Zhenli and Valery Gerasimov held a video conference on Friday. The two sides "
        "confirmed that Russia will take part in an exercise organized by China."
    )
    later = [e for e in events if e.start > 0]
    assert later and all(e.attributed_to == "Liu Zhenli and Valery Gerasimov" for e in later)


def test_group_noun_inside_the_subject_names_both_parties(run: Run) -> None:
    _, events, names = run(
        "Russia and China signed a defence pact in Moscow. The armed forces of the two "
        "countries will hold joint exercises next year."
    )
    later = [e for e in events if e.start > 0]
    assert later
    assert {names[later[0].source or ""], names[later[0].target or ""]} == {"Russia", "China"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mrs. Jane Smith met Mr. John Brown on Monday. She said the United States "
            "would impose sanctions on Russia.",
            ["Jane Smith"],
            id="gender-cue-picks-between-two",
        ),
        pytest.param(
            "Vladimir Putin met Mr. Xi Jinping in Moscow on Monday. Putin told him that "
            "Russia would supply weapons to Syria.",
            ["Xi Jinping"],
            id="object-is-not-its-own-subject",
        ),
        pytest.param(
            "Mr. John Brown met Mrs. Jane Smith on Monday. Russia sanctioned her on Tuesday.",
            ["Jane Smith"],
            id="object-gender-cue",
        ),
        pytest.param(
            "California Gov. Gavin Newsom faced a recall election. Democrats decided to "
            "dispatch President Joe Biden and Vice President Kamala Harris to campaign for him.",
            ["Gavin Newsom"],
            id="object-not-the-doers-of-its-clause",
        ),
        pytest.param(
            "Mr. Andrew Cuomo resigned on Tuesday. Lt. Gov. Kathy Hochul will be sworn in "
            "to replace him.",
            ["Andrew Cuomo"],
            id="object-not-the-doer-of-a-purpose-clause",
        ),
        pytest.param(
            "Former president Donald Trump's blog, which advisers said would keep him "
            "relevant, is dead.",
            ["Donald Trump"],
            id="a-title-before-the-name-is-no-other-person",
        ),
        pytest.param(
            "Anthony Fauci led the response to the pandemic, opening him up to criticism.",
            ["Anthony Fauci"],
            id="object-of-a-participle-may-be-the-subject",
        ),
        pytest.param(
            "The White House sent Congress a spending request on Tuesday as the "
            "administration tries to respond to the floods.",
            ["Government of United States"],
            id="the-administration-is-the-seat-of-power",
        ),
        pytest.param(
            "The Russian Defence Ministry said on Monday that troops had left Belarus. "
            "The ministry said Russia would hold drills with China.",
            ["Ministry of Defence of the Russian Federation"],
            id="the-ministry-by-its-name",
        ),
        pytest.param(
            "NATO foreign ministers met in Brussels on Tuesday. The alliance said it "
            "would send troops to Poland.",
            ["NATO"],
            id="the-alliance-by-the-kb-type",
        ),
        pytest.param(
            "The Kazinform news agency reported the talks on Monday. The agency said "
            "Russia would attack Ukraine.",
            ["Kazinform"],
            id="the-agency-the-text-says-is-one",
        ),
        pytest.param(
            "Drugmaker Merck said on Friday that its pill worked. The company said it "
            "would ask regulators to authorize it.",
            ["Merck"],
            id="the-company-by-its-sector",
        ),
        pytest.param(
            "Joe Biden met Vladimir Putin in Geneva on Wednesday. The leaders agreed to "
            "return ambassadors to their posts.",
            ["Joe Biden + Vladimir Putin"],
            id="the-leaders-are-the-two-named",
        ),
        pytest.param(
            "Russia and China held talks in Moscow. The United States criticized them on Monday.",
            ["Russia + China"],
            id="them-is-the-pair-named-together",
        ),
    ],
)
def test_resolved_to(run: Run, text: str, expected: list[str]) -> None:
    refs, _, _ = run(text)
    assert list(refs.values()) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Sergei Shoigu met Chinese officials in Moscow on Monday.\n\n"
            "Russia held drills near the border.\n\nHe said Russia would supply weapons "
            "to Syria.",
            id="pronoun-does-not-reach-past-the-paragraph-before",
        ),
        pytest.param(
            "Sergei Lavrov spoke on Tuesday. The general said Russia would win.",
            id="role-noun-with-no-holder",
        ),
        pytest.param(
            "Brittany Commisso spoke on Monday. \u201cHe knows the truth,\u201d Commisso told CBS.",
            id="pronoun-inside-a-quotation",
        ),
        pytest.param(
            "Sergei Lavrov met Antony Blinken in Geneva. He told him that Russia would "
            "attack Ukraine.",
            id="he-told-him-with-he-open",
        ),
        pytest.param(
            "Joe Biden spoke on Monday. Biden criticized him on Tuesday.",
            id="object-is-never-its-clauses-subject",
        ),
        pytest.param(
            "Lloyd Austin called his Chinese counterpart on Monday to assure him.",
            id="object-with-an-unnamed-person-before",
        ),
        pytest.param(
            "Russia and China bought weapons in Moscow. The United States criticized "
            "them on Monday.",
            id="them-after-another-plural-noun",
        ),
        pytest.param(
            "Democrats in Congress have their work cut out for them this fall.",
            id="them-with-two-not-named-together",
        ),
        pytest.param(
            "The Russian Defence Ministry and the Chinese Defence Ministry issued a "
            "statement on Monday. The ministry said Russia would attack Ukraine.",
            id="two-ministries",
        ),
        pytest.param(
            "Nancy Pelosi proposed a select House committee on Monday. Republicans "
            "criticized the committee on Tuesday.",
            id="a-house-committee-is-no-house",
        ),
        pytest.param(
            "President Joe Biden ordered airstrikes near the border, a clear warning to "
            "Tehran while the administration continues to negotiate a nuclear deal.",
            id="administration-beside-another-countrys-president",
        ),
        pytest.param(
            "Russia held drills on Monday. The agency said Russia would attack Ukraine.",
            id="no-agency-named",
        ),
        pytest.param(
            "Pfizer and BioNTech said on Friday that the vaccine worked. The company "
            "said it would ask regulators to authorize it.",
            id="two-companies",
        ),
        pytest.param(
            "Joe Biden met Vladimir Putin and Xi Jinping in Geneva on Wednesday. The "
            "leaders agreed to return ambassadors to their posts.",
            id="three-leaders",
        ),
        pytest.param(
            "Joe Biden met Chinese diplomats in Geneva on Wednesday. The officials "
            "agreed to return ambassadors to their posts.",
            id="officials-with-one-named",
        ),
    ],
)
def test_left_open(run: Run, text: str) -> None:
    refs, _, _ = run(text)
    assert refs == {}


def test_object_pronoun_is_the_target(run: Run) -> None:
    _, events, names = run(
        "Mr. John Brown met Mrs. Jane Smith on Monday. Russia sanctioned her on Tuesday."
    )
    later = [e for e in events if e.start > 40]
    assert later and {names[e.target or ""] for e in later} == {"Jane Smith"}


def test_them_gives_both_targets(run: Run) -> None:
    _, events, names = run(
        "Russia and China held talks in Moscow. The United States criticized them on Monday."
    )
    later = [e for e in events if e.start > 30]
    assert {names[e.target or ""] for e in later} == {"Russia", "China"}
    assert {names[e.source or ""] for e in later} == {"United States"}


def test_organisation_noun_speaker_is_the_attribution(run: Run) -> None:
    _, events, _ = run(
        "NATO foreign ministers met in Brussels on Tuesday. The alliance said Russia "
        "would attack Poland."
    )
    later = [e for e in events if e.start > 40]
    assert later and {e.attributed_to for e in later} == {"NATO"}


def test_plural_noun_speakers_are_both_parties(run: Run) -> None:
    _, events, names = run(
        "Joe Biden met Vladimir Putin in Geneva on Wednesday. The leaders agreed to "
        "return ambassadors to their posts."
    )
    agreed = [e for e in events if e.trigger == "agreed"]
    assert agreed
    assert {names[agreed[0].source or ""], names[agreed[0].target or ""]} == {
        "Joe Biden",
        "Vladimir Putin",
    }
