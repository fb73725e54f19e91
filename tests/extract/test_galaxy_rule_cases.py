"""The rule cases of the galaxy rules (tests/data/galaxies/*.yaml, format in galaxy_rule_cases.py): each rule with a
short report, written the way vendor posts and news write, that must give its clusters with their relationship_type,
and one of the same shape that must not. Each file's header says which rules it holds and why (issue 8: precision and
the clusters kept on real pages). One test over every file, an id per file and rule."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases

FILES = (
    "actor-prose.yaml",
    "comparisons.yaml",
    "history.yaml",
    "labelled-lists.yaml",
    "kept-causes.yaml",
    "kept-real.yaml",
    "kept.yaml",
    "names-real.yaml",
    "place-roles.yaml",
    "place-senses.yaml",
    "places-cities.yaml",
    "places-early.yaml",
    "places-frames.yaml",
    "places-kept.yaml",
    "places-lists.yaml",
    "places-peoples.yaml",
    "places-prose.yaml",
    "places-real.yaml",
    "places-threat-lists.yaml",
    "recall.yaml",
    "report-year.yaml",
    "sector-addressees.yaml",
    "sector-assets.yaml",
    "sector-composition.yaml",
    "sector-industries.yaml",
    "sector-modifiers.yaml",
    "sector-organisation-names.yaml",
    "sector-organisations.yaml",
    "sector-senses.yaml",
    "sector-sources.yaml",
    "sector-victim-lists.yaml",
    "side-places.yaml",
    "software-asides.yaml",
    "software-prose.yaml",
    "software-recall.yaml",
    "stance.yaml",
    "subject-forms.yaml",
    "subjects.yaml",
)
CASES = [pytest.param(case, id=f"{name}:{case['rule']}") for name in FILES for case in load_rule_cases(name)]


@pytest.mark.parametrize("case", CASES)
def test_galaxy_rule_case(case: dict) -> None:
    check_rule_case(case)
