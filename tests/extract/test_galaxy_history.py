"""The rules of extract/galaxy_history.py and those it brought along (issue 8, precision): a report that must not give a
cluster and a twin that must, for each rule (tests/data/galaxies/history.yaml; side-places.yaml for galaxy_side_places
and the round after it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

_DATA = Path(__file__).parents[1] / "data" / "galaxies"
CASES = [
    case
    for name in ("history.yaml", "side-places.yaml")
    for case in yaml.safe_load((_DATA / name).read_text(encoding="utf-8"))
]


def _tags(text: str) -> dict[str, str | None]:
    event = convert_bytes(text.encode(), identity="case.md", name="case.md", settings=Settings()).to_dict()
    return {t["name"]: t.get("relationship_type") for t in event.get("Tag", [])}


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_history_rules(case: dict) -> None:
    tags = _tags(case["report"])
    for name, relationship in case.get("tags", {}).items():
        assert name in tags, f"{case['rule']}: {name} missing from {sorted(tags)}"
        assert tags[name] == relationship, f"{case['rule']}: {name} has role {tags[name]}, not {relationship}"
    for name in case.get("absent", []):
        assert name not in tags, f"{case['rule']}: {name} emitted"
