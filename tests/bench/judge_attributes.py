"""Attribute matching of the held-out judge (tests/bench/judge_holdout.py): ../shared/score.py when present,
else the same rules re-implemented here, so that a clone without the shared folder still scores attributes.

Apart from the judge's clusters and techniques because it is another scorer's rules, kept in step with that
scorer, not the judge's own verdicts.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import re
from pathlib import Path
from typing import ClassVar

import yaml

SHARED_SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "score.py"


def load_shared_scorer():
    if not SHARED_SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OwnScorer:
    """The matching rules of the shared scorer (README of ../shared/reports), for a clone without it."""

    INDICATOR_TYPES: ClassVar[frozenset[str]] = frozenset(
        {
            "ip-src",
            "ip-dst",
            "ip",
            "domain",
            "hostname",
            "email",
            "email-src",
            "email-dst",
            "email-reply-to",
            "url",
            "uri",
            "md5",
            "sha1",
            "sha224",
            "sha256",
            "sha384",
            "sha512",
            "ssdeep",
            "imphash",
            "tlsh",
            "authentihash",
            "filename",
            "regkey",
            "mutex",
            "named pipe",
            "vulnerability",
            "AS",
            "btc",
            "xmr",
            "ja3-fingerprint-md5",
            "jarm-fingerprint",
            "user-agent",
            "mac-address",
            "email-subject",
        }
    )
    FAMILY: ClassVar[dict[str, str]] = {
        "ip-src": "ip",
        "ip-dst": "ip",
        "ip": "ip",
        "domain": "domain",
        "hostname": "domain",
        "url": "url",
        "uri": "url",
        "email": "email",
        "email-src": "email",
        "email-dst": "email",
        "email-reply-to": "email",
    }
    HIVES: ClassVar[list[tuple[str, str]]] = [
        ("hkey_local_machine", "hklm"),
        ("hkey_current_user", "hkcu"),
        ("hkey_classes_root", "hkcr"),
        ("hkey_users", "hku"),
    ]

    def family(self, t):
        return self.FAMILY.get(t, t)

    def norm(self, fam, v):
        v = str(v).strip()
        if fam == "ip":
            try:
                return str(ipaddress.ip_network(v, strict=False)) if "/" in v else ipaddress.ip_address(v).compressed
            except ValueError:
                return v.lower()
        if fam in ("domain", "email"):
            return v.lower().rstrip(".")
        if fam == "url":
            return v[:-1] if v.endswith("/") else v
        if fam == "vulnerability":
            return v.upper()
        if fam == "filename":
            return re.split(r"[\\/]", v)[-1].lower()
        if fam == "regkey":
            s = v.lower().replace("\\\\", "\\")
            for long, short in self.HIVES:
                if s.startswith(long):
                    s = short + s[len(long) :]
            return s.rstrip("\\")
        if fam in ("md5", "sha1", "sha256", "sha512", "named pipe", "mutex", "imphash"):
            return v.lower()
        return v

    def load_gold(self, path):
        g = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        gold = {
            (self.family(a["type"]), self.norm(self.family(a["type"]), a["value"])) for a in g.get("attributes") or []
        }
        return {
            "gold": gold,
            "neutral": [str(v) for v in g.get("optional_attributes") or []],
            "noise": [str(v) for v in g.get("not_attributes") or []],
        }

    def score_one(self, G, ev):
        attrs = []
        for a in list(ev.get("Attribute") or []) + [
            x for o in ev.get("Object") or [] for x in o.get("Attribute") or []
        ]:
            t, v = a.get("type"), a.get("value")
            if t is None or v is None:
                continue
            ids = a.get("to_ids", True)
            ids = ids.strip().lower() not in ("0", "false", "") if isinstance(ids, str) else bool(ids)
            parts = list(zip(t.split("|"), str(v).split("|"), strict=False)) if "|" in t else [(t, v)]
            attrs.extend((tt, vv, ids) for tt, vv in parts)
        tp, fp, tp_ids, noise = set(), set(), set(), set()
        for t, v, ids in attrs:
            fam = self.family(t)
            key = (fam, self.norm(fam, v))
            matches = lambda raw: self.norm(fam, raw) == key[1] or str(raw).strip().lower() == str(v).strip().lower()  # noqa: B023, E731
            if ids and any(matches(n) for n in G["noise"]):
                noise.add(f"{t}:{v}")
            if t not in self.INDICATOR_TYPES:
                continue
            if key in G["gold"]:
                tp.add(key)
                if ids:
                    tp_ids.add(key)
            elif ids and not any(matches(n) for n in G["neutral"]):
                fp.add(key)
        return {
            "tp": tp,
            "fp": fp,
            "tp_ids": tp_ids,
            "n_gold": len(G["gold"]),
            "noise_hits": sorted(noise),
            "missed": G["gold"] - tp,
        }
