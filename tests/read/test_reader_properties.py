"""Property: any bytes either read into a Report or fail with a ReportError — never another exception."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.errors import ReportError
from misp_module.read.metadata import strip_markdown
from misp_module.read.reader import read_report

HEADINGS = st.sampled_from(
    [
        "Full Report\n",
        "Analysis Summary\n",
        "# Threat Actor: X\n",
        "## Targeting\n",
        "- **Sectors:** a\n",
        "---\nid: 1\n---\n",
        "---\n: [\n---\n",
        "<html><h1>t</h1>",
        "<script>x</script>",
        "\n",
        "word " * 5,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        report = read_report(data, identity="x", name="x.txt", max_bytes=1500)
    except ReportError as error:
        assert str(error).startswith("x.txt: ")
    else:
        assert report.title and report.template


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HEADINGS, st.text(max_size=80)), max_size=30))
def test_arbitrary_report_shaped_text(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass")
    try:
        report = read_report(data, identity="x", name="x.md", max_bytes=1 << 20)
    except ReportError:
        return
    for section in report.sections:
        assert report.text[section.offset : section.offset + len(section.text)] == section.text


def _strip_markdown_by_regex(text: str) -> str:
    """strip_markdown as it was written with regular expressions (quadratic on `[` or `*a ` runs): the oracle
    of the linear scans that replaced them."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S.*?\S|\S)[*_](?!\w)", r"\1", text)
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab *_[]()!\n#`x.é", max_size=40))
def test_strip_markdown_gives_what_the_regular_expressions_gave(text: str) -> None:
    assert strip_markdown(text) == _strip_markdown_by_regex(text)
