"""The event report: the report's text as markdown MISP renders as meant (the template's section headings as
real headings, no indented first line) and a short name; rendered here with markdown-it-py, the Python port
of the markdown-it parser MISP's event report viewer uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from misp_module.build.event_report import NAME_MAX, report_markdown, report_name
from misp_module.read.reader import read_report

MAIN_FORMAT = """\
Full Report
Poland's CERT Orange and Ukraine's CERT-UA say Russian military intelligence hackers are sending "photo album" \
lures to government staff, using free web services to stage malware and steal Outlook credentials.
Analysis Summary
# Threat Actor: APT28 (Fancy Bear / Forest Blizzard, GRU Unit 26165)
## Attribution & Identity
The campaign is attributed to APT28, a unit of Russia's GRU.
## Activity Summary
Since late 2023 the group has sent spearphishing emails with a ZIP archive. The Full Report of the CERT follows
the Analysis Summary of last year.
## Tactics, Techniques & Procedures
- **Initial Access:** spearphishing attachment.
## Targeting
- **Sectors:** Government, Defense
- **Geography:** Poland, Ukraine
## Tools & Infrastructure
- **Infrastructure (C2, domains, IPs):** 185.162.235.127
## Implications
Ministries should expect more of the same.
## Mitigations
Block the free web services the lures use.
"""


def read(text: str, name: str = "report.txt", template: str | None = None):
    return read_report(text.encode(), identity=name, name=name, max_bytes=1 << 20, template=template)


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every heading markdown-it finds."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [
        (int(token.tag[1]), tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def code_blocks(markdown: str) -> list[str]:
    return [t.content for t in MarkdownIt("commonmark").parse(markdown) if t.type in ("code_block", "fence")]


def test_main_format_parts_become_headings_and_nothing_else_changes():
    markdown = report_markdown(read(MAIN_FORMAT))

    assert headings(markdown)[:4] == [
        (1, "Full Report"),
        (1, "Analysis Summary"),
        (1, "Threat Actor: APT28 (Fancy Bear / Forest Blizzard, GRU Unit 26165)"),
        (2, "Attribution & Identity"),
    ]
    assert not code_blocks(markdown)
    # Words of a part's title inside a sentence stay prose.
    assert "The Full Report of the CERT follows\nthe Analysis Summary of last year." in markdown
    assert markdown.replace("# Full Report", "Full Report").replace("# Analysis Summary", "Analysis Summary") == (
        MAIN_FORMAT
    )


def test_analysis_summary_no_longer_runs_into_the_paragraph_above():
    tokens = MarkdownIt("commonmark").parse(report_markdown(read(MAIN_FORMAT)))
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]

    assert not any("Analysis Summary" in p for p in paragraphs if p.startswith("Poland's CERT"))


def test_leading_blank_lines_and_indentation_are_removed():
    indented = "\n\n   " + MAIN_FORMAT.replace("\n", "\n   ")
    markdown = report_markdown(read(indented))

    assert markdown.startswith("# Full Report\n")
    assert not code_blocks(markdown)
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


def test_bold_or_plain_part_titles_take_the_level_of_the_heading_before_them():
    text = (
        "## Summary\nA phishing wave hit three logistics firms in March 2025.\n"
        "**Targeting:**\n- **Sectors:** Logistics\n"
        "**Mitigations**\nReset the passwords of every account that opened the lure.\n"
    )
    markdown = report_markdown(read(text, template="analysis-summary"))

    assert headings(markdown) == [(2, "Summary"), (2, "Targeting"), (2, "Mitigations")]
    assert "- **Sectors:** Logistics" in markdown


def test_a_markdown_report_keeps_its_own_headings():
    text = "# Weekly notes on phishing\n\nSome prose about lures.\n\n## Indicators\n\n- evil.example\n"
    markdown = report_markdown(read(text, name="notes.md"))

    assert markdown == text


def test_name_is_the_actor_and_the_headline_cut_at_a_word():
    report = read(MAIN_FORMAT)
    name = report_name(report)

    assert name == "APT28 — Poland's CERT Orange and Ukraine's CERT-UA say Russian military…"
    assert len(name) <= NAME_MAX


def test_name_is_the_stated_title_when_the_report_has_one():
    text = "---\ntitle: Phishing wave against logistics firms\n---\n" + MAIN_FORMAT

    assert report_name(read(text)) == "Phishing wave against logistics firms"


def test_name_without_an_actor_is_the_reports_title():
    text = "# Weekly notes on phishing\n\nA phishing wave hit three logistics firms in March 2025 and more.\n"

    assert report_name(read(text, name="notes.md")) == "Weekly notes on phishing"


@pytest.mark.parametrize("sample", ["deepseek-czechia.txt", "unseen-h01_oilrig_energy.txt"])
def test_samples_render_without_code_blocks_and_with_their_parts(reports_dir: Path, sample: str):
    report = read((reports_dir / sample).read_text(encoding="utf-8"), name=sample)
    found = [text for _, text in headings(report_markdown(report))]

    assert found[:2] == ["Full Report", "Analysis Summary"]
    assert not code_blocks(report_markdown(report))
    assert len(report_name(report)) <= NAME_MAX
