"""The labelled reports rendered as PDF, as DOCX and as a saved blog page score as well as their text (within
.03 on attribute and cluster recall and precision), with no event missing and nothing from the page's furniture
in any event. Scored with the rules of the team's scorer (tests/scoring.py); the shared reports are added where
the team's shared folder is present."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_scores import FormatResult, labelled_reports, score_formats, table

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "data" / "reports", ROOT.parents[1] / "shared" / "reports"]
TOLERANCE = 0.03
# One worker runs this module (tests/conftest.py ONE_WORKER_MODULES): its module fixture is built once.


@pytest.fixture(scope="module")
def results() -> dict[str, FormatResult]:
    folders = [f for f in FOLDERS if f.is_dir() and labelled_reports(f)]
    return score_formats(folders)


@pytest.mark.parametrize("kind", ["pdf", "page", "page (divs)", "docx"])
def test_a_format_scores_as_well_as_the_text(results: dict[str, FormatResult], kind: str) -> None:
    text, rendered = results["text"].score.figures(), results[kind].score.figures()
    summary = table(results)
    assert results[kind].score.missing == [], summary
    for figure, value in text.items():
        assert rendered[figure] >= value - TOLERANCE, (
            f"{kind} {figure}: {rendered[figure]:.3f} vs {value:.3f}\n{summary}"
        )
    assert results[kind].extra_clusters == set(), summary
    assert results[kind].furniture_indicators == set(), summary


def test_enough_reports_are_scored(results: dict[str, FormatResult]) -> None:
    assert results["text"].score.gold >= 100 and results["text"].score.required >= 100
