"""The README and the documentation under docs/ link to each other: every relative link names a file that exists
and, with a `#anchor`, a heading of that file (as GitHub spells its anchors), so moving a section breaks a test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """GitHub's anchor of each heading: lower case, punctuation but hyphens and underscores dropped, spaces to '-'."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def relative_links(page: Path) -> list[str]:
    return [link for link in LINK.findall(page.read_text(encoding="utf-8")) if not re.match(r"[a-z]+:", link)]


def broken_links(page: Path) -> list[str]:
    broken = []
    for link in relative_links(page):
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.is_file() or (anchor and anchor not in anchors(target)):
            broken.append(link)
    return broken


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_resolves(page: Path) -> None:
    assert not broken_links(page)


def test_the_readme_links_the_extraction_rules() -> None:
    assert any(link.startswith("docs/extraction-rules.md") for link in relative_links(ROOT / "README.md"))


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    """The check can fail: a link to a missing heading or a missing file is reported, a right one is not."""
    (tmp_path / "a.md").write_text(
        "# Title\n\n## Indicators and `to_ids`\n\n[ok](#indicators-and-to_ids) [gone](a.md#no-such-part) [x](b.md)\n"
    )
    assert broken_links(tmp_path / "a.md") == ["a.md#no-such-part", "b.md"]
