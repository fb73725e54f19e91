"""Galaxy clusters on the real-style vendor reports (tests/data/real-style/): the bar of issue 8, judged by
the hand-made labels (ok / weak / wrong, see cluster_judgement.py). `dev` is what the rules were developed
against; `held-out` was written at the same time and scored only once the rules were done. `dev2` (round 2: denied,
compared and past names, plain-line reference lists, recall of victims' countries and origins) is a second
development set; `held-out2` was written after round 2's rules and is measured with cluster_judgement.py, not held
to this bar (its first scoring is in the issue's notes). `dev3` (round 3: origins written as links to a state,
sector enumerations, run-in furniture paragraphs, separate clusters, past and denied targets, passing actors) is
a third development set. `dev4` (round 4, actors and software: name heads such as "Gamaredon" and "Lazarus",
spelling variants such as "Plug-X" and "AgentTesla", aliases of the main actor, lineage, absence in one place only,
products named like actors) is a fourth. `dev5` (round 4: sectors named before a passive targeting verb, passing
places of a generic report, infrastructure tables under a victims heading, a saved page and a blog post with every
kind of page furniture) is a fifth; `held-out5` was written after round 4's rules and is measured, not held to the
bar (its first scoring: ok .80, required 11/11). `dev6` (issue 8, news style: short news items and vendor teasers that
name each victim once, in compressed phrasing: coordinated regions and sector lists sharing one noun, news verbs of
targeting, a count of attacks spread over sectors) was written with its rules (before them: ok .84, required 17/29);
`held-out6` (the same kinds, other words) was written after them and scored once (ok .94, ok+weak .97, required 18/20,
one of the misses a label's spelling, since fixed; before the rules: required 17/20). `dev7` (issue 8 cause 9, news
items that tell other incidents as context: a paragraph of field figures listing other families' own victims,
another family's dated incident, an actor's record; kept: the same victim hit by another family, the crew's earlier
name) was written with its rules (before them: ok .71, after .96, required 11/12 both). `dev8` (issue 8, software
that is not the subject: market overviews, comparisons, lineage, advice and defenders' tools, families ruled out or
not found, reading lists, homonyms, twins, captions, earlier alerts) was written before its rules
(galaxy_software_asides; software before them: ok .57, after 1.00).

Techniques by name are left out of the bar: the technique recogniser (extract/techniques*) judges those."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.cluster_judgement import judge, rates

REAL_STYLE = Path(__file__).parents[1] / "data" / "real-style"
BAR = {"ok": 0.85, "ok_weak": 0.95, "required": 0.90}


@pytest.mark.parametrize(
    "folder", ["dev", "held-out", "dev2", "dev3", "dev4", "dev5", "dev6", "held-out6", "dev7", "dev8"]
)
def test_clusters_on_real_style_reports_meet_the_bar(folder: str) -> None:
    result = judge(REAL_STYLE / folder)
    ok, ok_weak = rates(result.total(frozenset({"technique"})))
    required = result.required_met / result.required
    details = "\n".join(result.wrong + result.missed)
    assert ok >= BAR["ok"], f"ok rate {ok:.2f}\n{details}"
    assert ok_weak >= BAR["ok_weak"], f"ok+weak rate {ok_weak:.2f}\n{details}"
    assert required >= BAR["required"], f"required clusters met {required:.2f}\n{details}"
