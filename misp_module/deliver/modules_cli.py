"""`misp-report modules`: the custom-module root for misp-modules, and the misp-modules server started with it."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import MispReportError
from .modules import custom_root

EXAMPLES = """\
examples:
  misp-report modules --print-root                 the folder to give 'misp-modules -c'
  misp-report modules serve                        misp-modules on localhost:6666 with this package's modules
  misp-report modules serve -l 127.0.0.1 -p 6667

The modules are threat_report_import (Import) and threat_report_enrichment (Enrichment), also served under
their earlier names misp_report_import and misp_report_expand; enable them in MISP under
Administration > Server Settings > Plugin (see the README section "Inside MISP").
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `modules` subcommand and its `serve` action."""
    parser = subparsers.add_parser(
        "modules",
        help="run this tool inside MISP through misp-modules",
        description="MISP import and expansion modules for the misp-modules server: print the custom-module\n"
        "root to give 'misp-modules -c', or start misp-modules with it.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--print-root", action="store_true", help="print the custom-module root folder and exit")
    actions = parser.add_subparsers(dest="modules_action", metavar="ACTION")
    serve = actions.add_parser(
        "serve",
        help="start misp-modules with this package's modules",
        description="Replace this process with the misp-modules server of this Python environment, loading its "
        "bundled modules and this package's threat_report_import and threat_report_enrichment.",
    )
    serve.add_argument(
        "-l",
        "--listen",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default 127.0.0.1, this machine only: the server has no authentication)",
    )
    serve.add_argument(
        "-p", "--port", type=int, default=6666, help="port to listen on (default 6666, MISP's Plugin.*_services_port)"
    )
    return parser


def serve_command(listen: str, port: int) -> list[str]:
    """The misp-modules command line: this interpreter, so the server sees the same installed package."""
    return [sys.executable, "-m", "misp_modules", "-l", listen, "-p", str(port), "-c", str(custom_root())]


def run(args: argparse.Namespace) -> int:
    """Print the root, or exec misp-modules (never returns then)."""
    if args.print_root:
        print(custom_root())
        return 0
    if args.modules_action != "serve":
        raise MispReportError("say what to do: 'misp-report modules --print-root' or 'misp-report modules serve'")
    try:
        import misp_modules  # noqa: F401  (only checks that the server is installed)
    except ImportError as exc:
        raise MispReportError(
            "misp-modules is not installed in this environment; install it with: pip install 'misp-modules>=3.1' (or "
            "pip install '.[modules]' in misp-report's source folder)"
        ) from exc
    command = serve_command(args.listen, args.port)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(command[0], command)
    except OSError as exc:
        raise MispReportError(f"cannot start misp-modules with {command[0]} ({exc.strerror})") from exc
    return 0
