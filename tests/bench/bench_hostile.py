"""Hostile-input benchmark: every pathological report of tests/hostile.py converted in a child process, its
time per MB as a ratio to one regex pass over the same text (the floor), and its peak memory. With `--scaling`,
each case at its size, twice and four times it: the CPU time of each and the ratio to the size before, about 2
for work that grows with the text, about 4 for work that grows with its square."""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hostile import BROKEN, PATHOLOGICAL, Case

from misp_module.errors import MispReportError
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

# A child still converting after this many seconds is killed and shown as "killed".
LIMIT = 120.0
_FLOOR = re.compile(r"\w+")
_WARM = (Path(__file__).resolve().parents[1] / "data" / "reports" / "deepseek-czechia.txt").read_bytes()


def _floor_seconds(data: bytes) -> float:
    """One regex pass over the decoded text: what any reading of the text costs at least."""
    start = time.perf_counter()
    text = data.decode("utf-8", errors="replace")
    sum(1 for _ in _FLOOR.finditer(text))
    return max(time.perf_counter() - start, 1e-6)


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measure(case: Case, scale: float, settings: Settings, limit: float = LIMIT) -> tuple[str, float, float]:
    """(outcome, seconds, peak MB above the warm process) of converting one case in a forked child."""
    outcome, seconds, peak, _ = measure_cpu(case, scale, settings, limit)
    return outcome, seconds, peak


def measure_cpu(case: Case, scale: float, settings: Settings, limit: float = LIMIT) -> tuple[str, float, float, float]:
    """`measure`, and the CPU seconds of the child (what other sessions on a shared machine disturb least)."""
    data = case.make(scale)
    baseline = _rss_kb()
    read_end, write_end = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child converts and reports its outcome through the pipe
        os.close(read_end)
        try:
            convert_bytes(data, identity=case.name, name=case.name, settings=settings)
            outcome = "ok"
        except MispReportError:
            outcome = "error"
        except BaseException as exc:
            outcome = f"CRASH {type(exc).__name__}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    deadline = start + limit
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            done, status, usage = os.wait4(pid, 0)
            os.close(read_end)
            cpu = usage.ru_utime + usage.ru_stime
            return "killed", time.perf_counter() - start, usage.ru_maxrss / 1024 - baseline / 1024, cpu
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read().decode() or f"died ({status})"
    return outcome, elapsed, usage.ru_maxrss / 1024 - baseline / 1024, usage.ru_utime + usage.ru_stime


def run(scale: float, names: set[str] | None = None, limit: float = LIMIT) -> None:
    """Print one line per case: size, outcome, seconds, seconds per MB, ratio to the floor, peak memory."""
    settings = Settings(max_report_bytes=64 * 1024 * 1024)
    convert_bytes(_WARM, identity="warm-up", name="warm-up", settings=settings)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    print(f"hostile: scale {scale:g}, each case in a child process, killed after {limit:.0f} s")
    print(f"  {'case':24} {'bytes':>10} {'outcome':>9} {'seconds':>8} {'s/MB':>7} {'x floor':>8} {'peak MB':>8}")
    for case in PATHOLOGICAL + BROKEN:
        if names and case.name not in names:
            continue
        data = case.make(scale)
        outcome, seconds, peak = measure(case, scale, settings, limit)
        megabytes = len(data) / 1e6
        ratio = seconds / _floor_seconds(data)
        print(
            f"  {case.name:24} {len(data):>10,} {outcome:>9} {seconds:>8.2f} {seconds / megabytes:>7.2f}"
            f" {ratio:>8.0f} {max(peak, 0):>8.0f}",
            flush=True,
        )


def scaling(scale: float, names: set[str] | None = None, limit: float = LIMIT) -> None:
    """Print one line per case: its CPU seconds at `scale`, twice and four times it, and the ratio of each to the
    one before (2 is linear; the cases of one name repeated in a sentence or list were 4, quadratic)."""
    settings = Settings(max_report_bytes=64 * 1024 * 1024)
    convert_bytes(_WARM, identity="warm-up", name="warm-up", settings=settings)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    print(f"hostile scaling: scale {scale:g}, x2, x4; CPU seconds of a child process, killed after {limit:.0f} s")
    print(f"  {'case':24} {'bytes':>10} {'cpu':>7} {'cpu x2':>7} {'cpu x4':>7} {'ratio':>6} {'ratio':>6}  outcome")
    for case in PATHOLOGICAL:
        if names and case.name not in names:
            continue
        runs = [measure_cpu(case, scale * factor, settings, limit) for factor in (1, 2, 4)]
        cpu = [max(run[3], 1e-3) for run in runs]
        outcomes = ",".join(sorted({run[0] for run in runs}))
        print(
            f"  {case.name:24} {len(case.make(scale)):>10,} {cpu[0]:>7.2f} {cpu[1]:>7.2f} {cpu[2]:>7.2f}"
            f" {cpu[1] / cpu[0]:>6.2f} {cpu[2] / cpu[1]:>6.2f}  {outcomes}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    """`make bench` runs every case at the size it was reported at."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="size of each case relative to the reported one")
    parser.add_argument("--limit", type=float, default=LIMIT, help="seconds before a case is killed")
    parser.add_argument("--scaling", action="store_true", help="each case at its size, x2 and x4: CPU time ratios")
    parser.add_argument("cases", nargs="*", help="only these cases")
    args = parser.parse_args(argv if argv is not None else [])
    if args.scaling:
        scaling(args.scale, set(args.cases) or None, args.limit)
    else:
        run(args.scale, set(args.cases) or None, args.limit)


if __name__ == "__main__":
    main(sys.argv[1:])
