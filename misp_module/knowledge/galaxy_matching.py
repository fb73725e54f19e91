"""The compiled galaxy index and how a text is matched against it: clusters, the names that write them, their
case rules, and the word boundaries that make a name a mention ("APT29's", not "www.china.com"). Built and
cached by `galaxies.py`; `GalaxyIndex.find(text)` is one pass over the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

from .data import load_data
from .detection_names import after_detection_word, variant_after_family
from .files import FILE_EXTS
from .galaxy_capitals import capitals_name, written_as_name
from .regex_cache import compiled

INSENSITIVE, INITIALS, EXACT = "insensitive", "initials", "exact"
CASE_RULES = (INSENSITIVE, INITIALS, EXACT)
_NON_WORD = compiled(r"[\W_]+")
# `fold` by bytes: an ASCII letter or digit stays, any other byte (space, "_", "?" for a character outside ASCII)
# becomes a space; then each run of characters outside ASCII is put back folded by `_NON_WORD_CHAR` (a
# non-word character or "_"). (A simple range finds the runs: a class of non-ASCII word characters is 7x slower.)
_ASCII_FOLD = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
_NON_ASCII = compiled(r"[^\x00-\x7f]+")
_NON_WORD_CHAR = compiled(r"[^\w ]|_")
# A family name with its kind glued on: "CrimsonRAT", "JSSLoader" (the kind found first, then the name before).
# (Each kind's first letter comes before the look-behind: the engine skips to those letters instead of trying
# the look-behind at every position; the same matches as "(?<=[A-Za-z0-9])(?:RAT|Loader|Stealer)(?![\w-])".)
_KIND_SUFFIX = compiled(r"(?:R(?<=[A-Za-z0-9]R)AT|L(?<=[A-Za-z0-9]L)oader|S(?<=[A-Za-z0-9]S)tealer)(?![\w-])")
# ...and the kind written as a word after the name: "Crimson RAT", "Peppy RAT" (see `_spaced`).
_KIND_WORD = compiled(r"(?:R(?<=[A-Za-z0-9] R)AT|L(?<=[A-Za-z0-9] L)oader|S(?<=[A-Za-z0-9] S)tealer)(?![\w-])")
_STEM_BEFORE = compiled(r"(?<![\w.-])[A-Z][A-Za-z0-9]{2,}$")


@dataclass(frozen=True)
class Cluster:
    """One galaxy cluster: what a match points to, and the facts the extractor needs to choose among several."""

    galaxy: str
    value: str
    kind: str
    external_id: str | None = None
    platform: str | None = None
    matrix: str | None = None
    revoked: bool = False
    display: str | None = None
    # "ransomware" (the ransomware galaxy's, or its description says so), "other" (its description names another
    # kind: "an Android banking trojan", "a DDoS bot"), None (unknown)
    sort: str | None = None

    @property
    def tag(self) -> str:
        """The MISP tag that attaches the cluster: misp-galaxy:TYPE="VALUE"."""
        return f'misp-galaxy:{self.galaxy}="{self.value}"'

    def __hash__(self) -> int:
        """The dataclass's own hash (of every field), worked out once per cluster: a report hashes its clusters
        hundreds of times (dict keys, sets), and hashing nine fields each time was 2% of a warm convert."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            # (The fields' tuple by one attrgetter: `dataclasses.fields` per call was most of the cost of hashing
            # the ~2,400 clusters a cold start unpickles as keys of the index's tables.)
            cached = hash(_cluster_fields(self))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __eq__(self, other: object) -> bool:
        """The dataclass's own equality (every field), answered first by identity and by the remembered hashes:
        a report compares clusters thousands of times (a name's cluster with the one kept, list membership),
        nearly always the same cluster or one with another hash, and the dataclass built two tuples of nine
        fields for each."""
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        if hash(self) != hash(other):
            return False
        return all(getattr(self, name) == getattr(other, name) for name in _CLUSTER_FIELDS)

    def __getstate__(self) -> dict[str, Any]:
        """The fields without the remembered hash: a string's hash differs from one process to the next."""
        state = dict(self.__dict__)
        state.pop("_hash", None)
        return state


_CLUSTER_FIELDS = tuple(f.name for f in fields(Cluster))
_cluster_fields = attrgetter(*_CLUSTER_FIELDS)


@dataclass(frozen=True)
class Name:
    """One way of writing one cluster, and how strictly it must be written."""

    cluster: Cluster
    form: str
    case: str
    common: bool = False
    word: bool = False
    own: bool = False
    is_id: bool = False
    context_only: bool = False
    zipf: float = 0.0
    kind_next: bool = False  # counts only with a word of its galaxy's kind right next to it ("Medusa ransomware")


# A name as the index keeps it: the place of its cluster in the index's clusters, then Name's other fields in
# order. Plain tuples unpickle in C; twenty thousand Name objects took half of a cold start's index load.
PackedName = tuple[Any, ...]
_NAME_FIELDS = tuple(f.name for f in fields(Name))[1:]
_name_fields = attrgetter(*_NAME_FIELDS)


def pack_names(names: tuple[Name, ...], places: dict[Cluster, int]) -> tuple[PackedName, ...]:
    """The names as the index keeps them (`places`: each cluster's place in the index's clusters)."""
    return tuple((places[n.cluster], *_name_fields(n)) for n in names)


@dataclass(frozen=True)
class Match:
    """A name found in a text: its span, what is written there, and every cluster the writing fits."""

    start: int
    end: int
    surface: str
    names: tuple[Name, ...]

    @property
    def clusters(self) -> tuple[Cluster, ...]:
        """The distinct clusters of the names, in index order."""
        return tuple(dict.fromkeys(n.cluster for n in self.names))


def fold(text: str) -> str:
    """Lower case, every non-word character a space; same length as `text` so offsets carry over.

    The ASCII characters are blanked by one byte translation (every character outside ASCII first written "?",
    which is blanked too), and the runs of characters outside ASCII are put back, folded on their own: the same
    string as `re.sub(r"[\\W_]", " ", lowered)` at under half its cost on a long report (nearly all ASCII)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    folded = lowered.encode("ascii", "replace").translate(_ASCII_FOLD).decode("ascii")
    if lowered.isascii():
        return folded
    pieces, last = [], 0
    for run in _NON_ASCII.finditer(lowered):
        pieces += (folded[last : run.start()], _NON_WORD_CHAR.sub(" ", run.group()))
        last = run.end()
    pieces.append(folded[last:])
    return "".join(pieces)


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The key a name is indexed under: folded, single spaces (remembered: the extractor asks it of the same
    names in every report)."""
    return " ".join(fold(name).split())


@lru_cache(maxsize=4096)
def _shape(text: str) -> tuple[str, ...]:
    """The words of a name as written (remembered: the same forms and surfaces come back in every report)."""
    return tuple(_NON_WORD.sub(" ", text).split())


def case_fits(surface: str, form: str, case: str) -> bool:
    """Whether `surface` (as written in the text) is an acceptable writing of `form` under `case`."""
    if case == INSENSITIVE:
        return True
    written, wanted = _shape(surface), _shape(form)
    if written == wanted:
        return True
    if case == EXACT and len(written) == len(wanted) == 1 and _camel_of_plain(written[0], wanted[0]):
        return True
    if case == EXACT or len(written) != len(wanted):
        return False
    if all(w.isupper() or not w.isalpha() for w in written) and any(w.isalpha() for w in written):
        return True
    return all(not f[0].isupper() or w[0].isupper() for w, f in zip(written, wanted, strict=True))


def _camel_of_plain(written: str, wanted: str) -> bool:
    """A name the galaxy writes as a plain capitalised word ("Patchwork") written with inner capitals ("PatchWork"):
    no writer puts a capital inside the everyday word, so the writing is the name, as its own writing is."""
    return (
        written[1:] != written[1:].lower()
        and not written.isupper()
        and written[:1].isupper()
        and wanted[:1].isupper()
        and wanted[1:] == wanted[1:].lower()
    )


def _boundary_before(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    if before in "_\\@$%":
        return False
    # "www.china.com", "proton.me": a dot between word characters joins them; not after a word of a detection name
    # ("Trojan.Stonedrill", "Backdoor.Win32.Notestuk": the family, detection_names.py).
    return not (before == "." and start >= 2 and text[start - 2].isalnum()) or after_detection_word(text, start - 1)


def _boundary_after(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if after in "_\\@":
        return False
    # (A detection name's variant letters after the family, "Trojan.Stonedrill.B", end it.)
    return not (after == "." and end + 1 < len(text) and text[end + 1].isalnum()) or variant_after_family(text, end)


# A program's file extension after a name ("mshta.exe"): see `_candidates`.
_PROGRAM_EXTENSION = compiled(r"\.(?:exe|dll|cpl)(?![\w.])", re.IGNORECASE)


# The characters `_boundary_before` and `_boundary_after` can refuse; any other neighbour is a boundary.
_BEFORE_LOOKED_AT = frozenset("_\\@$%.")
_AFTER_LOOKED_AT = frozenset("_\\@.")
# How many (surface, names, flags) answers an index remembers before it starts afresh.
_FITS_KEPT = 50_000


def _glued(text: str, start: int, end: int) -> bool:
    """The name is joined to another word by a hyphen ("X-Chimera", "Chimera-like"): an English word written so
    is part of a compound, not a name — except before a word that ties an actor to something ("Lazarus-linked",
    `relation_suffixes` in galaxies.yaml). A name whose own form holds the hyphen is matched whole, so never
    glued; an underscore is no word boundary at all."""
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum():
        return True
    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum():
        suffix = re.match(r"[A-Za-z]*", text[end + 1 : end + 24]).group(0).lower()
        return suffix not in _relation_suffixes()
    return False


@cache
def _relation_suffixes() -> frozenset[str]:
    return frozenset(
        str(w).lower() for w in load_data("galaxies.yaml").get("auto_case", {}).get("relation_suffixes", [])
    )


def _in_file_name(text: str, start: int, end: int) -> bool:
    """The name is part of a longer file name joined by a hyphen ("systemd-service.js", "Emotet-loader.exe"):
    the file, not the family."""
    left = max(text.rfind(c, max(0, start - 100), start) for c in " \t\n") + 1
    right = min((i for i in (text.find(c, end, end + 100) for c in " \t\n") if i >= 0), default=len(text))
    token = text[left:right].strip("`'\"*_()[]<>,;:.!?")
    stem, dot, extension = token.rpartition(".")
    return bool(dot) and extension.lower() in FILE_EXTS and stem.lower() != text[start:end].lower()


def _in_path(text: str, start: int, end: int) -> bool:
    """The name is part of a path or URL ("/usr/lib/systemd/x", "http://apt28.example/"), not prose."""
    left = max(text.rfind(c, max(0, start - 200), start) for c in " \t\n") + 1
    right = min((i for i in (text.find(c, end, end + 200) for c in " \t\n") if i >= 0), default=len(text))
    token = text[left:right].strip("`'\"*_()[]<>,;")
    return "://" in token or token.count("/") >= 2 or (token.startswith("/") and len(token) > end - start + 1)


class GalaxyIndex:
    """Every indexed name in one automaton; `find` is one pass over a text."""

    def __init__(
        self,
        automaton: Any,
        clusters: tuple[Cluster, ...],
        key: str,
        codes: dict[str, Cluster] | None = None,
        uses: dict[Cluster, frozenset[Cluster]] | None = None,
        names: tuple[tuple[PackedName, ...], ...] = (),
    ) -> None:
        """`automaton` gives each key (` name key `) its length and its place in `names`, the names written so,
        packed (`pack_names`): they are made Name objects when a text first holds the key (`_names_at`), so that
        a cold start does not build the twenty thousand it mostly never meets."""
        self._automaton = automaton
        self.clusters = clusters
        self.key = key
        self.codes = codes or {}
        self.uses = uses or {}
        self._packed = names

    def __getstate__(self) -> dict[str, Any]:
        """Without what this process worked out: the fits, the names made and the names of each cluster."""
        state = dict(self.__dict__)
        for made in ("_fits", "_names", "_made"):
            state.pop(made, None)
        return state

    def _names_at(self, slot: int) -> tuple[Name, ...]:
        """The names of one key, made on first ask and then kept (one tuple per key for the index's life)."""
        made = self.__dict__.get("_made")
        if made is None:
            made = self.__dict__["_made"] = {}
        names = made.get(slot)
        if names is None:
            clusters = self.clusters
            names = made[slot] = tuple(Name(clusters[p[0]], *p[1:]) for p in self._packed[slot])
        return names

    def _keyed(self, padded_key: str) -> tuple[Name, ...]:
        entry = self._automaton.get(padded_key, None)
        return self._names_at(entry[1]) if entry else ()

    def names_of(self, cluster: Cluster) -> frozenset[str]:
        """The keys of every name of a cluster (its own, its synonyms, their variants), read off the automaton on
        first ask: only a name shared by two clusters of one galaxy asks (galaxy_twins.py), a few times a report."""
        table = self.__dict__.get("_names")
        if table is None:
            places: dict[int, set[str]] = {}
            for key, (_, slot) in self._automaton.items():
                for packed in self._packed[slot]:
                    places.setdefault(packed[0], set()).add(key.strip())
            table = self.__dict__["_names"] = {self.clusters[p]: frozenset(keys) for p, keys in places.items()}
        return table.get(cluster, frozenset())

    def names_keyed(self, key: str) -> tuple[Name, ...]:
        """The names indexed under a key (`name_key` of a writing): which clusters that writing names."""
        return self._keyed(f" {key} ")

    def goes_with(self, cluster: Cluster) -> frozenset[Cluster]:
        """The software an actor is known to use, or the actors known to use a piece of software (the galaxies' own
        relations)."""
        return self.uses.get(cluster, frozenset())

    def __len__(self) -> int:
        return len(self._automaton)

    def country_code(self, code: str) -> Cluster | None:
        """The country of a two-letter ISO 3166 code ("DE"), if indexed."""
        return self.codes.get(code.upper())

    def by_tag(self, tag: str) -> Cluster | None:
        """The cluster of a `misp-galaxy:` tag, if indexed."""
        return self._by_tag.get(tag)

    @property
    def _by_tag(self) -> dict[str, Cluster]:
        table = self.__dict__.get("_tags")
        if table is None:
            table = self.__dict__["_tags"] = {c.tag: c for c in self.clusters}
        return table

    def _candidates(self, text: str) -> Iterator[Match]:
        padded = f" {fold(text)} "
        size = len(text)
        fits = self.__dict__.get("_fits")
        if fits is None or len(fits) > _FITS_KEPT:
            fits = self.__dict__["_fits"] = {}
        for end_index, (length, slot) in self._automaton.iter(padded):
            start = end_index - length - 1
            end = start + length
            # (The boundary checks are asked only where the character next to the name is one they look at: most
            # names stand between spaces.)
            if start and text[start - 1] in _BEFORE_LOOKED_AT and not _boundary_before(text, start):
                continue
            program_file = False
            if end < size and text[end] in _AFTER_LOOKED_AT and not _boundary_after(text, end):
                # "mshta.exe": a program's file name names the technique of that program (Mshta, Rundll32),
                # and nothing else ("china.exe" is no country).
                if _PROGRAM_EXTENSION.match(text, end) is None:
                    continue
                program_file = True
            written = text[max(0, start - 1) : end + 1]
            hyphen = "-" in written
            # (A URL's slug joins its words by hyphens: "/emotet-returns-dropping-qbot-qakbot/" is a link, not prose.)
            if ("/" in written or hyphen) and _in_path(text, start, end):
                continue
            if hyphen and _in_file_name(text, start, end):
                continue
            surface = text[start:end]
            glued = hyphen and _glued(text, start, end)
            # A common word's capitals in a line of prose mark it as a name ("called CONFUCIUS": galaxy_capitals).
            capitals = surface.isupper() and written_as_name(text, start, end)
            # The names that fit depend only on the surface, the key hit and the three flags: worked out once per
            # distinct writing.
            key = (surface, slot, glued, program_file, capitals)
            fitting = fits.get(key)
            if fitting is None:
                fitting = fits[key] = tuple(
                    n
                    for n in self._names_at(slot)
                    if (case_fits(surface, n.form, n.case) or (capitals and capitals_name(n)))
                    and not (glued and n.word)
                    and (not program_file or n.cluster.galaxy == "mitre-attack-pattern")
                )
            if fitting:
                yield Match(start, end, surface, fitting)
        yield from self._suffixed(text)

    def _suffixed(self, text: str) -> Iterator[Match]:
        """Family names written with a kind glued on ("CrimsonRAT", "PeppyRAT", "JSSLoader"): the family of the
        name with the kind as a word ("JSS Loader") or of the bare name ("Crimson"), as `_kind_and_bare` says. The
        glued kind is what makes even a common-word name ("Crimson") a family here."""
        for found in _KIND_SUFFIX.finditer(text):
            stem_match = _STEM_BEFORE.search(text, max(0, found.start() - 40), found.start())
            if stem_match is None:
                continue
            stem = stem_match.group()
            names = self._kind_and_bare(stem, found.group())
            if names:
                start = stem_match.start()
                yield Match(start, found.end(), text[start : found.end()], names)
        yield from self._spaced(text)

    def _spaced(self, text: str) -> Iterator[Match]:
        """A family name written with its kind as a word ("Crimson RAT") where a galaxy knows that writing: it also
        names the family of the bare name in the other galaxies (ATT&CK's "Crimson" is malpedia's "Crimson RAT"), as
        the glued writing does (`_suffixed`)."""
        for found in _KIND_WORD.finditer(text):
            stem_match = _STEM_BEFORE.search(text, max(0, found.start() - 41), found.start() - 1)
            if stem_match is None:
                continue
            whole = self._keyed(f" {name_key(f'{stem_match.group()} {found.group()}')} ")
            if not whole:
                continue
            known = {w.cluster for w in whole}
            names = self._kind_and_bare(stem_match.group(), found.group())
            if any(n.cluster not in known for n in names):
                start = stem_match.start()
                yield Match(start, found.end(), text[start : found.end()], names)

    def _kind_and_bare(self, stem: str, kind: str) -> tuple[Name, ...]:
        """The software of the name with its kind ("Crimson RAT") and of the bare name ("Crimson", written so). A
        galaxy that files both writings as two clusters says they are two families ("Ryuk" and "Ryuk Stealer"):
        then the bare name names none of them; nor is a RAT, loader or stealer the bare name's ransomware."""
        whole = self._keyed(f" {name_key(f'{stem} {kind}')} ")
        bare = self._keyed(f" {name_key(stem)} ")
        named = [n for n in whole if n.cluster.kind in ("malware", "tool") and not n.is_id]
        alone = [
            n for n in bare if n.cluster.kind in ("malware", "tool") and not n.is_id and case_fits(stem, n.form, n.case)
        ]
        clusters = {n.cluster for n in named}
        galaxies = {n.cluster.galaxy for n in named}
        if not any(n.cluster.galaxy in galaxies and n.cluster not in clusters for n in alone):
            named += [n for n in alone if n.cluster.sort != "ransomware"]
        return tuple(dict.fromkeys(replace(n, common=False) for n in named))

    def find(self, text: str) -> list[Match]:
        """Names written in `text`, left to right; where names overlap, the leftmost, then longest, wins (two
        readings of the same span are one match with the names of both)."""
        if not text or len(self._automaton) == 0:
            return []
        chosen: list[Match] = []
        for match in sorted(self._candidates(text), key=lambda m: (m.start, -(m.end - m.start))):
            if chosen and (match.start, match.end) == (chosen[-1].start, chosen[-1].end):
                last = chosen[-1]
                chosen[-1] = Match(last.start, last.end, last.surface, tuple(dict.fromkeys(last.names + match.names)))
            elif not chosen or match.start >= chosen[-1].end:
                chosen.append(match)
        return chosen
