"""The core as the modules call it: one conversion at a time, so misp-modules' thread pool loads the MISP
knowledge once instead of once per waiting thread."""

from __future__ import annotations

import threading
import uuid

from pymisp import MISPEvent

from ...pipeline import convert_bytes
from ...settings import Settings

# misp-modules answers queries in up to 32 threads, and MISP's "Enrich event" sends one query per attribute at
# once. The knowledge (galaxies, warninglists) is loaded by the first conversion that needs it: without this
# lock every waiting thread would build it too (8 concurrent first queries took 39 s instead of 5 s). Python
# runs one thread's bytecode at a time anyway, so one conversion at a time costs no throughput. Link fetching
# happens outside the lock.
_ONE_CONVERSION_AT_A_TIME = threading.Lock()


def convert(data: bytes, *, identity: str, name: str, settings: Settings, namespace: uuid.UUID) -> MISPEvent:
    """`convert_bytes`, serialised across the server's threads."""
    with _ONE_CONVERSION_AT_A_TIME:
        return convert_bytes(data, identity=identity, name=name, settings=settings, namespace=namespace)
