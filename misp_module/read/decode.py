"""Bytes of a report file → text, refusing what is not a text report with a reason a user can act on."""

from __future__ import annotations

import codecs
from itertools import islice

from ..errors import ReportError
from ..knowledge.regex_cache import compiled

_WORD = compiled(r"[^\W\d_]{2,}")
# An indicator a list of indicators may hold alone (a feed saved as text or HTML: one IPv4 address or hash a line,
# no word of prose): content too, not "no recognisable content".
_BARE_INDICATOR = compiled(
    r"(?<![\w.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![\w.])|(?<![0-9A-Za-z])[0-9A-Fa-f]{32,128}(?![0-9A-Za-z])"
)
# Control characters other than tab, newline, vertical tab and form feed (CR is normalised before).
_CONTROL = compiled(r"[\x00-\x08\x0e-\x1f\r]")
# Control characters other than white space: a few in a long text (a NUL past the first 8 KB, a backspace, a
# terminal colour code) must not reach attribute values or the event's info.
_CONTROLS = compiled(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse a report over the size limit before anything reads it whole."""
    if size > max_bytes:
        raise ReportError(
            name,
            f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise max_report_bytes in the config or use --max-size)",
        )


def decode_report(data: bytes, name: str, max_bytes: int) -> str:
    """Decode UTF-8 (or UTF-16 or UTF-32 with a byte-order mark); refuse empty, binary, oversized or wordless
    input."""
    check_size(len(data), name, max_bytes)
    if not data.strip():
        raise ReportError(name, "file is empty")
    # UTF-32 first: its little-endian mark starts with UTF-16's (a UTF-32 file was called binary).
    wide = "utf-32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16"
    if wide == "utf-32" or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise ReportError(name, f"not valid {wide.upper()} text ({exc.reason} at byte {exc.start})") from exc
    else:
        if b"\x00" in data[:8192]:
            if _utf16_without_bom(data[:8192]):
                raise ReportError(
                    name, "UTF-16 text without a byte-order mark (a NUL byte beside every letter); save it as UTF-8"
                )
            raise ReportError(
                name, "binary file (contains NUL bytes); a report must be text, markdown, HTML, PDF or Word .docx"
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReportError(
                name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the report as UTF-8"
            ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text, 0, 8192))
    if controls > 8:
        raise ReportError(name, "binary file (control characters in the text)")
    return text


def _utf16_without_bom(sample: bytes) -> bool:
    """NUL bytes at nearly every even or every odd offset, hardly any at the others: Latin text in UTF-16 saved
    without its byte-order mark (Windows tools do), which would otherwise be called a binary file."""
    halves = (sample[0::2], sample[1::2])
    nuls = [half.count(0) for half in halves]
    return any(nuls[i] > 0.9 * len(halves[i]) and nuls[1 - i] < 0.1 * len(halves[1 - i]) for i in (0, 1))


def require_content(text: str, name: str) -> None:
    """Refuse a text with no word in it: nothing could be extracted, and an empty event helps no one. A list of
    bare IP addresses or hashes is content."""
    # The third word is enough: the search stops there, not at the end of a long report.
    if next(islice(_WORD.finditer(text), 2, None), None) is None and not _BARE_INDICATOR.search(text):
        raise ReportError(name, "no recognisable content (fewer than three words of text, no IP address or hash)")


def without_controls(text: str) -> str:
    """The text with each control character (other than tab, newline, form feed) replaced by a space, so that
    the words on either side stay apart."""
    return _CONTROLS.sub(" ", text)


# Typographic ligatures (U+FB00-FB06) that text copied from a typeset page carries: "ﬁrmware", "exﬁltration".
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE = compiled("[\ufb00-\ufb06]")


def without_ligatures(text: str) -> str:
    """The text with each ligature written as its letters, so that word lists and cues see the word. Only the
    ligatures are replaced (a search that skips to them): `str.translate` with a mapping looked up every
    character, 100 ms for a 2 MB report that has none."""
    return _LIGATURE.sub(lambda ligature: _LIGATURES[ligature.group()], text)
