"""`misp-report convert`: report files → MISP event JSON files (or stdout for a single report)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path

from ..errors import MispReportError, ReportError
from ..knowledge.regex_cache import compiled
from ..pipeline import convert_bytes
from ..read.templates import bundled_templates_dir
from ..settings import Settings, load_settings, technique_recognitions
from .failure import one_line, unexpected_failure
from .files import (
    discover_reports,
    display_name,
    event_json,
    file_date,
    git_toplevel,
    read_report_file,
    report_identity,
    resolved,
    write_atomically,
)
from .interrupt import exit_code, stop_on_signals
from .memory import memory_cap
from .parallel import default_jobs, ordered_map

EXAMPLES = """\
examples:
  misp-report convert report.txt                   print the event of one report as MISP JSON
  misp-report convert reports/ -o events/          one events/<name>.json per report in reports/
  misp-report convert a.md b.html c.pdf d.docx -o out/   PDF and Word reports are read as their text
  misp-report convert report.txt --tag 'tlp:green' --distribution 1 --config misp-report.yaml

exit status: 0 all converted, 1 some reports failed (the others are written), 2 usage error,
130/143 interrupted by Ctrl-C/SIGTERM (the reports in flight are finished and written, the rest is not
started; at a second signal, or 10 s later, the process ends at once; a file written is always whole)
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `convert` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help="convert report files to MISP event JSON",
        description="Convert threat-intelligence reports (markdown, text, HTML pages, PDF, Word .docx) to MISP\n"
        "events in MISP's JSON format, one event per report. The same report always gives the same JSON\n"
        "(same UUIDs).",
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
        help="write DIR/<report name>.json per report, sub-folders kept (required for more than one report; "
        "default: print the one report's event on standard output)",
    )
    parser.add_argument(
        "-t",
        "--template",
        metavar="NAME",
        help="report template to use (default: the config's template, else picked from the headings found): "
        + ", ".join(sorted(path.stem for path in bundled_templates_dir().glob("*.yaml")))
        + ", or one of the config's templates_dir",
    )
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        metavar="FILE",
        help="YAML config file: event defaults, tags, max_report_bytes, warninglists, techniques, template, "
        "templates_dir (see README 'Configuration'; default: none, the built-in defaults)",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="add a tag to every event, after the template's and the config's, e.g. --tag 'tlp:green' "
        "(repeatable; default: none but the config's tags)",
    )
    parser.add_argument(
        "--distribution",
        type=int,
        choices=range(4),
        metavar="{0,1,2,3}",
        help="event distribution: 0 your organisation, 1 community, 2 connected, 3 all (default: the config's "
        "event.distribution, else the template's)",
    )
    parser.add_argument(
        "--threat-level",
        type=int,
        choices=range(1, 5),
        metavar="{1,2,3,4}",
        help="event threat level: 1 high, 2 medium, 3 low, 4 undefined (default: the config's "
        "event.threat_level_id, else the template's)",
    )
    parser.add_argument(
        "--techniques",
        metavar="LIST",
        help="how ATT&CK techniques are recognised, comma-separated: ids (IDs written in the text), names "
        "(technique names where the sentence has the adversary doing it), prose (the technique model and cue "
        "phrases); default: the config's techniques, else ids,names,prose",
    )
    parser.add_argument(
        "--max-size",
        type=int,
        metavar="BYTES",
        help="refuse reports larger than this, PDF and Word files included (default: the config's max_report_bytes, "
        "else 5242880 = 5 MB)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the failures and the final count line (warnings are not printed); default: also a "
        "'REPORT -> FILE' line per report written",
    )
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
    if args.techniques is not None:
        changes["techniques"] = technique_recognitions("--techniques", args.techniques)
    return settings.replace(**changes)


def collect_inputs(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(report file, folder its output name is relative to) for every argument, each report once; a path
    that does not exist is a usage error. Anything else that is not a folder is an input: a FIFO or a broken
    link given by name is refused with its reason when read, like one found in a folder."""
    inputs, seen = [], set()
    for path in paths:
        if path.is_dir():
            found = [(report, path) for report in discover_reports(path)]
        elif path.is_symlink() or path.exists():
            found = [(path, path.parent)]
        else:
            raise MispReportError(f"{path}: no such file or folder")
        for report, base in found:
            target = resolved(report)
            if target not in seen:
                seen.add(target)
                inputs.append((report, base))
    return inputs


def output_path(output: Path, report: Path, base: Path, *, keep_suffix: bool = False) -> Path:
    """DIR/<stem>.json, keeping the sub-folders of a converted folder so names never collide;
    DIR/<name>.json (advisory.pdf.json) when another report of the run has the same stem."""
    relative = report.relative_to(base) if report.is_relative_to(base) else Path(report.name)
    return output / relative.parent / f"{relative.name if keep_suffix else relative.stem}.json"


def output_paths(inputs: list[tuple[Path, Path]], output: Path) -> dict[Path, Path | ReportError]:
    """Each report's output file. Reports sharing a stem in one folder (r.md, r.txt) keep their suffix
    (r.md.json, r.txt.json); a name still shared after that is refused for all its reports: an output file
    is never overwritten by another report of the same run."""
    plain = {report: output_path(output, report, base) for report, base in inputs}
    stems = Counter(plain.values())
    named = {
        report: output_path(output, report, base, keep_suffix=True) if stems[plain[report]] > 1 else plain[report]
        for report, base in inputs
    }
    holders: dict[Path, list[Path]] = {}
    for report, destination in named.items():
        holders.setdefault(destination, []).append(report)
    planned: dict[Path, Path | ReportError] = {}
    for report, destination in named.items():
        others = [display_name(other) for other in holders[destination] if other != report]
        planned[report] = (
            ReportError(
                display_name(report),
                f"not converted: {', '.join(others)} would be written to the same "
                f"{display_name(destination)}; "
                "rename one of them or convert them into separate -o folders",
            )
            if others
            else destination
        )
    return planned


def prepare_output(output: Path) -> None:
    """Create the -o folder, or say in one line why it cannot be used, before any report is converted."""
    if output.exists() and not output.is_dir():
        raise MispReportError(f"-o {output}: is a file, not a folder; give a folder (created when missing)")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MispReportError(f"-o {output}: cannot create the folder ({exc.strerror})") from None
    if not os.access(output, os.W_OK | os.X_OK):
        raise MispReportError(f"-o {output}: the folder is not writable; give a folder you can write to")


def convert_file(path: Path, base: Path, settings: Settings, repository: Path | None = None) -> str:
    """The event JSON of one report file. Its identity is its path in its git repository (`repository`,
    looked up once per folder by the caller), else in the folder given on the command line; its fallback
    date is its last commit, else its modification time (looked up only for a report that states no date)."""
    data = read_report_file(path, settings.max_report_bytes)
    with memory_cap(display_name(path), len(data)):
        event = convert_bytes(
            data,
            identity=report_identity(path, repository or base),
            name=display_name(path),
            settings=settings,
            fallback_date=lambda: file_date(path, repository),
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
    except MispReportError:
        raise  # a bad template or setting fails every report alike: a usage error
    except Exception as exc:  # a bug must cost one report, not the run: say so and go on
        return None, f"{display_name(path)}: {unexpected_failure(display_name(path), exc)}"


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


MAX_NAMED = 5  # reports named in a line; the rest are counted
_EVENT_UUID = compiled(r'\{\s*"Event"\s*:\s*\{\s*"uuid"\s*:\s*"([0-9a-f-]{36})"')


def event_uuid(text: str) -> str:
    """The event UUID of an event's JSON (read from its first line, where it stands)."""
    match = _EVENT_UUID.match(text)
    return match.group(1) if match else str(json.loads(text)["Event"]["uuid"])


def say(line: str) -> None:
    """One line on stderr, whatever characters the file names in it hold."""
    print(one_line(line), file=sys.stderr)


def write_event(path: Path, text: str, destination: Path | None, quiet: bool = False) -> bool:
    """Print the event, or write it to its file (said in a line unless `quiet`); a file that cannot be written
    is one line."""
    if destination is None:
        sys.stdout.write(text)
        return True
    try:
        write_atomically(destination, text)
    except OSError as exc:
        say(f"misp-report: {display_name(path)}: cannot write {display_name(destination)} ({exc.strerror})")
        return False
    if not quiet:
        say(f"{display_name(path)} -> {display_name(destination)}")
    return True


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
    destinations: dict[Path, Path | ReportError] = {}
    if args.output is not None:
        prepare_output(args.output)
        destinations = output_paths(inputs, args.output)
    refused = [error for error in destinations.values() if isinstance(error, ReportError)]
    targets = {path: target for path, target in destinations.items() if isinstance(target, Path)}
    for error in refused:
        say(f"misp-report: {error}")
    todo = [(path, base) for path, base in inputs if path in targets or args.output is None]
    failed = len(refused)
    stop, received = threading.Event(), []
    started: deque[Path] = deque()  # reports handed to the conversion whose result is not yet written
    converted = 0

    def handed_out() -> Iterator[Task]:
        for task in tasks(todo, settings):
            started.append(task[0])
            yield task

    def last_words() -> str:
        return stopped_hard(list(started), len(inputs) - converted - failed)

    with stop_on_signals(stop, received, last_words):
        results = ordered_map(convert_task, handed_out(), args.jobs or default_jobs(), stop=stop)
        owners: dict[str, Path] = {}  # event UUID → the report that has it (a front matter id makes the UUID)
        for (path, _), (text, error) in zip(todo, results, strict=False):
            started.popleft()
            if text is None:
                say(f"misp-report: {error}")
                failed += 1
                continue
            owner = owners.setdefault(event_uuid(text), path)
            if owner != path:
                say(
                    f"misp-report: {display_name(path)}: its event {event_uuid(text)} is the event of "
                    f"{display_name(owner)} already (the same front matter id?): give each report its own id"
                )
                failed += 1
            elif write_event(path, text, targets.get(path), args.quiet):
                converted += 1
            else:
                failed += 1
    if received:
        left = len(inputs) - converted - failed
        rest = (
            f", {left} not converted (the files written are whole; run the command again to convert the rest)"
            if left
            else "; every report was done before the stop"
        )
        say(f"misp-report: interrupted: {converted} converted, {failed} failed{rest}")
        return exit_code(received)
    if len(inputs) > 1 or failed:
        print(f"misp-report: {converted} converted, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def stopped_hard(unfinished: list[Path], left: int) -> str:
    """The last line of a convert stopped at once (a second signal, or the reports in flight did not finish
    in time): which reports were being converted, and how many are not converted."""
    names = ", ".join(display_name(path) for path in unfinished[:MAX_NAMED])
    if len(unfinished) > MAX_NAMED:
        names += f" and {len(unfinished) - MAX_NAMED} more"
    doing = f" while converting {names}" if names else ""
    return one_line(
        f"misp-report: interrupted: stopped at once{doing}; {left} not converted (the files written are whole; "
        "run the command again to convert the rest)"
    )
