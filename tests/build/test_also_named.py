"""The event report's closing list of the clusters a report names in passing ("Also named in this report"): tag pills
MISP's event report viewer renders (`@[tag](NAME)`), one line per kind, sorted; plain text where the syntax cannot
hold a name; no section when there is nothing to list or the `also_named` setting is off."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from misp_module.build.event_report import ALSO_NAMED_TITLE, also_named_section
from misp_module.errors import ConfigError
from misp_module.extract.findings import MentionFinding
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings, settings_from_mapping

CASE = Path(__file__).parent.parent / "data" / "named_in_passing" / "loader-campaign.md"
CONTENT = "# A loader campaign\n\n## What happened\n\nText.\n"


def test_one_line_per_kind_in_order_each_cluster_a_pill_sorted() -> None:
    mentions = [
        MentionFinding('misp-galaxy:country="netherlands"', "location"),
        MentionFinding('misp-galaxy:tool="PlugX"', "tool"),
        MentionFinding('misp-galaxy:malpedia="PlugX"', "malware"),
        MentionFinding('misp-galaxy:threat-actor="Kimsuky"', "actor"),
        MentionFinding('misp-galaxy:country="belgium"', "location"),
    ]
    section = also_named_section(mentions, CONTENT)
    assert section.splitlines()[0] == f"## {ALSO_NAMED_TITLE}"
    assert [line for line in section.splitlines() if line.startswith("- ")] == [
        '- **Actors**: @[tag](misp-galaxy:threat-actor="Kimsuky")',
        '- **Malware and tools**: @[tag](misp-galaxy:malpedia="PlugX"), @[tag](misp-galaxy:tool="PlugX")',
        '- **Countries and regions**: @[tag](misp-galaxy:country="belgium"), @[tag](misp-galaxy:country="netherlands")',
    ]
    assert also_named_section(list(reversed(mentions)), CONTENT) == section


def test_a_name_the_pill_syntax_cannot_hold_is_plain_text() -> None:
    name = 'misp-galaxy:malpedia="Agent Tesla (Android)"'
    section = also_named_section([MentionFinding(name, "malware")], CONTENT)
    assert f"`{name}`" in section and "@[tag](" not in section
    html = MarkdownIt("commonmark").render(section)
    assert "<code>" in html


def test_no_section_without_clusters() -> None:
    assert also_named_section([], CONTENT) == ""


def _report(settings: Settings) -> str:
    event = convert_bytes(CASE.read_bytes(), identity=CASE.name, name=CASE.name, settings=settings)
    return event.EventReport[0].content


def test_the_event_report_ends_with_the_list_and_the_setting_turns_it_off() -> None:
    on = _report(Settings())
    assert f"# {ALSO_NAMED_TITLE}" in on
    assert '@[tag](misp-galaxy:threat-actor="Kimsuky")' in on
    off = _report(settings_from_mapping("config.yaml", {"also_named": False}))
    assert ALSO_NAMED_TITLE not in off
    assert on.startswith(off.rstrip("\n"))


def test_the_setting_must_be_a_boolean() -> None:
    with pytest.raises(ConfigError, match="also_named"):
        settings_from_mapping("config.yaml", {"also_named": "no"})
