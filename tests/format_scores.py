"""Test helper: the labelled reports scored as text and as the same reports rendered to PDF, DOCX and a saved blog
page (`report_renderings`), so a test can require each format to score as well as the text.

Run as a script for the table of issue 11: `python tests/format_scores.py [FOLDER ...]`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from report_renderings import PAGE_FURNITURE, render_blog_page, render_div_page, render_docx, render_pdf
from scoring import Score, clusters, score_event

from misp_module.errors import ReportError
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

RENDERINGS: dict[str, tuple[str, Callable[..., bytes] | None]] = {
    "text": ("", None),
    "pdf": (".pdf", render_pdf),
    "page": (".html", render_blog_page),
    "page (divs)": (".html", render_div_page),
    "docx": (".docx", render_docx),
}


@dataclass
class FormatResult:
    """One format's score over the reports, the clusters only its events have (page furniture) and the
    furniture indicators that reached an event."""

    score: Score = field(default_factory=Score)
    extra_clusters: set[tuple[str, str, str]] = field(default_factory=set)
    furniture_indicators: set[tuple[str, str]] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def labelled_reports(folder: Path) -> list[tuple[Path, Path]]:
    """(report, gold) for every .txt/.md report with a gold file beside it."""
    pairs = []
    for gold in sorted(folder.glob("*.gold.yaml")):
        stem = gold.name.removesuffix(".gold.yaml")
        report = next((folder / f"{stem}{s}" for s in (".txt", ".md") if (folder / f"{stem}{s}").exists()), None)
        if report:
            pairs.append((report, gold))
    return pairs


def _event(data: bytes, name: str, settings: Settings) -> dict | None:
    try:
        event = convert_bytes(data, identity=name, name=name, settings=settings)
    except ReportError:
        return None
    return event.to_dict()


def score_formats(folders: list[Path], formats: tuple[str, ...] = tuple(RENDERINGS)) -> dict[str, FormatResult]:
    """Every labelled report of the folders converted in each format and scored."""
    settings = Settings()
    results = {kind: FormatResult() for kind in formats}
    for folder in folders:
        for report, gold in labelled_reports(folder):
            text = report.read_text(encoding="utf-8")
            title = report.stem.replace("-", " ").replace("_", " ")
            text_clusters: set[tuple[str, str]] = set()
            text_values: set[str] = set()
            for kind in formats:
                suffix, render = RENDERINGS[kind]
                data = render(text, title=title) if render else text.encode()
                event = _event(data, report.stem + (suffix or report.suffix), settings)
                result = results[kind]
                score_event(gold, event, result.score)
                if event is None:
                    result.errors.append(report.name)
                    continue
                found = clusters(event)
                values = {str(a.get("value", "")).lower() for a in event.get("Attribute") or []}
                if kind == "text":
                    text_clusters, text_values = found, values
                    continue
                result.extra_clusters |= {(report.stem, *c) for c in found - text_clusters}
                for indicator in PAGE_FURNITURE["indicators"]:
                    if any(indicator in v for v in values - text_values):
                        result.furniture_indicators.add((report.stem, indicator))
    return results


def table(results: dict[str, FormatResult]) -> str:
    """The issue's table: missing events, attributes R / P, clusters R / P, clusters only that format has."""
    lines = [
        "| format | missing events | attributes R / P | clusters R / P | clusters not in the text's event |",
        "|---|---|---|---|---|",
    ]
    for kind, result in results.items():
        f = result.score.figures()
        extra = "—" if kind == "text" else str(len(result.extra_clusters))
        lines.append(
            f"| {kind} | {len(result.score.missing)} | {f['attr_recall']:.3f} / {f['attr_precision']:.3f} | "
            f"{f['cluster_recall']:.3f} / {f['cluster_precision']:.3f} | {extra} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    chosen = [Path(a) for a in sys.argv[1:]] or [here / "data" / "reports", here.parents[1] / "shared" / "reports"]
    outcome = score_formats([f for f in chosen if f.is_dir()])
    print(table(outcome))
    for kind, result in outcome.items():
        for item in sorted(result.extra_clusters):
            print(f"{kind}: cluster not in the text's event: {item}")
        for item in sorted(result.furniture_indicators):
            print(f"{kind}: furniture indicator: {item}")
        for item in result.errors:
            print(f"{kind}: not converted: {item}")
