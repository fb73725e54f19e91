"""One module query run to its answer: MISP's misp_standard results, or `{"error": ...}` naming what was wrong."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from ...errors import MispReportError
from .request import parse_query

LOGGER = logging.getLogger(__name__)
# The work of one module: the parsed query → misp_standard results; raises MispReportError for bad input.
Handler = Callable[[dict[str, Any]], dict[str, Any]]


def answer(module: str, q: bytes | str | Mapping[str, Any], run: Handler) -> dict[str, Any]:
    """Run `run` on the parsed query. Errors the analyst can act on become `{"error": message}`; anything else
    is logged with its traceback and answered as an error too, never raised: misp-modules would otherwise answer
    a vague "something went wrong", and an AttributeError escaping `dict_handler` would make it run the
    query a second time through `handler`."""
    try:
        return run(parse_query(q))
    except MispReportError as exc:
        LOGGER.info("%s: refused a query: %s", module, exc)
        return {"error": str(exc)}
    except Exception as exc:
        LOGGER.exception("%s: internal error while answering a query", module)
        return {"error": f"{module}: internal error ({type(exc).__name__}: {exc}); see the misp-modules log"}


def entry_points(module: str, run: Handler) -> tuple[Callable[..., dict], Callable[..., dict | bool]]:
    """misp-modules' two entry points over `run`: `dict_handler(request=dict)`, called with the query it already
    parsed, and the classic `handler(q=bytes)`."""

    def dict_handler(request: Mapping[str, Any]) -> dict[str, Any]:
        return answer(module, request, run)

    def handler(q: bytes | str | bool = False) -> dict[str, Any] | bool:
        if isinstance(q, bool):
            return False
        return answer(module, q, run)

    return dict_handler, handler
