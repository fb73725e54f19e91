"""A converted MISPEvent → the misp_standard `results` MISP saves: attributes, objects, event tags, event report.

The same answer reaches MISP by two paths it cannot tell apart: saved at once (`POST /events/importModule`
over the API, "Enrich event") or first shown on MISP's preview page, whose page script rebuilds what Submit
saves from the page's text (see tests/deliver/modules/test_modules_misp_page.py for the rules, with their
files and functions). The answer is shaped so both paths store the same real tags and clean markdown:

- no `relationship_type` on event tags by default: the preview prints a role as a label in front of its tag,
  and Submit reads that label back as a tag of its own ("targets:"), created for everyone; the roles are
  written into the event report instead (and `misp-report sync` keeps them on the tags). A caller that saves
  the answer at once (the REST API, "Enrich event") can ask for the roles on the tags too (`roles_on_tags`),
  where MISP keeps them as the sync does; the report still lists them;
- the event report content starts with a line break: the preview puts a line break and indentation in front
  of the content and Submit keeps them, which would make the first line an indented code block; with the
  break, the indentation lands on a blank line;
- attribute comments are a few words: the preview shows them in every attribute row.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from pymisp import MISPEvent

from ...build.event_report import part_level, tag_mention
from ...build.identity import attribute_uuid
from ...knowledge.regex_cache import compiled

# What MISP stores from a misp_standard answer; a `Galaxy` key would be ignored (clusters travel as tags).
RESULT_KEYS = ("Attribute", "Object", "EventReport", "Tag")
# Longest attribute comment in a module answer (the preview shows one in every attribute row).
COMMENT_MAX = 90
ROLES_TITLE = "Galaxy clusters by role"
ROLES_NOTE = (
    "_The roles of this event's galaxy tags: MISP's import preview cannot keep a tag's role, so it is listed here._"
)
# "on MISP warninglist: A, B, C (+7 more)" and "kept as indicator although listed in MISP warninglist A, B: why"
# (extract stage; the reason holds no ':').
_WARNINGLIST = compiled(
    r"(?P<kept>kept as indicator although listed in MISP warninglist (?P<kept_lists>[^;]+): [^:;]+(?:;|$))"
    r"|on MISP warninglist: (?P<lists>[^;]+)"
)


def with_an_attribute(event: MISPEvent) -> None:
    """MISP reads a misp_standard answer with no attribute and no object as a legacy one and saves nothing, not
    even the event report and tags: a report that gave no attribute gets its title as a `text` attribute."""
    if event.attributes or event.objects:
        return
    event.add_attribute(
        "text",
        event.info,
        uuid=str(attribute_uuid(uuid.UUID(event.uuid), "text", event.info)),
        category="Other",
        to_ids=False,
        disable_correlation=True,
        comment="Report title (the report gave no other attribute)",
    )


def _cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _list_name(name: str) -> str:
    """A warninglist's name in a few words: "List of known microsoft domains" → "microsoft domains"."""
    name = re.sub(r"\s*\([^()]*\)", "", name)
    return _cut(re.sub(r"^(?:specialized )?list of (?:known )?", "", name, flags=re.IGNORECASE), 40)


def short_comment(comment: str) -> str:
    """An attribute comment in a few words. A value on a warninglist says so and names the first list (MISP's
    own event view lists every warninglist hit), after the first reason when that one is short ("Reference
    link; on MISP warninglist: …"); any other comment is cut at a word."""
    notes = [re.sub(r"\s*\([^()]*\)", "", n).strip() for n in comment.split("; ")]
    match = _WARNINGLIST.search(comment)
    if match:
        lists = (match.group("lists") or match.group("kept_lists")).strip()
        first = re.sub(r"\s*\(\+\d+ more\)$", "", lists).split(", ")[0]
        others = " and others" if first != lists else ""
        warning = (
            f"{'kept as indicator although ' if match.group('kept') else ''}on MISP warninglist: {_list_name(first)}"
        )
        reason = notes[0].split(": ", 1)[-1]
        lead = f"{reason}; " if len(reason) <= 30 and "warninglist" not in reason else ""
        text = lead + warning + others
        return _cut(text[:1].upper() + text[1:], COMMENT_MAX)
    return _cut(comment, COMMENT_MAX)


def roles_section(tags: list[dict[str, Any]], content: str) -> str:
    """The event report part that lists each role and its galaxy tags ('' when no tag has a role), at the
    level of the report's own parts."""
    by_role: dict[str, list[str]] = {}
    for tag in tags:
        if tag.get("relationship_type"):
            by_role.setdefault(tag["relationship_type"], []).append(tag["name"])
    if not by_role:
        return ""
    lines = [f"{'#' * part_level(content)} {ROLES_TITLE}", "", ROLES_NOTE, ""]
    lines += [f"- **{role}**: {', '.join(tag_mention(n) for n in names)}" for role, names in by_role.items()]
    return "\n".join(lines) + "\n"


def for_misp_pages(results: dict[str, Any], *, roles_on_tags: bool = False) -> dict[str, Any]:
    """Shape misp_standard results for both of MISP's paths (module docstring): tags without roles unless
    `roles_on_tags`, the roles in the event report, its content opening with a line break, short comments."""
    tags = results.get("Tag", [])
    roles = roles_section(tags, results["EventReport"][0]["content"]) if results.get("EventReport") else ""
    if tags and not roles_on_tags:
        results["Tag"] = [{k: v for k, v in tag.items() if k != "relationship_type"} for tag in tags]
    for report in results.get("EventReport", []):
        content = report["content"].strip("\n")
        report["content"] = "\n" + content + ("\n\n" + roles if roles else "\n")
        roles = ""
    for attribute in results.get("Attribute", []):
        if attribute.get("comment"):
            attribute["comment"] = short_comment(attribute["comment"])
    return results


def misp_standard_results(event: MISPEvent, *, roles_on_tags: bool = False) -> dict[str, Any]:
    """`{"results": {...}}` with what MISP adds to the target event; the galaxy tags keep their roles only
    when `roles_on_tags` (for callers whose answer MISP saves without its preview page)."""
    with_an_attribute(event)
    data = json.loads(event.to_json())
    data = data.get("Event", data)
    results = {key: data[key] for key in RESULT_KEYS if data.get(key)}
    return {"results": for_misp_pages(results, roles_on_tags=roles_on_tags)}


def without_tlp(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer without its `tlp:` tags (the analyst chose to add none: the target event keeps its own TLP,
    which a second one would contradict)."""
    results = answer.get("results")
    if isinstance(results, dict) and results.get("Tag"):
        results["Tag"] = [t for t in results["Tag"] if not str(t.get("name", "")).lower().startswith("tlp:")]
        if not results["Tag"]:
            del results["Tag"]
    return answer
