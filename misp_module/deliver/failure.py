"""One line for a report that failed for a reason nobody foresaw: the run goes on, the traceback is logged."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)
MAX_DETAIL = 200


def unexpected_failure(name: str, error: BaseException) -> str:
    """`name: failed unexpectedly (Type: message)`, with the traceback at debug level (-vv): an error
    the project did not foresee is a bug, but it costs that one report, never the whole run."""
    log.debug("%s: unexpected error", name, exc_info=error)
    detail = str(error).replace("\n", " ")
    if len(detail) > MAX_DETAIL:
        detail = detail[:MAX_DETAIL] + "…"
    return (
        f"{name}: failed unexpectedly ({type(error).__name__}: {detail}); this is a bug in misp-report, "
        "please report it with the file (-vv shows the traceback)"
    )
