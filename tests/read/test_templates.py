"""Report templates: the bundled ones load, invalid ones are refused naming the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from misp_module.errors import TemplateError
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
