"""Render the binary reports of this set with real writers, so the files can be rebuilt.

- c10_storm2603_sharepoint_warlock_advisory.pdf and c11_tropictrooper_usbferry_airgap.pdf: from their
  `.pdf.source` (HTML), laid out by PyMuPDF's Story API (the HTML is the report's text; the PDF is what the
  converter reads).
- c12_zeppelin_dental_chain_case.docx: from its `.docx.source` (a light markdown: '# ', '## ', '- ', '|' tables),
  written with python-docx.
The sources carry a `.source` extension so that a converter pointed at this folder does not take them for
reports.

The writers are shared by every judge set (tests/bench/judge_render.py).
Run: `.venv/bin/python tests/data/realstyle-holdout13/render.py`
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from judge_render import render_set  # noqa: E402

if __name__ == "__main__":
    render_set(HERE)
