"""Tables of what a program does, read as its behaviour (issue 12): a report that lists a spyware's plug-ins or
a backdoor's commands in a table ("| `sms` | Copies the messages |") says there what a prose report says in
sentences, and the technique recogniser otherwise skips every table row (indicators, victims, advice). Only a
table whose header names a column of what each row does (data/techniques.yaml `capability_tables`), and of that
column only the cells that open with a verb in the third person, are read: as "It copies the messages.", the
program's sentence. A table whose header also names a column of defences ("| Control | Description |",
"| Mitigation | What it does |") tells what the defender's controls do, and is not read (issue 12, precision)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled

_SEPARATOR = compiled(r"^[\s|:-]+$")


@cache
def _expressions() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load_data("techniques.yaml")["capability_tables"]
    return (
        compiled(rf"^\W*{data['header']}\W*$", re.IGNORECASE),
        compiled(data["verb"]),
        compiled(rf"^\W*{data['defence_header']}\W*$", re.IGNORECASE),
    )


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def capability_sentences(rows: list[str]) -> Iterator[str]:
    """The sentences a table's rows (markdown lines that open with "|") say of the program: none where its
    header names no column of what each row does, or names a column of defences."""
    if len(rows) < 2 or "|" not in rows[0]:
        return
    header, verb, defence = _expressions()
    names = _cells(rows[0])
    columns = [i for i, cell in enumerate(names) if header.match(cell)]
    if not columns or any(defence.match(cell) for cell in names):
        return
    for row in rows[1:]:
        if _SEPARATOR.match(row):
            continue
        cells = _cells(row)
        for column in columns:
            cell = cells[column].strip(" .*_`") if column < len(cells) else ""
            if verb.match(cell):
                yield f"It {cell[0].lower()}{cell[1:]}."
