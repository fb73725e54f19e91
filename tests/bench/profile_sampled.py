"""Where a warm conversion spends its time, by sampling: the share of samples in which each function is on the
stack (inclusive) and on top of it (exclusive), without cProfile's cost per call. The rules of galaxy and technique
extraction are thousands of calls of a few microseconds each: cProfile's own cost per call inflates them several
times, and ranks them by the number of calls more than by their time.

    PYTHONHASHSEED=0 python tests/bench/profile_sampled.py corpus|big [--passes N] [--lines] [--top N]

`corpus` and `big` as in count_instructions.py; `--lines` tells the lines of each function apart. A sample is
taken every millisecond of CPU time (ITIMER_PROF); the shares are of the samples of the measured passes.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections import Counter
from pathlib import Path
from types import FrameType

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

import count_instructions  # noqa: E402


class Sampler:
    """Counts, per function (or line), the samples where it is on the stack and where it is on top."""

    def __init__(self, lines: bool) -> None:
        self.lines = lines
        self.samples = 0
        self.inclusive: Counter[str] = Counter()
        self.exclusive: Counter[str] = Counter()

    def _key(self, frame: FrameType) -> str:
        code = frame.f_code
        key = f"{Path(code.co_filename).name}:{code.co_name}"
        return f"{key}:{frame.f_lineno}" if self.lines else key

    def sample(self, _signal: int, frame: FrameType | None) -> None:
        self.samples += 1
        seen: set[str] = set()
        top = True
        while frame is not None:
            key = self._key(frame)
            if top:
                self.exclusive[key] += 1
                top = False
            if key not in seen:
                self.inclusive[key] += 1
                seen.add(key)
            frame = frame.f_back


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("corpus", "big"))
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--lines", action="store_true")
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    count_instructions.corpus(0)
    sampler = Sampler(args.lines)
    signal.signal(signal.SIGPROF, sampler.sample)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
    for _ in range(args.passes):
        count_instructions.corpus(0) if args.what == "corpus" else count_instructions.big("1")
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    print(f"{sampler.samples} samples")
    for title, table in (("inclusive", sampler.inclusive), ("exclusive", sampler.exclusive)):
        print(f"== {title}")
        for key, count in table.most_common(args.top):
            print(f"{100 * count / max(sampler.samples, 1):6.1f}% {key}")


if __name__ == "__main__":
    main()
