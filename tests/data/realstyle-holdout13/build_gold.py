"""Write the NAME.gold.yaml files of the thirteenth real-style held-out set from its judge's labels (labels.py), with
the builder the judge sets share (tests/bench/judge_gold.py). Run it again after a galaxy update:
`.venv/bin/python tests/data/realstyle-holdout13/build_gold.py`, then review `git diff` of the gold files.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "bench")]
from judge_gold import write_gold  # noqa: E402
from labels import LABELS  # noqa: E402

if __name__ == "__main__":
    write_gold(HERE, LABELS)
