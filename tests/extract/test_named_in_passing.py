"""The clusters a report names in passing (extract/galaxy_mentions): listed beside the tags for the event report, never
a tag, a homonym, a denied or an absent one. The report and its expectations are files of tests/data/named_in_passing
(our own words, written the way vendor posts write)."""

from __future__ import annotations

from pathlib import Path

import yaml

from misp_module.extract import extract
from misp_module.read.reader import read_report
from misp_module.settings import Settings

CASES = Path(__file__).parent.parent / "data" / "named_in_passing"


def _findings(name: str):
    path = CASES / name
    report = read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=1 << 20)
    return extract(report, Settings())


def test_compared_actor_server_country_and_reading_item_are_listed_homonyms_and_denials_are_not() -> None:
    expected = yaml.safe_load((CASES / "loader-campaign.yaml").read_text(encoding="utf-8"))
    findings = _findings("loader-campaign.md")
    listed = {m.name for m in findings.mentions}
    assert set(expected["listed"]) <= listed
    assert not set(expected["not_listed"]) & listed
    assert not listed & {t.name for t in findings.tags}


def test_each_listed_cluster_has_its_kind_and_the_list_is_sorted_by_kind_then_name() -> None:
    mentions = _findings("loader-campaign.md").mentions
    kinds = {m.name: m.kind for m in mentions}
    assert kinds['misp-galaxy:threat-actor="Kimsuky"'] == "actor"
    assert kinds['misp-galaxy:country="netherlands"'] == "location"
    order = ("actor", "malware", "tool", "location", "sector", "technique")
    assert mentions == sorted(mentions, key=lambda m: (order.index(m.kind), m.name))
    assert mentions == _findings("loader-campaign.md").mentions
