"""The rule that pairs a gone report with a new one (likeness.py), on the sample reports' events: what must
pair (the same report renamed and rewritten) and what must not (another report, the same indicators under
another title, the same title over other indicators), and how several candidates are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sync_helpers import DATA, DELTA, expected_event

from misp_module.deliver.sync.likeness import likeness, pair, sketch
from misp_module.deliver.sync.state import Delivery

REPORTS = DATA / "reports"


def drawn(event: dict[str, Any]) -> dict[str, Any]:
    return json.loads(sketch(event))


def event_of(path: Path) -> dict[str, Any]:
    return expected_event(path, path.parent)


def gone(identity: str, event: dict[str, Any]) -> Delivery:
    return Delivery(identity, f"uuid-of-{identity}", "i", "e", "ok", sketch=sketch(event))


def test_the_same_report_rewritten_pairs_and_another_report_does_not(tmp_path: Path) -> None:
    alpha, edited = event_of(REPORTS / "alpha.txt"), event_of(DATA / "edited" / "alpha.txt")
    assert likeness(drawn(alpha), drawn(edited)) is not None
    (tmp_path / "delta.txt").write_text(DELTA)
    for other in (event_of(REPORTS / "charlie.txt"), event_of(REPORTS / "bravo.md"), event_of(tmp_path / "delta.txt")):
        assert likeness(drawn(alpha), drawn(other)) is None


def test_the_same_indicators_under_another_title_or_the_same_title_over_others_do_not_pair() -> None:
    alpha = event_of(REPORTS / "alpha.txt")
    retitled = {**alpha, "info": "Quarterly roundup of commodity loaders seen by the team"}
    assert likeness(drawn(alpha), drawn(retitled)) is None
    charlie = event_of(REPORTS / "charlie.txt")
    same_title = {**charlie, "info": alpha["info"]}
    assert likeness(drawn(alpha), drawn(same_title)) is None


def test_a_commit_record_of_a_git_source_is_not_content() -> None:
    """The commit attributes change with every commit: they count for nothing."""
    alpha = event_of(REPORTS / "alpha.txt")
    commit = {"type": "git-commit-id", "value": "0" * 40, "comment": "Last change to alpha.txt"}
    link = {"type": "link", "value": "https://git.example.org/c/1", "comment": "Commit that last changed alpha.txt"}
    with_commit = {**alpha, "Attribute": [*alpha["Attribute"], commit, link]}
    assert drawn(with_commit) == drawn(alpha)


def test_one_gone_and_one_new_pair_two_candidates_are_refused_naming_the_way_out() -> None:
    alpha, edited = event_of(REPORTS / "alpha.txt"), drawn(event_of(DATA / "edited" / "alpha.txt"))
    charlie = drawn(event_of(REPORTS / "charlie.txt"))
    one = pair([gone("alpha.txt", alpha)], {"2025/alpha.txt": edited, "delta.txt": charlie})
    assert set(one.found) == {"2025/alpha.txt"} and not one.refused and not one.held

    two = pair([gone("alpha.txt", alpha)], {"a1.txt": edited, "a2.txt": drawn(alpha), "delta.txt": charlie})
    assert not two.found and set(two.refused) == {"a1.txt", "a2.txt"} and set(two.held) == {"alpha.txt"}
    assert "it is like alpha.txt, which is gone, and so is a2.txt" in two.refused["a1.txt"]
    assert "`id: alpha.txt`" in two.refused["a1.txt"] and "a1.txt or a2.txt" in two.held["alpha.txt"]

    merged = pair([gone("alpha.txt", alpha), gone("alpha-copy.txt", alpha)], {"a.txt": edited})
    assert not merged.found and set(merged.held) == {"alpha.txt", "alpha-copy.txt"}
    assert "`id: alpha-copy.txt` or `id: alpha.txt`" in merged.refused["a.txt"]


def test_a_renamed_delivery_is_kept_under_the_path_its_event_derives_from() -> None:
    alpha = event_of(REPORTS / "alpha.txt")
    moved = Delivery("2024/alpha.txt", "u", "i", "e", "ok", origin="alpha.txt", sketch=sketch(alpha))
    result = pair([moved], {"a1.txt": drawn(alpha), "a2.txt": drawn(alpha)})
    assert "`id: alpha.txt`" in result.refused["a1.txt"]
