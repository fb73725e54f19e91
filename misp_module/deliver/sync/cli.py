"""`misp-report sync`: keep a MISP instance or a MISP feed folder in step with a folder or git repository."""

from __future__ import annotations

import argparse
import logging
import math
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ...errors import ConfigError, MispReportError
from ...knowledge.regex_cache import compiled
from ...settings import Settings, load_config_mapping, settings_from_mapping
from ..interrupt import exit_code, stop_on_signals
from ..parallel import default_jobs
from .config import TIMEOUT_RANGE, SyncConfig, apply_environment, from_mapping, number, parse_every
from .output import ConsoleProgress, summary_line, summary_table
from .pace import Pace
from .retry import RetryPolicy
from .runner import Runner, Source, Summary
from .sinks import PUBLISH_POLICIES, REMOVAL_POLICIES, Sink
from .sinks.feed import FeedSink
from .sinks.misp import MispConnection, MispSink
from .sources.folder import FolderSource
from .sources.git import GitSource
from .state import StateStore, exclusive

log = logging.getLogger(__name__)
REMOTE = compiled(r"^[\w+.-]+://|^[\w.-]+@[\w.-]+:")

EXAMPLES = """\
examples:
  misp-report sync ./reports                       to the MISP of MISP_URL/MISP_KEY, else into ./misp-feed
  misp-report sync ./reports --dry-run             show what would be created, changed or retired
  misp-report sync https://git.example.org/cti/reports.git --subdir published
  misp-report sync --config sync.yaml --every 15m  run forever, every quarter of an hour
  misp-report sync ./reports --sink feed --feed-dir /srv/www/misp-feed --publish on-change

exit status: 0 all synced, 1 some report failed (retried on the next run), 2 usage or config error,
130/143 interrupted by Ctrl-C/SIGTERM (the reports in flight were finished and the state saved; if they
are not done 10 s later, or at a second signal, the process ends at once and the next run redoes them)
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `sync` subcommand."""
    parser = subparsers.add_parser(
        "sync",
        help="keep MISP (or a MISP feed folder) in step with a folder or git repository of reports",
        description="Create, update and retire one MISP event per report (.txt .md .html .pdf .docx …),\n"
        "idempotently: an unchanged report costs no request (a run that sends MISP nothing checks its key\n"
        "once); an edited one updates what the sync wrote to its event. What analysts changed in MISP stays\n"
        '(the summary says "kept N analyst changes made in MISP"); one bad report is one line and never stops\n'
        "the others.\n\n"
        "MISP is reached at MISP_URL with the API key in MISP_KEY (or sync.misp.url and sync.misp.key_file in\n"
        "the config file; the key is never a flag). Without either, the events go to a MISP feed folder.\n"
        "Flags override the config file's 'sync:' keys; convert settings (tags, techniques…) come from the config.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "source",
        nargs="?",
        metavar="SOURCE",
        help="folder of reports, git URL, or local clone with --git (default: sync.source)",
    )
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        metavar="FILE",
        help="YAML config file: convert settings, and the sync job under 'sync:' (see README 'Configuration'; "
        "default: none, flags and MISP_URL/MISP_KEY only)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the failures and one summary line (warnings are counted in it, not printed; no progress "
        "bar or line per report); default: a line per report that changed (a bar on a terminal) and a table",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be created, changed or retired (and the analysts' changes kept); MISP, the feed "
        "and the state are left unchanged",
    )
    schedule = parser.add_mutually_exclusive_group()
    schedule.add_argument(
        "--every",
        metavar="DURATION",
        help="run forever, every DURATION (e.g. 15m, 1h30m, 1d; at least 1m; default: sync.every, else run once)",
    )
    schedule.add_argument("--once", action="store_true", help="run once and exit, overriding sync.every (for cron)")
    parser.add_argument(
        "--git",
        action="store_true",
        help="read SOURCE as a local git clone: its committed reports, pulled first (default: a URL is git, a path a "
        "folder; sync.type)",
    )
    parser.add_argument("--ref", help="git: the commit, branch or tag to sync (default: sync.ref, else HEAD)")
    parser.add_argument(
        "--subdir", help="git: only reports below this folder of the repository (default: sync.subdir, else all)"
    )
    parser.add_argument(
        "--no-pull",
        action="store_true",
        help="git: do not pull a local clone first (default: pull, fast-forward only, when it tracks a branch)",
    )
    parser.add_argument(
        "--sink",
        choices=("misp", "feed"),
        help="where events go (default: misp when a MISP URL or key is set, else feed)",
    )
    parser.add_argument("--misp-url", metavar="URL", help="MISP base URL (default: sync.misp.url, else MISP_URL)")
    parser.add_argument(
        "--ca-bundle",
        metavar="FILE",
        help="CA bundle to verify MISP's certificate (default: sync.misp.ca_bundle, else the system's CAs)",
    )
    parser.add_argument(
        "--client-cert",
        metavar="FILE",
        help="client certificate (PEM) for MISP (default: sync.misp.client_cert, else none)",
    )
    parser.add_argument(
        "--client-key",
        metavar="FILE",
        help="key of the client certificate (default: sync.misp.client_key, else in the certificate file)",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="do not verify MISP's TLS certificate (test instances only; default: verify)",
    )
    parser.add_argument(
        "--proxy",
        metavar="URL",
        help="HTTP(S) proxy for MISP (default: sync.misp.proxies, else HTTPS_PROXY/HTTP_PROXY of the environment)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="seconds a MISP request may take (default: sync.misp.timeout, else 30)",
    )
    parser.add_argument(
        "--feed-dir",
        type=Path,
        metavar="DIR",
        help="feed folder (default: sync.feed.path, else ./misp-feed; one sync writes it at a time: lock file .lock)",
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        metavar="DIR",
        help="state folder: what each run delivered (default: sync.state_dir, else .misp-report/state in the current "
        "folder; keep it between runs and back it up)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="mirrors of git URLs (default: sync.cache_dir, else .misp-report/cache in the current folder)",
    )
    parser.add_argument(
        "--publish",
        choices=PUBLISH_POLICIES,
        help="publish events: never, on-create (new events only), on-change (every event the run creates, changes or "
        "retires); default: sync.publish, else never",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help=f"convert N reports at a time, one process each (default: sync.jobs, else the machine's cores, "
        f"here {default_jobs()})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="misp sink: write N events at a time, one HTTP session each (default: sync.misp.workers, else 4); "
        "MISP's 429 answers slow every writer down",
    )
    parser.add_argument(
        "--on-removed",
        choices=REMOVAL_POLICIES,
        help="event of a report removed from the source: keep it, retire it (tag it with sync.retired_tag, default "
        "misp-report:retired) or soft-delete the sync's attributes and event report (and tag it); default: "
        "sync.on_removed, else keep",
    )
    return parser


def configure(args: argparse.Namespace) -> tuple[Settings, SyncConfig]:
    """Config file, then flags; MISP_URL/MISP_KEY fill in what is still missing."""
    if args.config is not None:
        data = load_config_mapping(args.config)
        settings = settings_from_mapping(str(args.config), data)
        config = from_mapping(str(args.config), data.get("sync"), args.config.resolve().parent)
    else:
        settings, config = Settings(), SyncConfig()
    if args.source:
        config.source = args.source
    if args.git:
        config.source_type = "git"
    for flag, key in (
        ("ref", "ref"),
        ("subdir", "subdir"),
        ("sink", "sink"),
        ("misp_url", "misp_url"),
        ("ca_bundle", "ca_bundle"),
        ("client_cert", "client_cert"),
        ("client_key", "client_key"),
        ("timeout", "timeout"),
        ("feed_dir", "feed_dir"),
        ("state_dir", "state_dir"),
        ("cache_dir", "cache_dir"),
        ("publish", "publish"),
        ("on_removed", "on_removed"),
        ("jobs", "jobs"),
        ("workers", "workers"),
    ):
        if getattr(args, flag) is not None:
            setattr(config, key, getattr(args, flag))
    if args.no_pull:
        config.pull = False
    if args.insecure:
        config.verify_tls = False
    if args.proxy:
        config.proxies = {"http": args.proxy, "https": args.proxy}
    if args.every:
        config.every = parse_every(args.every)
    if args.timeout is not None:
        config.timeout = number("command line", "--timeout", args.timeout, *TIMEOUT_RANGE)
    if args.once:
        config.every = None
    for flag in ("jobs", "workers"):
        if getattr(args, flag) is not None and getattr(args, flag) < 1:
            raise ConfigError(f"--{flag} must be at least 1, not {getattr(args, flag)}")
    if config.source is None:
        raise ConfigError("no source: give a folder or git URL, or set sync.source in the config file")
    return settings, apply_environment(config)


def make_source(config: SyncConfig, settings: Settings) -> Source:
    assert config.source is not None
    kind = config.source_type
    if kind == "auto":
        kind = "git" if REMOTE.match(config.source) else "folder"
    if kind == "git":
        return GitSource(
            config.source, config.cache_dir, settings.max_report_bytes, config.ref, config.subdir, config.pull
        )
    if config.subdir or config.ref != "HEAD":  # else a folder sync would take the drafts --subdir leaves out
        raise ConfigError(
            f"--subdir and --ref (sync.subdir, sync.ref) select from a git repository, and {config.source} is read "
            "as a folder: give --git (sync.type: git) for a local clone, or the sub-folder itself as SOURCE"
        )
    return FolderSource(Path(config.source), settings.max_report_bytes)


def make_sink(config: SyncConfig, stop: threading.Event, dry_run: bool, pace: Pace | None = None) -> Sink:
    if config.resolved_sink() == "feed":
        return FeedSink(
            config.feed_dir, config.publish, config.feed_org, retired_tag=config.retired_tag, read_only=dry_run
        )
    if not (config.misp_url and config.misp_key):
        missing = (
            "an API key (MISP_KEY, or sync.misp.key_file)" if config.misp_url else "a URL (MISP_URL, or sync.misp.url)"
        )
        raise ConfigError(
            f"the misp sink needs a URL and an API key, and {missing} is not set; or give --sink feed to write "
            "a MISP feed folder instead"
        )
    if not config.verify_tls:
        log.warning("TLS certificate verification of %s is off (--insecure / verify_tls: false)", config.misp_url)
    connection = MispConnection(
        config.misp_url, config.misp_key, config.verify, config.cert, config.proxies, config.timeout
    )
    retry = RetryPolicy(config.attempts, config.base_delay, config.max_delay, sleep=stop.wait, pace=pace)
    return MispSink(connection, retry, config.publish, config.retired_tag)


def run_once(
    settings: Settings, config: SyncConfig, stop: threading.Event, dry_run: bool, quiet: bool = False
) -> Summary:
    """One run under the state lock (a dry run takes no lock and writes no state)."""
    source = make_source(config, settings)
    progress = ConsoleProgress(quiet=quiet)
    # The feed sink writes one folder: one writer. MISP takes `workers` at a time, slowed down by its 429s.
    workers = config.workers if config.resolved_sink() == "misp" else 1
    pace = Pace(workers)
    with nothing() if dry_run else exclusive(config.state_dir):
        sink = make_sink(config, stop, dry_run, pace)  # after the state lock: a refused run writes nothing
        try:
            state = StateStore(config.state_dir, sink.name, read_only=dry_run)
            try:
                runner = Runner(
                    source,
                    sink,
                    state,
                    settings,
                    progress,
                    config.on_removed,
                    dry_run,
                    stop=stop,
                    jobs=config.jobs or default_jobs(),
                    workers=workers,
                    pace=pace,
                )
                summary = runner.run()
            finally:
                state.close()
        except sqlite3.DatabaseError as exc:
            raise StateDamaged(
                f"{config.state_dir / 'state.sqlite3'}: the sync state cannot be used ({exc}); move it away and "
                "run again: the sync then asks the sink what it holds, so nothing is duplicated"
            ) from None
        finally:
            sink.close()
    summarise = summary_line if quiet else summary_table
    sys.stdout.write(summarise(summary, source.description, sink.name, dry_run, progress.said))
    sys.stdout.flush()
    return summary


@contextmanager
def nothing() -> Iterator[None]:
    yield


class StateDamaged(MispReportError):
    """The state database is not one (a damaged or foreign file)."""


STOPPED_HARD = "misp-report: stopped before the work in flight ended; it is redone on the next run"


def next_slot(now: float, every: float) -> float:
    """The next multiple of `every` since the epoch: runs stay aligned and never overlap."""
    return (math.floor(now / every) + 1) * every


def run(args: argparse.Namespace) -> int:
    """Run once (default) or forever with --every; the exit code tells whether a report failed."""
    settings, config = configure(args)
    stop, received = threading.Event(), []
    with stop_on_signals(stop, received, lambda: STOPPED_HARD):
        while True:
            summary = run_once(settings, config, stop, args.dry_run, args.quiet)
            if summary.interrupted:
                return exit_code(received)
            if config.every is None or args.dry_run:
                return summary.exit_code
            wake = next_slot(time.time(), config.every)
            if not args.quiet:
                sys.stderr.write(next_run_line(wake, time.time()))
                sys.stderr.flush()
            if stop.wait(max(0.0, wake - time.time())):
                sys.stderr.write("stopped while waiting for the next run: no run was in progress\n")
                return 0


def next_run_line(wake: float, now: float) -> str:
    """The one line said between runs: when the next one starts (local time, and in how long)."""
    left = max(0, round(wake - now))
    hours, rest = divmod(left, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours}h"] * bool(hours) + [f"{minutes}m"] * bool(minutes) + [f"{seconds}s"] * bool(seconds)
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(wake))
    return f"next run at {when} (in {''.join(parts) or '0s'}); Ctrl-C to stop\n"
