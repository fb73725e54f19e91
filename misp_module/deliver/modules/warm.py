"""Preloaded by the fork server of the module workers (worker.py): converting a sample report once loads the
templates and MISP knowledge, so that every conversion forked from it starts warm and shares that memory.

Whatever a conversion would build lazily on first use (compiled patterns, per-class model weights) is built
here, once: a child that built it again would pay for it on every query, since each child serves one query."""

from __future__ import annotations

import gc
import logging

from ...pipeline import convert_bytes
from ...settings import Settings

LOGGER = logging.getLogger(__name__)
# One of each part a report has (layout sections, prose, TTPs, a table of indicators of every kind), so that
# the patterns and caches every path compiles on first use exist before the fork.
_SAMPLE = b"""# Warm-up report: APT28 campaign against logistics firms

Published: 2025-03-04
Source: https://vendor.example/blog/warm-up
TLP: AMBER

## Executive Summary

The operators of APT28 (also tracked as Fancy Bear) sent spear-phishing e-mails from attacker@evil-domain.example
to staff of logistics companies in Germany and Poland, and staged the payload on 203.0.113.7. They exploited
CVE-2024-3400 on the VPN gateway, then ran PowerShell to download a loader and created a scheduled task to
persist. They dumped LSASS memory to steal credentials and exfiltrated archives over the C2 channel.

## Technical Analysis

The loader (update.exe) writes itself to C:\\Users\\Public\\update.exe and adds a value under
HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run. It beacons to hxxps://cdn-update[.]example/api/v2 every
60 seconds. The malware family is X-Agent; Mimikatz and Cobalt Strike were also seen.

## MITRE ATT&CK

| Tactic | Technique |
|---|---|
| Initial Access | T1566.001 Spearphishing Attachment |
| Execution | T1059.001 PowerShell |
| Credential Access | T1003.001 LSASS Memory |

## Indicators of Compromise

| Type | Value |
|---|---|
| IPv4 | 198.51.100.23 |
| IPv6 | 2001:db8::7 |
| Domain | evil-domain[.]example |
| URL | hxxp://evil[.]example/x.exe |
| SHA256 | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 |
| SHA1 | a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 |
| MD5 | 098f6bcd4621d373cade4e832627b4f6 |
| E-mail | attacker@evil-domain.example |

## References

- [Earlier campaign write-up](https://vendor.example/blog/earlier)
"""


def _weights_built() -> None:
    """Build every class's weights of the technique model now (it builds them on first use, ~14 MB)."""
    from ...extract.techniques_model import technique_model

    model = technique_model()
    weights = getattr(model, "_weights", None)
    if not isinstance(weights, list):
        return
    for number, built in enumerate(weights):
        if built is None:
            weights[number] = dict(zip(model.class_rows[number], model.class_values[number], strict=True))


def warm() -> None:
    """Convert the sample; a failure only costs the conversions their warm start, so it is logged."""
    try:
        convert_bytes(_SAMPLE, identity="warm-up", name="warm-up.md", settings=Settings())
        _weights_built()
    except Exception as exc:  # the fork server must start whatever happens here: it only loses its warm start
        LOGGER.warning("module workers: warm-up conversion failed: %r", exc)
    # Objects made so far are never collected: children forked later do not copy their pages to mark them.
    gc.freeze()


warm()
