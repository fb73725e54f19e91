"""The tag scorer's bench tool (issue 8, tagscore): the features tell a page's subject from a name in passing, the
judged sets' layouts read alike, training is deterministic, the gate's verdict, and the scorer only moves clusters
between the tags and the "Also named" list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import tag_scorer_features as tf  # noqa: E402
import tag_scorer_train as tt  # noqa: E402

from misp_module.read.reader import read_report  # noqa: E402

# A news item in our own words: the stealer is in the title and the lead; another family is recalled once, at the end.
PAGE = """# Lumma Stealer rides fake invoice emails into Portuguese accounting firms

Lumma Stealer is being pushed to accounting firms in Portugal through emails that pose as overdue invoices from a
courier. The attached archive holds a script that fetches the stealer, which then collects saved browser passwords,
session cookies and cryptocurrency wallet files before sending them to its operators.

Our telemetry shows the campaign began in early March. Lumma Stealer builds in this wave use a new string
encryption routine, and the operators rotate their delivery domains every few days to stay ahead of blocklists.
Accounting staff in Portugal received most of the messages.

We recommend that finance teams treat unexpected invoice archives with suspicion and that defenders watch for
script hosts starting from the downloads folder. The lure recalls the invoice emails that Emotet sent in 2021.
"""


def _rows() -> dict[str, dict]:
    report = read_report(PAGE.encode(), identity="lumma.md", name="lumma.md", max_bytes=10**6)
    rows, techniques = tf.page_rows(report)
    assert all("attack-pattern" in t for t in techniques)
    return {r["tag"]: {**r, **dict(zip(tf.FEATURES, r["x"], strict=True))} for r in rows}


def test_features_tell_the_subject_from_a_name_recalled_once() -> None:
    rows = _rows()
    subject = rows['misp-galaxy:malpedia="Lumma Stealer"']
    passing = rows['misp-galaxy:malpedia="Emotet"']
    assert subject["tagged"] and not passing["tagged"]
    assert subject["title"] == subject["lead"] == subject["first_paragraph"] == 1.0
    assert subject["first_pos"] < 0.1 and subject["top_of_kind"] == 1.0
    assert passing["title"] == passing["lead"] == 0.0
    assert passing["once"] == 1.0 and passing["first_pos"] > 0.8 and passing["share"] < 1.0


def test_rows_are_deterministic() -> None:
    assert _rows() == _rows()


@pytest.mark.parametrize(
    "text",
    [
        "pages:\n  p1:\n    tags:\n    - {tag: 'A', verdict: ok}\n    - {tag: 'B', verdict: weak, why: x}\n"
        "    required: [[A]]\n",
        "p1:\n  tags:\n    A: ok\n    B: 'weak: only compared'\n  required: [[A]]\n",
        "p1:\n  tags:\n    A: ok\n    B: 'weak | only compared'\n  required: [[A]]\n",
        "pages:\n  p1.txt:\n    tags:\n      A: {verdict: ok}\n      B: {verdict: weak, why: x}\n    required: [[A]]\n",
    ],
)
def test_every_judgement_layout_reads_alike(tmp_path: Path, text: str) -> None:
    (tmp_path / "judgements.yaml").write_text(text, encoding="utf-8")
    assert tt.load_judgements(tmp_path) == {"p1": {"verdicts": {"A": "ok", "B": "weak"}, "required": [["A"]]}}


FIGURES = {"ok": 90, "weak": 8, "wrong": 2, "unjudged": 0, "req": 50, "req_hit": 40, "orig_ok": 80, "kept": 75}


def test_gate_verdicts() -> None:
    assert tt.verdict(FIGURES, dict(FIGURES)) == "same"
    assert tt.verdict(FIGURES, {**FIGURES, "ok": 91, "req_hit": 41, "kept": 76}) == "better"
    # One more ok tag with a weak one beside it lowers the ok rate.
    assert tt.verdict(FIGURES, {**FIGURES, "ok": 91, "weak": 9}) == "worse"
    assert tt.verdict(FIGURES, {**FIGURES, "weak": 6, "ok": 89, "kept": 74}) == "worse"


def _row(tag: str, tagged: bool, label: str, lead: float) -> dict:
    x = [1.0, float(tagged)] + [0.0] * (len(tf.FEATURES) - 2)
    x[tf.FEATURES.index("lead")] = lead
    x[tf.FEATURES.index("kind_country")] = 1.0
    return {"tag": tag, "kind": "country", "tagged": tagged, "label": label, "x": x}


def test_training_is_deterministic_and_reads_the_features() -> None:
    pytest.importorskip("numpy")
    rows = [_row(f"t{i}", i % 2 == 0, "ok" if i % 3 else "weak", float(i % 3 != 0)) for i in range(30)]
    first, second = tt.train_channels(rows), tt.train_channels(rows)
    assert first == second
    assert tt.score(first, _row("a", True, "ok", 1.0)) > tt.score(first, _row("b", True, "ok", 0.0))


def test_the_scorer_only_moves_clusters_between_tags_and_the_list() -> None:
    weights = {True: [-5.0] + [0.0] * (len(tf.FEATURES) - 1), False: [5.0] + [0.0] * (len(tf.FEATURES) - 1)}
    thresholds = dict.fromkeys(tt.GROUPS, (0.5, 0.5))
    page = {"rows": [_row("tag", True, "ok", 0.0), _row("listed", False, "ok", 0.0)], "techniques": ["technique"]}
    data = {"pages": {"p1": page}}
    assert tt.emitted_tags(data, None, None, "") == {"p1": {"tag", "technique"}}
    assert tt.emitted_tags(data, weights, thresholds, "both") == {"p1": {"listed", "technique"}}
    assert tt.emitted_tags(data, weights, thresholds, "demote") == {"p1": {"technique"}}
    assert tt.emitted_tags(data, weights, thresholds, "promote") == {"p1": {"tag", "listed", "technique"}}
