"""An analyst's removal in MISP is a decision that outlives the report's own changes: a tag or indicator the
sync delivered and an analyst took away stays away when the report drops it and later gives it again (an
author's edit, or a misp-report upgrade that changes what is extracted). The real PyMISP client as the sync
and as an analyst, against the MISP double; each test must fail if the sync put the thing back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import (
    HOSTNAME,
    analyst,
    attribute_uuid_of,
    expected_event,
    first_sync,
    live,
    ok,
    soft_deleted,
    stored_event,
    tags,
)

FINANCE = 'misp-galaxy:sector="Finance"'
HOSTNAME_LINE = "  - mail-alpha[.]example[.]com\n"


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
