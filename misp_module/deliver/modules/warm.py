"""Preloaded by the fork server of the module workers (worker.py): converting a small report once loads the
templates and MISP knowledge, so that every conversion forked from it starts warm and shares that memory."""

from __future__ import annotations

import gc
import logging

from ...pipeline import convert_bytes
from ...settings import Settings

LOGGER = logging.getLogger(__name__)
_SAMPLE = (
    b"# Warm-up report\n\nThe operators of APT28 sent spear-phishing e-mails from attacker@evil-domain.example "
    b"and staged the payload on 203.0.113.7 (hxxp://evil[.]example/x.exe, CVE-2024-3400).\n"
)


def warm() -> None:
    """Convert the sample; a failure only costs the first conversion its warm start, so it is logged."""
    try:
        convert_bytes(_SAMPLE, identity="warm-up", name="warm-up", settings=Settings())
    except Exception as exc:  # the fork server must start whatever happens here: it only loses its warm start
        LOGGER.warning("module workers: warm-up conversion failed: %r", exc)
    # Objects made so far are never collected: children forked later do not copy their pages to mark them.
    gc.freeze()


warm()
