"""`PYTHONPATH=tests python -m misp_double`: the MISP double on a free loopback port until Ctrl-C, to try
`misp-report sync` without a MISP. Prints the two environment variables the sync reads, and the analyst's
key (a second user who edits the same events through the REST API, as a colleague would)."""

from __future__ import annotations

import contextlib
import threading

from . import MispDouble


def main() -> None:
    # Ctrl-C stops it cleanly at any moment, also while it still prints what to export (a test that stopped it as
    # soon as it answered caught it there once on a busy machine).
    with contextlib.suppress(KeyboardInterrupt), MispDouble() as double:
        print(f"export MISP_URL={double.url} MISP_KEY={double.key}", flush=True)
        print(f"# a colleague's API key, for edits made in MISP: {double.analyst_key}", flush=True)
        # Wake twice a second rather than block for good: Python runs a signal's handler in the main thread only,
        # and a blocked wait there may never see a Ctrl-C that the kernel handed to one of the server's threads.
        forever = threading.Event()
        while not forever.wait(0.5):
            pass


if __name__ == "__main__":
    main()
