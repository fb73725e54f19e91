"""The work a regular expression does on a text, counted (not timed), and the texts built to make it work hard:
the check of every rule pattern in the YAML data against adversarial texts (tests/extract/test_regex_work.py,
and `python tests/regex_work.py` to list what grows).

Counting. CPython's regex engine calls `PyErr_CheckSignals` once every 4,096 steps of its dispatch loop. With a
signal kept pending (its handler is libc's `raise`, so it arms itself again and no Python code runs inside the
search), Python's own C handler writes one byte to the wakeup file per check: the bytes are the steps divided by
4,096, the same on every run and under any load. Some steps do a whole run of work in C (a repeat of one character
class, the backtrack over it to a literal that follows): the pattern is therefore compiled for counting with each
such repeat put in a capturing group, which the engine repeats one step per character. The texts match the same.

Texts. For each repeat of a pattern (at any depth): what comes before it, then the repeated item many times, then an
ending that does not match (the classic shape of catastrophic backtracking); two alternatives of the item taken in
turn; and for each literal of the pattern: long runs of it, alone and with separators, and of the literal less its
last character (a near miss). Growth is the extra work of a text twice as long against the first: 2 is linear,
4 quadratic, more is worse.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from re import _compiler as compiler  # type: ignore[attr-defined]
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "misp_module" / "data"
# A string of the data is read as a pattern if it holds one of these (plain names and words are linear).
_REGEX_SIGN = re.compile(r"[\\()\[\]?*+{}|^$]")
_REPEATS = (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT)
_SEPARATORS = ("", " ", ", ", "-", ".", "\n", " and ", "'s ", ": ", "/")
_ENDINGS = ("\x01", " ", ".")
# Past this much CPU on one search the growth is taken as runaway (a safety net, never what the check asserts).
RUNAWAY_SECONDS = 5.0
_STEP_CHECK = 4096
_F_SETPIPE_SZ = 1031


class Runaway(Exception):
    """One search ran past RUNAWAY_SECONDS of CPU."""


class WorkCounter:
    """Counts the regex engine's steps (in units of 4,096) of one call, on the main thread only."""

    def __init__(self) -> None:
        libc = ctypes.CDLL(None)
        self._rearm = libc["raise"]
        self._rearm.argtypes = [ctypes.c_int, ctypes.py_object]
        self._rearm.restype = ctypes.c_int
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        with contextlib.suppress(OSError):  # the default pipe holds 65,536 checks, enough for the sizes used here
            fcntl.fcntl(self._write, _F_SETPIPE_SZ, 1 << 20)
        # What `steps` counts for a call that does no work (the call itself): a group of calls under FLOOR less
        # this has no call of FLOOR or more as `steps` counts it.
        self.call_cost = self.steps(re.compile(""), "")

    @staticmethod
    def usable() -> bool:
        return threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGUSR1")

    def _drain(self) -> int:
        count = 0
        while True:
            try:
                chunk = os.read(self._read, 1 << 16)
            except BlockingIOError:
                return count
            if not chunk:
                return count
            count += len(chunk)

    @contextmanager
    def counting(self) -> Iterator[list[int]]:
        """Counts what runs inside the block; the count is in the yielded list once the block ends."""
        result = [0]
        previous_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        previous_usr1 = signal.getsignal(signal.SIGUSR1)
        previous_prof = signal.signal(signal.SIGPROF, _runaway)
        signal.setitimer(signal.ITIMER_PROF, RUNAWAY_SECONDS)
        self._drain()
        try:
            signal.signal(signal.SIGUSR1, self._rearm)
            signal.raise_signal(signal.SIGUSR1)
            yield result
        finally:
            signal.signal(signal.SIGUSR1, _ignore)  # takes the last pending one without arming again
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous_prof)
            signal.signal(signal.SIGUSR1, previous_usr1)
            signal.set_wakeup_fd(previous_fd)
            result[0] = self._drain()

    def steps(self, pattern: re.Pattern[str], text: str, method: str = "search") -> int:
        """Steps (units of 4,096) of `pattern.search(text)` (or `match`, `fullmatch`), less the counter's own cost."""
        call = getattr(pattern, method)
        with self.counting() as total:
            call(text)
        with self.counting() as empty:
            pass
        return max(0, total[0] - empty[0])

    def steps_of_all(self, pattern: re.Pattern[str], texts: list[str], method: str = "search") -> int:
        """Steps (units of 4,096) of the calls on every text, made in one counted block: no Python code runs between
        them (the calls are mapped in C), so the count is the sum of each call's own whole units, less the block's
        cost. A search counts its steps from zero, so a group that sums to under N units has no text of N or more."""
        call = getattr(pattern, method)
        with self.counting() as total:
            deque(map(call, texts), maxlen=0)
        with self.counting() as empty:
            deque(map(call, ()), maxlen=0)
        return max(0, total[0] - empty[0])


def _ignore(signum: int, frame: object) -> None:
    pass


def _runaway(signum: int, frame: object) -> None:
    raise Runaway


def counted(source: str, flags: int = 0) -> re.Pattern[str]:
    """The pattern compiled so that each repeated character is a counted step (see the module's docstring)."""
    tree = parser.parse(source, flags)
    _group_repeats(tree)
    return compiler.compile(tree, flags)


def _group_repeats(tree: Any) -> None:
    data = []
    for op, argument in tree.data:
        if op in _REPEATS:
            low, high, item = argument
            _group_repeats(item)
            if compiler._simple(item):
                group = tree.state.opengroup()
                wrapped = parser.SubPattern(tree.state, [(constants.SUBPATTERN, (group, 0, 0, item))])
                tree.state.closegroup(group, wrapped)
                item = wrapped
            argument = (low, high, item)
        elif op is constants.SUBPATTERN:
            _group_repeats(argument[3])
        elif op is constants.BRANCH:
            for branch in argument[1]:
                _group_repeats(branch)
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            _group_repeats(argument[1])
        elif op is constants.ATOMIC_GROUP:
            _group_repeats(argument)
        elif op is constants.GROUPREF_EXISTS:
            _group_repeats(argument[1])
            if argument[2] is not None:
                _group_repeats(argument[2])
        data.append((op, argument))
    tree.data = data


# --- texts built for a pattern -------------------------------------------------------------------------------


def _char(op: Any, argument: Any, choice: int = 0) -> str:
    """A character the item matches (the `choice`-th kind of it where there are several)."""
    if op is constants.LITERAL:
        return chr(argument)
    if op is constants.NOT_LITERAL:
        return "a" if chr(argument) != "a" else "b"
    if op is constants.ANY:
        return "a"
    if op is constants.IN:
        negated = argument and argument[0][0] is constants.NEGATE
        if negated:
            excluded = {chr(a) for o, a in argument if o is constants.LITERAL}
            return next(c for c in "ax1 -" if c not in excluded)
        options = [_set_char(o, a) for o, a in argument]
        options = [c for c in options if c]
        return options[choice % len(options)] if options else "a"
    return ""


def _set_char(op: Any, argument: Any) -> str:
    if op is constants.LITERAL:
        return chr(argument)
    if op is constants.RANGE:
        return chr(argument[0])
    if op is constants.CATEGORY:
        return {
            constants.CATEGORY_DIGIT: "1",
            constants.CATEGORY_SPACE: " ",
            constants.CATEGORY_WORD: "a",
            constants.CATEGORY_NOT_DIGIT: "a",
            constants.CATEGORY_NOT_SPACE: "a",
            constants.CATEGORY_NOT_WORD: " ",
        }.get(argument, "a")
    return ""


def sample(items: Any, choice: int = 0) -> str:
    """A text the sequence matches, or nearly (assertions and boundaries are not checked): the `choice`-th
    alternative of each branch and class where there are several."""
    return "".join(_sample_item(op, argument, choice) for op, argument in _sequence(items))


def _sample_item(op: Any, argument: Any, choice: int) -> str:
    if op is constants.SUBPATTERN:
        return sample(argument[3], choice)
    if op is constants.ATOMIC_GROUP:
        return sample(argument, choice)
    if op is constants.BRANCH:
        branches = argument[1]
        return sample(branches[choice % len(branches)], choice)
    if op in _REPEATS:
        low, _high, item = argument
        return sample(item, choice) * max(low, 1)
    if op is constants.GROUPREF_EXISTS:
        return sample(argument[1], choice)
    return _char(op, argument, choice)


def _sequence(items: Any) -> list:
    """The (op, argument) list of a parsed sequence (a SubPattern's own list: indexing one item at a time through
    SubPattern.__getitem__ was most of the time spent building texts)."""
    return items.data if isinstance(items, parser.SubPattern) else items


def _pumps(items: Any, before: str) -> Iterator[tuple[str, str]]:
    """(what comes before, the repeated item) for every repeat in the sequence, at any depth."""
    prefix = before  # the sample of the items before this one, grown item by item
    for op, argument in _sequence(items):
        if op in _REPEATS:
            item = argument[2]
            for choice in range(3):
                yield prefix, sample(item, choice)
            yield prefix, sample(item, 0) + sample(item, 1)
            yield from _pumps(item, prefix)
        elif op is constants.SUBPATTERN:
            yield from _pumps(argument[3], prefix)
        elif op is constants.ATOMIC_GROUP:
            yield from _pumps(argument, prefix)
        elif op is constants.BRANCH:
            for branch in argument[1]:
                yield from _pumps(branch, prefix)
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            yield from _pumps(argument[1], prefix)
        prefix += _sample_item(op, argument, 0)


def _literals(items: Any) -> Iterator[str]:
    """The runs of literal characters of the pattern, at any depth."""
    run: list[str] = []
    for op, argument in items:
        if op is constants.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            yield "".join(run)
            run = []
        if op is constants.SUBPATTERN:
            yield from _literals(argument[3])
        elif op is constants.ATOMIC_GROUP:
            yield from _literals(argument)
        elif op is constants.BRANCH:
            for branch in argument[1]:
                yield from _literals(branch)
        elif op in _REPEATS:
            yield from _literals(argument[2])
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            yield from _literals(argument[1])
    if run:
        yield "".join(run)


@dataclass(frozen=True)
class Attack:
    """A text of about `size` characters: `head`, then `unit` as many times as fits, then `tail`."""

    head: str
    unit: str
    tail: str

    def text(self, size: int) -> str:
        return self.head + self.unit * max(1, (size - len(self.head)) // max(1, len(self.unit))) + self.tail


MAX_ATTACKS = 96


def attacks(source: str, flags: int = 0) -> list[Attack]:
    """The adversarial texts for one pattern (at most MAX_ATTACKS, pumps first)."""
    tree = parser.parse(source, flags)
    found: dict[Attack, None] = {}
    # the longest pumps first (an outer repeat of several items backtracks worst), then the rest, up to the cap
    pumps = sorted(dict.fromkeys(_pumps(tree.data, "")), key=lambda pair: -len(pair[1]))
    for prefix, pump in pumps:
        if not pump:
            continue
        for ending in _ENDINGS:
            found[Attack(prefix, pump, ending)] = None
        found[Attack("", prefix + pump, "\x01")] = None
    literals = sorted({w for w in _literals(tree.data) if w.strip()}, key=len, reverse=True)
    for word in literals[:12]:
        for separator in _SEPARATORS:
            found[Attack("", word + separator, "\x01")] = None
        if len(word) > 1:
            found[Attack("", word[:-1] + " ", "\x01")] = None
            found[Attack("", word[:-1], "\x01")] = None
    whole = sample(tree.data)
    if whole:
        found[Attack("", whole + " ", "\x01")] = None
        found[Attack("", whole[:-1] + " ", "\x01")] = None
    return list(found)[:MAX_ATTACKS]


# --- the rule patterns of the data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RulePattern:
    """One pattern of the YAML data: the file, the key path, the source."""

    file: str
    where: str
    source: str


def rule_patterns(data: Path = DATA) -> list[RulePattern]:
    """Every string of the YAML data that reads as a regular expression (compiles, and holds a regex sign)."""
    found: dict[str, RulePattern] = {}

    def walk(node: Any, file: str, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, file, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for value in node:
                walk(value, file, where)
        elif isinstance(node, str) and _REGEX_SIGN.search(node) and node not in found:
            try:
                re.compile(node, re.IGNORECASE)
            except re.error:
                return
            found[node] = RulePattern(file, where, node)

    for path in sorted(data.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name, "")
    return list(found.values())


_RECORDER = """
import json, re, sys
from pathlib import Path
seen = {}
original = re._compile
def record(pattern, flags):
    if isinstance(pattern, str):
        seen.setdefault(pattern + "\\x00" + str(int(flags)), None)
    return original(pattern, flags)
re._compile = record
from misp_module.knowledge import regex_cache
regex_cache._sre = None  # no expression built from the disk cache: every one goes through re.compile, recorded
import gc
from misp_module.extract import galaxy_cues
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings
for name in sys.argv[1:]:
    path = Path(name)
    try:
        convert_bytes(path.read_bytes(), identity=path.stem, name=path.name, settings=Settings())
    except Exception as error:
        print(name, error, file=sys.stderr)
for thing in gc.get_objects():
    if type(thing) is galaxy_cues._Deferred:
        record(object.__getattribute__(thing, "_source"), object.__getattribute__(thing, "_flags"))
json.dump(list(seen), sys.stdout)
"""


def compiled_rule_patterns(reports: list[Path], data: Path = DATA) -> list[tuple[RulePattern, int]]:
    """The rule patterns as the engine compiles them (with its flags, and joined into larger expressions where
    it joins them), recorded while a fresh process converts the reports; a rule string never compiled there is
    given alone, case-insensitive."""
    import json
    import subprocess

    root = Path(__file__).resolve().parents[1]
    output = subprocess.run(
        [sys.executable, "-c", _RECORDER, *map(str, reports)],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    ).stdout
    compiled = [(key.rsplit("\x00", 1)[0], int(key.rsplit("\x00", 1)[1])) for key in json.loads(output)]
    found: list[tuple[RulePattern, int]] = []
    for rule in rule_patterns(data):
        # a short piece ("#", "no\\.?") stands in many unrelated expressions: it is read alone
        users = [(source, flags) for source, flags in compiled if len(rule.source) >= 16 and rule.source in source]
        if not users:
            found.append((rule, re.IGNORECASE))
        for source, flags in users:
            found.append((RulePattern(rule.file, rule.where, source), flags))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Growth:
    """The worst text found for a pattern: steps at size and twice the size, and their ratio."""

    attack: Attack
    single: int
    double: int

    @property
    def ratio(self) -> float:
        return self.double / max(1, self.single)


# Under this many counted units (4,096 steps each) at twice the size, a search is cheap whatever its growth.
FLOOR = 24
# Texts counted in one block at first: most texts cost 0 to 2 units, so a group of 8 stays under FLOOR and is not
# searched again (each search counted again when a costly group is split is the price; a block costs ~0.15 ms).
GROUP = 8


def worst_growth(
    counter: WorkCounter, source: str, flags: int = re.IGNORECASE, size: int = 2000, method: str = "search"
) -> Growth | None:
    """The text with the largest growth of work from `size` to twice `size` characters (None when every text
    stays under FLOOR units at twice the size). A runaway search counts as infinite growth."""
    pattern = counted(source, flags)
    candidates = attacks(source, flags)
    worst: Growth | None = None
    for index, double in _costly(counter, pattern, [attack.text(2 * size) for attack in candidates], method):
        attack = candidates[index]
        if double is None:
            return Growth(attack, 1, sys.maxsize)
        single = counter.steps(pattern, attack.text(size), method)
        growth = Growth(attack, single, double)
        if worst is None or growth.ratio > worst.ratio:
            worst = growth
    return worst


def _costly(
    counter: WorkCounter, pattern: re.Pattern[str], texts: list[str], method: str, start: int = 0, end: int = -1
) -> Iterator[tuple[int, int | None]]:
    """(index, steps as `WorkCounter.steps` counts them) of each text of `texts[start:end]` that costs FLOOR units or
    more, in order; steps None for a runaway call, the last one given. Why groups: counting one call costs more
    than most of the searches counted, and most texts are cheap. A group of GROUP texts counted in one block
    (`steps_of_all`) that stays under FLOOR holds no costly text, since each call's units are its own; only a
    costly group is split, in halves, down to single texts counted one by one."""
    end = len(texts) if end < 0 else end
    if end - start > GROUP:
        for first in range(start, end, GROUP):
            yield from _costly(counter, pattern, texts, method, first, min(first + GROUP, end))
        return
    if end - start == 1:
        try:
            steps = counter.steps(pattern, texts[start], method)
        except Runaway:
            yield start, None
            return
        if steps >= FLOOR:
            yield start, steps
        return
    try:
        cheap = counter.steps_of_all(pattern, texts[start:end], method) + counter.call_cost < FLOOR
    except Runaway:
        cheap = False
    if cheap:
        return
    middle = (start + end) // 2
    yield from _costly(counter, pattern, texts, method, start, middle)
    yield from _costly(counter, pattern, texts, method, middle, end)


def main() -> int:
    """List the rule patterns whose work grows faster than the text (ratio over 2.6 at a doubling)."""
    import argparse

    arguments = argparse.ArgumentParser(description=main.__doc__)
    arguments.add_argument("--size", type=int, default=2000)
    arguments.add_argument("--limit", type=float, default=2.6)
    arguments.add_argument("match", nargs="*", help="only patterns whose file or key holds one of these")
    options = arguments.parse_args()
    counter = WorkCounter()
    flagged = 0
    reports = sorted((Path(__file__).parent / "data" / "reports").glob("*.md"))
    reports += sorted((Path(__file__).parent / "data" / "real-style" / "dev").glob("*.md"))
    for rule, flags in compiled_rule_patterns(reports):
        if options.match and not any(m in f"{rule.file}:{rule.where}" for m in options.match):
            continue
        growth = worst_growth(counter, rule.source, flags, size=options.size)
        if growth is None or growth.ratio <= options.limit:
            continue
        flagged += 1
        attack = growth.attack
        print(f"{rule.file}:{rule.where} (flags {flags}): {growth.single} -> {growth.double} ({growth.ratio:.1f}x)")
        print(f"    pattern {rule.source[:160]!r}")
        print(f"    text {attack.head[:40]!r} + {attack.unit[:40]!r} * n + {attack.tail!r}")
    print(f"{flagged} flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
