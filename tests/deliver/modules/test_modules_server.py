"""The import and expansion modules as MISP sees them: over HTTP, on the real misp-modules server."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from pymisp import MISPEvent

from misp_module.deliver.modules.import_module import LABEL_MAX, NOTHING_TO_IMPORT
from misp_module.deliver.modules.results import ROLES_TITLE
from misp_module.pipeline import convert_bytes
from misp_module.read.templates import load_templates
from misp_module.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "data"
REPORTS = DATA / "reports"
SAMPLES = sorted(p for p in REPORTS.iterdir() if p.suffix in (".txt", ".md", ".html"))
IMPORT, EXPAND = "threat_report_import", "threat_report_enrichment"
LEGACY_IMPORT, LEGACY_EXPAND = "misp_report_import", "misp_report_expand"
# A report with a front matter `id`: the sync and the modules then give the core the same identity, so only the
# UUID namespace can keep their UUIDs apart.
WITH_ID = REPORTS / "generic-phishing-note.md"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def import_query(path: Path, event_id: str | None = "12", **config: str) -> dict[str, Any]:
    """The query MISP sends for a file uploaded through Events > Populate from… > Threat Report Import."""
    query: dict[str, Any] = {
        "module": IMPORT,
        "data": b64(path.read_bytes()),
        "filename": path.name,
        "config": {"template": "auto", "TLP": "template", "warninglists": "soft", **config},
    }
    if event_id is not None:
        query["event_id"] = event_id
    return query


def expand_query(attribute_type: str, value: str, event_id: str = "7", **config: str) -> dict[str, Any]:
    """The misp_standard enrichment query MISP sends for one attribute."""
    attribute = {
        "id": "41",
        "event_id": event_id,
        "object_id": "0",
        "category": "Other",
        "type": attribute_type,
        "value": value,
        "to_ids": False,
        "uuid": "5b2c1f3e-0c44-4d6e-9a4f-2b2f8a6c9d11",
        "timestamp": "1732000000",
        "distribution": "5",
    }
    return {"module": EXPAND, "attribute": attribute, "event_id": event_id, "config": config}


def loaded(answer: dict[str, Any]) -> MISPEvent:
    """The results loaded by PyMISP into an event, as MISP would add them to the target event."""
    assert "error" not in answer, answer
    results = answer["results"]
    assert set(results) <= {"Attribute", "Object", "EventReport", "Tag"}
    event = MISPEvent()
    event.load({"Event": {"info": "target event", **results}})
    return event


_ROLES_PART = re.compile(rf"\n+#{{1,6}} {re.escape(ROLES_TITLE)}\n.*", re.DOTALL)


def report_text(content: str) -> str:
    """An event report's markdown without what the modules add for MISP's pages (a leading line break, the
    part listing the galaxy tags' roles)."""
    return _ROLES_PART.sub("", content).strip("\n")


def content(event: MISPEvent) -> tuple[set[tuple], set[str], list[str]]:
    """What an event says, without UUIDs and comments: attributes, tag names and event report texts."""
    attributes = {(a.type, a.value, a.category, bool(a.to_ids)) for a in event.attributes}
    return attributes, {t.name for t in event.tags}, [report_text(r.content) for r in event.event_reports]


def core_event(path: Path, identity: str | None = None) -> MISPEvent:
    """What the core makes of the same report with default settings, as the sync would (default namespace),
    serialised to MISP JSON and loaded back like any event MISP receives."""
    event = convert_bytes(path.read_bytes(), identity=identity or path.name, name=path.name, settings=Settings())
    received = MISPEvent()
    received.load(event.to_json())
    return received


def uuids(event: MISPEvent) -> set[str]:
    return {a.uuid for a in event.attributes} | {r.uuid for r in event.event_reports}


def humanize(name: str) -> str:
    """How MISP labels a module in its lists (CakePHP's Inflector::humanize of the internal name)."""
    return " ".join(word.capitalize() for word in name.split("_"))


def test_modules_lists_both_modules_with_their_types(modules_server):
    status, modules = modules_server.get("/modules")
    assert status == 200
    by_name = {m["name"]: m for m in modules}
    importer, expander = by_name[IMPORT], by_name[EXPAND]

    assert (humanize(IMPORT), humanize(EXPAND)) == ("Threat Report Import", "Threat Report Enrichment")
    assert importer["type"] == "import_mod"
    assert importer["meta"]["module-type"] == ["import"]
    assert importer["mispattributes"]["inputSource"] == ["file", "paste"]
    assert importer["mispattributes"]["format"] == "misp_standard"
    user_config = importer["mispattributes"]["userConfig"]
    assert set(user_config) == {"template", "TLP", "warninglists", "roles"}
    assert all(option["type"] == "Select" for option in user_config.values())
    assert list(user_config["template"]["options"]) == ["auto", *(t.name for t in load_templates())]
    assert "tlp:green" in user_config["TLP"]["options"]
    assert list(user_config["TLP"]["options"])[:2] == ["template", "none"], "the default stays first"
    assert list(user_config["warninglists"]["options"]) == ["soft", "drop", "off"]

    assert expander["type"] == "expansion"
    assert expander["meta"]["module-type"] == ["expansion"]
    assert expander["mispattributes"]["format"] == "misp_standard"
    assert {"text", "comment", "link"} <= set(expander["mispattributes"]["input"])
    assert "fetch_links" in expander["meta"]["config"]


def test_form_labels_read_as_words_and_options_fit_a_narrow_drop_down(modules_server):
    _, modules = modules_server.get("/modules")
    user_config = {m["name"]: m for m in modules}[IMPORT]["mispattributes"]["userConfig"]

    # MISP's import form (app/View/Events/import_module.ctp) labels a question with ucfirst(key).
    labels = [key[:1].upper() + key[1:] for key in user_config]
    assert labels == ["Template", "TLP", "Warninglists", "Roles"]
    assert all(re.fullmatch(r"[A-Z][A-Za-z]+", label) for label in labels)
    for question in user_config.values():
        assert all(len(label) <= LABEL_MAX for label in question["options"].values()), question["options"]


@pytest.mark.parametrize(("legacy", "current"), [(LEGACY_IMPORT, IMPORT), (LEGACY_EXPAND, EXPAND)])
def test_old_names_keep_working_for_a_misp_that_enabled_them(modules_server, legacy, current):
    _, modules = modules_server.get("/modules")
    by_name = {m["name"]: m for m in modules}

    assert by_name[legacy]["type"] == by_name[current]["type"]
    assert by_name[legacy]["mispattributes"] == by_name[current]["mispattributes"]
    assert f"enable {current} instead" in by_name[legacy]["meta"]["description"]
    if current == IMPORT:
        query = import_query(REPORTS / "deepseek-czechia.txt")
    else:
        query = expand_query("text", (REPORTS / "deepseek-czechia.txt").read_text(encoding="utf-8"))
    old_query = {**query, "module": legacy}
    assert modules_server.query(old_query) == modules_server.query(query)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_import_of_an_upload_gives_the_reports_event_content(modules_server, path):
    event = loaded(modules_server.query(import_query(path)))

    assert content(event) == content(core_event(path))
    assert event.attributes, "MISP ignores a misp_standard answer without attributes"
    galaxy_tags = {t.name for t in core_event(path).tags if t.name.startswith("misp-galaxy:")}
    assert galaxy_tags <= {t.name for t in event.tags}


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.suffix != ".html"], ids=lambda p: p.name)
def test_expansion_of_a_text_attribute_gives_the_reports_event_content(modules_server, path):
    event = loaded(modules_server.query(expand_query("text", path.read_text(encoding="utf-8"))))

    assert content(event) == content(core_event(path))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_expansion_of_an_attached_report_file_gives_the_reports_event_content(modules_server, path):
    query = expand_query("attachment", path.name)
    query["attribute"]["data"] = b64(path.read_bytes())
    event = loaded(modules_server.query(query))

    assert content(event) == content(core_event(path))


def test_import_of_the_analysis_summary_sample(modules_server):
    event = loaded(modules_server.query(import_query(REPORTS / "deepseek-czechia.txt")))

    values = {(a.type, a.value) for a in event.attributes}
    assert ("threat-actor", "Chinese State-Sponsored Actors") in values
    assert ("target-org", "Czech Ministry of Foreign Affairs") in values
    assert [t.name for t in event.tags if t.name.startswith("tlp:")] == ["tlp:amber"]
    assert 'misp-galaxy:sector="Government, Administration"' in {t.name for t in event.tags}
    assert all(not t.get("relationship_type") for t in event.tags)
    (report,) = event.event_reports
    assert "\n# Analysis Summary\n" in report.content
    assert "- **targets**: " in report.content and '@[tag](misp-galaxy:country="czechia")' in report.content
    assert "- **attributed-to**: " in report.content and '@[tag](misp-galaxy:country="china")' in report.content
    assert report.name.startswith("Chinese State-Sponsored Actors — ") and len(report.name) <= 80


def test_import_of_an_advisory_gives_its_indicators(modules_server):
    event = loaded(modules_server.query(import_query(REPORTS / "indicators-generic-advisory.md")))

    to_ids = {(a.type, a.value): bool(a.to_ids) for a in event.attributes}
    assert to_ids[("ip-dst", "5.181.156.21")] is True
    assert to_ids[("domain", "telemetry-sync.duckdns.org")] is True
    assert to_ids[("vulnerability", "CVE-2024-3400")] is False
    assert to_ids[("ip-dst", "172.20.4.11")] is False


def test_import_of_html_reads_it_as_text(modules_server):
    event = loaded(modules_server.query(import_query(REPORTS / "html-advisory.html")))

    (report,) = event.event_reports
    assert "# Advisory: exploitation of an edge VPN appliance" in report.content
    assert "document.write" not in report.content
    assert "<" not in report.content


def test_report_without_attributes_still_lands_with_its_title_as_one(modules_server):
    path = DATA / "modules" / "headings-only.md"
    answer = modules_server.query(import_query(path))
    event = loaded(answer)

    assert [(a.type, a.value) for a in event.attributes] == [("text", "Weekly notes on phishing")]
    assert [report_text(r.content) for r in event.event_reports] == [
        report_text(r.content) for r in core_event(path).event_reports
    ]
    assert "tlp:amber" in {t.name for t in event.tags}


def test_pasted_text_imports_like_an_upload(modules_server):
    path = REPORTS / "deepseek-czechia.txt"
    query = import_query(path)
    del query["filename"]
    pasted = loaded(modules_server.query(query))

    assert content(pasted)[0] == content(core_event(path))[0]


def test_chosen_tlp_replaces_the_templates(modules_server):
    event = loaded(modules_server.query(import_query(REPORTS / "deepseek-czechia.txt", TLP="tlp:green")))

    assert [t.name for t in event.tags if t.name.startswith("tlp:")] == ["tlp:green"]


def test_tlp_none_adds_no_tlp_tag_so_the_target_event_keeps_its_own(modules_server, tmp_path):
    """An import into an event that has its TLP already: "none" adds no second one, also when the report
    writes its own marking (the analyst chose the event's); "template" adds the template's default."""
    marked = tmp_path / "marked.txt"
    marked.write_text("TLP:GREEN\n" + (REPORTS / "deepseek-czechia.txt").read_text())
    for path in (REPORTS / "deepseek-czechia.txt", marked):
        event = loaded(modules_server.query(import_query(path, TLP="none")))
        assert [t.name for t in event.tags if t.name.startswith("tlp:")] == [], path.name
        assert any(t.name.startswith("misp-galaxy:") for t in event.tags), "the other tags still come"
    default = loaded(modules_server.query(import_query(REPORTS / "deepseek-czechia.txt")))
    assert [t.name for t in default.tags if t.name.startswith("tlp:")] == ["tlp:amber"]


def test_api_calls_written_for_the_old_tlp_key_still_choose_the_tlp(modules_server):
    query = import_query(REPORTS / "deepseek-czechia.txt")
    query["config"] = {"template": "auto", "default_tlp": "tlp:red"}
    event = loaded(modules_server.query(query))

    assert [t.name for t in event.tags if t.name.startswith("tlp:")] == ["tlp:red"]


def test_chosen_template_is_used(modules_server):
    path = REPORTS / "deepseek-czechia.txt"
    auto = loaded(modules_server.query(import_query(path)))
    generic = loaded(modules_server.query(import_query(path, template="generic")))

    assert ("threat-actor", "Chinese State-Sponsored Actors") in {(a.type, a.value) for a in auto.attributes}
    assert "threat-actor" not in {a.type for a in generic.attributes}


def test_uuids_differ_from_the_syncs_and_between_target_events(modules_server):
    sync = core_event(WITH_ID, identity="reports/generic-phishing-note.md")
    into_12 = loaded(modules_server.query(import_query(WITH_ID, event_id="12")))
    into_13 = loaded(modules_server.query(import_query(WITH_ID, event_id="13")))
    expanded = loaded(modules_server.query(expand_query("text", WITH_ID.read_text(encoding="utf-8"), event_id="12")))

    assert content(into_12) == content(into_13)
    assert uuids(into_12).isdisjoint(uuids(sync))
    assert uuids(into_13).isdisjoint(uuids(sync))
    assert uuids(expanded).isdisjoint(uuids(sync))
    assert uuids(into_12).isdisjoint(uuids(into_13))


def test_uuids_are_stable_for_one_target_event_and_fresh_without_one(modules_server):
    first = loaded(modules_server.query(import_query(WITH_ID, event_id="12")))
    again = loaded(modules_server.query(import_query(WITH_ID, event_id="12")))
    no_event = loaded(modules_server.query(import_query(WITH_ID, event_id=None)))
    no_event_again = loaded(modules_server.query(import_query(WITH_ID, event_id=None)))

    assert uuids(first) == uuids(again)
    assert uuids(no_event).isdisjoint(uuids(no_event_again))
    assert uuids(no_event).isdisjoint(uuids(first))


BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
REPORT = (REPORTS / "deepseek-czechia.txt").read_bytes()
BAD_QUERIES = {
    "not base64": ({"module": IMPORT, "data": "this is ~not~ base64!", "filename": "r.txt"}, "not valid base64"),
    "no data": ({"module": IMPORT, "filename": "r.txt"}, NOTHING_TO_IMPORT),
    "empty paste": ({"module": IMPORT, "data": ""}, NOTHING_TO_IMPORT),
    "blank paste": ({"module": IMPORT, "data": b64(b"  \n\t\n")}, NOTHING_TO_IMPORT),
    "not text": ({"module": IMPORT, "data": b64(BINARY), "filename": "image.png"}, "binary file"),
    "not utf-8": ({"module": IMPORT, "data": b64("Café report".encode("latin-1") * 20)}, "not valid UTF-8"),
    "empty": ({"module": IMPORT, "data": b64(b"   \n"), "filename": "blank.txt"}, "empty"),
    "too large": (
        {"module": IMPORT, "data": b64(REPORT), "filename": "r.txt", "config": {"max_report_bytes": "1000"}},
        "over the limit",
    ),
    "unknown template": (
        {"module": IMPORT, "data": b64(REPORT), "config": {"template": "no-such-template"}},
        "unknown template 'no-such-template'",
    ),
    "bad warninglist mode": (
        {"module": IMPORT, "data": b64(REPORT), "config": {"warninglists": "sometimes"}},
        "'warninglists'",
    ),
    "bad technique recognition": (
        {"module": IMPORT, "data": b64(REPORT), "config": {"techniques": "ids,guesses"}},
        "'techniques'",
    ),
    "bad tlp": ({"module": IMPORT, "data": b64(REPORT), "config": {"TLP": "tlp:purple"}}, "'TLP'"),
    "bad old tlp key": ({"module": IMPORT, "data": b64(REPORT), "config": {"default_tlp": "tlp:x"}}, "'default_tlp'"),
    "wrong attribute type": (expand_query("ip-src", "198.51.100.7"), "attribute type 'ip-src'"),
    "no attribute": ({"module": EXPAND, "event_id": "7"}, "no 'attribute'"),
    "empty text attribute": (expand_query("text", "  "), "has no value"),
    "attachment without data": (expand_query("attachment", "report.txt"), "no 'data'"),
    "text too large": (expand_query("text", REPORT.decode(), max_report_bytes="500"), "over the limit"),
    "unknown template for expansion": (expand_query("text", REPORT.decode(), template="nope"), "unknown template"),
}


@pytest.mark.parametrize("name", BAD_QUERIES)
def test_bad_input_gives_a_clear_error_and_the_server_keeps_serving(modules_server, name):
    query, message = BAD_QUERIES[name]
    answer = modules_server.query(query)

    assert set(answer) == {"error"}
    assert message in answer["error"]
    assert "Something went wrong" not in answer["error"]
    assert modules_server.healthy()
    assert "results" in modules_server.query(import_query(REPORTS / "deepseek-czechia.txt"))


def test_link_is_not_fetched_unless_an_administrator_allows_it(modules_server, page_server_factory):
    pages = page_server_factory("127.0.0.1")
    answer = modules_server.query(expand_query("link", pages.url("/report.html")))

    assert "fetching links is off" in answer["error"]
    assert pages.requested == []


@pytest.mark.parametrize(
    "url",
    ["{page}", "http://localhost:{port}/report.html", "http://[::1]:{port}/", "http://2130706433:{port}/"],
    ids=["127.0.0.1", "localhost", "ipv6 loopback", "decimal ip"],
)
def test_link_to_loopback_is_refused_even_when_fetching_is_on(modules_server, page_server_factory, url):
    pages = page_server_factory("127.0.0.1")
    link = url.format(page=pages.url("/report.html"), port=pages.port)
    answer = modules_server.query(expand_query("link", link, fetch_links="1"))

    assert "refused" in answer["error"]
    assert pages.requested == []
    assert modules_server.healthy()


@pytest.mark.parametrize("link", ["file:///etc/passwd", "ftp://ftp.example.org/report.txt", "gopher://x/"])
def test_link_other_than_http_is_refused(modules_server, link):
    answer = modules_server.query(expand_query("link", link, fetch_links="true"))

    assert "only http:// and https://" in answer["error"]
