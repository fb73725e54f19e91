"""The double started on its own (README, Development), as an analyst tries the sync without a MISP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pymisp import PyMISP

TESTS = Path(__file__).parent.parent


def _as_from_a_terminal() -> None:
    """The child starts as an analyst's shell starts it: SIGINT neither ignored nor blocked. A process inherits both
    dispositions from its parent, and Python installs its Ctrl-C handler only where SIGINT is not ignored; the
    pytest worker that starts the double may have run code that changed them (a full run once hung here)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _signal_state(pid: int) -> str:
    """The kernel's view of the process's signals (ignored, blocked, caught), to say why it did not stop."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines()
    except OSError:
        return "unknown"
    return " ".join(line for line in lines if line.startswith(("SigBlk", "SigIgn", "SigCgt", "State")))


def test_the_double_run_as_a_module_prints_the_environment_to_sync_to_it() -> None:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    server = subprocess.Popen(
        [sys.executable, "-m", "misp_double"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=TESTS.parent,
        preexec_fn=_as_from_a_terminal,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline().split()
        assert line[0] == "export" and line[1].startswith("MISP_URL=http://127.0.0.1:"), line
        url, key = line[1].split("=", 1)[1], line[2].split("=", 1)[1]
        assert PyMISP(url, key).misp_instance_version["version"].startswith("2.5")
    finally:
        server.send_signal(signal.SIGINT)
        try:  # a loaded CI machine can take a while to stop the server's threads
            code = server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            signals = _signal_state(server.pid)
            server.kill()
            raise AssertionError(f"the double did not stop on SIGINT within 60 s; its signals: {signals}") from None
        assert code == 0
