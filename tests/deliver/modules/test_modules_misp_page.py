"""What MISP stores from the modules' answers, by each of its paths, tested on answers of the real misp-modules
server. The rules below were read in MISP's source (2.5 branch) and are written here in our own words.

The web interface path: *Populate from… → module → preview → Submit*.
- The preview page, app/View/Events/resolved_misp_format.ctp, lists the event tags in its meta table with the
  element app/View/Elements/ajaxTags.ctp, which renders each tag with app/View/Elements/rich_tag.ctp: a
  "tag-container" holding (1) a scope icon, an element of class `tag` with no text; (2) only when the tag has a
  non-empty `relationship_type`, an element of class `tag` whose text is the role and a colon ("targets:");
  (3) the tag itself, an element of class `tag` whose text is the tag's trimmed name (a link whose text may
  be shortened when the tag has a database id; a module's tags have none, so the text is the full name).
- Submit runs `moduleResultsSubmit(id)` in app/webroot/js/misp.js. For the event's tags it takes every element
  of class `tag` inside `.meta_table` and sends `{name: <its text>}`, nothing else: no role, no local flag.
  So each role label becomes a tag name ("targets:"), the real tag arrives without its role, and the empty
  icon text is sent as an empty name (which MISP's tag capture refuses). For each event report it sends the
  `.text()` of the cell `.EventReportContent`, whose template writes the content on its own indented line:
  a line break and 14 spaces before the content, a line break and 12 spaces after it. Attribute comments
  come from the value of each row's `.AttributeComment` input, unchanged.
- Submit posts to /events/handleModuleResults/<id>; Event::processModuleResultsData (app/Model/Event.php)
  captures each tag by name (Tag::captureTag creates an unknown name for everyone, if the user may create
  tags) and attaches it with EventTag::attachTagToEvent (app/Model/EventTag.php), which stores
  `relationship_type` only when the tag dict has one; event reports are saved with the content as sent.

The API path: POST /events/importModule/<module>/<event id> over the REST API (and "Enrich event") saves the
module's answer at once through the same Event::processModuleResultsData: tags with whatever
`relationship_type` the answer gives, report content as the answer gives it.

A MISP test instance (MISP_URL, MISP_KEY) runs the live tests at the end; a browser test needs Playwright and
Chromium too (see test_browser_import_and_submit)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from test_modules_server import IMPORT, REPORTS, SAMPLES, core_event, expand_query, import_query

from misp_module.deliver.modules.results import COMMENT_MAX, ROLES_TITLE

# rich_tag.ctp prints a role as "<role>:" in front of its tag; relationship types are words with dashes.
ROLE_LABEL = re.compile(r"^[a-z][a-z-]*:$")
CELL_BEFORE, CELL_AFTER = "\n" + " " * 14, "\n" + " " * 12
MAIN_FORMAT = [p for p in SAMPLES if p.read_text(encoding="utf-8", errors="replace").startswith("Full Report")]
MD = MarkdownIt("commonmark")


def submit_tag_names(results: dict[str, Any]) -> list[str]:
    """The event tag names Submit sends (misp.js moduleResultsSubmit over rich_tag.ctp's markup), page order."""
    names: list[str] = []
    for tag in results.get("Tag", []):
        names.append("")  # the scope icon
        if tag.get("relationship_type"):
            names.append(f"{tag['relationship_type']}:")
        names.append(tag["name"].strip())
    return names


def stored_by_submit(results: dict[str, Any]) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(event tags as (name, role), event report contents) that Submit makes MISP store."""
    tags = [(name, None) for name in submit_tag_names(results) if name]
    reports = [CELL_BEFORE + report["content"] + CELL_AFTER for report in results.get("EventReport", [])]
    return tags, reports


def stored_by_api(results: dict[str, Any]) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(event tags as (name, role), event report contents) that the API path makes MISP store."""
    tags = [(tag["name"], tag.get("relationship_type") or None) for tag in results.get("Tag", [])]
    return tags, [report["content"] for report in results.get("EventReport", [])]


def core_results(path: Path) -> dict[str, Any]:
    """The core event of a report as the earlier modules answered it: the sync's event, roles on the tags."""
    event = core_event(path).to_dict()
    return {key: event[key] for key in ("Attribute", "EventReport", "Tag") if event.get(key)}


def core_event_of_text(text: str):
    from misp_module.pipeline import convert_bytes
    from misp_module.settings import Settings

    return convert_bytes(text.encode(), identity="t.md", name="t.md", settings=Settings())


def first_block(markdown: str) -> str:
    """The type of the first block markdown-it (MISP's renderer, in its Python port) makes of the text."""
    return next(token.type for token in MD.parse(markdown) if token.level == 0)


def heading_texts(markdown: str) -> list[str]:
    tokens = MD.parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_the_page_model_reproduces_what_analysts_saw_with_the_earlier_answers():
    """The model can fail: on answers shaped as before, it gives the junk tags and the code block of the issue."""
    results = core_results(REPORTS / "deepseek-czechia.txt")
    tags, reports = stored_by_submit(results)

    assert {"targets:", "attributed-to:"} <= {name for name, _ in tags}
    assert all(role is None for _, role in tags)
    assert first_block(reports[0]) == "code_block"


def answers(modules_server, path: Path) -> list[dict[str, Any]]:
    """The import and expansion answers for one report (an HTML report is imported only)."""
    found = [modules_server.query(import_query(path))["results"]]
    if path.suffix != ".html":
        found.append(modules_server.query(expand_query("text", path.read_text(encoding="utf-8")))["results"])
    return found


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_submit_stores_the_real_tags_and_no_tag_named_like_a_role(modules_server, path):
    expected = {tag.name for tag in core_event(path).tags}
    for results in answers(modules_server, path):
        for stored in (stored_by_submit(results)[0], stored_by_api(results)[0]):
            names = [name for name, _ in stored]
            assert set(names) == expected
            assert not [name for name in names if ROLE_LABEL.match(name)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_event_report_is_clean_markdown_by_both_paths(modules_server, path):
    for results in answers(modules_server, path):
        for content in stored_by_submit(results)[1] + stored_by_api(results)[1]:
            first_line = next(line for line in content.splitlines() if line.strip())
            assert first_line == first_line.lstrip()
            assert first_block(content) != "code_block"
            core_headings = heading_texts(core_event(path).event_reports[0].content)
            assert heading_texts(content)[: len(core_headings)] == core_headings


@pytest.mark.parametrize("path", MAIN_FORMAT, ids=lambda p: p.name)
def test_main_format_parts_are_headings_in_the_stored_report(modules_server, path):
    results = modules_server.query(import_query(path))["results"]
    for content in stored_by_submit(results)[1] + stored_by_api(results)[1]:
        assert heading_texts(content)[:2] == ["Full Report", "Analysis Summary"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_role_the_sync_puts_on_a_tag_is_in_the_modules_event_report(modules_server, path):
    roles = {(tag.name, tag.relationship_type) for tag in core_event(path).tags if tag.get("relationship_type")}
    content = modules_server.query(import_query(path))["results"]["EventReport"][0]["content"]
    listed = set()
    part = content.split(f" {ROLES_TITLE}\n", 1)[1] if roles else ""
    for role, mentions in re.findall(r"^- \*\*([a-z-]+)\*\*: (.+)$", part, re.MULTILINE):
        for mention in re.finditer(r"@\[tag\]\(([^)\n]+)\)|`([^`]+)`", mentions):
            listed.add((mention.group(1) or mention.group(2), role))
    assert listed == roles
    assert (ROLES_TITLE in content) == bool(roles)


def test_the_sync_keeps_the_roles_on_the_tags(cli, tmp_path):
    """The sync and `convert` send the core event: roles stay in relationship_type, where MISP keeps them."""
    shutil.copy(REPORTS / "deepseek-czechia.txt", tmp_path)
    result = cli("sync", tmp_path, "--sink", "feed", "--feed-dir", tmp_path / "feed", "--state-dir", tmp_path / "st")
    assert result.code == 0, result.stderr
    (event_file,) = [p for p in (tmp_path / "feed").glob("*.json") if p.name != "manifest.json"]
    tags = {t["name"]: t.get("relationship_type") for t in json.loads(event_file.read_text())["Event"]["Tag"]}
    assert tags['misp-galaxy:country="czechia"'] == "targets"
    assert tags['misp-galaxy:country="china"'] == "attributed-to"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_preview_comments_are_a_few_words(modules_server, path):
    for results in answers(modules_server, path):
        assert all(len(a.get("comment", "")) <= COMMENT_MAX for a in results["Attribute"])


LEGITIMATE_SERVICE = """\
# Fake support portal lures

The lure claims to come from Microsoft support and links to the real microsoft.com help pages, a legitimate
service, so that the mail looks genuine. The payload itself is fetched from hxxps://support-desk-portal[.]top/kb.exe
and the implant then beacons to 203.0.113.77 over HTTPS.
"""


def test_a_warninglisted_domain_says_why_in_a_few_words(modules_server):
    query = {"module": IMPORT, "event_id": "5", "data": base64.b64encode(LEGITIMATE_SERVICE.encode()).decode()}
    results = modules_server.query(query)["results"]
    by_value = {a["value"]: a for a in results["Attribute"]}
    core = {a.value: a.comment for a in core_event_of_text(LEGITIMATE_SERVICE).attributes}

    assert by_value["microsoft.com"]["to_ids"] is False
    assert by_value["microsoft.com"]["comment"] == "On MISP warninglist: microsoft domains and others"
    assert len(core["microsoft.com"]) > COMMENT_MAX  # what the sync keeps: the lists named in full
    assert by_value["https://support-desk-portal.top/kb.exe"]["to_ids"] is True


# Live MISP: the same import by the API path, and by the web interface in a headless browser.
URL, KEY = os.environ.get("MISP_URL"), os.environ.get("MISP_KEY")
VERIFY = os.environ.get("MISP_INSECURE") != "1"
live = pytest.mark.skipif(not (URL and KEY), reason="set MISP_URL and MISP_KEY to run against a real MISP")


@pytest.fixture
def live_event():
    """A fresh event on the live MISP, deleted afterwards."""
    from pymisp import MISPEvent, PyMISP

    misp = PyMISP(URL, KEY, ssl=VERIFY)
    event = MISPEvent()
    event.info = f"misp-report module test {uuid.uuid4()}"
    event.distribution = 0
    created = misp.add_event(event, pythonify=True)
    yield misp, created
    misp.delete_event(created)


def role_named_tags(misp) -> list[str]:
    return [t.name for t in misp.search_tags("%:", pythonify=True) if ROLE_LABEL.match(t.name)]


def assert_stored_as_meant(misp, event_id: int, path: Path) -> None:
    event = misp.get_event(event_id, pythonify=True)
    expected = {t.name for t in core_event(path).tags}
    assert {t.name for t in event.tags} == expected
    assert not role_named_tags(misp)
    galaxy_tags = {t.name for t in core_event(path).tags if t.name.startswith("misp-galaxy:")}
    clusters = {c.tag_name for galaxy in event.galaxies for c in galaxy.clusters}
    assert galaxy_tags <= clusters
    (report,) = event.event_reports
    first_line = next(line for line in report.content.splitlines() if line.strip())
    assert first_line == first_line.lstrip()
    assert heading_texts(report.content)[:2] == ["Full Report", "Analysis Summary"]


@live
def test_live_api_import_stores_real_tags(live_event):
    import requests

    misp, event = live_event
    path = REPORTS / "deepseek-czechia.txt"
    answer = requests.post(
        f"{URL.rstrip('/')}/events/importModule/{IMPORT}/{event.id}",
        headers={"Authorization": KEY, "Accept": "application/json"},
        data={"data[Event][source]": "0", "data[Event][paste]": path.read_text(encoding="utf-8")},
        verify=VERIFY,
        timeout=120,
    )
    assert answer.status_code == 200, answer.text[:500]
    assert_stored_as_meant(misp, event.id, path)


@live
def test_browser_import_and_submit(live_event):
    """Populate from… → Threat Report Import → paste → preview → Submit, in headless Chromium. Needs Playwright
    (`pip install playwright`, no browser download) and Debian's chromium; the browser signs in with
    MISP_UI_EMAIL and MISP_UI_PASSWORD, or else sends the API key as MISP's Authorization header."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("no Chromium (Debian package chromium)")
    misp, event = live_event
    path = REPORTS / "deepseek-czechia.txt"
    base = URL.rstrip("/")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        email, password = os.environ.get("MISP_UI_EMAIL"), os.environ.get("MISP_UI_PASSWORD")
        headers = {} if email and password else {"Authorization": KEY}
        page = browser.new_context(ignore_https_errors=not VERIFY, extra_http_headers=headers).new_page()
        if email and password:
            page.goto(f"{base}/users/login")
            page.fill("#UserEmail", email)
            page.fill("#UserPassword", password)
            page.click("button[type=submit], input[type=submit]")
        page.goto(f"{base}/events/importModule/{IMPORT}/{event.id}")
        assert "Threat Report Import" in page.inner_text("legend")
        page.fill("#EventPaste", path.read_text(encoding="utf-8"))
        page.click("button:has-text('Import')")
        page.wait_for_selector(".MISPEventReport")
        assert not [t for t in page.locator(".meta_table .tag").all_inner_texts() if ROLE_LABEL.match(t.strip())]
        page.click("button:has-text('Submit')")
        page.wait_for_url(re.compile(rf"/events/view/{event.id}"))
        browser.close()
    assert_stored_as_meant(misp, event.id, path)


def test_pasted_report_sent_as_misp_sends_it(modules_server):
    """MISP base64-encodes the pasted text; a paste of only blank lines asks for a report."""
    blank = modules_server.query({"module": IMPORT, "event_id": "3", "data": base64.b64encode(b"\n\n").decode()})

    assert blank == {"error": "Nothing to import: paste a report or choose a file."}
