"""User settings: event defaults, tags and limits, from a YAML config file and CLI flags."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .yaml_text import YamlSyntaxError, safe_load

DEFAULT_MAX_REPORT_BYTES = 5 * 1024 * 1024
WARNINGLIST_MODES = ("soft", "drop", "off")
# How ATT&CK techniques are recognised (misp_module/extract/techniques.py): IDs written in the text, technique
# names where the sentence has the adversary doing it, and prose read by the technique model. All three is
# the best measured (tests/bench/bench_techniques.py).
TECHNIQUE_RECOGNITIONS = ("ids", "names", "prose")
# MISP's own enumerations: an out-of-range value would be refused by MISP much later, so refuse it here.
THREAT_LEVELS = {1: "high", 2: "medium", 3: "low", 4: "undefined"}
ANALYSIS_LEVELS = {0: "initial", 1: "ongoing", 2: "completed"}
DISTRIBUTIONS = {0: "your organisation only", 1: "this community", 2: "connected communities", 3: "all"}


@dataclass(frozen=True)
class EventOverrides:
    """Event fields that override the template's defaults; None keeps the template's value."""

    threat_level_id: int | None = None
    analysis: int | None = None
    distribution: int | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the core needs besides the report: one value object so every entry point shares it."""

    event: EventOverrides = field(default_factory=EventOverrides)
    tags: tuple[str, ...] = ()
    max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES
    warninglist_mode: str = "soft"
    template: str | None = None
    templates_dir: Path | None = None
    techniques: tuple[str, ...] = TECHNIQUE_RECOGNITIONS
    # Whether the event report ends with the galaxy clusters the report names in passing (no tags: galaxy_mentions).
    also_named: bool = True

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (CLI flags on top of the config file)."""
        return dataclasses.replace(self, **changes)


def _check_choice(source: str, key: str, value: Any, allowed: dict[int, str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        choices = ", ".join(f"{k} ({v})" for k, v in allowed.items())
        raise ConfigError(f"{source}: '{key}' is {value!r}; expected one of {choices}")
    return value


def event_overrides(source: str, data: dict[str, Any]) -> EventOverrides:
    """Validate the event keys of a config or template mapping."""
    checks = {"threat_level_id": THREAT_LEVELS, "analysis": ANALYSIS_LEVELS, "distribution": DISTRIBUTIONS}
    unknown = set(data) - set(checks)
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) under 'event': {', '.join(sorted(unknown))}")
    values = {k: _check_choice(source, f"event.{k}", v, checks[k]) for k, v in data.items() if v is not None}
    return EventOverrides(**values)


def technique_recognitions(source: str, value: Any) -> tuple[str, ...]:
    """'ids,names,prose' or a list of them → the recognitions in canonical order; an unknown one is an error."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{source}: 'techniques' must be a list of {', '.join(TECHNIQUE_RECOGNITIONS)}")
    chosen = {i.strip().lower() for i in items if i.strip()}
    unknown = chosen - set(TECHNIQUE_RECOGNITIONS)
    if unknown:
        raise ConfigError(
            f"{source}: 'techniques' has {sorted(unknown)[0]!r}; expected some of {', '.join(TECHNIQUE_RECOGNITIONS)}"
        )
    return tuple(r for r in TECHNIQUE_RECOGNITIONS if r in chosen)


def settings_from_mapping(source: str, data: dict[str, Any]) -> Settings:
    """Build Settings from a parsed config mapping, naming the source and key on any error."""
    known = {
        "event",
        "tags",
        "max_report_bytes",
        "warninglists",
        "template",
        "templates_dir",
        "sync",
        "techniques",
        "also_named",
    }
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: unknown key(s): {', '.join(sorted(unknown))}")
    event_data = data.get("event") or {}
    if not isinstance(event_data, dict):
        raise ConfigError(f"{source}: 'event' must be a mapping")
    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise ConfigError(f"{source}: 'tags' must be a list of tag names")
    max_bytes = data.get("max_report_bytes", DEFAULT_MAX_REPORT_BYTES)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigError(f"{source}: 'max_report_bytes' must be a positive integer, not {max_bytes!r}")
    mode = data.get("warninglists", "soft")
    if mode not in WARNINGLIST_MODES:
        raise ConfigError(f"{source}: 'warninglists' is {mode!r}; expected one of {', '.join(WARNINGLIST_MODES)}")
    template = data.get("template")
    if template is not None and not isinstance(template, str):
        raise ConfigError(f"{source}: 'template' must be a template name")
    templates_dir = data.get("templates_dir")
    if templates_dir is not None and not isinstance(templates_dir, str):
        raise ConfigError(f"{source}: 'templates_dir' must be a folder path")
    also_named = data.get("also_named", True)
    if not isinstance(also_named, bool):
        raise ConfigError(f"{source}: 'also_named' must be true or false, not {also_named!r}")
    return Settings(
        also_named=also_named,
        templates_dir=Path(templates_dir).expanduser() if templates_dir else None,
        event=event_overrides(source, event_data),
        tags=tuple(t.strip() for t in tags),
        max_report_bytes=max_bytes,
        warninglist_mode=mode,
        template=template,
        techniques=technique_recognitions(source, data.get("techniques", list(TECHNIQUE_RECOGNITIONS))),
    )


def load_config_mapping(path: Path) -> dict[str, Any]:
    """Read a YAML config file into a mapping (the sync job reads its own 'sync' key from it)."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: a config file must be UTF-8 text (byte {exc.start} is not: save it as UTF-8)"
        ) from exc
    except YamlSyntaxError as exc:
        raise ConfigError(f"{path}: invalid YAML ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a config file must be a mapping of keys")
    return data


def load_settings(path: Path | None) -> Settings:
    """Settings from a config file, or the defaults when no file is given."""
    if path is None:
        return Settings()
    settings = settings_from_mapping(str(path), load_config_mapping(path))
    if settings.templates_dir is not None and not settings.templates_dir.is_absolute():
        # A relative folder in a config file means relative to that file, wherever the command runs.
        settings = settings.replace(templates_dir=path.parent / settings.templates_dir)
    return settings
