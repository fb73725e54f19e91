"""What analysts do on a shared MISP to the events the sync keeps, then the report changes the same thing: the
analyst's decision stays, the report's other changes land, the run says where both changed. The README's
table "What analysts do on a shared MISP" lists each case with the test that holds it. The real PyMISP client
as the sync and as an analyst (own key), against the MISP double.
"""

from __future__ import annotations

from pathlib import Path

from sync_helpers import (
    HOSTNAME,
    HOSTNAME_LINE,
    MORE,
    MORE_IP,
    NEW_IP,
    RETIRED,
    SHA256,
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
    rewrite,
    stored_event,
    tags,
)


def test_an_attribute_the_analyst_edited_keeps_their_values_when_the_report_changes_it_too(
    sync, double, reports
) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    mine = {"comment": "Confirmed in our proxy logs", "category": "Payload delivery"}
    ok(misp.update_attribute(mine, attribute_uuid_of(event, *URL)))
    assert attribute(event, *SHA256)["to_ids"] is True
    ok(misp.update_attribute({"to_ids": False}, attribute_uuid_of(event, *SHA256)))  # the IDS flag off
    append(reports, URL_AGAIN)
    report_comment = attribute(expected_event(reports / "alpha.txt", reports), *URL)["comment"]
    assert report_comment != attribute(event, *URL)["comment"], "the report must change the comment too"

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    stored = stored_event(double, event["uuid"])
    assert (attribute(stored, *URL)["comment"], attribute(stored, *URL)["category"]) == tuple(mine.values())
    assert attribute(stored, *SHA256)["to_ids"] is False
    assert "comment 'Confirmed in our proxy logs' set in MISP" in result.err, result.err
    assert "the report changed it too: the analyst's value stays" in result.err
    assert "kept 3 analyst changes" in result.out, result.err


def test_a_value_the_analyst_corrected_is_one_attribute_when_the_report_corrects_it_the_same_way(
    sync, double, reports
) -> None:
    event = first_sync(sync, double, reports)
    corrected = "mail-alpha-eu.example.com"
    ok(analyst(double).update_attribute({"value": corrected}, attribute_uuid_of(event, *HOSTNAME)))
    rewrite(reports, HOSTNAME_LINE, "  - mail-alpha-eu[.]example[.]com\n")

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    stored = stored_event(double, event["uuid"])
    assert len(copies(stored, "hostname", corrected)) == 1, "no second copy of the corrected value"
    assert HOSTNAME not in live(stored)
    again = sync(str(reports), double=double)
    assert again.code == 0 and len(copies(stored_event(double, event["uuid"]), "hostname", corrected)) == 1


def test_a_value_the_analyst_and_the_report_corrected_differently_keeps_both_and_says_so(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).update_attribute({"value": "mail-alpha-eu.example.com"}, attribute_uuid_of(event, *HOSTNAME)))
    rewrite(reports, HOSTNAME_LINE, "  - mail-alpha-us[.]example[.]com\n")

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    stored = stored_event(double, event["uuid"])
    assert {("hostname", "mail-alpha-eu.example.com"), ("hostname", "mail-alpha-us.example.com")} <= live(stored)
    assert "left live" in result.err and "edited in MISP (value)" in result.err, result.err


def test_an_event_report_the_analyst_replaced_with_their_own_is_not_put_back(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    ours = event["EventReport"][0]
    misp = analyst(double)
    ok(misp.delete_event_report(ours["id"], hard=True))
    theirs = {"name": "Alpha Spider: our assessment", "content": "# Our assessment\nSeen in two of our sites."}
    ok(misp.add_event_report(event["id"], theirs))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    held = [r for r in stored_event(double, event["uuid"])["EventReport"] if not r.get("deleted")]
    assert [(r["name"], r["content"]) for r in held] == [tuple(theirs.values())]
    assert NEW_IP in live(stored_event(double, event["uuid"]))
    assert "event report" in result.err and "deleted in MISP" in result.err, result.err


def test_two_reports_merged_into_one_each_event_keeps_the_analysts_work(sync, double, reports: Path) -> None:
    """The author merges charlie.txt into alpha.txt and deletes charlie.txt: alpha's event gains charlie's
    indicators; charlie's event is retired as `on_removed` says, and what analysts worked on there stays."""
    policy = ("--on-removed", "soft-delete")
    assert sync(str(reports), *policy, double=double).code == 0
    charlie = stored_event(double, expected_event(reports / "charlie.txt", reports)["uuid"])
    alpha_uuid = expected_event(reports / "alpha.txt", reports)["uuid"]
    ok(analyst(double).add_sighting({"source": "firewall"}, attribute_uuid_of(charlie, "ip-dst", "192.0.2.55")))
    merged = (reports / "alpha.txt").read_text() + "  - 192.0.2.55\n"
    (reports / "alpha.txt").write_text(merged)
    (reports / "charlie.txt").unlink()

    result = sync(str(reports), *policy, double=double)

    assert result.code == 0, result.shown
    assert len(double.model.events) == 3
    assert ("ip-dst", "192.0.2.55") in live(stored_event(double, alpha_uuid))
    retired = stored_event(double, charlie["uuid"])
    assert "misp-report:retired" in tags(retired)
    assert ("ip-dst", "192.0.2.55") in live(retired), "the sighted indicator stays in the retired event"


def test_an_event_another_organisation_owns_now_fails_clearly_every_run_and_is_never_duplicated(
    sync, double, reports: Path
) -> None:
    """A site admin gave the event to another organisation (or it came from another MISP by MISP's own sync):
    the sync's user still sees it and may not edit it. That report fails with what to do, on every run, and
    no second event is made; the other reports go on."""
    event = first_sync(sync, double, reports)
    double.model.give_to_another_organisation(event["uuid"], "CERT-Partner")
    edit_report(reports)
    charlie = reports / "charlie.txt"
    charlie.write_text(charlie.read_text() + "  - 192.0.2.56\n")
    before = stored_event(double, event["uuid"])

    for _ in range(2):
        result = sync(str(reports), "--on-removed", "retire", double=double)
        assert result.code == 1
        failures = [line for line in result.shown.splitlines() if "failed" in line and "alpha.txt" in line]
        assert failures and "belongs to the organisation 'CERT-Partner' now" in failures[0], failures
        assert "give it back" in failures[0] and "a key of 'CERT-Partner'" in failures[0], failures
        assert stored_event(double, event["uuid"]) == before and len(double.model.events) == 3
    assert ("ip-dst", "192.0.2.56") in live(stored_event(double, expected_event(charlie, reports)["uuid"]))

    (reports / "alpha.txt").unlink()  # removed from the repository: the retire is refused the same way
    result = sync(str(reports), "--on-removed", "retire", double=double)
    assert result.code == 1 and "retiring event" in result.shown and "'CERT-Partner' now" in result.shown, result.shown
    assert stored_event(double, event["uuid"]) == before and len(double.model.events) == 3


def test_a_proposal_of_another_organisation_stays_pending_and_once_accepted_is_the_analysts(
    sync, double, reports: Path
) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    target = attribute_uuid_of(event, *URL)
    proposed = {"comment": "Sinkholed by our CERT since October", "category": "External analysis"}
    proposal = ok(misp.update_attribute_proposal(target, proposed))["ShadowAttribute"]
    text = append(reports, MORE)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    held = attribute(stored_event(double, event["uuid"]), *URL)
    assert held["comment"] == attribute(event, *URL)["comment"], "a pending proposal changes nothing"
    assert [p["comment"] for p in held["ShadowAttribute"]] == [proposed["comment"]], "and the sync keeps it"
    ok(misp.accept_attribute_proposal(proposal["id"]))  # the event's organisation takes it
    (reports / "alpha.txt").write_text(text + URL_AGAIN)  # the report changes the URL's comment too

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    held = attribute(stored_event(double, event["uuid"]), *URL)
    assert (held["comment"], held["category"]) == tuple(proposed.values()) and held["ShadowAttribute"] == []
    assert "the analyst's value stays" in result.err, result.err


def test_a_tlp_the_analyst_chose_is_not_joined_by_the_reports_new_one(sync, double, reports: Path) -> None:
    """One TLP per event: the analyst tightened it; the report's author then marks the report TLP:GREEN. The
    analyst's marking stays alone (a looser second marking would let the event be shared wider) and the run
    says so."""
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    ok(misp.untag(event["uuid"], "tlp:amber"))
    ok(misp.tag(event["uuid"], "tlp:red"))
    append(reports, "\nTLP:GREEN\n" + MORE)
    assert "tlp:green" in tags(expected_event(reports / "alpha.txt", reports))

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    stored = stored_event(double, event["uuid"])
    assert {t for t in tags(stored) if t.startswith("tlp:")} == {"tlp:red"} and MORE_IP in live(stored)
    assert "tlp:red set in MISP (report: tlp:green)" in result.err and "the analyst's value stays" in result.err


def test_an_event_of_their_own_that_extends_the_syncs_is_never_touched_by_a_removal(sync, double, reports) -> None:
    """The sync writes only its own event: a colleague's event extending it stays as they made it when the
    report is withdrawn (`on_removed` applies to the sync's event alone)."""
    event = first_sync(sync, double, reports)
    theirs = ok(analyst(double).add_event({"info": "Our follow-up on Alpha Spider", "extends_uuid": event["uuid"]}))
    before = stored_event(double, theirs["Event"]["uuid"])
    (reports / "alpha.txt").unlink()

    result = sync(str(reports), "--on-removed", "soft-delete", double=double)

    assert result.code == 0, result.shown
    assert stored_event(double, theirs["Event"]["uuid"]) == before
    assert RETIRED in tags(stored_event(double, event["uuid"])) and len(double.model.events) == 4
