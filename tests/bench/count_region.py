"""Instructions of one warm conversion pass alone, counted by callgrind with its instrumentation on only while the
pass runs: the difference of two whole runs (count_instructions.py) spends most of its valgrind time on the start
(knowledge loaded, the warm-up pass) at full instrumentation, and takes two runs; here the start runs
uninstrumented, several times faster, and one run gives the figure.

    PYTHONHASHSEED=0 python tests/bench/count_region.py corpus|big [--code DIR]

`corpus` converts every report of tests/data/reports and tests/data/real-style once, `big` the 2 MB report of
bench_floors (count_instructions.py says what each holds); `--code DIR` measures the package found in DIR (another
checkout, for a before/after in one sitting). Prints the instructions of the measured pass. The process under
valgrind warms up, leaves a file beside its flag and waits; this driver turns the instrumentation on with
`callgrind_control` and lets it go, and off again when the pass is done.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _wait_for(path: Path, process: subprocess.Popen[bytes]) -> None:
    while not path.exists():
        if process.poll() is not None:
            raise SystemExit(f"count_region: the measured process ended early (exit {process.returncode})")
        time.sleep(0.5)


def measured(what: str, flag: Path) -> None:
    """The process under valgrind: warm up, wait for the go, run one pass, say so and wait for the end."""
    sys.path[:0] = [str(BENCH.parent), str(BENCH)]
    import count_instructions

    count_instructions.corpus(0)
    count_instructions.big("0")
    flag.with_suffix(".ready").touch()
    while not flag.with_suffix(".go").exists():
        time.sleep(0.2)
    if what == "corpus":
        count_instructions.corpus(0)
    else:
        count_instructions.big("1")
    flag.with_suffix(".done").touch()
    while not flag.with_suffix(".end").exists():
        time.sleep(0.2)


def drive(what: str, code: str | None) -> int:
    """Run the measured process under callgrind and return the instructions of its pass."""
    env = dict(os.environ, PYTHONHASHSEED=os.environ.get("PYTHONHASHSEED", "0"))
    if code:
        env["PYTHONPATH"] = code
    with tempfile.TemporaryDirectory() as folder:
        flag, log = Path(folder) / "flag", Path(folder) / "valgrind.log"
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null"]
        command += [f"--log-file={log}", sys.executable, __file__, what, "--measured", str(flag)]
        process = subprocess.Popen(command, env=env, cwd=folder)
        _wait_for(flag.with_suffix(".ready"), process)
        subprocess.run(["callgrind_control", "-i", "on", str(process.pid)], check=True, capture_output=True)
        flag.with_suffix(".go").touch()
        _wait_for(flag.with_suffix(".done"), process)
        subprocess.run(["callgrind_control", "-i", "off", str(process.pid)], check=True, capture_output=True)
        flag.with_suffix(".end").touch()
        process.wait()
        found = re.search(r"Collected : (\d+)", log.read_text(encoding="utf-8"))
        if process.returncode or not found:
            raise SystemExit(f"count_region: valgrind failed (exit {process.returncode}); see its log")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("corpus", "big"))
    parser.add_argument("--code", help="folder holding the misp_module package to measure")
    parser.add_argument("--measured", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured:
        measured(args.what, Path(args.measured))
    else:
        print(f"{args.what}: {drive(args.what, args.code)} instructions")


if __name__ == "__main__":
    main()
