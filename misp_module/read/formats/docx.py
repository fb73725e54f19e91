"""Word (.docx) reports → markdown text: headings by their style, paragraphs, bullets and tables in document order.

python-docx reads the document; the archive is checked first, because a .docx is a ZIP and python-docx unpacks
its parts whole: a ZIP bomb posing as a report is refused by what it unpacks to, counted while unpacking (the
sizes a ZIP declares can lie). Page headers and footers are furniture, not the report (only a TLP marking written
there is kept, `markings.py`); nor is a table of contents (its paragraph styles) read."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ...budget import check_time
from ...errors import ReportError
from ...knowledge.regex_cache import compiled
from .markings import with_furniture_markings
from .page_apparatus import NOTE_MARK
from .properties import Document, word_date

# What the whole archive may unpack to; a long report with pictures stays well below.
MAX_UNPACKED = 64 * 1024 * 1024
MAX_MEMBERS = 2000
# Columns a table row may span: Word allows 63; a row spanning millions is a file made to exhaust memory.
MAX_COLUMNS = 1000
_CHUNK = 1 << 16
_MONO_FONTS = ("courier", "mono", "consolas", "menlo", "monaco", "lucida console", "code")
_HEADING_STYLE = compiled(r"^heading\s*(\d)$", re.IGNORECASE)
# Word's table of contents: entries styled "toc 1".."toc 9" under a "TOC Heading": the headings again, as text.
_CONTENTS_STYLE = compiled(r"^toc(?:\s*\d|\s+heading)$", re.IGNORECASE)
_LIST_STYLE = compiled(r"^list\s*(bullet|number|paragraph|continue)?\s*(\d)?$", re.IGNORECASE)


def check_archive(data: bytes, name: str, max_unpacked: int = MAX_UNPACKED) -> None:
    """Refuse what is not a Word document or unpacks to more than `max_unpacked` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ReportError(name, f"the archive holds {len(members):,} files, not a Word document")
            if "word/document.xml" not in {m.filename for m in members}:
                raise ReportError(name, "a ZIP archive but not a Word document (no word/document.xml)")
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > max_unpacked:
                            raise ReportError(
                                name, f"unpacks to more than {max_unpacked:,} bytes (a ZIP bomb?); refused"
                            )
    except ReportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
        raise ReportError(name, f"not a readable Word document: damaged or cut short ({_detail(exc)})") from exc


def docx_to_text(data: bytes, name: str) -> str:
    """The document's body as markdown; `ReportError` for a damaged, encrypted or oversized document."""
    return docx_document(data, name).text


def docx_document(data: bytes, name: str) -> Document:
    """The document's body as markdown, with the date of its core properties (`docx_to_text`)."""
    check_archive(data, name)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        # Style names by id, read once: python-docx's `paragraph.style` searches the styles part every time.
        styles = {style.style_id: style.name or "" for style in document.styles}
        lines: list[str] = []
        code: list[str] = []
        for block in document.iter_inner_content():
            check_time()
            style = styles.get(block._p.style or "", "") if isinstance(block, Paragraph) else ""
            if _CONTENTS_STYLE.match(style):
                continue
            if isinstance(block, Paragraph) and _is_code(block, style):
                code.append(block.text)
                continue
            if code:
                lines.extend(["", "```", *code, "```", ""])
                code = []
            if isinstance(block, Paragraph):
                _paragraph(block, style, lines)
            elif isinstance(block, Table):
                _table(block, lines, name)
        if code:
            lines.extend(["", "```", *code, "```", ""])
    except ReportError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types for a damaged part
        reason = f"not a readable Word document: a part of it is damaged ({type(exc).__name__}: {_detail(exc)})"
        raise ReportError(name, reason) from exc
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    return Document(with_furniture_markings(text, _header_and_footer_lines(document)), _core_date(document))


def _core_date(document: Any) -> datetime.date | None:
    """The date of the document's core properties: last saved, else created. A document without them has none
    (python-docx would make up properties dated now)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        part = document.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
    except KeyError:
        return None
    properties = part.core_properties
    return word_date(properties.modified, properties.created)


def _header_and_footer_lines(document: Any) -> list[str]:
    """The text of every page header and footer (first-page and even-page ones too): read for the document's
    handling marking only."""
    lines = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            lines += [p.text for p in part.paragraphs if p.text.strip()]
        for part in (section.even_page_header, section.even_page_footer):
            lines += [p.text for p in part.paragraphs if p.text.strip()]
    return lines


def _detail(exc: BaseException) -> str:
    """The library's own words, on one line and short (an lxml error can quote a whole XML part)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _is_mono(run: Any) -> bool:
    font = (run.font.name or "").lower() if hasattr(run, "font") else ""
    return any(name in font for name in _MONO_FONTS)


def _is_code(paragraph: Any, style: str) -> bool:
    """A line of a code block: every run with text in a monospaced font, or a code paragraph style."""
    style = style.lower()
    if "code" in style or "preformatted" in style:
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(_is_mono(run) for run in runs)


def _is_note_mark(run: Any, text: str) -> bool:
    """A footnote or endnote mark typed as raised text ("Kimsuky" then a superscript "12"): left out, not glued to
    the word. (Word's own note references hold no text: the notes themselves are never read.)"""
    properties = getattr(getattr(run, "_r", None), "rPr", None)
    if properties is None or not NOTE_MARK.fullmatch(text):
        return False
    style = properties.rStyle.val if properties.rStyle is not None else ""
    return bool(properties.superscript) or "reference" in (style or "").lower()


def _runs_markdown(paragraph: Any) -> str:
    """The paragraph's text with bold runs as **bold** (hyperlinks' text included)."""
    parts = []
    for item in paragraph.iter_inner_content():
        runs = getattr(item, "runs", None) or [item]
        for run in runs:
            text = run.text
            if _is_note_mark(run, text):
                continue
            if text.strip() and _is_mono(run):
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                text = f"{lead}`{text.strip()}`{trail}"
            elif run.bold and text.strip():
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                text = f"{lead}**{text.strip()}**{trail}"
            parts.append(text)
    return re.sub(r"\*\*(\s*)\*\*|`(\s*)`", lambda m: m.group(1) or m.group(2) or "", "".join(parts)).strip()


def _list_level(paragraph: Any, style_name: str) -> int | None:
    """The bullet's nesting level (0 first), or None for a paragraph that is not a list item."""
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.ilvl is not None:
        return int(numbering.ilvl.val)
    style = _LIST_STYLE.match(style_name)
    if style:
        return int(style.group(2)) - 1 if style.group(2) else 0
    return 0 if numbering is not None else None


def _paragraph(paragraph: Any, style: str, lines: list[str]) -> None:
    text = _runs_markdown(paragraph)
    if not text:
        return
    heading = _HEADING_STYLE.match(style)
    if heading or style.lower() == "title":
        level = int(heading.group(1)) if heading else 1
        lines.extend(["", "#" * level + " " + text.replace("**", ""), ""])
        return
    level = _list_level(paragraph, style)
    if level is not None:
        lines.append("  " * level + "- " + text)
        return
    lines.extend(["", text, ""])


def _table(table: Any, lines: list[str], name: str) -> None:
    rows = []
    for row in _row_texts(table, name):
        cells = [text.replace("|", "\\|") for text in row]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    if rows:
        columns = rows[0].count(" | ") + 1
        lines.extend(["", rows[0], "|" + "---|" * columns, *rows[1:], ""])


def _row_texts(table: Any, name: str) -> Iterator[list[str]]:
    """Each row's cell texts, a cell spanning columns repeated once per column and a cell merged with the one
    above given that one's text: what python-docx's `row.cells` gives, in one pass. `row.cells` walks up the
    table from every merged cell (a 40 KB document of 500 merged rows took minutes) and makes an object per
    spanned column (a span of 10^8 columns, gigabytes); a row spanning more than MAX_COLUMNS is refused."""
    from docx.table import _Cell

    above: dict[int, tuple[str, int]] = {}
    for row in table._tbl.tr_lst:
        check_time()
        offset = row.grid_before
        here: dict[int, tuple[str, int]] = {}
        texts: list[str] = []
        for tc in row.tc_lst:
            if tc.vMerge == "continue":
                if offset not in above:
                    raise ValueError(f"no cell above the merged cell at column {offset + 1}")
                text, span = above[offset]
            else:
                cell = _Cell(tc, table)
                text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                span = tc.grid_span
            if offset + span > MAX_COLUMNS:
                raise ReportError(
                    name, f"a table row spans more than {MAX_COLUMNS:,} columns (Word allows 63): a damaged file"
                )
            here[offset] = (text, span)
            texts.extend([text] * span)
            offset += tc.grid_span
        above = here
        yield texts
