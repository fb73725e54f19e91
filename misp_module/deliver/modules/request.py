"""What MISP sends a module: the query, its config strings and the base64 upload, checked into typed values."""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from ...errors import ConfigError, MispReportError
from ...settings import (
    DEFAULT_MAX_REPORT_BYTES,
    TECHNIQUE_RECOGNITIONS,
    WARNINGLIST_MODES,
    Settings,
    technique_recognitions,
)

# Namespace of every UUID a module returns: never the sync's (EVENT_NAMESPACE), because MISP silently drops an
# attribute whose UUID already exists in another event.
MODULE_NAMESPACE = uuid.UUID("0c9d4c1e-7f0a-5b8e-8d61-3a6b2e9f4c27")
AUTO_TEMPLATE = "auto"
TEMPLATE_TLP = "template"
# No TLP tag at all: for an import into an event that has its TLP already (a second one would contradict it).
NO_TLP = "none"
TLP_TAGS = ("tlp:clear", "tlp:green", "tlp:amber", "tlp:amber+strict", "tlp:red")
# The TLP question: `TLP` in the import form (MISP shows the key as the question's label), `default_tlp` as the
# expansion's admin setting and in API calls written for earlier versions.
TLP_KEYS = ("TLP", "default_tlp")
# Where the answer puts the galaxy tags' roles (relationship_type), value → label; the default first. MISP's
# preview page turns a role on a tag into a junk tag of its own on Submit, so the roles go in the event report
# unless the caller saves the answer at once (REST API, "Enrich event"), where MISP keeps them on the tags.
ROLES_KEY = "roles"
ROLES_IN_REPORT, ROLES_ON_TAGS = "report", "tags"
ROLE_OPTIONS = {ROLES_IN_REPORT: "In the report (web form)", ROLES_ON_TAGS: "On the tags (API only)"}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class RequestError(MispReportError):
    """A query the module cannot serve; its message is shown to the analyst in MISP."""


def module_name(query: Mapping[str, Any], default: str) -> str:
    """The name MISP called the module by (its current name or an older one), for messages naming settings."""
    name = query.get("module")
    return name if isinstance(name, str) and name.strip() else default


def parse_query(q: bytes | str | Mapping[str, Any]) -> dict[str, Any]:
    """The query as a dict: misp-modules passes the raw JSON body to `handler` and the parsed one to
    `dict_handler`."""
    if isinstance(q, Mapping):
        return dict(q)
    try:
        query = json.loads(q)
    except (ValueError, TypeError) as exc:
        raise RequestError(f"the query is not JSON ({exc})") from exc
    if not isinstance(query, dict):
        raise RequestError("the query must be a JSON object")
    return query


def module_config(query: Mapping[str, Any]) -> dict[str, Any]:
    """The `config` mapping: MISP's admin settings merged with the user's answers, values as strings."""
    config = query.get("config") or {}
    if not isinstance(config, dict):
        raise RequestError("'config' must be a JSON object of setting names and values")
    return config


def config_text(config: Mapping[str, Any], key: str, default: str) -> str:
    """A setting as trimmed text; empty or missing gives the default (MISP sends unset settings as '')."""
    value = config.get(key)
    if value is None or isinstance(value, (dict, list)):
        return default
    text = str(value).strip()
    return text or default


def config_bool(config: Mapping[str, Any], key: str, default: bool = False) -> bool:
    """A Boolean setting: MISP sends true/false, 1/0 or their strings."""
    value = config.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RequestError(f"setting '{key}' is {value!r}; expected true or false (1 or 0)")


def config_number(config: Mapping[str, Any], key: str, default: float, *, integer: bool = False) -> float:
    """A positive number setting (seconds, bytes); empty or missing gives the default."""
    text = config_text(config, key, "")
    if not text:
        return default
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        value = 0
    if value <= 0:
        kind = "whole number" if integer else "number"
        raise RequestError(f"setting '{key}' is {text!r}; expected a positive {kind}")
    return value


def roles_on_tags(config: Mapping[str, Any]) -> bool:
    """Whether the answer keeps the roles on the galaxy tags. MISP forwards a form answer or an API caller's
    `data[Event][config][roles]` as sent: the option's value from the form, and whatever an API caller wrote,
    so an option's label (as the form shows it) is accepted too, in any case."""
    text = config_text(config, ROLES_KEY, ROLES_IN_REPORT).casefold()
    for value, label in ROLE_OPTIONS.items():
        if text in (value, label.casefold()):
            return value == ROLES_ON_TAGS
    accepted = " or ".join(f"'{value}' ({label})" for value, label in ROLE_OPTIONS.items())
    raise RequestError(f"setting '{ROLES_KEY}' is {config.get(ROLES_KEY)!r}; expected {accepted}")


def tlp_choice(config: Mapping[str, Any]) -> str:
    """The TLP question's answer: 'template' (its default), 'none' (no TLP tag) or a `tlp:` tag."""
    tlp_key = next((key for key in TLP_KEYS if config_text(config, key, "")), TLP_KEYS[0])
    tlp = config_text(config, tlp_key, TEMPLATE_TLP).lower()
    if tlp not in (TEMPLATE_TLP, NO_TLP) and tlp not in TLP_TAGS:
        choices = f"'{TEMPLATE_TLP}', '{NO_TLP}' or one of {', '.join(TLP_TAGS)}"
        raise RequestError(f"setting '{tlp_key}' is {tlp!r}; expected {choices}")
    return tlp


def settings_from_config(config: Mapping[str, Any]) -> Settings:
    """The core's Settings from the module config; a default TLP chosen there replaces the template's."""
    template = config_text(config, "template", AUTO_TEMPLATE)
    mode = config_text(config, "warninglists", "soft").lower()
    if mode not in WARNINGLIST_MODES:
        raise RequestError(f"setting 'warninglists' is {mode!r}; expected one of {', '.join(WARNINGLIST_MODES)}")
    tlp = tlp_choice(config)
    max_bytes = int(config_number(config, "max_report_bytes", DEFAULT_MAX_REPORT_BYTES, integer=True))
    try:
        techniques = technique_recognitions(
            "setting", config_text(config, "techniques", ",".join(TECHNIQUE_RECOGNITIONS))
        )
    except ConfigError as exc:
        raise RequestError(str(exc)) from exc
    return Settings(
        techniques=techniques,
        max_report_bytes=max_bytes,
        warninglist_mode=mode,
        template=None if template == AUTO_TEMPLATE else template,
        tags=() if tlp in (TEMPLATE_TLP, NO_TLP) else (tlp,),
    )


def decode_upload(data: Any, name: str, max_bytes: int) -> bytes:
    """The bytes of MISP's base64 `data` (an uploaded file or pasted text), refusing oversized input before
    decoding it."""
    if not isinstance(data, str) or not data.strip():
        raise RequestError(f"{name}: the query has no 'data' (the file or pasted text, base64-encoded)")
    compact = re.sub(r"\s+", "", data)
    estimated = len(compact) * 3 // 4
    if estimated > max_bytes + 2:
        raise RequestError(
            f"{name}: about {estimated:,} bytes, over the limit of {max_bytes:,} bytes "
            "(an administrator can raise the module setting max_report_bytes)"
        )
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise RequestError(f"{name}: 'data' is not valid base64 ({exc}); MISP sends the file base64-encoded") from exc


def target_namespace(kind: str, event_id: Any) -> uuid.UUID:
    """The UUID namespace of a module result: derived from the target event MISP names, so a report imported
    twice into one event keeps its UUIDs; random when MISP names no event."""
    if event_id is None or str(event_id).strip() == "":
        return uuid.uuid4()
    return uuid.uuid5(MODULE_NAMESPACE, f"{kind}\x1fevent\x1f{str(event_id).strip()}")
