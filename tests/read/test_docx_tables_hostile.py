"""Word tables written with python-docx to exhaust the reader: a column of hundreds of cells merged downwards
(python-docx walks up the table from each one: minutes for a 40 KB file) converts in seconds, and a cell
spanning a hundred million columns is refused in one line; merged cells keep their text in every column and row
they cover."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import _Cell

from misp_module.read.formats.docx import MAX_COLUMNS

PROSE = "The operators staged the loader on 198.51.100.7 and reached the victims' mail servers through it."


def _document_with_table(rows: int, columns: int) -> tuple[docx.document.Document, docx.table.Table]:
    document = docx.Document()
    document.add_heading("Loader campaign", 1)
    document.add_paragraph(PROSE)
    table = document.add_table(rows=rows, cols=columns)
    for row, tr in enumerate(table._tbl.tr_lst):  # `table.cell()` reads the whole table at each call
        for column, tc in enumerate(tr.tc_lst):
            _Cell(tc, table).text = f"r{row}c{column}"
    return document, table


def _table_rows(event: dict) -> list[str]:
    content = event["EventReport"][0]["content"]
    return [line for line in content.splitlines() if line.startswith("| r")]


def test_merged_cells_keep_their_text_in_each_column_and_row_they_cover(cli, tmp_path: Path) -> None:
    document, table = _document_with_table(4, 3)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(3, 2))
    document.save(tmp_path / "merged.docx")
    result = cli("convert", tmp_path / "merged.docx")
    assert result.code == 0, result.stderr
    assert _table_rows(result.event()) == [
        "| r0c0 r0c1 | r0c0 r0c1 | r0c2 |",
        "| r1c0 | r1c1 | r1c2 r2c2 r3c2 |",
        "| r2c0 | r2c1 | r1c2 r2c2 r3c2 |",
        "| r3c0 | r3c1 | r1c2 r2c2 r3c2 |",
    ]


def test_a_long_column_of_cells_merged_downwards_converts(cli, tmp_path: Path) -> None:
    rows, columns = 400, 8
    document, table = _document_with_table(rows, columns)
    for row, tr in enumerate(table._tbl.tr_lst):
        for tc in tr.tc_lst:
            tc.vMerge = "continue" if row else "restart"
    document.save(tmp_path / "merged.docx")
    result = cli("convert", tmp_path / "merged.docx")
    assert result.code == 0, result.stderr
    last = _table_rows(result.event())[-1]
    assert last == "| " + " | ".join(f"r0c{column}" for column in range(columns)) + " |"


def test_a_cell_spanning_a_hundred_million_columns_is_refused(cli, tmp_path: Path) -> None:
    document, table = _document_with_table(2, 1)
    table._tbl.tr_lst[1].tc_lst[0].grid_span = 100_000_000
    report = tmp_path / "span.docx"
    document.save(report)
    result = cli("convert", report)
    assert result.code == 1
    assert f"{report}: a table row spans more than {MAX_COLUMNS:,} columns" in result.stderr
    assert "Traceback" not in result.stderr
