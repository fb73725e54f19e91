"""Names written with invisible characters inside ("Laza<SOFT HYPHEN>rus", "Emo<ZWSP>tet"): galaxy reading reads a
copy without them, as the indicator scan does, and the event report keeps the text as written; where the
characters belong to the prose (a Thai word break, beside a space) they change nothing
(tests/data/galaxies/invisible-names.yaml)."""

from __future__ import annotations

import dataclasses

import pytest

from misp_module.extract.galaxy_invisible import visible_names
from misp_module.pipeline import convert_bytes
from misp_module.read.reader import read_report
from misp_module.settings import Settings
from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("invisible-names.yaml")
REPORT = (
    "# Incident note\n\nThe intrusion was the work of Laza\u00adrus Group.\n\n## Tools\n\nThey ran Mimi\u2060katz.\n"
)


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_invisible_name_rule(case: dict) -> None:
    check_rule_case(case)


def read(text: str):
    return read_report(text.encode(), identity="r", name="r.md", max_bytes=10**6, template=None)


def test_the_event_report_keeps_the_text_as_written() -> None:
    event = convert_bytes(REPORT.encode(), identity="r", name="r.md", settings=Settings())
    assert 'misp-galaxy:threat-actor="Lazarus Group"' in {tag.name for tag in event.tags}
    (report,) = event.event_reports
    assert "Laza\u00adrus" in report.content and "Mimi\u2060katz" in report.content


def test_the_sections_of_the_copy_are_the_slices_of_its_text() -> None:
    copy = visible_names(read(REPORT))
    assert "\u00ad" not in copy.text and "\u2060" not in copy.text
    assert [s.text for s in copy.sections] == [copy.text[s.offset : s.offset + len(s.text)] for s in copy.sections]
    assert any("Lazarus Group" in s.text for s in copy.sections) and any("Mimikatz" in s.text for s in copy.sections)


def test_a_report_without_such_characters_is_read_as_it_is() -> None:
    report = read("# Note\n\nCaf\u00e9 owners in K\u00f6ln were phished by Lazarus Group.\n")
    assert visible_names(report) is report
    thai = read("# Note\n\n\u0e01\u0e25\u0e38\u0e48\u0e21\u200bLazarus Group \u0e42\u0e08\u0e21\u0e15\u0e35\n")
    assert dataclasses.asdict(visible_names(thai)) == dataclasses.asdict(thai)  # a Thai word break stays
