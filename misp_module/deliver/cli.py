"""The `misp-report` command: one subcommand per way in, sharing the config file and error handling."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .. import __version__
from ..errors import MispReportError
from .failure import one_line

# Each module adds its subcommand with `add_parser(subparsers)` and runs it with `run(args) -> exit code`.
COMMAND_MODULES = (
    "misp_module.deliver.convert_cli",
    "misp_module.deliver.modules_cli",
    "misp_module.deliver.sync.cli",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class OneLineFormatter(logging.Formatter):
    """Log lines with control characters escaped: a file name cannot forge a line (tracebacks, at -vv,
    keep their lines)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return one_line(super().formatMessage(record))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="misp-report",
        description="Turn threat-intelligence reports into MISP events and keep MISP in sync with them.",
        epilog="Run 'misp-report COMMAND --help' for the options and examples of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        command = module.add_parser(subparsers)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: user errors are one line on stderr and exit code 2 (usage) or 1, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
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
