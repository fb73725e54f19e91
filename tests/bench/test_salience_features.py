"""The salience measurement (issue 8) labels clusters from gold and counts a rule the way its docstring says."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import salience_features as sf  # noqa: E402

REPORT = BENCH.parent / "data" / "real-style" / "dev" / "d1-banking-trojans-iberia.md"

PASSING = {
    "kind": "actor",
    "label": "trap",
    "emitted": "0",
    "sentences": "1",
    "words": "900",
    "title": "0",
    "summary": "0",
    "heading": "0",
    "first_paragraph": "0",
    "structured": "0",
    "table": "0",
    "verb": "0",
    "zipf": "0.0",
    "first_pos": "0.8",
    "share": "0.2",
}
RULE = sf.Rule(sentences=1, words=0, no_verb=True, zipf=0.0, first_pos=0.7, share=0.5)


def test_gold_lists_give_the_labels() -> None:
    gold = {
        "galaxy_clusters": [{"galaxy": "country", "value": "spain"}, {"any_of": [{"galaxy": "tool", "value": "X"}]}],
        "optional_clusters": [{"galaxy": "sector", "value": "Bank"}],
        "must_not": [{"galaxy": "country", "value": "brazil"}],
        "weak_clusters": [{"galaxy": "region", "value": "Europe"}],
    }
    ok, traps = sf.labels(gold)
    assert ok == {("country", "spain"), ("tool", "X"), ("sector", "Bank")}
    assert traps == {("country", "brazil"), ("region", "Europe")}


def test_rule_drops_a_late_bare_single_mention() -> None:
    assert RULE.drops(PASSING)


def test_rule_keeps_what_any_signal_vouches_for() -> None:
    for change in (
        {"sentences": "2"},
        {"title": "1"},
        {"table": "1"},
        {"verb": "1"},
        {"first_pos": "0.2"},
        {"share": "1.0"},
    ):
        assert not RULE.drops({**PASSING, **change}), change


def test_score_counts_emitted_ok_apart_from_latent_ok() -> None:
    rows = [{**PASSING, "label": "ok", "emitted": "1"}, {**PASSING, "label": "ok"}, PASSING]
    counts = sf.score(rows, RULE)
    assert (counts["drop_ok_emitted"], counts["drop_ok_latent"], counts["drop_trap"]) == (1, 1, 1)


def test_rows_of_a_report_carry_its_features_and_labels() -> None:
    gold = yaml.safe_load(REPORT.with_name("d1-banking-trojans-iberia.gold.yaml").read_text(encoding="utf-8"))
    rows = {(r["galaxy"], r["value"]): r for r in sf.report_rows("rs-dev", REPORT, gold)}
    mekotio = rows["malpedia", "Mekotio"]
    assert (mekotio["label"], mekotio["emitted"], mekotio["title"]) == ("ok", 1, 1)
    assert mekotio["sentences"] > 3
    brazil = rows["country", "brazil"]
    assert (brazil["label"], brazil["emitted"], brazil["sentences"]) == ("trap", 0, 1)
