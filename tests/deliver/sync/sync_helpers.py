"""The shared set-ups of the sync tests: the conversion a report should give, MISP's stored copy, the sample
reports' lines and indicators, an author's edits to alpha.txt, an analyst's client and a git repository of the
samples (its fixture, `repository`, is in conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from misp_double import MispDouble

from misp_module.deliver.files import file_date, report_identity
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

DATA = Path(__file__).parent / "data"


def expected_event(path: Path, root: Path) -> dict[str, Any]:
    """The conversion of a report as the sync job makes it (identity relative to the synced folder)."""
    event = convert_bytes(
        path.read_bytes(),
        identity=report_identity(path, root),
        name=str(path),
        settings=Settings(),
        fallback_date=file_date(path, None),
    )
    return json.loads(event.to_json())


def stored_event(double: MispDouble, event_uuid: str) -> dict[str, Any]:
    """MISP's copy, soft-deleted attributes included."""
    return double.model.view(event_uuid, "test", deleted=True)["Event"]


def live(event: dict[str, Any]) -> set[tuple[str, str]]:
    return {(a["type"], a["value"]) for a in event.get("Attribute", []) if not a.get("deleted")}


def soft_deleted(event: dict[str, Any]) -> set[tuple[str, str]]:
    return {(a["type"], a["value"]) for a in event.get("Attribute", []) if a.get("deleted")}


def tags(event: dict[str, Any]) -> set[str]:
    return {t["name"] for t in event.get("Tag", []) if not t.get("deleted")}


GENERATED = """Full Report
Campaign {n}: operators of group {n} sent invoice lures to {sector} companies and deployed a loader.
Analysis Summary
# Threat Actor: Example Actor {n} (Generated Group {n})
## Activity Summary
The loader beaconed to 10.{a}.{b}.1 and fetched a second stage from hxxps://stage-{n}[.]example[.]com/p.
## Targeting
- **Sectors:** {sector}
- **Victims:** Example Victim {n}
## Tools & Infrastructure
- **Infrastructure (C2, domains, IPs):**
  - 10.{a}.{b}.1
  - stage-{n}[.]example[.]com
"""
SECTORS = ("Energy", "Finance", "Health", "Government", "Telecommunications")


def generate_reports(folder: Path, count: int) -> list[Path]:
    """`count` distinct reports in the sample layout: each gives its own event with its own attributes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"group-{n // 100:02d}" / f"report-{n:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(GENERATED.format(n=n, a=n // 250, b=n % 250, sector=SECTORS[n % len(SECTORS)]))
        paths.append(path)
    return paths


def analyst(double: MispDouble) -> Any:
    """Another MISP user (own API key) editing the same events through the REST API, as PyMISP does."""
    from pymisp import PyMISP

    return PyMISP(double.url, double.analyst_key, ssl=False)


def attribute_uuid_of(event: dict[str, Any], attribute_type: str, value: str) -> str:
    return next(a["uuid"] for a in event["Attribute"] if (a["type"], a["value"]) == (attribute_type, value))


# -- the QA round's scenarios (test_between_syncs.py, test_run_faults.py): alpha.txt and its edit -------------
URL = ("url", "https://invoice-alpha.example.com/download")
HOSTNAME = ("hostname", "mail-alpha.example.com")
NEW_IP = ("ip-dst", "203.0.113.20")  # the edited report's new indicator
SHA256 = ("filename|sha256", "loader.exe|9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
HOSTNAME_LINE = "  - mail-alpha[.]example[.]com\n"
URL_AGAIN = "  - hxxps://invoice-alpha[.]example[.]com/download\n"  # named again: the report's comment changes
MORE = "\nThe loader was also seen on 198.51.100.99.\n"  # a small edit elsewhere in the report: a new indicator
MORE_IP = ("ip-dst", "198.51.100.99")
RETIRED = "misp-report:retired"
ANALYSTS_TAG = 'workflow:state="complete"'
# A report of its own (no indicator, cluster or title word of the samples' but the layout's): new, not a rename.
DELTA = """Full Report
Delta Crew pushed a fake browser update through compromised news sites to reach hospital staff.
Analysis Summary
# Threat Actor: Delta Crew (Example Group 4)
## Targeting
- **Sectors:** Healthcare
- **Victims:** Example County Hospital
## Tools & Infrastructure
- **Infrastructure (C2, domains, IPs):**
  - 198.51.100.140
  - update-check[.]example[.]org
"""


def first_sync(sync: Any, double: MispDouble, reports: Path) -> dict[str, Any]:
    """Sync the three reports; the event of alpha.txt as MISP holds it."""
    assert sync(str(reports), double=double).code == 0
    return stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])


def edit_report(reports: Path) -> dict[str, Any]:
    """The report's author edits alpha.txt (new C2 address, the hash gone, a new title); its new event."""
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    return expected_event(reports / "alpha.txt", reports)


def append(reports: Path, text: str, name: str = "alpha.txt") -> str:
    """The author adds `text` at the end of a report; its text before."""
    before = (reports / name).read_text()
    (reports / name).write_text(before + text)
    return before


def rewrite(reports: Path, old: str, new: str, name: str = "alpha.txt") -> str:
    """The author replaces `old` (which the report must hold) by `new`; the report's text before."""
    before = (reports / name).read_text()
    assert old in before, f"{name} has no {old!r}"
    (reports / name).write_text(before.replace(old, new))
    return before


def git(repo: Path, *args: str) -> str:
    """git in `repo`, as one author at one fixed time (commit ids and dates the same on every run)."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2024-11-05T10:00:00Z",
        "GIT_COMMITTER_DATE": "2024-11-05T10:00:00Z",
    }
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env)
    return done.stdout.strip()


def git_repository(folder: Path) -> Path:
    """A git repository of the sample reports (under `reports/`), in one commit on `main`."""
    shutil.copytree(DATA / "reports", folder / "reports")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "First reports")
    return folder


def ok(answer: Any) -> Any:
    assert not (isinstance(answer, dict) and "errors" in answer), answer
    return answer


def attribute(stored: dict[str, Any], kind: str, value: str) -> dict[str, Any]:
    return next(a for a in stored["Attribute"] if (a["type"], a["value"]) == (kind, value))


def copies(stored: dict[str, Any], kind: str, value: str) -> list[dict[str, Any]]:
    return [a for a in stored["Attribute"] if (a["type"], a["value"]) == (kind, value) and not a["deleted"]]


def only_the_key_check(double: MispDouble) -> bool:
    """A run with every report unchanged writes nothing and reads no event: its one request checks the API
    key (GET /servers/getVersion), so that a revoked key is not missed while nothing changes."""
    return [(r.method, r.path) for r in double.requests()] == [("GET", "/servers/getVersion")]
