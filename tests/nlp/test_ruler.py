"""The gazetteer ruler fixes what the small NER model gets wrong, without touching the rest."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.nlp.model import NOT_FOR_ENTITIES, load_model
from crosswire.nlp.ruler import build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(Settings())


def ents(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_components_sit_before_ner_and_the_cached_model_is_untouched(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    assert names.index("crosswire_context") < names.index("ner")
    shared = load_model(Settings().spacy_model, disable=NOT_FOR_ENTITIES)
    assert "entity_ruler" not in shared.pipe_names


def test_equipment_the_model_mislabels(nlp: Language) -> None:
    found = ents(nlp, "Kyiv got more Javelin and Patriot missiles, HIMARS and Bradley vehicles.")
    assert ("Kyiv", "GPE") in found
    equipment = {text for text, label in found if label == "EQUIPMENT"}
    assert {"Javelin", "Patriot", "HIMARS", "Bradley"} <= equipment


def test_ambiguous_names_before_hyphenated_modifiers(nlp: Language) -> None:
    found = ents(
        nlp, "Kyiv asked for Javelin anti-tank missiles and Patriot surface-to-air systems."
    )
    assert ("Javelin", "EQUIPMENT") in found and ("Patriot", "EQUIPMENT") in found


def test_ambiguous_names_need_context(nlp: Language) -> None:
    assert ("Patriot", "EQUIPMENT") not in ents(nlp, "Mr Patriot said he would stay home.")
    assert not any(lab == "EQUIPMENT" for _, lab in ents(nlp, "They met at the Tiger Bar."))
    assert ("Tiger", "EQUIPMENT") in ents(nlp, "The army bought the Tiger from a dealer.")


def test_model_codes(nlp: Language) -> None:
    found = ents(nlp, "They fielded T-90M tanks, Su-57 jets and a QX-77 Lynx armored vehicle.")
    labels = dict(found)
    assert labels.get("T-90M tanks") == "EQUIPMENT" or labels.get("T-90M") == "EQUIPMENT"
    assert "EQUIPMENT" in {labels.get("Su-57 jets"), labels.get("Su-57")}
    assert labels.get("QX-77 Lynx armored vehicle") == "EQUIPMENT"
    assert not any(lab == "EQUIPMENT" for _, lab in ents(nlp, "COVID-19 spread fast."))


def test_exercise_names(nlp: Language) -> None:
    found = ents(nlp, "Troops joined Eastern/Harmony-2024 and then the Sea Shield-2022 drills.")
    assert ("Eastern/Harmony-2024", "EXERCISE") in found
    assert ("Sea Shield-2022", "EXERCISE") in found
    assert ("Zapad", "EXERCISE") in ents(nlp, "Russia held Zapad near the border.")


def test_regions(nlp: Language) -> None:
    found = ents(nlp, "Units moved to the Qinghai Tibet Autonomous Region last week.")
    assert ("Qinghai Tibet Autonomous Region", "GPE") in found
