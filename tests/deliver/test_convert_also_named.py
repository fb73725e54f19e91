"""The event report's list of clusters named in passing reaches MISP by every way in: `misp-report convert` (and the
`also_named` key of its config), the misp-modules answers (with the roles part after it)."""

from __future__ import annotations

import json
from pathlib import Path

from misp_module.build.event_report import ALSO_NAMED_TITLE
from misp_module.deliver.modules.results import ROLES_TITLE, misp_standard_results
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

CASE = Path(__file__).parent.parent / "data" / "named_in_passing" / "loader-campaign.md"
PILL = '@[tag](misp-galaxy:threat-actor="Kimsuky")'


def test_convert_writes_the_list_and_the_config_turns_it_off(cli, tmp_path: Path) -> None:
    content = cli("convert", CASE).event()["EventReport"][0]["content"]
    assert content.rstrip().endswith('- **Sectors**: @[tag](misp-galaxy:sector="Think Tanks")'), content[-400:]
    assert PILL in content and f"# {ALSO_NAMED_TITLE}" in content
    tags = {t["name"] for t in cli("convert", CASE).event()["Tag"]}
    assert 'misp-galaxy:threat-actor="Kimsuky"' not in tags
    config = tmp_path / "config.yaml"
    config.write_text("also_named: false\n", encoding="utf-8")
    off = cli("convert", CASE, "--config", config).event()
    assert ALSO_NAMED_TITLE not in off["EventReport"][0]["content"]
    assert {t["name"] for t in off["Tag"]} == tags


def test_the_modules_answer_holds_the_list_before_the_roles() -> None:
    event = convert_bytes(CASE.read_bytes(), identity=CASE.name, name=CASE.name, settings=Settings())
    results = misp_standard_results(event)["results"]
    (report,) = results["EventReport"]
    content = report["content"]
    assert PILL in content
    assert content.index(ALSO_NAMED_TITLE) < content.index(ROLES_TITLE)
    assert json.dumps(results) == json.dumps(misp_standard_results(event)["results"])
