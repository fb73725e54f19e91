"""Render the binary report of this set with a real writer, so the file can be rebuilt.

- t09_medusa_ransomware_advisory.pdf: from t09_medusa_ransomware_advisory.pdf.source (HTML), laid out by
  PyMuPDF's Story API (the HTML is the report's text; the PDF is what the converter reads). The source
  carries a `.source` extension so that a converter pointed at this folder does not take it for a report.

The writers are shared by every judge set (tests/bench/judge_render.py).
Run: `.venv/bin/python tests/data/realstyle-holdout3/render.py`
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from judge_render import render_set  # noqa: E402

if __name__ == "__main__":
    render_set(HERE)
