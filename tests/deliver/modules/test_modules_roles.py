"""Where the galaxy tags' roles go in the modules' answers: the "Roles" question of the import form and the
`roles` admin setting of the enrichment module, tested on the real misp-modules server over HTTP.

How MISP builds a module query's `config` (read in MISP's 2.5 source with the search tool; the stored copy of
MISP/MISP is older, so the controller was read in a recent copy of it, mokaddem/MISP, and Module.php in MISP/MISP):
- Import: EventsController::importModule (app/Controller/EventsController.php) first fills `config` with the
  administrator's settings, `Plugin.Import_<module>_<name>` for each name of the module's `meta.config`. Then,
  for each key of `mispattributes.userConfig`, it reads `data[Event][config][<key>]` from the request: a key
  whose value is PHP-empty (missing, '' or '0') and not marked `required` is left out; any other value is
  checked by its type's validation method (Module::CONFIG_TYPES; a Select's, Module::validateSelectField in
  app/Model/Module.php, accepts any value) and copied into `config` unchanged: MISP never maps a label to a
  value. The form (app/View/Events/import_module.ctp) renders a Select with CakePHP's
  `Form->input('Event.config.<key>', options)`, i.e. `<option value="VALUE">LABEL</option>`, the first option
  selected when the analyst picks none; so the browser sends the option's value, and an API caller's text
  reaches the module as written (the module accepts the value or the label). A REST caller's answer is then
  saved at once (Event::processModuleResultsDataRouter); a browser's is shown on the preview page first
  (resolved_misp_format, see test_modules_misp_page.py for what its Submit stores).
- Enrichment: EventsController::queryEnrichment builds `config` from the administrator's settings only
  (`Plugin.Enrichment_<module>_<name>`): an expansion module has no per-query question. Its answer is always
  shown on the same preview page (__queryEnrichment renders resolved_misp_format), except through "Enrich
  event" (Event::enrichment, app/Model/Event.php), which passes the answer's results straight to
  Event::processModuleResultsData. So the enrichment module's choice is an admin setting, safe by default.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_modules_misp_page import ROLE_LABEL, live, live_event, stored_by_api, stored_by_submit
from test_modules_server import EXPAND, IMPORT, REPORTS, SAMPLES, core_event, expand_query, import_query

from misp_module.deliver.modules.import_module import LABEL_MAX
from misp_module.deliver.modules.results import ROLES_TITLE

__all__ = ["live_event"]  # the live test's fixture, defined with the page tests
SAMPLE = REPORTS / "deepseek-czechia.txt"
OPTIONS = {"report": "In the report (web form)", "tags": "On the tags (API only)"}


def php_empty(value: Any) -> bool:
    """PHP's empty() on a form value: what importModule skips when the question is not required."""
    return value is None or value in ("", "0", 0, False)


def misp_import_config(module: dict[str, Any], admin: dict[str, str], sent: dict[str, Any]) -> dict[str, Any]:
    """The `config` EventsController::importModule sends the module: admin settings, then the request's
    `data[Event][config]` answers to the module's questions, as sent (module docstring)."""
    config: dict[str, Any] = {name: admin.get(name, "") for name in module["meta"].get("config", [])}
    for key, question in module["mispattributes"].get("userConfig", {}).items():
        if php_empty(sent.get(key)) and not question.get("required"):
            continue
        config[key] = sent[key]
    return config


def form_answers(module: dict[str, Any], picked: dict[str, int] | None = None) -> dict[str, str]:
    """What the browser posts from the import form: for each Select the value of the picked option, the
    first one when the analyst leaves it alone."""
    picked = picked or {}
    return {key: list(q["options"])[picked.get(key, 0)] for key, q in module["mispattributes"]["userConfig"].items()}


@pytest.fixture(scope="module")
def modules(modules_server) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in modules_server.get("/modules")[1]}


def imported(modules_server, module: dict[str, Any], path: Path, sent: dict[str, Any]) -> dict[str, Any]:
    """The import module's results for a report, with the config MISP builds from `sent`."""
    query = import_query(path)
    query["config"] = misp_import_config(module, {}, sent)
    answer = modules_server.query(query)
    assert "error" not in answer, answer
    return answer["results"]


def sync_roles(path: Path) -> set[tuple[str, str | None]]:
    """(tag, role) of the event the sync and `convert` make of the report."""
    return {(t.name, t.get("relationship_type") or None) for t in core_event(path).tags}


def test_the_roles_question_is_in_the_form_with_two_short_options_the_safe_one_first(modules):
    question = modules[IMPORT]["mispattributes"]["userConfig"]["roles"]

    assert question["type"] == "Select"
    assert question["options"] == OPTIONS
    assert list(question["options"]) == ["report", "tags"]
    assert all(len(label) <= LABEL_MAX for label in question["options"].values())
    assert not any(php_empty(value) for value in question["options"])  # MISP would drop such an answer
    assert "In the report" in question["message"]


def test_the_enrichment_module_has_the_choice_as_an_admin_setting(modules):
    expander = modules[EXPAND]

    assert "roles" in expander["meta"]["config"]
    assert "userConfig" not in expander["mispattributes"]  # MISP asks nothing before an enrichment


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_forms_default_gives_no_roles_on_tags_and_no_role_named_tags(modules_server, modules, path):
    results = imported(modules_server, modules[IMPORT], path, form_answers(modules[IMPORT]))
    expected = {name for name, _ in sync_roles(path)}

    assert not [tag for tag in results.get("Tag", []) if tag.get("relationship_type")]
    for stored in (stored_by_submit(results)[0], stored_by_api(results)[0]):
        names = [name for name, _ in stored]
        assert set(names) == expected
        assert not [name for name in names if ROLE_LABEL.match(name)]
    if any(role for _, role in sync_roles(path)):
        assert ROLES_TITLE in results["EventReport"][0]["content"]


def test_an_api_call_without_the_question_gets_the_default(modules_server, modules):
    api_default = imported(modules_server, modules[IMPORT], SAMPLE, {})
    form_default = imported(modules_server, modules[IMPORT], SAMPLE, form_answers(modules[IMPORT]))

    assert api_default == form_default


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("sent", ["tags", "On the tags (API only)", " TAGS "])
def test_the_api_option_gives_converts_tags_with_the_syncs_roles(modules_server, modules, path, sent):
    results = imported(modules_server, modules[IMPORT], path, {"roles": sent})
    tags, reports = stored_by_api(results)

    assert set(tags) == sync_roles(path)
    assert len(tags) == len(set(tags))
    if any(role for _, role in tags):
        assert ROLES_TITLE in reports[0]  # the report still lists them


def test_the_api_option_matches_the_cli_convert_and_sync(modules_server, modules, cli, tmp_path):
    """Against the real commands: tag names of `misp-report convert`, roles of `misp-report sync` (feed)."""
    converted = cli("convert", SAMPLE)
    assert converted.code == 0, converted.stderr
    shutil.copy(SAMPLE, tmp_path)
    synced = cli("sync", tmp_path, "--sink", "feed", "--feed-dir", tmp_path / "feed", "--state-dir", tmp_path / "st")
    assert synced.code == 0, synced.stderr
    (feed_file,) = [p for p in (tmp_path / "feed").glob("*.json") if p.name != "manifest.json"]
    feed_tags = {
        (t["name"], t.get("relationship_type") or None) for t in json.loads(feed_file.read_text())["Event"]["Tag"]
    }

    tags = stored_by_api(imported(modules_server, modules[IMPORT], SAMPLE, {"roles": "tags"}))[0]

    assert {name for name, _ in tags} == {t["name"] for t in converted.event()["Tag"]}
    assert set(tags) == feed_tags
    assert ('misp-galaxy:country="czechia"', "targets") in tags


def test_why_the_form_says_api_only_the_preview_turns_roles_on_tags_into_tags(modules_server, modules):
    """The same option picked in the browser form: Submit would store "targets:" and lose the roles."""
    sent = form_answers(modules[IMPORT], {"roles": 1})
    results = imported(modules_server, modules[IMPORT], SAMPLE, sent)
    names = [name for name, _ in stored_by_submit(results)[0]]

    assert sent["roles"] == "tags"
    assert "targets:" in names


@pytest.mark.parametrize("sent", ["yes", "on tags", "relationship_type"])
def test_an_unknown_roles_answer_is_refused_with_the_choices(modules_server, modules, sent):
    query = import_query(SAMPLE)
    query["config"] = misp_import_config(modules[IMPORT], {}, {"roles": sent})
    answer = modules_server.query(query)

    assert answer == {
        "error": f"setting 'roles' is {sent!r}; expected 'report' (In the report (web form)) "
        "or 'tags' (On the tags (API only))"
    }


def enriched(modules_server, modules: dict[str, Any], admin: dict[str, str]) -> dict[str, Any]:
    """The enrichment module's results for a text attribute holding the sample, with the admin settings MISP
    sends (every setting of meta.config, '' when unset)."""
    config = {name: admin.get(name, "") for name in modules[EXPAND]["meta"]["config"]}
    answer = modules_server.query(expand_query("text", SAMPLE.read_text(encoding="utf-8"), **config))
    assert "error" not in answer, answer
    return answer["results"]


def test_the_enrichment_modules_default_is_safe_for_its_preview_page(modules_server, modules):
    results = enriched(modules_server, modules, {})
    names = [name for name, _ in stored_by_submit(results)[0]]

    assert not [tag for tag in results["Tag"] if tag.get("relationship_type")]
    assert not [name for name in names if ROLE_LABEL.match(name)]
    assert {name for name, _ in sync_roles(SAMPLE)} == set(names)


def test_the_enrichment_modules_tags_setting_keeps_the_syncs_roles_for_enrich_event(modules_server, modules):
    results = enriched(modules_server, modules, {"roles": "tags"})

    assert set(stored_by_api(results)[0]) == sync_roles(SAMPLE)
    assert ROLES_TITLE in results["EventReport"][0]["content"]


@live
def test_live_api_import_with_roles_on_tags(live_event):
    """`data[Event][config][roles]=tags` over the REST API: MISP keeps the roles on the event's tags."""
    import requests

    misp, event = live_event
    url, key = os.environ["MISP_URL"].rstrip("/"), os.environ["MISP_KEY"]
    answer = requests.post(
        f"{url}/events/importModule/{IMPORT}/{event.id}",
        headers={"Authorization": key, "Accept": "application/json"},
        data={
            "data[Event][source]": "0",
            "data[Event][paste]": SAMPLE.read_text(encoding="utf-8"),
            "data[Event][config][roles]": "tags",
        },
        verify=os.environ.get("MISP_INSECURE") != "1",
        timeout=120,
    )
    assert answer.status_code == 200, answer.text[:500]
    stored = misp.get_event(event.id)["Event"]
    tags = {(t["name"], t.get("relationship_type") or None) for t in stored.get("Tag", [])}
    assert sync_roles(SAMPLE) <= tags
    assert not [name for name, _ in tags if ROLE_LABEL.match(name)]
