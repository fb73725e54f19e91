"""Issue 8, keeping the right clusters: kinds the precision rules dropped along with the wrong ones (regions that
hold the report's victims, origins and targets said in prose), each rule with a sentence that must and one that
must not give the cluster (tests/data/galaxies/kept.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "galaxies" / "kept.yaml").read_text(encoding="utf-8"))


def _tags(text: str) -> dict[str, str | None]:
    event = convert_bytes(text.encode(), identity="case.md", name="case.md", settings=Settings()).to_dict()
    return {t["name"]: t.get("relationship_type") for t in event.get("Tag", [])}


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_kept_rule(case: dict) -> None:
    tags = _tags(case["report"])
    for name, relationship in case.get("tags", {}).items():
        assert name in tags, f"{case['rule']}: {name} missing from {sorted(tags)}"
        assert tags[name] == relationship, f"{case['rule']}: {name} has role {tags[name]}, not {relationship}"
    for name in case.get("absent", []):
        assert name not in tags, f"{case['rule']}: {name} emitted"
