"""Report templates: the bundled ones load, invalid ones are refused naming the file and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.errors import TemplateError
from misp_module.read.reader import read_report
from misp_module.read.templates import load_template_file, load_templates, template_by_name

VALID = """\
name: custom
title: ["{title}"]
sections:
  - role: findings
    titles: ["Findings"]
"""


def write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_templates_load_with_generic_last() -> None:
    templates = load_templates()
    names = [t.name for t in templates]
    assert {"analysis-summary", "generic"} <= set(names)
    assert names[-1] == "generic"
    summary = template_by_name("analysis-summary")
    assert {
        "summary",
        "actor",
        "attribution",
        "activity",
        "ttps",
        "targeting",
        "tools",
        "implications",
        "mitigations",
    } <= {r.role for r in summary.sections}
    assert any(t.startswith("tlp:") for t in summary.tags)


def test_unknown_template_name_lists_the_available_ones() -> None:
    with pytest.raises(TemplateError, match=r"unknown template 'nope'.*analysis-summary"):
        template_by_name("nope")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (VALID + "bogus: 1\n", "bogus"),
        (VALID.replace('titles: ["Findings"]', "pattern: '(unclosed'"), "sections[0].pattern"),
        (VALID.replace('titles: ["Findings"]', "titles: []"), "sections[0].titles"),
        (VALID + "fields:\n  - {role: x, section: nowhere, labels: [X]}\n", "fields[0].section"),
        (VALID.replace('["{title}"]', '["{nope}"]'), "title"),
        (VALID + "event: {threat_level_id: 9}\n", "event.threat_level_id"),
        (VALID.replace("name: custom\n", ""), "name"),
    ],
)
def test_invalid_template_names_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(TemplateError) as error:
        load_template_file(path)
    assert str(path) in str(error.value)
    assert key in str(error.value)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "name: [unclosed\n")
    with pytest.raises(TemplateError, match=f"{path}.*invalid YAML"):
        load_template_file(path)


def test_user_folder_adds_templates_and_refuses_duplicate_names(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    assert "custom" in [t.name for t in load_templates(tmp_path)]
    write(tmp_path, VALID, "again.yaml")
    with pytest.raises(TemplateError, match="name 'custom' used twice"):
        load_templates(tmp_path)


def test_templates_ship_inside_the_wheel() -> None:
    """The wheel maps the top-level templates/ folder into the package (pyproject force-include)."""
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"templates" = "misp_module/templates"' in pyproject


@pytest.mark.parametrize(
    "pattern",
    [r"^(a+)+$", r"^(?:\w+\s?)*$", r"^#+ (x|y*)+z", r"(?=(a*)*b)"],
)
def test_a_pattern_that_backtracks_exponentially_is_refused_on_load(tmp_path: Path, pattern: str) -> None:
    text = VALID.replace('titles: ["Findings"]', f"pattern: '{pattern}'")
    with pytest.raises(TemplateError, match=r"sections\[0\]\.pattern.*repeats a group that itself repeats"):
        load_template_file(write(tmp_path, text))


@pytest.mark.parametrize("pattern", [r"^(a++)+$", r"^(?>a+)+$", r"^#{1,6}\s+(?P<value>.+?)\s*$", r"^(ab)+$"])
def test_a_pattern_without_nested_backtracking_loads(tmp_path: Path, pattern: str) -> None:
    text = VALID.replace('titles: ["Findings"]', f"pattern: '{pattern}'")
    assert load_template_file(write(tmp_path, text)).sections[0].pattern.pattern == pattern


@pytest.mark.parametrize(
    "title",
    ["{title.__class__.__mro__}", "{title[0]}", "{title:>99999999}", "{title!r}", "{title", "{}", "x {0}"],
)
def test_title_lines_allow_only_bare_placeholders(tmp_path: Path, title: str) -> None:
    text = VALID.replace('["{title}"]', json.dumps([title]))
    with pytest.raises(TemplateError, match=r"key 'title'.*placeholders"):
        load_template_file(write(tmp_path, text))


def test_title_is_rendered_literally(tmp_path: Path) -> None:
    text = VALID.replace('["{title}"]', '["{{{title}}} — 100%"]')
    template = load_template_file(write(tmp_path, text))
    report = read_report(
        b"---\ntitle: '{headline.__class__} {0}'\n---\n# Findings\n\nThe operators reached the victims' networks.\n",
        identity="r",
        name="r.md",
        max_bytes=10_000,
        template=template.name,
        templates_dir=tmp_path,
    )
    assert report.title == "{{headline.__class__} {0}} — 100%"


def test_lines_of_spaces_and_hashes_read_in_linear_steps() -> None:
    """The bundled heading patterns on lines that made the old ones cubic: they must simply answer."""
    for template in load_templates():
        for rule in template.sections:
            for line in (" " * 900 + "x", "# a" + " " * 900 + "b", "#" * 6 + " " * 450 + "#" * 400 + "x"):
                rule.pattern.match(line)


MIXED = """\
name: mixed
title: ["{title}"]
sections:
  - role: summary
    titles: ["Summary", "Overview"]
  - role: actor
    pattern: '^\\s*+(?:#+\\s*+)?Actor:\\s*(?P<value>\\w+)\\s*$'
  - role: ttps
    titles: ["Tactics, Techniques & Procedures", "TTPs"]
  - role: notes
    pattern: '^(?:Summary|Notes) of the day$'
"""
HEADING_PIECES = st.sampled_from(
    [
        "#",
        "## ",
        "**",
        "__",
        "4. ",
        "IV) ",
        " ",
        "\t",
        ":",
        "(TTPs)",
        " & Victimology",
        " and ",
        "/",
        "&",
        ",",
        "Summary",
        "summary",
        "Overview",
        "Actor: APT9",
        "Tactics",
        "Techniques",
        "Procedures",
        "TTPs",
        "Notes",
        " of the day",
        "Full Report",
        "Analysis Summary",
        "Threat Actor: X",
        "Targeting",
        "x",
        "\u0130",
    ]
)


def _first_rule(line: str, rules) -> str | None:
    return next((rule.role for rule in rules if rule.pattern.match(line)), None)


@settings(max_examples=400, deadline=None)
@given(st.lists(HEADING_PIECES, max_size=8).map("".join))
def test_heading_gate_lets_the_same_first_rule_take_each_line(tmp_path_factory, line: str) -> None:
    """Through the gate, a line opens the section the rules tried one by one would open, in every template."""
    folder = tmp_path_factory.mktemp("gate")
    templates = [*load_templates(None), load_template_file(write(folder, MIXED))]
    for template in templates:
        gated = (
            template.sections
            if template.heading_gate is None or template.heading_gate.match(line)
            else (template.pattern_rules)
        )
        assert _first_rule(line, gated) == _first_rule(line, template.sections)


def test_heading_gate_is_made_of_the_title_rules_only() -> None:
    template = template_by_name("analysis-summary")
    assert template.heading_gate is not None and template.heading_gate.match("## 5. Targeting & Victimology:")
    assert not template.heading_gate.match("# Threat Actor: APT9")
    assert [rule.role for rule in template.pattern_rules] == ["actor"]
    assert template_by_name("generic").heading_gate is None
