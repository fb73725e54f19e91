"""The `misp-report` command: one subcommand per way in, sharing the config file and error handling."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .. import __version__
from ..errors import MispReportError
from ..knowledge.cache import long_lived
from .failure import one_line

# Each module adds its subcommand with `add_parser(subparsers)` and runs it with `run(args) -> exit code`.
COMMANDS = {
    "convert": "misp_module.deliver.convert_cli",
    "modules": "misp_module.deliver.modules_cli",
    "sync": "misp_module.deliver.sync.cli",
}
COMMAND_MODULES = tuple(COMMANDS.values())

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class OneLineFormatter(logging.Formatter):
    """Log lines with control characters escaped: a file name cannot forge a line (tracebacks, at -vv,
    keep their lines)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return one_line(super().formatMessage(record))


def _command_of(argv: list[str] | None) -> str | None:
    """The subcommand named in `argv` (the first word after the global options, which take no value)."""
    first = next((word for word in argv or () if not word.startswith("-")), None)
    return first if first in COMMANDS else None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only the one `argv` names (all of them
    for help or an unknown command): a `convert` does not pay for importing the sync's modules."""
    parser = argparse.ArgumentParser(
        prog="misp-report",
        description="Turn threat-intelligence reports into MISP events and keep MISP in sync with them.",
        epilog="Run 'misp-report COMMAND --help' for the options and examples of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="more log output: -v each retry and request step, -vv debug (default: warnings and errors only)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    named = _command_of(argv)
    for name, module_name in COMMANDS.items():
        if named not in (None, name):
            continue
        with long_lived():  # a command's modules (the whole pipeline for `convert`) live as long as the process
            module = importlib.import_module(module_name)
        module.add_parser(subparsers).set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: user errors are one line on stderr and exit code 2 (usage) or 1, never a traceback."""
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    if getattr(args, "quiet", False) and not args.verbose:  # -q: errors only (the summary counts the warnings)
        level = logging.ERROR
    logging.basicConfig(level=level, stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(OneLineFormatter("misp-report: %(levelname)s: %(message)s"))
    try:
        return int(args.run(args))
    except MispReportError as exc:
        print(f"misp-report: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("misp-report: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a folder or file of the run itself (state, feed, output) cannot be used
        where = f"{exc.filename}: " if exc.filename else ""
        print(one_line(f"misp-report: error: {where}{exc.strerror or exc}"), file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line, the traceback only with -vv
        logging.getLogger(__name__).debug("unexpected error", exc_info=exc)
        print(
            f"misp-report: internal error ({type(exc).__name__}: {exc}); this is a bug in misp-report, please "
            "report it (-vv shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
