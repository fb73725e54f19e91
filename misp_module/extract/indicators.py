"""Indicators → MISP attributes: refang, scan each section once, classify, and set to_ids from the section,
MISP's type defaults, the report's own words ("not an indicator") and the MISP warninglists.

The steps live by concern: indicator_scan (one section's hits), indicator_classify (their MISP types),
indicator_versions (version or address), indicator_context (the report's words about a value); this module
turns hits into findings with to_ids from the section, MISP's defaults and the warninglists."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..knowledge.types import default_to_ids
from ..knowledge.warninglists import WarningIndex, warninglists
from ..read.report import Report, Section
from ..settings import Settings
from .findings import AttributeFinding, Findings
from .indicator_context import CONTACT_NOTE
from .indicator_hit import Hit
from .indicator_programs import share_program_verdicts
from .indicator_scan import section_hits

# Sections whose values describe the attack (for types MISP leaves out of IDS by default, such as AS numbers
# and user-agents, an explicit mention there is an indicator); Targeting values belong to the victims.
IOC_ROLES = frozenset({"tools", "activity", "ttps", "body", "preamble", "summary"})
CONTEXT_IDS_TYPES = frozenset({"AS", "user-agent", "named pipe", "email-reply-to", "email-subject"})
VICTIM_ROLES = frozenset({"targeting"})
PLAIN_MENTION_TYPES = frozenset({"domain", "hostname", "hostname|port", "url"})


def indicator_findings(report: Report, settings: Settings) -> Findings:
    """Every indicator of the report as an attribute finding (duplicates are merged by the build stage)."""
    index = warninglists()
    found = [(section, section_hits(section.text, index, section.heading or "")) for section in report.sections]
    share_program_verdicts([hit for _, hits in found for hit in hits])
    own_domain = _site_domain(report.source_url, index)
    # Defanging is the analyst's own mark of an indicator: in a report that defangs its network values, a
    # host name or URL written plainly in prose is a mention (a service, a vendor page), not an indicator. One the
    # report wrote with invisible or look-alike characters inside is not written plainly: something kept it from
    # being a live link, as defanging does.
    defangs = any(hit.defanged and hit.type in PLAIN_MENTION_TYPES for _, hits in found for hit in hits)
    findings = Findings()
    paired: set[str] = set()
    for section, hits in found:
        for hit in hits:
            own = own_domain and hit.type.startswith("email") and _within(hit.value.rpartition("@")[2], own_domain)
            if own and CONTACT_NOTE not in hit.notes:
                hit.not_ids = True
                hit.notes.append("contact address (the domain of the report's own source)")
            if (
                defangs
                and hit.type in PLAIN_MENTION_TYPES
                and not (hit.defanged or hit.masked)
                and not hit.quoted
                and not hit.listed
            ):
                hit.not_ids = True
                hit.notes.append("written plainly in a report that defangs its indicators")
            finding = _finding(hit, section, index, settings.warninglist_mode)
            if finding is not None:
                findings.attributes.append(finding)
                if finding.type.startswith("filename|"):
                    paired.add(finding.value.split("|")[0])
    # A file name given with its hash lives in the composite attribute; its bare mentions add nothing.
    findings.attributes = [a for a in findings.attributes if not (a.type == "filename" and a.value in paired)]
    return findings


def _site_domain(url: str | None, index: WarningIndex) -> str | None:
    """The registrable domain of the report's source URL (`www.vendor.com/blog` -> `vendor.com`)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return None
    labels = host.lower().rstrip(".").split(".")
    if len(labels) < 2:
        return None
    suffix_at = next((i for i in range(len(labels)) if index.is_public_suffix(".".join(labels[i:]))), len(labels) - 1)
    return ".".join(labels[suffix_at - 1 :]) if suffix_at >= 1 else None


def _within(domain: str, parent: str) -> bool:
    return domain == parent or domain.endswith(f".{parent}")


def _finding(hit: Hit, section: Section, index: WarningIndex, mode: str) -> AttributeFinding | None:
    notes = list(hit.notes)
    to_ids = default_to_ids(hit.type) and not hit.not_ids
    if section.role in IOC_ROLES and hit.type in CONTEXT_IDS_TYPES and not hit.not_ids:
        to_ids = True
    misp_type = hit.type
    if section.role in VICTIM_ROLES:
        to_ids = False
        notes.append("victim-side value")
        if misp_type.startswith("email"):
            misp_type = "target-email"  # MISP's type for a victim's address
    if mode != "off":
        benign, informative, why = _warnings(hit, index, section.role)
        if benign and mode == "drop":
            return None
        to_ids = to_ids and not benign
        if benign or informative:
            notes.append(_warninglist_note(benign + informative, to_ids, why))
    place = section.heading or "Report text"
    comment = f"{place}: {'; '.join(notes)}" if notes else place
    return AttributeFinding(misp_type, hit.value, to_ids=to_ids, comment=comment, role=section.role)


def _warninglist_note(lists: list[str], to_ids: bool, why: list[str]) -> str:
    """One note that agrees with the attribute's to_ids: a value kept as an indicator says why the lists do
    not clear it; any other says which lists it is on (the lists that clear it first)."""
    if to_ids:
        return f"kept as indicator although listed in MISP warninglist {_list_names(lists)}: {', '.join(why)}"
    return "on MISP warninglist: " + _list_names(lists)


def _list_names(names: list[str], shown: int = 3) -> str:
    """The first list names, and how many more: a vendor domain is on a dozen lists."""
    more = f" (+{len(names) - shown} more)" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _warnings(hit: Hit, index: WarningIndex, role: str) -> tuple[list[str], list[str], list[str]]:
    """(lists saying the value is no indicator, lists only worth a mention, why those do not clear it).
    Hosting and VPN ranges only inform; a sub-domain of an abused service (dynamic DNS, LOTS) is the attacker's
    own, and so is a defanged sub-domain of a merely popular domain. A URL with a path on an abused host (LOTS,
    shorteners) is an indicator where the report describes the attack, unless its sentence points to a
    publication; a listed value itself is no indicator."""
    exact, parents = index.lookup(hit.type, hit.value)
    if not exact and not parents:
        return [], [], []
    specific_url = False
    if hit.type == "url":
        parts = urlsplit(hit.value if "://" in hit.value else f"http://{hit.value}")
        specific_url = parts.path not in ("", "/") or bool(parts.query)
    groups = {info.group for info in (*exact, *parents)}
    payload_url = specific_url and not hit.in_reference and role in IOC_ROLES and "abused-service" in groups
    benign: list[str] = []
    informative: list[str] = []
    # Lists that name the value's owner (vendor, special use) before those that only rank its popularity.
    exact = tuple(sorted(exact, key=lambda info: info.group == "popularity"))
    parents = tuple(sorted(parents, key=lambda info: info.group == "popularity"))
    why: list[str] = []
    for info, is_parent in [*((info, False) for info in exact), *((info, True) for info in parents)]:
        reason = _why_kept(info.group, is_parent, payload_url, hit.defanged)
        (informative if reason else benign).append(info.name)
        if reason and reason not in why:
            why.append(reason)
    return benign, informative, why


def _why_kept(group: str, is_parent: bool, payload_url: bool, defanged: bool) -> str | None:
    """Why a list of `group` does not clear the value (None: it does). The reasons hold no ':' or ';', the
    separators of an attribute comment."""
    if group == "hosting":
        return "a hosting or VPN range says where it runs, not whose it is"
    if payload_url:
        return "a URL with a path on an abused service, where the report describes the attack"
    if is_parent and group == "abused-service":
        return "a sub-domain of an abused service is the actor's own"
    if is_parent and group == "popularity" and defanged:
        # A popular parent domain does not vouch for a sub-domain the analyst defanged (a SaaS tenant).
        return "a defanged sub-domain of a popular domain"
    return None
