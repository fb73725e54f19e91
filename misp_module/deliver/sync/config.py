"""The sync job's configuration: the `sync:` section of the config file, command-line flags on top, and
MISP_URL / MISP_KEY from the environment when neither names a MISP."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ConfigError
from ...knowledge.regex_cache import compiled
from .sinks import PUBLISH_POLICIES, REMOVAL_POLICIES

DURATION = compiled(r"(\d+(?:\.\d+)?)([smhd])")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# A schedule faster than this would keep MISP and the git host busy for nothing; slower than a year is a typo.
MIN_EVERY, MAX_EVERY = 60.0, 366 * 86400.0
SYNC_KEYS = {
    "source",
    "type",
    "ref",
    "subdir",
    "pull",
    "sink",
    "misp",
    "feed",
    "state_dir",
    "cache_dir",
    "publish",
    "on_removed",
    "retired_tag",
    "every",
    "retries",
    "jobs",
}
MISP_KEYS = {
    "url",
    "key",
    "key_file",
    "verify_tls",
    "ca_bundle",
    "client_cert",
    "client_key",
    "proxies",
    "timeout",
    "workers",
}
FEED_KEYS = {"path", "org"}
TIMEOUT_RANGE = (0.1, 3600.0)  # seconds a MISP request may take
RETRY_KEYS = {"attempts", "base_delay", "max_delay"}


def parse_duration(text: str) -> float:
    """'90s', '15m', '1h30m', '1d' → seconds."""
    value = str(text).strip().lower()
    parts = DURATION.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ConfigError(f"duration {text!r}: expected e.g. 30s, 15m, 1h30m or 1d")
    seconds = sum(float(n) * UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ConfigError(f"duration {text!r} must be longer than zero")
    return seconds


def parse_every(text: str) -> float:
    """The interval of `--every` / `sync.every`, between MIN_EVERY and MAX_EVERY."""
    seconds = parse_duration(text)
    if not MIN_EVERY <= seconds <= MAX_EVERY:
        raise ConfigError(
            f"every {text!r}: runs are at least {MIN_EVERY:g} s and at most a year apart "
            "(a report repository rarely changes faster; use a file watcher for instant syncs)"
        )
    return seconds


def number(source: str, key: str, value: Any, minimum: float, maximum: float, integer: bool = False) -> float:
    """A number from the config file, within bounds; anything else is one line naming the key."""
    kind = "a whole number" if integer else "a number"
    valid = (
        isinstance(value, int | float) and not isinstance(value, bool) and (not integer or float(value).is_integer())
    )
    if not valid or not minimum <= value <= maximum:
        raise ConfigError(f"{source}: '{key}' is {value!r}; expected {kind} from {minimum:g} to {maximum:g}")
    return int(value) if integer else float(value)


def flag(source: str, key: str, value: Any) -> bool:
    """true or false: a string like "no" is refused rather than read as true."""
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: '{key}' is {value!r}; expected true or false")
    return value


@dataclass
class SyncConfig:
    """Everything one sync run needs besides the convert settings."""

    source: str | None = None
    source_type: str = "auto"
    ref: str = "HEAD"
    subdir: str = ""
    pull: bool = True
    sink: str | None = None
    misp_url: str | None = None
    misp_key: str | None = field(default=None, repr=False)
    verify_tls: bool = True
    ca_bundle: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    proxies: dict[str, str] | None = None
    timeout: float = 30.0
    feed_dir: Path = Path("misp-feed")
    feed_org: str = "misp-report"
    state_dir: Path = Path(".misp-report/state")
    cache_dir: Path = Path(".misp-report/cache")
    publish: str = "never"
    on_removed: str = "keep"
    retired_tag: str = "misp-report:retired"
    every: float | None = None
    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    # Reports converted at a time (None: the machine's cores) and events written to MISP at a time.
    jobs: int | None = None
    workers: int = 4

    @property
    def verify(self) -> bool | str:
        """What PyMISP's `ssl` takes: a CA bundle path, or whether to verify at all."""
        return self.ca_bundle if self.verify_tls and self.ca_bundle else self.verify_tls

    @property
    def cert(self) -> str | tuple[str, str] | None:
        if self.client_cert and self.client_key:
            return (self.client_cert, self.client_key)
        return self.client_cert

    def resolved_sink(self) -> str:
        """`misp` when a URL or a key is given (half a MISP set-up is an error, not a silent switch to a feed
        folder), else `feed`, unless the sink is named."""
        if self.sink is not None:
            return self.sink
        return "misp" if self.misp_url or self.misp_key else "feed"


def _section(source: str, data: Any, name: str, allowed: set[str]) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: '{name}' must be a mapping")
    unknown = set(data) - allowed
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) under '{name}': {', '.join(sorted(unknown))}")
    return data


def _choice(source: str, key: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{source}: '{key}' is {value!r}; expected one of {', '.join(allowed)}")
    return value


def from_mapping(source: str, data: Any, base: Path) -> SyncConfig:
    """The `sync:` section of a config file; relative paths are relative to the config file's folder."""
    sync = _section(source, data, "sync", SYNC_KEYS)
    misp = _section(source, sync.get("misp"), "sync.misp", MISP_KEYS)
    feed = _section(source, sync.get("feed"), "sync.feed", FEED_KEYS)
    retries = _section(source, sync.get("retries"), "sync.retries", RETRY_KEYS)
    config = SyncConfig()

    def path(value: Any) -> Path:
        return base / Path(str(value)).expanduser()

    if "source" in sync:
        text = str(sync["source"])
        config.source = str(path(text)) if not re.match(r"^[\w+.-]+://|^[\w.-]+@", text) else text
    config.source_type = _choice(source, "sync.type", sync.get("type", "auto"), ("auto", "folder", "git"))
    config.ref, config.subdir = str(sync.get("ref", "HEAD")), str(sync.get("subdir", ""))
    config.pull = flag(source, "sync.pull", sync.get("pull", True))
    if "sink" in sync:
        config.sink = _choice(source, "sync.sink", sync["sink"], ("misp", "feed"))
    config.misp_url = misp.get("url")
    if config.misp_url is not None and not (
        isinstance(config.misp_url, str) and re.match(r"https?://", config.misp_url)
    ):
        raise ConfigError(f"{source}: 'sync.misp.url' is {config.misp_url!r}; expected https://your-misp.example.org")
    if "key_file" in misp:
        try:
            config.misp_key = path(misp["key_file"]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(
                f"{source}: sync.misp.key_file: cannot read {misp['key_file']} ({exc.strerror})"
            ) from None
    elif "key" in misp:
        config.misp_key = str(misp["key"])
    config.verify_tls = flag(source, "sync.misp.verify_tls", misp.get("verify_tls", True))
    for key in ("ca_bundle", "client_cert", "client_key"):
        if misp.get(key):
            setattr(config, key, str(path(misp[key])))
    if misp.get("proxies") is not None:
        config.proxies = {
            str(k): str(v) for k, v in _section(source, misp["proxies"], "sync.misp.proxies", {"http", "https"}).items()
        }
    config.timeout = number(source, "sync.misp.timeout", misp.get("timeout", config.timeout), *TIMEOUT_RANGE)
    if "path" in feed:
        config.feed_dir = path(feed["path"])
    config.feed_org = str(feed.get("org", config.feed_org))
    for key in ("state_dir", "cache_dir"):
        if key in sync:
            setattr(config, key, path(sync[key]))
    config.publish = _choice(source, "sync.publish", sync.get("publish", "never"), PUBLISH_POLICIES)
    config.on_removed = _choice(source, "sync.on_removed", sync.get("on_removed", "keep"), REMOVAL_POLICIES)
    config.retired_tag = str(sync.get("retired_tag", config.retired_tag))
    if sync.get("every") is not None:
        try:
            config.every = parse_every(sync["every"])
        except ConfigError as exc:
            raise ConfigError(f"{source}: sync.{exc}") from None
    config.attempts = int(
        number(source, "sync.retries.attempts", retries.get("attempts", config.attempts), 1, 20, True)
    )
    config.base_delay = number(source, "sync.retries.base_delay", retries.get("base_delay", config.base_delay), 0, 600)
    config.max_delay = number(source, "sync.retries.max_delay", retries.get("max_delay", config.max_delay), 0, 3600)
    if sync.get("jobs") is not None:
        config.jobs = _at_least_one(source, "sync.jobs", sync["jobs"])
    config.workers = _at_least_one(source, "sync.misp.workers", misp.get("workers", config.workers))
    return config


def _at_least_one(source: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{source}: '{key}' is {value!r}; expected a whole number of at least 1")
    return value


def apply_environment(config: SyncConfig, environ: dict[str, str] | None = None) -> SyncConfig:
    """MISP_URL and MISP_KEY fill what the config file and flags leave empty."""
    env = os.environ if environ is None else environ
    config.misp_url = config.misp_url or env.get("MISP_URL") or None
    config.misp_key = config.misp_key or env.get("MISP_KEY") or None
    return config
