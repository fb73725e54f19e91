"""The annotated indicator reports of tests/data/reports (indicators-*.md): every labelled indicator is emitted,
nearly all with to_ids, and no labelled noise value is emitted with to_ids."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import pytest
import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

REPORTS = sorted((Path(__file__).parents[1] / "data" / "reports").glob("indicators-*.md"))


def normal(value: str) -> str:
    """A value as the gold labels compare it: IPs canonical, hives short, file names by base name, no case."""
    value = str(value).strip().lower().removesuffix("/")
    try:
        return (
            str(ipaddress.ip_network(value, strict=False)) if "/" in value else ipaddress.ip_address(value).compressed
        )
    except ValueError:
        pass
    value = value.replace("hkey_local_machine", "hklm").replace("hkey_current_user", "hkcu")
    if re.match(r"^[a-z]:\\", value):
        value = value.rsplit("\\", 1)[-1]
    return re.sub(r"^as(?=\d)", "", value)


def emitted(path: Path) -> dict[str, bool]:
    """Every indicator value of the report's event (composites split) → whether one occurrence has to_ids."""
    event = convert_bytes(path.read_bytes(), identity=path.name, name=path.name, settings=Settings())
    found: dict[str, bool] = {}
    for attribute in event.attributes:
        parts = attribute.value.split("|") if "|" in attribute.type else [attribute.value]
        for part in parts:
            found[normal(part)] = found.get(normal(part), False) or bool(attribute.to_ids)
    return found


def gold_of(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".gold.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_labelled_indicators_and_no_noise(path: Path) -> None:
    gold = gold_of(path)
    found = emitted(path)
    assert [value for value in (normal(a["value"]) for a in gold["attributes"]) if value not in found] == []
    assert [value for value in map(normal, gold["not_attributes"]) if found.get(value)] == []


def test_nine_in_ten_labelled_indicators_carry_to_ids() -> None:
    flags = []
    for path in REPORTS:
        found = emitted(path)
        flags.extend(found.get(normal(a["value"]), False) for a in gold_of(path)["attributes"])
    assert sum(flags) >= 0.9 * len(flags)
