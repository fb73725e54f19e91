"""A report's YAML front matter, parsed within bounds: size, nesting depth and alias expansion are limited, so
600 bytes of "billion laughs" or a 5,000-deep list are refused with a line instead of taking the process down."""

from __future__ import annotations

import datetime
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from ..errors import ReportError
from ..knowledge.regex_cache import compiled

# A front matter holds a title, a date, a source and a few tags: these bounds are far above any real one.
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_DEPTH = 20
# Values counted with every alias expanded, as `str()` or a JSON dump would walk them.
MAX_VALUES = 10_000
# What a value may not contain: control characters (other than tab and newline) and lone UTF-16 surrogates,
# which YAML escapes ("\x00", "\ud800") can produce but no MISP field should hold.
_BRACKET = compiled(r"[\[\]{}]")
_BAD_CHARACTER = compiled(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


class _LimitError(yaml.YAMLError):
    """The front matter passes one of the bounds above."""


class _BoundedComposer(Composer):
    """Composes nodes with a depth count: PyYAML recurses once per level and would hit Python's limit."""

    depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _LimitError(f"nested deeper than {MAX_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _BoundedConstructor(SafeConstructor):
    """The safe constructor, with an impossible date ("2025-02-30") as a YAML error rather than a ValueError."""

    def construct_yaml_timestamp(self, node: Node) -> datetime.date | datetime.datetime:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, f"'{node.value}' is not a valid date ({exc})", node.start_mark) from exc


_BoundedConstructor.add_constructor("tag:yaml.org,2002:timestamp", _BoundedConstructor.construct_yaml_timestamp)


class BoundedLoader(Reader, Scanner, Parser, _BoundedComposer, _BoundedConstructor, Resolver):
    """yaml.SafeLoader with the depth bound and the date check (pure Python: the C loader cannot be bounded)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _BoundedComposer.__init__(self)
        _BoundedConstructor.__init__(self)
        Resolver.__init__(self)


def _check_values(data: Any, name: str) -> None:
    """Walk the parsed front matter as a dump would (aliases expanded), refusing it past MAX_VALUES values
    or with a string a MISP field cannot hold."""
    budget = MAX_VALUES
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, key = stack.pop()
        budget -= 1
        if budget < 0:
            raise ReportError(
                name,
                f"front matter expands to more than {MAX_VALUES:,} values (YAML aliases repeated?); "
                "a front matter holds a few keys such as title, date, source and tags",
            )
        if isinstance(value, dict):
            for item_key, item in value.items():
                stack.append((item_key, key))
                stack.append((item, f"{key}.{item_key}" if key else str(item_key)))
        elif isinstance(value, list):
            stack.extend((item, key) for item in value)
        elif isinstance(value, str):
            bad = _BAD_CHARACTER.search(value)
            if bad:
                raise ReportError(
                    name,
                    f"front matter key '{key}' holds the character U+{ord(bad.group()):04X} "
                    "(a control character or an unpaired surrogate); remove it from the value",
                )


def _flow_depth(source: str) -> int:
    """How deep `[` and `{` nest (quotes ignored: an over-estimate only for brackets inside strings). PyYAML's
    scanner looks ahead over a whole flow collection with work per level at every token: quadratic in depth,
    so depth is checked before it parses."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(source):
        depth = depth + 1 if bracket.group() in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def load_front_matter(source: str, name: str) -> Any:
    """The YAML of a front matter block, or ReportError naming the file and what is wrong with it."""
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise ReportError(
            name,
            f"front matter is {size:,} bytes, over the limit of {MAX_FRONT_MATTER_BYTES:,}; "
            "keep long lists in the report's text",
        )
    if _flow_depth(source) > MAX_DEPTH:
        raise ReportError(name, f"front matter is nested deeper than {MAX_DEPTH} levels of brackets")
    try:
        loader = BoundedLoader(source)  # its reader already refuses characters YAML does not allow
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except _LimitError as exc:
        raise ReportError(name, f"front matter is {exc} (at most {MAX_DEPTH} levels are read)") from exc
    except yaml.YAMLError as exc:
        raise ReportError(name, f"invalid YAML front matter: {yaml_problem(exc)}") from exc
    _check_values(data, name)
    return data


def yaml_problem(error: yaml.YAMLError) -> str:
    """What YAML found wrong, on one line and with the line of the report it is on (the front matter starts
    on the report's second line, after `---`), instead of PyYAML's multi-line text quoting "<unicode string>"."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return str(error)

    def where(mark: yaml.Mark | None) -> str:
        return f" (line {mark.line + 2}, column {mark.column + 1})" if mark else ""

    text = f"{error.problem or 'not valid YAML'}{where(error.problem_mark)}"
    if error.context:
        text += f", {error.context}{where(error.context_mark)}"
    return text
