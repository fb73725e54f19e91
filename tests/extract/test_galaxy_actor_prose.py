"""Issue 8, actors and software a report is about: clusters the precision rules lost with the wrong ones (one
galaxy's cluster written two ways, an actor in two galaxies) and actors named in prose (the writer's attribution,
what the writer calls the name, a name given to actors), each rule with a report that must and one that must not
give the cluster (tests/data/galaxies/actor-prose.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("actor-prose.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_actor_prose_rule(case: dict) -> None:
    check_rule_case(case)
