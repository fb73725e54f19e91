"""What analysts do in MISP between two syncs, and what the next sync must make of it: a QA round on a shared
MISP (the real PyMISP client as the sync and as an analyst with their own key, against the MISP double).

Each test: a first sync, an analyst's action, a report change, a second sync; then MISP must hold the analyst's
work as they left it, the report's update applied once, and the run must say what it kept or could not do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import (
    HOSTNAME,
    MORE,
    NEW_IP,
    URL,
    URL_AGAIN,
    analyst,
    append,
    attribute,
    attribute_uuid_of,
    copies,
    edit_report,
    expected_event,
    first_sync,
    live,
    ok,
    only_the_key_check,
    soft_deleted,
    stored_event,
    tags,
)


# -- attributes ------------------------------------------------------------------------------------------
def test_an_analysts_category_and_value_edits_stay_and_the_report_update_lands(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    ok(misp.update_attribute({"category": "Payload delivery"}, attribute_uuid_of(event, *URL)))
    renamed = attribute_uuid_of(event, *HOSTNAME)
    ok(misp.update_attribute({"value": "mail-alpha2.example.com"}, renamed))
    after = edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert attribute(stored, *URL)["category"] == "Payload delivery"
    held = next(a for a in stored["Attribute"] if a["uuid"] == renamed)
    assert held["value"] == "mail-alpha2.example.com" and not held["deleted"]
    assert HOSTNAME not in live(stored), "the analyst's corrected value must not be joined by the old one again"
    assert NEW_IP in live(stored) and stored["info"] == after["info"]
    assert "kept 2 analyst changes" in result.out, result.out


@pytest.mark.parametrize("hard", [False, True])
def test_an_attribute_the_analyst_deleted_stays_deleted_when_the_report_changes_it(
    sync, double, reports, hard: bool
) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).delete_attribute(attribute_uuid_of(event, *URL), hard=hard))
    append(reports, URL_AGAIN)
    changed = attribute(expected_event(reports / "alpha.txt", reports), *URL)
    assert changed["comment"] != attribute(event, *URL)["comment"], "the report must change the attribute"

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert URL not in live(stored) and (URL in soft_deleted(stored)) is not hard
    assert "deleted in MISP" in result.err and "the report changed it too" in result.err


def test_an_indicator_the_analyst_deleted_stays_deleted_when_the_report_drops_it_and_brings_it_back(
    sync, double, reports: Path
) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).delete_attribute(attribute_uuid_of(event, *HOSTNAME)))  # a false positive
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace("  - mail-alpha[.]example[.]com\n", ""))
    assert HOSTNAME not in live(expected_event(reports / "alpha.txt", reports))
    assert sync(str(reports), double=double).code == 0
    (reports / "alpha.txt").write_text(original)  # the author puts the line back

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert HOSTNAME in soft_deleted(stored) and HOSTNAME not in live(stored), "the analyst's deletion must stay"
    assert "kept 1 analyst change " in result.out, result.out


def test_an_indicator_the_sync_removed_comes_back_with_the_report(sync, double, reports: Path) -> None:
    event = first_sync(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace("  - mail-alpha[.]example[.]com\n", ""))
    assert sync(str(reports), double=double).code == 0
    assert HOSTNAME in soft_deleted(stored_event(double, event["uuid"]))
    (reports / "alpha.txt").write_text(original)
    assert sync(str(reports), double=double).code == 0
    assert HOSTNAME in live(stored_event(double, event["uuid"]))


def test_an_indicator_the_analyst_restored_after_the_sync_removed_it_stays_live(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace("  - mail-alpha[.]example[.]com\n", ""))
    assert sync(str(reports), double=double).code == 0
    assert HOSTNAME in soft_deleted(stored_event(double, event["uuid"]))
    restored = {
        "uuid": attribute_uuid_of(event, *HOSTNAME),
        "type": HOSTNAME[0],
        "value": HOSTNAME[1],
        "deleted": False,
    }
    ok(analyst(double).update_event({"Attribute": [restored]}, event_id=event["uuid"]))  # "still resolving"
    edit_report(reports)  # the report changes elsewhere (and still leaves the hostname out)
    (reports / "alpha.txt").write_text(
        (reports / "alpha.txt").read_text().replace("  - mail-alpha[.]example[.]com\n", "")
    )

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert HOSTNAME in live(stored), "the analyst's restore must stay"
    assert NEW_IP in live(stored)
    append(reports, MORE)  # and on every later change
    assert sync(str(reports), double=double).code == 0
    assert HOSTNAME in live(stored_event(double, event["uuid"]))


def test_the_analysts_own_copy_of_a_new_indicator_is_not_duplicated(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).add_attribute(event["uuid"], {"type": NEW_IP[0], "value": NEW_IP[1], "comment": "our proxy"}))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert [a["comment"] for a in copies(stored, *NEW_IP)] == ["our proxy"]
    assert "MISP dropped" not in result.out, "an analyst's copy is not a value MISP refused"
    assert "kept 1 analyst change " in result.out, result.out
    append(reports, MORE)  # a later change: still no second copy, no warning
    later = sync(str(reports), double=double)
    assert later.code == 0 and "MISP dropped" not in later.out, later.out
    assert len(copies(stored_event(double, event["uuid"]), *NEW_IP)) == 1


def test_an_indicator_the_report_brings_back_is_not_restored_next_to_the_analysts_own_copy(
    sync, double, reports
) -> None:
    event = first_sync(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace("  - mail-alpha[.]example[.]com\n", ""))
    assert sync(str(reports), double=double).code == 0  # the sync soft-deletes its hostname
    copy = {"type": HOSTNAME[0], "category": "Network activity", "value": HOSTNAME[1], "comment": "still resolves"}
    ok(analyst(double).add_attribute(event["uuid"], copy))
    (reports / "alpha.txt").write_text(original)  # the report gives it again

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert [a["comment"] for a in copies(stored_event(double, event["uuid"]), *HOSTNAME)] == ["still resolves"]
    assert "MISP dropped" not in result.out and "kept 1 analyst change " in result.out, result.out


# -- tags, clusters, objects, reports --------------------------------------------------------------------
def test_tags_local_tags_clusters_objects_and_reports_of_analysts_survive(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    cluster = 'misp-galaxy:threat-actor="APT31"'
    ok(misp.tag(event["uuid"], "workflow:todo", local=True))
    ok(misp.tag(event["uuid"], cluster))
    ok(misp.tag(attribute_uuid_of(event, *URL), 'admiralty-scale:source-reliability="b"'))
    obj = {
        "name": "domain-ip",
        "meta-category": "network",
        "uuid": "0f2b4a36-7c1d-4e8f-a5b9-3c6d7e8f9a0b",
        "Attribute": [{"type": "ip-dst", "value": NEW_IP[1], "object_relation": "ip"}],
    }
    ok(misp.update_event({"Object": [obj]}, event_id=event["uuid"]))
    ok(misp.add_event_report(event["uuid"], {"name": "Hunting notes", "content": "Queried the proxy logs."}))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert {"workflow:todo", cluster} <= tags(stored)
    assert cluster in [c["tag_name"] for g in stored["Galaxy"] for c in g["GalaxyCluster"]]
    assert 'admiralty-scale:source-reliability="b"' in tags(attribute(stored, *URL))
    assert [o["name"] for o in stored["Object"] if not o["deleted"]] == ["domain-ip"]
    assert all(not a["deleted"] for o in stored["Object"] for a in o["Attribute"])
    assert "Hunting notes" in [r["name"] for r in stored["EventReport"] if not r["deleted"]]
    # the same value inside an object is no copy of the event's own indicator: MISP takes both
    assert NEW_IP in live(stored)


def test_a_tag_the_analyst_put_first_stays_when_the_report_gives_it_and_then_drops_it(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    finance = 'misp-galaxy:sector="Finance"'
    ok(analyst(double).tag(event["uuid"], finance))
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace("**Sectors:** Energy", "**Sectors:** Energy, Finance"))
    assert finance in tags(expected_event(reports / "alpha.txt", reports))
    assert sync(str(reports), double=double).code == 0
    (reports / "alpha.txt").write_text(original)  # the author takes Finance out again

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert finance in tags(stored_event(double, event["uuid"])), "the sync never put it there: not its to remove"


def test_a_tag_the_sync_put_there_goes_when_the_report_drops_it(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    finance = 'misp-galaxy:sector="Finance"'
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace("**Sectors:** Energy", "**Sectors:** Energy, Finance"))
    assert sync(str(reports), double=double).code == 0
    assert finance in tags(stored_event(double, event["uuid"]))
    (reports / "alpha.txt").write_text(original)
    assert sync(str(reports), double=double).code == 0
    assert finance not in tags(stored_event(double, event["uuid"]))


# -- event fields and TLP --------------------------------------------------------------------------------
def test_an_analysts_tlp_distribution_threat_level_and_analysis_are_not_reverted(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    ok(misp.untag(event["uuid"], "tlp:amber"))
    ok(misp.tag(event["uuid"], "tlp:red"))
    ok(misp.update_event({"distribution": 0, "threat_level_id": 1, "analysis": 1}, event_id=event["uuid"]))
    after = edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert "tlp:red" in tags(stored) and "tlp:amber" not in tags(stored)
    assert (stored["distribution"], stored["threat_level_id"], stored["analysis"]) == ("0", "1", "1")
    assert stored["info"] == after["info"] and NEW_IP in live(stored)


def test_retitling_and_extending_the_event_are_kept(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    bravo = expected_event(reports / "bravo.md", reports)["uuid"]
    ok(
        misp.update_event(
            {"info": "Alpha Spider: invoice wave (triaged)", "extends_uuid": bravo}, event_id=event["uuid"]
        )
    )
    extension = ok(misp.add_event({"info": "Our own follow-up on Alpha Spider", "extends_uuid": event["uuid"]}))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert stored["info"] == "Alpha Spider: invoice wave (triaged)" and stored["extends_uuid"] == bravo
    assert NEW_IP in live(stored)
    follow_up = stored_event(double, extension["Event"]["uuid"])
    assert follow_up["extends_uuid"] == event["uuid"] and follow_up["info"] == "Our own follow-up on Alpha Spider"
    assert len(double.model.events) == 4


# -- publishing ------------------------------------------------------------------------------------------
def test_an_update_of_a_published_event_says_misp_unpublished_it(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).publish(event["uuid"]))
    double.clear_log()
    assert sync(str(reports), double=double).code == 0 and only_the_key_check(double)  # unchanged: left published
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert stored_event(double, event["uuid"])["published"] is False  # MISP unpublishes on every edit (08)
    assert "was published" in result.err and "publish it again" in result.err
    assert [r.path.split("/")[2] for r in double.writes()].count("publish") == 0


def test_retiring_a_published_event_says_misp_unpublished_it(sync, double, reports) -> None:
    first_sync(sync, double, reports)
    charlie = expected_event(reports / "charlie.txt", reports)["uuid"]
    ok(analyst(double).publish(charlie))
    (reports / "charlie.txt").unlink()
    result = sync(str(reports), "--on-removed", "retire", double=double)
    assert result.code == 0, result.out
    assert "misp-report:retired" in tags(stored_event(double, charlie))
    assert "was published" in result.err and "charlie.txt" in result.err


def test_publish_on_change_publishes_the_updated_event_again(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).publish(event["uuid"]))
    edit_report(reports)
    result = sync(str(reports), "--publish", "on-change", double=double)
    assert result.code == 0, result.out
    assert stored_event(double, event["uuid"])["published"] is True
    assert "was published" not in result.out


# -- the whole event -------------------------------------------------------------------------------------
def test_an_event_deleted_in_misp_with_its_blocklist_entry_is_not_fought_silently(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).delete_event(event["uuid"]))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 1
    assert event["uuid"] not in double.model.events
    assert "alpha.txt" in result.shown and "blocklist" in result.shown and "deleted in MISP" in result.shown
    assert result.shown.count("updated") >= 1  # the other reports go on
    double.clear_log()
    again = sync(str(reports), double=double)  # said again on every run, never a second event
    assert again.code == 1 and "blocklist" in again.shown and event["uuid"] not in double.model.events


def test_an_event_deleted_in_misp_without_a_blocklist_entry_comes_back_and_the_run_says_so(
    sync, double, reports
) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).delete_event(event["uuid"]))
    del double.model.blocklist[event["uuid"]]  # a MISP with event blocklisting turned off
    after = edit_report(reports)
    dry = sync(str(reports), "--dry-run", double=double)
    assert (
        "deleted in MISP" in dry.err
        and "will be created again" in dry.err
        and not double.model.events.get(event["uuid"])
    )

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert live(stored_event(double, event["uuid"])) == live(after)
    assert "deleted in MISP" in result.err and "blocklist does not hold it, so it was created again" in result.err


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_the_event_report_an_analyst_edited_or_deleted_is_left_as_they_left_it(sync, double, reports, action) -> None:
    event = first_sync(sync, double, reports)
    ours = event["EventReport"][0]
    misp = analyst(double)
    if action == "edit":
        ok(misp.update_event_report({"content": ours["content"] + "\n\nAnalyst: confirmed in our logs."}, ours["id"]))
    else:
        ok(misp.delete_event_report(ours["id"]))
    edit_report(reports)  # the report's summary changes too

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    held = next(r for r in stored_event(double, event["uuid"])["EventReport"] if r["uuid"] == ours["uuid"])
    if action == "edit":
        assert held["content"].endswith("Analyst: confirmed in our logs.") and not held["deleted"]
    else:
        assert held["deleted"]
    assert "event report" in result.err and "the report changed it too" in result.err, result.err
    assert NEW_IP in live(stored_event(double, event["uuid"]))
