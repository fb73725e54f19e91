"""MISP warninglists (pymispwarninglists) compiled once into a disk-cached index: which lists a value is on."""

from __future__ import annotations

import atexit
import hashlib
import ipaddress
import json
import logging
import mmap
import os
import pickle
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

from .cache import cache_dir, load_once, load_pickle
from .regex_cache import compiled

logger = logging.getLogger(__name__)

# Located without importing pymispwarninglists (its import pulls jsonschema: 0.15 s of every cold start).
LISTS_DIR = Path(find_spec("pymispwarninglists").origin).parent / "data" / "misp-warninglists" / "lists"
INDEX_FORMAT = 4
# Top-million popularity lists reach far into the tail where malware C2 domains live (they get ranked by
# their DNS query volume): a value only on them is no reason to doubt an indicator. The top-10k/20k lists,
# the vendor lists and the special-use lists are kept.
EXCLUDED_LISTS = frozenset({"tranco", "google-chrome-crux-1million"})
# Lists of hosting, cloud and VPN address space (and disposable mail domains): attacker servers and mailboxes
# live there, so a value on them stays an indicator (the comment names the list: it may be reassigned).
HOSTING_LISTS = frozenset(
    {"vpn-ipv4", "vpn-ipv6", "amazon-aws", "google-gcp", "ovh-cluster", "microsoft-azure", "microsoft-azure-china"}
    | {"microsoft-azure-germany", "microsoft-azure-us-gov", "disposable-email"}
)
# Lists naming services that attackers abuse rather than benign values: the listed name itself is not an
# indicator (duckdns.org, webhook.site), but a sub-domain of it or a URL with a path on it is one.
ABUSED_SERVICE_LISTS = frozenset(
    {
        "dynamic-dns",
        "lots-project",
        "url-shortener",
        "link-in-bio",
        "public-ipfs-gateways",
        "automated-malware-analysis",
    }
)
# Lists that only say a host is popular: a URL with a path on such a host can still be an indicator.
POPULARITY_LISTS = frozenset(
    {"tranco10k", "cisco_top1000", "cisco_top5k", "cisco_top10k", "cisco_top20k", "majestic_million", "alexa"}
    | {"moz-top500"}
)
# MISP types a list may declare; an attribute of another type is checked as the closest of these.
_TYPE_ALIASES = {"ip-dst|port": "ip-dst", "ip-src|port": "ip-src", "email": "email-src", "email-dst": "email-src"}


@dataclass(frozen=True)
class ListInfo:
    """One warninglist: its folder name in misp-warninglists, its title, its matching type and the MISP
    attribute types it applies to."""

    slug: str
    name: str
    kind: str
    attribute_types: frozenset[str]

    @property
    def group(self) -> str:
        """How a match is read: 'hosting' and 'abused-service' lists inform, 'popularity' and the others
        ('benign': vendors, special-use ranges, known-good hashes …) say the value is no indicator."""
        if self.slug in HOSTING_LISTS:
            return "hosting"
        if self.slug in ABUSED_SERVICE_LISTS:
            return "abused-service"
        if self.slug in POPULARITY_LISTS:
            return "popularity"
        return "benign"

    def applies_to(self, misp_type: str) -> bool:
        """Whether the list is meant for attributes of this type (composite types match their parts)."""
        wanted = _TYPE_ALIASES.get(misp_type, misp_type)
        return wanted in self.attribute_types or any(part in self.attribute_types for part in wanted.split("|"))


def data_version(lists_dir: Path = LISTS_DIR) -> str:
    """A key that changes when the package's list files change (size and mtime of every list.json)."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}:{sorted(EXCLUDED_LISTS)}".encode())
    for path in sorted(lists_dir.glob("*/list.json")):
        stat = path.stat()
        digest.update(f"{path.parent.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


# Slots of a name's record: lists naming exactly it, or it and its sub-domains.
EXACT, TREE = 0, 1


def _entry_slot(entry: str, kind: str) -> tuple[int, str] | None:
    """Where a list entry goes in the name index: hostname and substring lists (and string entries written
    with a leading dot, '.google.com') name a domain with its sub-domains; other string entries one value."""
    value = entry.strip().lower().removeprefix("*")
    if not value or value.startswith("/"):
        return None
    if value.startswith(".") or kind != "string":
        return TREE, value.lstrip(".")
    return EXACT, value


def build_index(lists_dir: Path, target: Path) -> None:
    """Compile every warninglist under `lists_dir` into `target` (a folder): a sorted key file for names
    and hashes, binary-searched through mmap, a pickle of the lists and the regex lists, and one of the CIDR
    lists (read on the first address looked up: see `WarningIndex`)."""
    infos: list[ListInfo] = []
    masks: dict[str, list[int]] = {}
    networks: dict[int, dict[int, dict[int, int]]] = {4: {}, 6: {}}
    regexes: list[tuple[int, str, int]] = []
    for path in sorted(lists_dir.glob("*/list.json")):
        if path.parent.name in EXCLUDED_LISTS:
            continue
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        number = len(infos)
        bit = 1 << number
        kind = data["type"]
        infos.append(ListInfo(path.parent.name, data["name"], kind, frozenset(data.get("matching_attributes") or ())))
        for entry in data["list"]:
            if kind == "cidr":
                try:
                    net = ipaddress.ip_network(entry.strip(), strict=False)
                except ValueError:
                    logger.debug("warninglist %s: skipping invalid network %r", data["name"], entry)
                    continue
                by_prefix = networks[net.version].setdefault(net.prefixlen, {})
                start = int(net.network_address)
                by_prefix[start] = by_prefix.get(start, 0) | bit
            elif kind == "regex":
                flags, pattern = _php_regex(entry)
                if pattern is not None:
                    regexes.append((number, pattern, flags))
            else:
                slot = _entry_slot(entry, kind)
                if slot is not None:
                    masks.setdefault(slot[1], [0, 0])[slot[0]] |= bit
    target.mkdir(parents=True, exist_ok=True)
    jumps: dict[bytes, int] = {}
    offset = 0
    with (target / "names.idx").open("wb") as handle:
        for name in sorted(masks, key=str.encode):
            key = name.encode()
            jumps.setdefault(key[:2], offset)
            line = key + b"\t" + b"\t".join(format(m, "x").encode() for m in masks[name]) + b"\n"
            handle.write(line)
            offset += len(line)
    with (target / "networks.pickle").open("wb") as handle:
        pickle.dump(networks, handle)
    with (target / "lists.pickle").open("wb") as handle:
        pickle.dump({"infos": infos, "regexes": regexes, "jumps": jumps}, handle)


def _php_regex(entry: str) -> tuple[int, str | None]:
    """'/^(abuse)\\@.*$/i' → (re.IGNORECASE, '^(abuse)\\@.*$'); entries that are not delimited are skipped."""
    match = re.fullmatch(r"/(.*)/([a-z]*)", entry.strip(), re.DOTALL)
    if not match:
        return 0, None
    flags = re.IGNORECASE if "i" in match.group(2) else 0
    return flags, match.group(1)


class WarningIndex:
    """Look-ups in a compiled index: host names by exact or parent-domain key, IPs by prefix, hashes exact."""

    def __init__(self, folder: Path):
        with (folder / "lists.pickle").open("rb") as handle:
            meta = load_pickle(handle)
        self.infos: list[ListInfo] = meta["infos"]
        # The CIDR lists (a hundred thousand networks of cloud and vendor address space) are read on the first
        # address looked up: their unpickling was a twentieth of a cold `convert`, for reports that hold no IP.
        self._folder = folder
        self._network_tables: tuple[dict[int, dict[int, dict[int, int]]], dict[int, list[int]]] | None = None
        self._network_lock = threading.Lock()
        # The regex lists (e-mail addresses only) are compiled on the first e-mail looked up: a tenth of a cold
        # `convert` went into compiling them for reports that have none.
        self._regex_sources: list[tuple[int, str, int]] = meta["regexes"]
        self._compiled_regexes: list[tuple[int, re.Pattern[str]]] | None = None
        with (folder / "names.idx").open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            self._names = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        # Each two-byte prefix's block of records: narrows every binary search to one block.
        starts = sorted(meta["jumps"].values())
        ends = [*starts[1:], size]
        self._blocks = dict(
            zip(sorted(meta["jumps"], key=meta["jumps"].get), zip(starts, ends, strict=True), strict=True)
        )
        self._tld_bit = self._bit_of("tlds")
        self._public_suffix_bit = self._bit_of("second-level-tlds") | self._tld_bit
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.is_public_suffix = lru_cache(maxsize=16384)(self._is_public_suffix)
        # Asked for every dotted token of a report, about a few hundred distinct labels.
        self.is_tld = lru_cache(maxsize=4096)(self._is_tld)

    @property
    def _networks(self) -> tuple[dict[int, dict[int, dict[int, int]]], dict[int, list[int]]]:
        """The networks of the CIDR lists by IP version, prefix length and first address, and each version's
        prefix lengths, longest first."""
        with self._network_lock:
            if self._network_tables is None:
                with (self._folder / "networks.pickle").open("rb") as handle:
                    networks: dict[int, dict[int, dict[int, int]]] = load_pickle(handle)
                prefixes = {v: sorted(by_prefix, reverse=True) for v, by_prefix in networks.items()}
                self._network_tables = networks, prefixes
            return self._network_tables

    @property
    def _regexes(self) -> list[tuple[int, re.Pattern[str]]]:
        if self._compiled_regexes is None:
            self._compiled_regexes = [(n, compiled(p, f)) for n, p, f in self._regex_sources]
        return self._compiled_regexes

    def _is_tld(self, label: str) -> bool:
        """Whether the label is a top-level domain in IANA's list (from the `tlds` warninglist)."""
        return bool(self._record(label.lower().encode())[EXACT] & self._tld_bit)

    def _is_public_suffix(self, name: str) -> bool:
        """Whether names are registered directly under `name` (com, co.uk, github.io: Mozilla's list)."""
        return bool(self._record(name.lower().encode())[EXACT] & self._public_suffix_bit)

    def _bit_of(self, name: str) -> int:
        return sum(1 << n for n, info in enumerate(self.infos) if info.slug == name)

    def _record(self, name: bytes) -> tuple[int, int]:
        """Binary search of the sorted name file: the (exact, tree) list masks of a name."""
        block = self._blocks.get(name[:2])
        if block is None:
            return (0, 0)
        data = self._names
        lo, hi = block
        while lo < hi:
            mid = (lo + hi) // 2
            newline = data.rfind(b"\n", lo, mid)
            start = newline + 1 if newline >= 0 else lo
            end = data.find(b"\n", start)
            fields = data[start:end].split(b"\t")
            if fields[0] == name:
                return (int(fields[1], 16), int(fields[2], 16))
            if fields[0] < name:
                lo = end + 1
            else:
                hi = start
        return (0, 0)

    def _host_mask(self, host: str) -> tuple[int, int]:
        """(lists naming the host itself, lists naming a parent domain of it)."""
        exact_mask, tree = self._record(host.encode())
        exact = exact_mask | tree
        parents = 0
        labels = host.split(".")
        for i in range(1, len(labels)):
            parent_exact, parent_tree = self._record(".".join(labels[i:]).encode())
            # A parent that is a public suffix (github.io, co.uk) does not vouch for the names registered under it.
            if parent_exact & self._public_suffix_bit:
                break
            parents |= parent_tree
        return exact, parents

    def _ip_mask(self, value: str) -> int:
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return 0
        number = int(address)
        bits = address.max_prefixlen
        networks, prefixes = self._networks
        mask = 0
        for prefix in prefixes[address.version]:
            start = (number >> (bits - prefix)) << (bits - prefix) if prefix else 0
            mask |= networks[address.version][prefix].get(start, 0)
        return mask

    def _names_of(self, mask: int, misp_type: str) -> tuple[ListInfo, ...]:
        found = []
        while mask:
            low = mask & -mask
            info = self.infos[low.bit_length() - 1]
            if info.applies_to(misp_type):
                found.append(info)
            mask ^= low
        return tuple(found)

    def _lookup(self, misp_type: str, value: str) -> tuple[tuple[ListInfo, ...], tuple[ListInfo, ...]]:
        """Lists the value is on for its type: (on the value itself, on a parent domain only)."""
        base = _TYPE_ALIASES.get(misp_type, misp_type)
        first = base.split("|")[0]
        lowered = value.lower()
        if first in ("ip-src", "ip-dst", "ip"):
            address = value.split("|")[0].split("/")[0]
            return self._names_of(self._ip_mask(address), misp_type), ()
        if first in ("domain", "hostname"):
            exact, parents = self._host_mask(lowered.rstrip("."))
            return self._names_of(exact, misp_type), self._names_of(parents & ~exact, misp_type)
        if first == "url":
            try:
                host = urlsplit(lowered).hostname or ""
            except ValueError:  # a bracketed host that is no IP address
                host = ""
            exact, parents = self._host_mask(host)
            return self._names_of(exact, misp_type), self._names_of(parents & ~exact, misp_type)
        if first.startswith("email"):
            domain = lowered.rpartition("@")[2]
            exact, parents = self._host_mask(domain)
            mask = exact | parents
            for number, pattern in self._regexes:
                if pattern.search(value):
                    mask |= 1 << number
            return self._names_of(mask, misp_type), ()
        return self._names_of(self._record(lowered.split("|")[-1].encode())[EXACT], misp_type), ()


def _compiled_into(target: Path, lists_dir: Path) -> Path:
    """`target`, holding the compiled lists: built in a staging folder and renamed, so it is never half done."""
    if (target / "lists.pickle").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="building-", dir=target.parent))
    logger.info("compiling the MISP warninglists into %s (once per package version)", target)
    build_index(lists_dir, staging)
    try:
        staging.rename(target)
    except OSError:
        # Another process finished first: use its index and drop ours.
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _private_folder() -> Path:
    """A folder of this process's own, removed at exit: for when the disk cache is off or unwritable."""
    folder = Path(tempfile.mkdtemp(prefix="misp-report-warninglists-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _index_folder(lists_dir: Path) -> Path:
    """The compiled index of the lists: in the user cache folder, else compiled for this process only."""
    name = f"warninglists-{data_version(lists_dir)}"
    root = cache_dir()
    if root is not None:
        try:
            return _compiled_into(root / name, lists_dir)
        except OSError as exc:
            logger.warning("cannot cache the warninglist index in %s (%s); compiling it for this run only", root, exc)
    return _compiled_into(_private_folder() / name, lists_dir)


@load_once
def warninglists(lists_dir: Path = LISTS_DIR) -> WarningIndex:
    """The process-wide warninglist index (compiled on first use, then read from the user cache)."""
    return WarningIndex(_index_folder(lists_dir))
