"""Report templates: YAML files that say which headings a report format has and what role each plays."""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError, TemplateError
from ..knowledge.data import parsed_yaml
from ..knowledge.regex_cache import compiled, derived
from ..settings import EventOverrides, event_overrides
from ..yaml_text import YamlSyntaxError

TITLE_PLACEHOLDERS = {"headline", "actor", "title"}
# Section rules are tried on lines up to this length: a heading is never longer, and a user's pattern that is
# slow on long lines stays bounded.
MAX_HEADING_CHARS = 1000


@dataclass(frozen=True)
class SectionRule:
    """A line that opens a section of `role`; `pattern` may capture a `value` (the actor's name)."""

    role: str
    pattern: re.Pattern[str]
    # The titles the pattern was made of (`_titles_pattern`); empty for a pattern written in the template.
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldRule:
    """A labelled bullet inside a section of role `section` whose text becomes field `role`."""

    role: str
    section: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Template:
    """A validated report template."""

    name: str
    description: str
    path: str
    min_roles: int
    titles: tuple[str, ...]
    sections: tuple[SectionRule, ...]
    fields: tuple[FieldRule, ...]
    event: EventOverrides
    tags: tuple[str, ...]
    # One pattern of every title of the title rules: a line it does not match opens no section of those
    # rules (a line matches P(A|B)S exactly when it matches PAS or PBS), so only the rules written as patterns
    # are tried there. Most lines of a report are no heading: one match instead of one per rule.
    heading_gate: re.Pattern[str] | None = None

    @property
    def pattern_rules(self) -> tuple[SectionRule, ...]:
        """The section rules written as patterns (not made of titles), in their order."""
        return tuple(rule for rule in self.sections if not rule.titles)


# Between the words of a title: spaces, commas, "&" or "and", a slash ("Tactics, Techniques, and Procedures").
_TITLE_GLUE = r"(?:\s*+[,/&]\s*+|\s+)(?:and\s+)?"


def _title_words(title: str) -> str:
    """One title as a pattern whose words may be joined by any of the usual separators."""
    words = [w for w in re.findall(r"[^\W_]+", title) if w.lower() != "and"]
    return _TITLE_GLUE.join(re.escape(w) for w in words)


def _titles_pattern(titles: list[str]) -> str:
    """A heading written as markdown (#…), bold, or alone on its line: optionally numbered ("4. Targeting"),
    with a note in parentheses ("(TTPs)"), a second topic joined by "&"/"and" ("Targeting & Victimology")
    and a trailing colon."""
    alternatives = "|".join(_title_words(t) for t in sorted(titles, key=len, reverse=True))
    # Runs of white space are possessive (\s*+): what follows each never starts with a space, so giving some
    # back could not help, and the adjacent runs would otherwise be retried in every split (cubic on a line of
    # spaces).
    return (
        rf"^\s*+(?:#{{1,6}}\s*+)?(?:\*\*|__)?\s*+(?:(?:\d+|[IVX]+)[.)]\s*+)?(?:{alternatives})"
        rf"(?:\s*+\([^()]*\))?(?:\s*+(?:&|and|/)\s*+[^\W\d_][\w ]{{0,40}}?)?"
        rf"\s*+(?:\*\*|__)?\s*+:?\s*+(?:\*\*|__)?\s*+$"
    )


def _heading_gate(rules: tuple[SectionRule, ...]) -> re.Pattern[str] | None:
    """A line that any of the title rules would take (`Template.heading_gate`); None without title rules."""
    titles = [title for rule in rules for title in rule.titles]
    return compiled(_titles_pattern(titles), re.IGNORECASE) if titles else None


# Words that may qualify a label without changing it: "Target Sectors", "Countries targeted", "Geographic focus".
_LABEL_BEFORE = r"(?:(?:targets?|targeted|affected|impacted|victim)\s+)?"
_LABEL_AFTER = r"(?:\s+(?:targeted|affected|impacted|focus|of\s+interest))?(?:\s*+/\s*+[^\W\d_][\w ]{0,30}?)?"


def _labels_pattern(labels: list[str]) -> str:
    """A bullet (or plain line) starting with a bold or plain label and a colon; the rest is the value."""
    alternatives = "|".join(re.escape(t) for t in sorted(labels, key=len, reverse=True))
    # The value runs to the end of the line (its caller strips it): a lazy value before `\s*$` would retry the
    # trailing white space from every character.
    return (
        rf"^\s*+(?:[-*+•]\s++)?(?:\*\*|__)?\s*+{_LABEL_BEFORE}(?:{alternatives}){_LABEL_AFTER}\s*+(?:\*\*|__)?\s*+:"
        rf"\s*+(?:\*\*|__)?\s*+(?P<value>.*)"
    )


def title_placeholders(line: str) -> list[str]:
    """The placeholders of a title line; ValueError for anything but a bare documented name in braces (no
    attribute or index access, conversion or format spec: template text must not reach Python's format)."""
    names = []
    for _, field, spec, conversion in string.Formatter().parse(line):
        if field is None:
            continue
        if field not in TITLE_PLACEHOLDERS or spec or conversion:
            shown = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(f"'{{{shown}}}' is not one of them")
        names.append(field)
    return names


def render_title(line: str, values: dict[str, str]) -> str:
    """A validated title line with its placeholders replaced by their values, literally."""
    parts = string.Formatter().parse(line)
    return "".join(literal + (values[field] if field is not None else "") for literal, field, _, _ in parts)


def nested_repeat(source: str) -> str | None:
    """The first repeat nested in another unbounded repeat that can give characters back (`(a+)+`, `(\\w*\\s?)*`):
    the shape of catastrophic backtracking. Possessive repeats and atomic groups cannot give back: allowed."""
    try:
        tree = re._parser.parse(source, re.IGNORECASE)  # the parser behind re.compile (stable since 3.11)
    except re.error:
        return None

    def walk(items: Any, outer: bool) -> str | None:
        for op, argument in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                low, high, body = argument
                if outer and low != high:
                    return "a repeat inside a repeated group"
                found = walk(body, outer or high == re._constants.MAXREPEAT)
            elif name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
                found = None
            elif name == "SUBPATTERN":
                found = walk(argument[-1], outer)
            elif name == "BRANCH":
                found = next((f for branch in argument[1] if (f := walk(branch, outer))), None)
            elif name in ("ASSERT", "ASSERT_NOT"):
                found = walk(argument[1], outer)
            else:
                found = None
            if found:
                return found
        return None

    return walk(tree, False)


class _Validator:
    """Checks one template mapping, naming the file and key of the first problem."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> TemplateError:
        return TemplateError(f"template {self.path}: key '{key}': {message}")

    def string(self, data: dict[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{key}", "must be a non-empty string")
        return value

    def string_list(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, "must be a non-empty list of strings")
        return value

    def regex(self, source: str, key: str) -> re.Pattern[str]:
        try:
            pattern = compiled(source, re.IGNORECASE)
        except re.error as exc:
            raise self.fail(key, f"invalid regular expression ({exc})") from exc
        nested = derived(nested_repeat, source)
        if nested:
            raise self.fail(
                key,
                f"the regular expression repeats a group that itself repeats ({nested}); on a line that almost "
                "matches it would take exponential time. Make the inner repeat possessive ('+' → '++') or "
                "rewrite it without nesting",
            )
        return pattern

    def mapping_list(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "must be a list of mappings")
        return value

    def section_rule(self, index: int, rule: dict[str, Any]) -> SectionRule:
        where = f"sections[{index}]."
        role = self.string(rule, "role", where)
        if ("titles" in rule) == ("pattern" in rule):
            raise self.fail(f"{where}titles", "give exactly one of 'titles' or 'pattern'")
        titles: tuple[str, ...] = ()
        if "titles" in rule:
            titles = tuple(self.string_list(rule["titles"], f"{where}titles"))
            source = _titles_pattern(list(titles))
        else:
            source = self.string(rule, "pattern", where)
        return SectionRule(role=role, pattern=self.regex(source, f"{where}pattern"), titles=titles)

    def field_rule(self, index: int, rule: dict[str, Any], roles: set[str]) -> FieldRule:
        where = f"fields[{index}]."
        section = self.string(rule, "section", where)
        if section not in roles:
            raise self.fail(f"{where}section", f"'{section}' is not a role under 'sections'")
        labels = self.string_list(rule.get("labels"), f"{where}labels")
        pattern = self.regex(_labels_pattern(labels), f"{where}labels")
        return FieldRule(role=self.string(rule, "role", where), section=section, pattern=pattern)

    def titles(self, data: dict[str, Any]) -> tuple[str, ...]:
        titles = self.string_list(data.get("title"), "title")
        expected = f"must use only the placeholders {', '.join('{' + p + '}' for p in sorted(TITLE_PLACEHOLDERS))}"
        for line in titles:
            try:
                used = title_placeholders(line)
            except ValueError as exc:
                raise self.fail("title", f"'{line}' {expected} ({exc}; write '{{{{' and '}}}}' for braces)") from exc
            if not used:
                raise self.fail("title", f"'{line}' {expected}, at least one")
        return tuple(titles)

    def template(self, data: Any) -> Template:
        if not isinstance(data, dict):
            raise TemplateError(f"template {self.path}: must be a YAML mapping")
        known = {"name", "description", "detect", "title", "sections", "fields", "event", "tags"}
        unknown = set(data) - known
        if unknown:
            raise self.fail(sorted(unknown)[0], f"unknown key; expected one of {sorted(known)}")
        detect = data.get("detect") or {}
        min_roles = detect.get("min_roles", 1) if isinstance(detect, dict) else None
        if not isinstance(min_roles, int) or min_roles < 0:
            raise self.fail("detect.min_roles", "must be an integer >= 0")
        sections = tuple(self.section_rule(i, r) for i, r in enumerate(self.mapping_list(data, "sections")))
        if not sections:
            raise self.fail("sections", "must list at least one section rule")
        roles = {rule.role for rule in sections}
        fields = tuple(self.field_rule(i, r, roles) for i, r in enumerate(self.mapping_list(data, "fields")))
        event = data.get("event") or {}
        if not isinstance(event, dict):
            raise self.fail("event", "must be a mapping")
        try:
            overrides = event_overrides(f"template {self.path}", event)
        except ConfigError as exc:
            raise TemplateError(str(exc)) from exc
        tags = data.get("tags", [])
        if tags:
            self.string_list(tags, "tags")
        return Template(
            name=self.string(data, "name", ""),
            description=str(data.get("description", "")).strip(),
            path=self.path,
            min_roles=min_roles,
            titles=self.titles(data),
            sections=sections,
            fields=fields,
            event=overrides,
            tags=tuple(tags),
            heading_gate=_heading_gate(sections),
        )


def load_template_file(path: Path) -> Template:
    """Parse and validate one template file (parsed once per contents: see `parsed_yaml`)."""
    try:
        data = parsed_yaml(path.read_bytes(), f"template-{path.stem}")
    except OSError as exc:
        raise TemplateError(f"template {path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise TemplateError(f"template {path}: must be UTF-8 text (byte {exc.start} is not: save it as UTF-8)") from exc
    except YamlSyntaxError as exc:
        raise TemplateError(f"template {path}: invalid YAML ({exc})") from exc
    return _Validator(str(path)).template(data)


@cache
def bundled_templates_dir() -> Path:
    """The templates folder: inside the installed wheel, or at the top of a source checkout (found once:
    `importlib.resources` reads the package's metadata, twice per report otherwise)."""
    packaged = Path(str(resources.files("misp_module"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What identifies the contents of a template folder cheaply: name, size and mtime of each file.
    (Asked twice per report: one `scandir`, not pathlib's glob, which cost more than reading a report.)"""
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if e.name.endswith(".yaml")), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return ()
    return tuple((e.name, (st := e.stat()).st_size, st.st_mtime_ns) for e in entries)


def load_templates(extra_dir: Path | None = None) -> tuple[Template, ...]:
    """The bundled templates plus those of a user's folder, most specific first (the generic fallback last).

    A user's template with the name of a bundled one replaces it, so a team can adapt a format without
    forking the package. Parsed once per folder contents: a long-running sync sees an edited template."""
    extra_signature = _signature(extra_dir) if extra_dir else ()
    return _load_templates(extra_dir, _signature(bundled_templates_dir()), extra_signature)


@cache
def _load_templates(extra_dir: Path | None, *signatures: object) -> tuple[Template, ...]:
    folders = [bundled_templates_dir()] + ([extra_dir] if extra_dir else [])
    by_name: dict[str, Template] = {}
    for folder in folders:
        if not folder.is_dir():
            raise TemplateError(f"template folder {folder} does not exist")
        seen: dict[str, str] = {}
        for path in sorted(folder.glob("*.yaml")):
            template = load_template_file(path)
            if template.name in seen:
                raise TemplateError(f"templates {seen[template.name]} and {path}: name '{template.name}' used twice")
            seen[template.name] = str(path)
            by_name[template.name] = template
    if not by_name:
        raise TemplateError(f"no template (*.yaml) found in {', '.join(map(str, folders))}")
    return tuple(sorted(by_name.values(), key=lambda t: -t.min_roles))


def template_by_name(name: str, extra_dir: Path | None = None) -> Template:
    """The template called `name`, or an error listing the ones that exist."""
    templates = load_templates(extra_dir)
    for template in templates:
        if template.name == name:
            return template
    known = ", ".join(t.name for t in templates)
    raise TemplateError(f"unknown template '{name}'; available: {known}")
