"""One line per failure: control characters in a file name or message shown escaped, and an error nobody
foresaw reported as one line (the run goes on, the traceback is logged at debug level)."""

from __future__ import annotations

import logging

from ..knowledge.regex_cache import compiled

log = logging.getLogger(__name__)
MAX_DETAIL = 200
# Control characters, line separators and lone surrogates (what a file name that is not UTF-8 decodes to).
CONTROL = compiled(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` with its control characters escaped (a newline as \\n, an escape as \\x1b): a file named
    "a\\nfailed b.txt" cannot forge a line of the output, nor move the terminal's cursor."""
    return CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def unexpected_failure(name: str, error: BaseException) -> str:
    """`failed unexpectedly (Type: message)…`, with the traceback of report `name` at debug level (-vv): an
    error the project did not foresee is a bug, but it costs that one report, never the whole run. The
    caller names the report (once) before this message."""
    log.debug("%s: unexpected error", name, exc_info=error)
    detail = str(error).replace("\n", " ")
    if len(detail) > MAX_DETAIL:
        detail = detail[:MAX_DETAIL] + "…"
    return (
        f"failed unexpectedly ({type(error).__name__}: {detail}); this is a bug in misp-report, "
        "please report it with the file (-vv shows the traceback)"
    )
