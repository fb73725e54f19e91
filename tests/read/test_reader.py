"""The reader: each section role of the Analysis Summary format, generic markdown and HTML reports."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from misp_module.read.metadata import parse_date
from misp_module.read.reader import read_report
from misp_module.read.report import Report

MAX = 5 * 1024 * 1024


def read(path: Path, template: str | None = None) -> Report:
    return read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=MAX, template=template)


@pytest.fixture
def deepseek(reports_dir: Path) -> Report:
    return read(reports_dir / "deepseek-czechia.txt")


def section_text(report: Report, role: str) -> str:
    sections = report.sections_with_role(role)
    assert sections, f"no section of role {role}"
    return sections[0].text


def test_analysis_summary_template_is_picked_from_the_headings(deepseek: Report) -> None:
    assert deepseek.template == "analysis-summary"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("summary", "Czechia said in banning the software"),
        ("attribution", "The threat is attributed to **Beijing**"),
        ("activity", "exploitation of the Chinese AI company"),
        ("ttps", "Legal Coercion/Supply Chain Risk"),
        ("targeting", "**Geography:**"),
        ("tools", "Malware families used"),
        ("implications", "software supply chain verification"),
        ("mitigations", "Heightened scrutiny"),
    ],
)
def test_each_section_role_holds_its_text(deepseek: Report, role: str, expected: str) -> None:
    assert expected in section_text(deepseek, role)


def test_sections_do_not_bleed_into_each_other(deepseek: Report) -> None:
    assert "Mitigations" not in section_text(deepseek, "implications")
    assert "Targeting" not in section_text(deepseek, "ttps")


def test_actor_heading_and_targeting_fields(deepseek: Report) -> None:
    assert deepseek.actor == "Chinese State-Sponsored Actors (Attribution linked to Beijing)"
    assert deepseek.field_values("sectors")[0].startswith("Government/State Entities")
    geography = deepseek.field_values("geography")[0]
    assert "Czech Republic" in geography and "Italy" in geography
    assert deepseek.field_values("victims")[0].startswith("Czech Ministry of Foreign Affairs")
    assert deepseek.field_values("malware") == ["DeepSeek LLM software/mobile application."]


def test_headline_and_title_come_from_the_summary_and_actor(deepseek: Report) -> None:
    assert deepseek.headline.startswith("The AI products from Chinese company DeepSeek")
    assert "DeepSeek" in deepseek.title and "Chinese State-Sponsored Actors" in deepseek.title


def test_generic_markdown_with_front_matter(reports_dir: Path) -> None:
    report = read(reports_dir / "generic-phishing-note.md")
    assert report.template == "generic"
    assert report.identity == "notes/2025-03-phishing-wave"
    assert report.title == "Invoice-themed phishing wave against logistics firms"
    assert report.date == datetime.date(2025, 3, 14)
    assert report.source_url == "https://intel.example.org/notes/2025-03-phishing-wave"
    assert [s.value for s in report.sections_with_role("body")] == [
        "Invoice-themed phishing wave against logistics firms",
        "What we saw",
        "What to do",
    ]
    assert report.summary.startswith("Our SOC observed a burst")
    assert not report.text.startswith("---"), "front matter is metadata, not report text"


def test_html_is_read_as_text(reports_dir: Path) -> None:
    report = read(reports_dir / "html-advisory.html")
    assert report.template == "generic"
    assert report.title == "Advisory: exploitation of an edge VPN appliance"
    assert report.date == datetime.date(2024, 11, 2)
    assert "document.write" not in report.text and "font-family" not in report.text
    assert "- Stolen credentials were reused" in report.text
    assert [s.value for s in report.sections_with_role("body")][1:] == ["Technical details", "Recommendations"]


@pytest.mark.parametrize(
    ("caption", "line"),
    [
        ("Victims by country", "Figure: Victims by country"),
        ("Figure 3: the loader's menu", "Figure 3: the loader's menu"),
        ("Screenshot of the lure", "Screenshot of the lure"),
    ],
)
def test_html_figure_caption_is_a_labelled_line(caption: str, line: str) -> None:
    """A saved page's caption stands on its own line and says it is a caption (the page-furniture rules skip it);
    one that already says so is left as written."""
    figure = f"<figure><img src='a.png'><figcaption>{caption}</figcaption></figure>"
    page = f"<html><body><h1>T</h1><p>Before.</p>{figure}<p>After.</p></body></html>"
    text = read_report(page.encode(), identity="p.html", name="p.html", max_bytes=MAX).text
    assert line in text.splitlines()
    assert "Before." in text.splitlines() and "After." in text.splitlines()


def test_forced_template_overrides_detection(reports_dir: Path) -> None:
    report = read(reports_dir / "deepseek-czechia.txt", template="generic")
    assert report.template == "generic"


def test_plain_text_without_headings_is_one_preamble() -> None:
    text = b"Analysts saw a new loader spreading through malvertising campaigns this week.\n"
    report = read_report(text, identity="x.txt", name="x.txt", max_bytes=MAX)
    assert report.template == "generic"
    assert report.title.startswith("Analysts saw a new loader")
    assert [s.role for s in report.sections] == ["preamble"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 5th, 2024", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("05.03.2024", "2024-03-05"),
        ("last Tuesday", None),
    ],
)
def test_written_dates(written: str, expected: str | None) -> None:
    parsed = parse_date(written)
    assert (parsed.isoformat() if parsed else None) == expected


def test_date_line_in_text_is_used() -> None:
    text = b"# Weekly note\n\n**Date:** 12 January 2025\n\nThe loader campaign kept going all week long.\n"
    assert read_report(text, identity="n", name="n.md", max_bytes=MAX).date == datetime.date(2025, 1, 12)


VARIANT = """\
Full Report
Officials said a spying group broke into the networks of two ministries this spring.
Analysis Summary
# Threat Actor: Example Actor
## 1. Attribution and Identity
Attributed to a state actor.
## Tactics, Techniques, and Procedures (TTPs)
Spearphishing links.
## Targeting & Victimology
- **Target Sectors:** Government
- **Countries targeted:** Chile
- **Geographic focus:** South America
## Indicators of Compromise (IOCs)
- 203.0.113.9
## Mitigations & Recommendations
Patch the mail gateway.
"""


def test_heading_variants_keep_their_roles() -> None:
    """Numbering, "and" for "&", an Oxford comma, a note in parentheses and a second topic are the same heading."""
    report = read_report(VARIANT.encode(), identity="v", name="v.md", max_bytes=MAX)
    assert report.template == "analysis-summary"
    roles = [s.role for s in report.sections]
    assert roles == ["summary", "analysis", "actor", "attribution", "ttps", "targeting", "tools", "mitigations"]
    assert report.field_values("sectors") == ["Government"]
    assert report.field_values("geography") == ["Chile\nSouth America"]
    assert section_text(report, "ttps").strip() == "Spearphishing links."


@pytest.mark.parametrize(
    "heading",
    [
        "# Threat Actor: APT41",
        "# **Threat Actor:** APT41",
        "## Threat Actors: APT41",
        "# Threat Actor – APT41",
        "# Threat Actor Profile: APT41",
        "# Threat Actor(s): APT41",
    ],
)
def test_actor_heading_variants(heading: str) -> None:
    text = VARIANT.replace("# Threat Actor: Example Actor", heading)
    assert read_report(text.encode(), identity="v", name="v.md", max_bytes=MAX).actor == "APT41"


@pytest.mark.parametrize("name", ["/home/analyst/reports/2025/iocs.txt", "C:\\Users\\analyst\\iocs.txt", "iocs.txt"])
def test_a_report_without_title_or_sentence_is_titled_by_its_file_name_not_its_folders(name: str) -> None:
    """The event's title is what every MISP user reads: the folders of the path a user typed stay on their machine."""
    report = read_report(b"198.51.100.7\n203.0.113.9\n", identity="iocs.txt", name=name, max_bytes=MAX)
    assert report.title == "iocs.txt"
    assert report.name == name  # messages still name the file as the user gave it


TABLE_FIRST = (
    "| Indicator | Type |\n|---|---|\n| relay.northwind-sync.net | domain |\n| 198.51.100.7 | ip |\n\n"
    "The operators behind the March wave staged their loader on a rented server. Details follow.\n"
)


@pytest.mark.parametrize(
    "text, name",
    [
        (TABLE_FIRST, "wave.md"),
        (
            "<html><body><table><tr><td><table><tr><td>Indicator</td><td>Type</td></tr><tr><td>relay.northwind-sync"
            ".net</td><td>domain</td></tr></table></td></tr></table><p>The operators behind the March wave staged "
            "their loader on a rented server. Details follow.</p></body></html>",
            "wave.html",
        ),
    ],
)
def test_a_table_that_opens_the_report_is_not_its_title(text: str, name: str) -> None:
    """A table is not prose: the event's title is the first sentence after it, not the table's markup."""
    report = read_report(text.encode(), identity=name, name=name, max_bytes=MAX)
    assert report.title == "The operators behind the March wave staged their loader on a rented server"
    assert "|" not in (report.summary or "")


def test_a_report_of_only_a_table_is_titled_by_its_file_name() -> None:
    text = "| Indicator | Type |\n|---|---|\n| relay.northwind-sync.net | domain |\n| 198.51.100.7 | ip address |\n"
    assert read_report(text.encode(), identity="t", name="iocs.md", max_bytes=MAX).title == "iocs.md"


def test_a_paragraph_that_quotes_a_pipe_is_still_prose() -> None:
    text = "Operators piped the output | into a second stage, a loader written in Go that beacons hourly.\n"
    report = read_report(text.encode(), identity="p", name="p.md", max_bytes=MAX)
    assert report.title.startswith("Operators piped the output")
