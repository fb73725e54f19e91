"""The double started on its own (README, Development), as an analyst tries the sync without a MISP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pymisp import PyMISP

TESTS = Path(__file__).parent.parent


def test_the_double_run_as_a_module_prints_the_environment_to_sync_to_it() -> None:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    server = subprocess.Popen(
        [sys.executable, "-m", "misp_double"], stdout=subprocess.PIPE, text=True, env=env, cwd=TESTS.parent
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
            server.kill()
            raise
        assert code == 0
