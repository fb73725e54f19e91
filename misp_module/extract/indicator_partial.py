"""Whole hash or part of one: a hex value the report gives as a prefix, a truncated or partial hash ("the SHA-256
begins with 9f86d0…", "c559bcf4… (prefix)", "the first 20 bytes of the SHA-256"). Read by its length alone such a
value is an MD5 or a SHA-1 that no file has; an IDS rule on it matches nothing, or the wrong file. The classifier
asks this of every hex match; the words are data (`partial_hash_*` in data/indicators.yaml)."""

from __future__ import annotations

from ..knowledge.files import PARTIAL_HASH_OPENERS, PARTIAL_HASH_WORDS, WHOLE_HASH_WORDS
from ..knowledge.regex_cache import compiled
from .indicator_patterns import column_header

PARTIAL_NOTE = "a partial hash (the report gives only part of the value): no whole hash to match"

_PARTIAL = rf"(?:{PARTIAL_HASH_WORDS})"
# What names a hash: an algorithm, or the nouns reports use for one.
_HASH_NOUN = r"(?:md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|imphash|hash(?:es)?|digests?|checksums?|fingerprints?)"
_MARKUP = r"[`*_\"'“”‘’]*"
_ELLIPSIS = r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))"

# Right after the value: an ellipsis ("c559bcf4…"), or a partial word with at most a comma or dash between
# ("… [truncated]", "…, truncated", "… (SHA-256 prefix)").
_CUE_RIGHT_AFTER = compiled(
    rf"(?i)^{_MARKUP}(?:[ \t]?{_ELLIPSIS}|[ \t]*(?:[,–—-][ \t]*)?[(\[]?[ \t]*(?:only[ \t]+)?(?:(?:a|the)[ \t]+)?"
    rf"(?:{_HASH_NOUN}[ \t]+)?{_PARTIAL}\b)"
)
# Further on the same line, before the next hex value: a short bracketed remark ("SPAWNANT (prefix)", "(first 16
# bytes)") or a table cell holding only a partial word ("| truncated |"). Not a long remark that only mentions one
# ("(the full value; an earlier bulletin printed only a prefix)").
_CUE_LATER = compiled(
    rf"(?i)[(\[][ \t]*(?:[\w-]+[ \t]+){{0,2}}{_PARTIAL}(?:[ \t]+[\w-]+){{0,2}}[ \t]*[)\]]"
    rf"|\|[ \t]*{_PARTIAL}(?:[ \t]+(?:hash|value|{_HASH_NOUN}))?[ \t]*(?=\|)"
)
# Before the value: a partial word, then a hash's name ("truncated SHA-256:", "the first 20 bytes of the SHA-256,",
# "a partial hash"), or a hash's name, then a partial word ("SHA-256 prefix:", "hash (truncated)", "SHA-256 whose
# first half is"), with no word of a whole value after them in the sentence; or a verb that gives only the start or
# end ("begins with"), or an ellipsis.
_CUE_BEFORE = compiled(
    rf"(?i)(?:\b{_PARTIAL}[ \t]+(?:(?:of|from)[ \t]+)?(?:(?:the|a|an|its|their|this|that)[ \t]+)?"
    rf"(?:(?:file|sample|full|original|known|same|payload)[ \t]+)?{_HASH_NOUN}"
    rf"|\b{_HASH_NOUN}[ \t]*[(\[]?[ \t]*(?:(?:whose|its|their|the|only|just|is|was)[ \t]+){{0,2}}{_PARTIAL})"
    rf"\b(?P<rest>(?:[^\n.;!?]|\.(?!\s)){{0,40}})$"
    rf"|\b(?:{PARTIAL_HASH_OPENERS})[ \t]*[:]?[ \t]*{_MARKUP}$"
    rf"|{_ELLIPSIS}{_MARKUP}$"
)
_WHOLE = compiled(rf"(?i)\b(?:{WHOLE_HASH_WORDS})\b")
_PARTIAL_WORD = compiled(rf"(?i)\b{_PARTIAL}\b")


def partial_hash(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Whether the hex value text[start:end] is only part of a hash. `before` is the text of its line since the
    previous value, `after` the rest of its line up to the next hex value."""
    if _CUE_RIGHT_AFTER.match(after) or _CUE_LATER.search(after[:60]):
        return True
    cue = _CUE_BEFORE.search(before[-100:])
    if cue and not (cue.group("rest") and _WHOLE.search(cue.group("rest"))):
        return True
    header = column_header(text, start)
    return bool(header and _PARTIAL_WORD.search(header))
