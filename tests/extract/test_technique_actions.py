"""The action table of techniques (data/technique_actions.yaml, issue 12): each row with sentences that must and
must not give its technique (tests/data/technique-actions/sentences.yaml, our own words in the way vendors write):
the adversary doing it must; a vendor's updater, administrators, HR, a product, a condition, a negation before the
verb, or the same words in another sense must not. The data's own checks: every row names a current technique,
every class is used and every expression stays within the work its text allows (test_regex_work.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from misp_module.extract.technique_actions import acted
from misp_module.extract.techniques_model import technique_model
from misp_module.knowledge.data import load_data

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "technique-actions" / "sentences.yaml").read_text())
MUST = [(t, s) for t, entry in CASES.items() for s in entry["must"]]
MUST_NOT = [(t, s) for t, entry in CASES.items() for s in entry["not"]]


def _rows() -> list[tuple[str, str, str]]:
    rows = load_data("technique_actions.yaml")["rows"]
    return [(r["verb"], r["object"], r["technique"]) if isinstance(r, dict) else tuple(r) for r in rows]


@pytest.mark.parametrize(("technique", "sentence"), MUST)
def test_the_adversary_doing_the_action_gives_its_technique(technique: str, sentence: str) -> None:
    assert technique in acted(sentence)


@pytest.mark.parametrize(("technique", "sentence"), MUST_NOT)
def test_someone_else_doing_it_or_another_sense_gives_nothing(technique: str, sentence: str) -> None:
    assert technique not in acted(sentence)


def test_every_row_is_tested_both_ways_and_names_a_current_technique() -> None:
    techniques = {technique for _, _, technique in _rows()}
    assert techniques <= {t for t, _ in MUST}, sorted(techniques - {t for t, _ in MUST})
    assert techniques <= {t for t, _ in MUST_NOT}, sorted(techniques - {t for t, _ in MUST_NOT})
    model = technique_model()
    assert {t for t in techniques if model.current(t) != t} == set()


def test_every_class_is_used_by_a_row() -> None:
    data = load_data("technique_actions.yaml")
    rows = _rows()
    assert set(data["verbs"]) == {verb for verb, _, _ in rows}
    assert set(data["objects"]) == {thing for _, thing, _ in rows}


def test_it_is_who_the_sentence_before_names() -> None:
    """A pronoun's doer is the previous sentence's: the adversary's unless that one names a bystander first."""
    sentence = "It then creates a scheduled task that runs every hour."
    assert "T1053.005" in acted(sentence, previous="The loader is a small DLL written in C++.")
    assert "T1053.005" not in acted(sentence, previous="The vendor's updater is installed with the suite.")


def test_the_reports_own_names_are_doers() -> None:
    """A name of the report's actors or malware before the verb is the adversary (`names` finds them)."""
    sentence = "Then BlueFox adds a scheduled task for its copy in AppData"
    span = (sentence.index("BlueFox"), sentence.index("BlueFox") + len("BlueFox"))
    assert "T1053.005" in acted(sentence, names=lambda text: [span] if text == sentence else [])
    assert "T1053.005" not in acted(sentence)


def test_a_section_weighs_the_evidence_and_a_weak_row_gives_less() -> None:
    assert acted("The attackers dumped LSASS memory.", 0.9) == {"T1003.001": pytest.approx(0.72)}
    weak = acted("The operators compressed the collected data.", 1.0)
    assert weak["T1560"] < acted("The attackers dumped LSASS memory.", 1.0)["T1003.001"]
    # what was stolen, named as such, sent to the C2 is sure; data or files alone are weak
    assert acted("The stealer sends the stolen data to its C2 server.", 1.0)["T1041"] == pytest.approx(0.8)
    assert acted("The stealer sends data to its C2 server.", 1.0)["T1041"] < 0.8
