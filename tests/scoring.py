"""Test helper: scores MISP events against gold labels (`NAME.gold.yaml`) with the rules of the team's scorer
(shared/score.py, README beside the shared reports), so tests in a clean clone can score without it.

Counted as there: indicator attributes by type family and normalised value, recall over the gold attributes,
precision over what is emitted with to_ids set (gold, derived hosts and optional values are neutral), cluster
recall over the required clusters (any_of alternatives) and cluster precision over every emitted cluster."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

INDICATOR_TYPES = {
    *("ip-src", "ip-dst", "ip", "domain", "hostname", "email", "email-src", "email-dst", "email-reply-to"),
    *("url", "uri", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512/224", "sha512/256"),
    *("sha3-224", "sha3-256", "sha3-384", "sha3-512", "ssdeep", "imphash", "tlsh", "authentihash", "pehash"),
    *("impfuzzy", "vhash", "telfhash", "filename", "regkey", "mutex", "named pipe", "vulnerability", "AS"),
    *("btc", "xmr", "dash", "bch", "ja3-fingerprint-md5", "jarm-fingerprint", "hassh-md5", "hasshserver-md5"),
    *("x509-fingerprint-md5", "x509-fingerprint-sha1", "x509-fingerprint-sha256", "user-agent"),
    *("mac-address", "email-subject"),
}
_FAMILIES = {
    **dict.fromkeys(("ip-src", "ip-dst", "ip"), "ip"),
    **dict.fromkeys(("domain", "hostname"), "domain"),
    **dict.fromkeys(("email", "email-src", "email-dst", "email-reply-to"), "email"),
    **dict.fromkeys(("url", "uri"), "url"),
}
_CASELESS = re.compile(
    r"^(?:md5|sha.*|imphash|tlsh|authentihash|pehash|impfuzzy|vhash|telfhash|ja3.*|jarm.*|hassh.*|x509.*"
    r"|mac-address|mutex|named pipe)$"
)
_HIVES = (("hkey_local_machine", "hklm"), ("hkey_current_user", "hkcu"), ("hkey_classes_root", "hkcr"))
_GALAXY_TAG = re.compile(r'^misp-galaxy:([^=]+)="(.*)"$', re.S)


def family(kind: str) -> str:
    return _FAMILIES.get(kind, kind)


def normalise(kind: str, value: Any) -> str:
    """A value as the scorer compares it within its type family."""
    text = str(value).strip()
    if kind == "ip":
        try:
            return (
                str(ipaddress.ip_network(text, strict=False)) if "/" in text else ipaddress.ip_address(text).compressed
            )
        except ValueError:
            return text.lower()
    if kind in ("domain", "email"):
        return text.lower().rstrip(".")
    if kind == "url":
        return text[:-1] if text.endswith("/") else text
    if kind == "vulnerability":
        return text.upper()
    if kind == "AS":
        return re.sub(r"^as", "", text.lower()).strip()
    if kind == "filename":
        return re.split(r"[\\/]", text)[-1].lower()
    if kind == "regkey":
        text = text.lower().replace("\\\\", "\\")
        for long, short in _HIVES:
            if text.startswith(long):
                text = short + text[len(long) :]
        return text.rstrip("\\")
    if _CASELESS.match(kind):
        return text.lower()
    return text


def _attributes(event: dict[str, Any]) -> list[tuple[str, str, bool]]:
    found = []
    holders = [event, *(event.get("Object") or [])]
    for holder in holders:
        for attribute in holder.get("Attribute") or []:
            kind, value = attribute.get("type"), attribute.get("value")
            if kind is None or value is None:
                continue
            ids = attribute.get("to_ids", True)
            ids = ids.strip().lower() not in ("0", "false", "") if isinstance(ids, str) else bool(ids)
            kinds, values = kind.split("|"), str(value).split("|", kind.count("|"))
            if len(kinds) == len(values) and len(kinds) > 1:
                found += [("ip-dst" if k == "ip" else k, v, ids) for k, v in zip(kinds, values, strict=True)]
            else:
                found.append((kind, str(value), ids))
    return found


def clusters(event: dict[str, Any]) -> set[tuple[str, str]]:
    """Every galaxy cluster of the event and its attributes, as (galaxy type, value)."""
    result = set()
    holders = [event, *(event.get("Attribute") or [])]
    for obj in event.get("Object") or []:
        holders += obj.get("Attribute") or []
    for holder in holders:
        for tag in holder.get("Tag") or []:
            match = _GALAXY_TAG.match(str(tag.get("name", "")).strip())
            if match:
                result.add((match.group(1), match.group(2)))
    return result


@dataclass
class Score:
    """Micro-averaged counts over a folder of reports."""

    gold: int = 0
    true: int = 0
    false: int = 0
    required: int = 0
    required_met: int = 0
    emitted_clusters: int = 0
    allowed_clusters: int = 0
    missing: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "attr_recall": self.true / self.gold if self.gold else 1.0,
            "attr_precision": self.true / (self.true + self.false) if self.true + self.false else 1.0,
            "cluster_recall": self.required_met / self.required if self.required else 1.0,
            "cluster_precision": self.allowed_clusters / self.emitted_clusters if self.emitted_clusters else 1.0,
        }


def score_event(gold_path: Path, event: dict[str, Any] | None, score: Score) -> None:
    """Add one report's counts to `score` (a missing event scores nothing and is listed)."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
    expected = {(family(a["type"]), normalise(family(a["type"]), a["value"])) for a in gold.get("attributes") or []}
    neutral = {str(v).strip().lower() for v in gold.get("optional_attributes") or []}
    for attribute in gold.get("attributes") or []:
        host = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)", attribute["value"], re.I)
        if family(attribute["type"]) == "url" and host:
            neutral.add(host.group(1).strip("[]").lower())
        if family(attribute["type"]) == "email" and "@" in attribute["value"]:
            neutral.add(attribute["value"].split("@", 1)[1].lower())
    required = []
    for entry in gold.get("galaxy_clusters") or []:
        alternatives = entry["any_of"] if isinstance(entry, dict) and "any_of" in entry else [entry]
        required.append({(x["galaxy"], x["value"]) for x in alternatives})
    allowed = set().union(*required) | {(x["galaxy"], x["value"]) for x in gold.get("optional_clusters") or []}
    score.gold += len(expected)
    score.required += len(required)
    if event is None:
        score.missing.append(gold_path.name.removesuffix(".gold.yaml"))
        return
    emitted: dict[tuple[str, str], bool] = {}
    for kind, value, ids in _attributes(event):
        if kind in INDICATOR_TYPES:
            key = (family(kind), normalise(family(kind), value))
            emitted[key] = emitted.get(key, False) or ids
    for key, ids in emitted.items():
        if key in expected:
            score.true += 1
        elif ids and key[1].lower() not in neutral:
            score.false += 1
    found = clusters(event)
    score.required_met += sum(1 for alternatives in required if alternatives & found)
    score.emitted_clusters += len(found)
    score.allowed_clusters += len(found & allowed)
