"""Property: any bytes either read into a Report or fail with a ReportError — never another exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.errors import ReportError
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
