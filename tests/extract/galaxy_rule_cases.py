"""Rule cases of the galaxy rules (tests/data/galaxies/*.yaml): short reports, each with the tags it must give, with
their relationship_type, and those it must not. One loader and one check, shared by the tests of each rule module."""

from __future__ import annotations

from pathlib import Path

import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

DATA = Path(__file__).parents[1] / "data" / "galaxies"


def load_rule_cases(*names: str) -> list[dict]:
    """The cases of the named files of tests/data/galaxies, in order."""
    return [case for name in names for case in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))]


def rule_ids(cases: list[dict]) -> list[str]:
    """A pytest id per case: its rule."""
    return [case["rule"] for case in cases]


def tags_of(text: str) -> dict[str, str | None]:
    """The tags of the event converted from a report's text, with their relationship_type."""
    event = convert_bytes(text.encode(), identity="case.md", name="case.md", settings=Settings()).to_dict()
    return {t["name"]: t.get("relationship_type") for t in event.get("Tag", [])}


def check_rule_case(case: dict) -> None:
    """Every tag of `tags` is emitted with its relationship_type, none of `absent` is, and none of `not_roles` has the
    role given (a passing mention may stay)."""
    tags = tags_of(case["report"])
    for name, relationship in case.get("tags", {}).items():
        assert name in tags, f"{case['rule']}: {name} missing from {sorted(tags)}"
        assert tags[name] == relationship, f"{case['rule']}: {name} has role {tags[name]}, not {relationship}"
    for name in case.get("absent", []):
        assert name not in tags, f"{case['rule']}: {name} emitted"
    for name, relationship in case.get("not_roles", {}).items():
        assert tags.get(name) != relationship, f"{case['rule']}: {name} emitted as {relationship}"
