"""An analyst's removal in MISP is a decision that outlives the report's own changes: a tag or indicator the
sync delivered and an analyst took away stays away when the report drops it and later gives it again (an
author's edit, or a misp-report upgrade that changes what is extracted). The real PyMISP client as the sync
and as an analyst, against the MISP double; each test must fail if the sync put the thing back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pymisp import MISPAttribute, MISPEvent
from sync_helpers import (
    HOSTNAME,
    HOSTNAME_LINE,
    MORE,
    SHA256,
    URL,
    analyst,
    append,
    attribute,
    attribute_uuid_of,
    edit_report,
    expected_event,
    first_sync,
    live,
    ok,
    soft_deleted,
    stored_event,
    tags,
)

FINANCE = 'misp-galaxy:sector="Finance"'


def with_finance(reports: Path, original: str) -> None:
    (reports / "alpha.txt").write_text(original.replace("**Sectors:** Energy", "**Sectors:** Energy, Finance"))
    assert FINANCE in tags(expected_event(reports / "alpha.txt", reports))


def test_a_tag_the_analyst_removed_stays_removed_when_the_report_drops_it_and_gives_it_again(
    sync, double, reports
) -> None:
    original = (reports / "alpha.txt").read_text()
    with_finance(reports, original)
    event = first_sync(sync, double, reports)
    assert FINANCE in tags(event)
    ok(analyst(double).untag(event["uuid"], FINANCE))  # a false positive
    (reports / "alpha.txt").write_text(original)  # the report drops it (a rule got stricter)
    assert sync(str(reports), double=double).code == 0
    with_finance(reports, original)  # and gives it again (the author adds it back)

    dry = sync(str(reports), "--dry-run", double=double)
    result = sync(str(reports), double=double)

    assert f"keep (analyst) event tag {FINANCE} removed in MISP" in dry.err, dry.err
    assert result.code == 0, result.out
    assert FINANCE not in tags(stored_event(double, event["uuid"])), "the analyst's removal must stay"
    assert "kept 1 analyst change " in result.out, result.out


def test_a_tag_the_analyst_put_back_after_removing_it_is_the_syncs_again(sync, double, reports) -> None:
    original = (reports / "alpha.txt").read_text()
    with_finance(reports, original)
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    ok(misp.untag(event["uuid"], FINANCE))
    (reports / "alpha.txt").write_text(original)
    assert sync(str(reports), double=double).code == 0
    ok(misp.tag(event["uuid"], FINANCE))  # second thoughts: the analyst tags it again
    with_finance(reports, original)
    assert sync(str(reports), double=double).code == 0
    assert FINANCE in tags(stored_event(double, event["uuid"]))


@pytest.mark.parametrize("hard", [False, True])
def test_an_indicator_the_analyst_deleted_is_not_added_again_after_the_report_dropped_it(
    sync, double, reports, hard: bool
) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).delete_attribute(attribute_uuid_of(event, *HOSTNAME), hard=hard))
    original = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text(original.replace(HOSTNAME_LINE, ""))
    assert sync(str(reports), double=double).code == 0
    (reports / "alpha.txt").write_text(original)  # the report gives it again

    dry = sync(str(reports), "--dry-run", double=double)
    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert HOSTNAME not in live(stored), "the analyst's deletion must stay"
    assert (HOSTNAME in soft_deleted(stored)) is not hard
    assert "keep (analyst) attribute hostname 'mail-alpha.example.com'" in dry.err, dry.err
    assert "kept 1 analyst change " in result.out, result.out


# -- what analysts set in MISP through its other endpoints, kept through a report change ----------------------
APT31 = "6bf7e6b6-5917-45a6-9567-f0baba79768c"


def test_clusters_an_analyst_attached_through_the_galaxy_endpoint_stay(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    cluster = misp.get_galaxy_cluster(APT31, pythonify=True)
    held = MISPEvent()
    held.from_dict(**stored_event(double, event["uuid"]))
    ok(misp.attach_galaxy_cluster(held, cluster))
    target = MISPAttribute()
    target.from_dict(**attribute(stored_event(double, event["uuid"]), *URL))
    ok(misp.attach_galaxy_cluster(target, cluster, local=True))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert cluster.tag_name in tags(stored) and cluster.tag_name in tags(attribute(stored, *URL))
    assert "kept" not in result.out, "an addition in MISP is no change the sync had to keep from"


def test_a_sharing_group_no_correlation_and_a_warninglist_decision_made_in_misp_stay(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    narrowed = {"distribution": 4, "sharing_group_id": 1, "disable_correlation": True}
    ok(misp.update_event(narrowed, event_id=event["uuid"]))
    # the hash is on a warninglist of known-good files: no IDS signature, no correlation, a comment why
    decision = {"to_ids": False, "disable_correlation": True, "comment": "on the known-good warninglist"}
    ok(misp.update_attribute(decision, attribute_uuid_of(event, *SHA256)))
    ok(misp.update_attribute({"distribution": 4, "sharing_group_id": 1}, attribute_uuid_of(event, *URL)))
    append(reports, MORE)

    dry = sync(str(reports), "--dry-run", double=double)
    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert (stored["distribution"], stored["sharing_group_id"], stored["disable_correlation"]) == ("4", "1", True)
    held = attribute(stored, *SHA256)
    assert (held["to_ids"], held["disable_correlation"], held["comment"]) == (
        False,
        True,
        "on the known-good warninglist",
    )
    assert (attribute(stored, *URL)["distribution"], attribute(stored, *URL)["sharing_group_id"]) == ("4", "1")
    assert ("ip-dst", "198.51.100.99") in live(stored)
    assert "keep (analyst) event distribution '4' set in MISP" in dry.err, dry.err
    # distribution; to_ids, correlation, comment (the report sets no attribute distribution: nothing to keep)
    assert "kept 4 analyst changes" in result.out, dry.err + result.out
