"""The rules of extract/galaxy_software_asides.py (issue 8, precision): software a report names besides its subject's
case. For each rule, a report that must not give the cluster and a twin that must
(tests/data/galaxies/software-asides.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "galaxies" / "software-asides.yaml").read_text(encoding="utf-8")
)


def _tags(text: str) -> set[str]:
    event = convert_bytes(text.encode(), identity="case.md", name="case.md", settings=Settings()).to_dict()
    return {t["name"] for t in event.get("Tag", [])}


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_software_aside_rules(case: dict) -> None:
    tags = _tags(case["report"])
    for name in case.get("tags", {}):
        assert name in tags, f"{case['rule']}: {name} missing from {sorted(tags)}"
    for name in case.get("absent", []):
        assert name not in tags, f"{case['rule']}: {name} emitted"
