"""`misp-report convert`: report files → MISP event JSON files (or stdout for a single report)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import MispReportError, ReportError
from ..pipeline import convert_bytes
from ..settings import Settings, load_settings
from .files import (
    discover_reports,
    event_json,
    file_date,
    git_toplevel,
    read_limited,
    report_identity,
    write_atomically,
)
from .parallel import default_jobs, ordered_map

EXAMPLES = """\
examples:
  misp-report convert report.txt                   print the event of one report as MISP JSON
  misp-report convert reports/ -o events/          one events/<name>.json per report in reports/
  misp-report convert a.md b.html c.pdf d.docx -o out/   PDF and Word reports are read as their text
  misp-report convert report.txt --tag 'tlp:green' --distribution 1 --config misp-report.yaml

exit status: 0 all converted, 1 some reports failed (the others are written), 2 usage error
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `convert` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help="convert report files to MISP event JSON",
        description="Convert threat-intelligence reports (markdown, text, HTML pages, PDF, Word .docx) to MISP "
        "events in MISP's JSON format, one event per report. The same report always gives the same JSON (same UUIDs).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="report file, or folder whose report files (.txt .md .html .pdf .docx …) are all converted",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="write DIR/<report name>.json per report (required for more than one report)",
    )
    parser.add_argument(
        "-t",
        "--template",
        metavar="NAME",
        help="report template to use (default: picked from the headings found), e.g. generic",
    )
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        metavar="FILE",
        help="YAML config file with event defaults, tags and limits (see README)",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="add a tag to every event, e.g. --tag 'tlp:green' (repeatable)",
    )
    parser.add_argument(
        "--distribution",
        type=int,
        choices=range(4),
        metavar="{0,1,2,3}",
        help="event distribution: 0 your organisation, 1 community, 2 connected, 3 all",
    )
    parser.add_argument(
        "--threat-level",
        type=int,
        choices=range(1, 5),
        metavar="{1,2,3,4}",
        help="event threat level: 1 high, 2 medium, 3 low, 4 undefined",
    )
    parser.add_argument("--max-size", type=int, metavar="BYTES", help="refuse reports larger than this (default 5 MB)")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help=f"convert N reports at a time, one process each (default: the machine's cores, here {default_jobs()}); "
        "the output and the errors are the same as with --jobs 1",
    )
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The config file's settings with the command-line flags on top."""
    settings = load_settings(args.config)
    event = settings.event
    if args.distribution is not None:
        event = type(event)(event.threat_level_id, event.analysis, args.distribution)
    if args.threat_level is not None:
        event = type(event)(args.threat_level, event.analysis, event.distribution)
    changes: dict[str, object] = {"event": event, "tags": settings.tags + tuple(args.tag)}
    if args.max_size is not None:
        if args.max_size <= 0:
            raise MispReportError("--max-size must be a positive number of bytes")
        changes["max_report_bytes"] = args.max_size
    if args.template:
        changes["template"] = args.template
    return settings.replace(**changes)


def collect_inputs(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(report file, folder its output name is relative to) for every argument; missing paths are errors."""
    inputs = []
    for path in paths:
        if path.is_dir():
            inputs.extend((report, path) for report in discover_reports(path))
        elif path.is_file():
            inputs.append((path, path.parent))
        else:
            raise MispReportError(f"{path}: no such file or folder")
    return inputs


def output_path(output: Path, report: Path, base: Path, *, keep_suffix: bool = False) -> Path:
    """DIR/<stem>.json, keeping the sub-folders of a converted folder so names never collide;
    DIR/<name>.json (advisory.pdf.json) when another report of the run has the same stem."""
    relative = report.relative_to(base) if report.is_relative_to(base) else Path(report.name)
    return output / relative.parent / f"{relative.name if keep_suffix else relative.stem}.json"


def shared_stems(inputs: list[tuple[Path, Path]], output: Path) -> set[Path]:
    """The output paths two reports would share (advisory.txt and advisory.pdf side by side)."""
    seen: dict[Path, int] = {}
    for path, base in inputs:
        destination = output_path(output, path, base)
        seen[destination] = seen.get(destination, 0) + 1
    return {destination for destination, count in seen.items() if count > 1}


def convert_file(path: Path, base: Path, settings: Settings, repository: Path | None = None) -> str:
    """The event JSON of one report file. Its identity is its path in its git repository (`repository`,
    looked up once per folder by the caller), else in the folder given on the command line; its fallback
    date is its last commit, else its modification time."""
    root = repository or base
    data = read_limited(str(path), path.stat().st_size, path.read_bytes, settings.max_report_bytes)
    event = convert_bytes(
        data,
        identity=report_identity(path, root),
        name=str(path),
        settings=settings,
        fallback_date=file_date(path, repository),
    )
    return event_json(event)


# One report to convert: (file, folder its output name is relative to, its git work tree, settings).
Task = tuple[Path, Path, Path | None, Settings]


def convert_task(task: Task) -> tuple[str | None, str | None]:
    """(event JSON, None) or (None, error message): what a worker process sends back for one report."""
    path, base, repository, settings = task
    try:
        return convert_file(path, base, settings, repository), None
    except ReportError as exc:
        return None, str(exc)


def tasks(inputs: list[tuple[Path, Path]], settings: Settings) -> list[Task]:
    """Every report with its git work tree, looked up once per folder (not one `git` call per report)."""
    repositories: dict[Path, Path | None] = {}
    found = []
    for path, base in inputs:
        folder = path.parent
        if folder not in repositories:
            repositories[folder] = git_toplevel(folder)
        found.append((path, base, repositories[folder], settings))
    return found


def run(args: argparse.Namespace) -> int:
    """Convert every report; a bad report is reported on stderr and the others still convert."""
    settings = settings_from_args(args)
    if args.jobs is not None and args.jobs < 1:
        raise MispReportError(f"--jobs must be at least 1, not {args.jobs}")
    inputs = collect_inputs(args.paths)
    if not inputs:
        raise MispReportError(
            "no report file found (looked for " + ", ".join((".txt", ".md", ".html", ".pdf", ".docx")) + " files)"
        )
    if args.output is None and len(inputs) > 1:
        raise MispReportError(f"{len(inputs)} reports given: use -o DIR to write one JSON file per report")
    failed = 0
    shared = shared_stems(inputs, args.output) if args.output is not None else set()
    results = ordered_map(convert_task, tasks(inputs, settings), args.jobs or default_jobs())
    for (path, base), (text, error) in zip(inputs, results, strict=True):
        if text is None:
            failed += 1
            print(f"misp-report: {error}", file=sys.stderr)
            continue
        if args.output is None:
            sys.stdout.write(text)
        else:
            destination = output_path(args.output, path, base)
            if destination in shared:
                destination = output_path(args.output, path, base, keep_suffix=True)
            write_atomically(destination, text)
            print(f"{path} -> {destination}", file=sys.stderr)
    if len(inputs) > 1 or failed:
        print(f"misp-report: {len(inputs) - failed} converted, {failed} failed", file=sys.stderr)
    return 1 if failed else 0
