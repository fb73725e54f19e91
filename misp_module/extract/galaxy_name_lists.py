"""The lists of names a sentence holds ("Turla, Gamaredon or the Dukes"), and the marks that cut a sentence into
clauses. Split from galaxy_asides because the denial, comparison, origin and background rules all ask whether the
text between two names is a list (`name_list`) and where a clause ends (`CLAUSE_MARKS`): one definition of each,
read by every rule that needs it, not a reach into the set-aside rules."""

from __future__ import annotations

import bisect

from ..knowledge.regex_cache import compiled

# The marks that end a clause (semicolon, colon, comma, parentheses, dashes), as a pattern to split on.
CLAUSE_MARKS = r"[;:,()\u2014\u2013]"
# The lower-case words a list of names may hold besides the names ("Turla, Gamaredon or the Dukes").
_LIST_WORDS = {"and", "or", "the"}
# The tokens of a list of names: an aside in parentheses, a word, or one other character.
_LIST_TOKEN = compiled(r"\([^()]*\)|[\w'\u2019.-]+|\S")


def _list_token(token: str) -> bool:
    return token[0] in "(,/*_`'\"&" or token.lower() in _LIST_WORDS or token[0].isupper() or token[0].isdigit()


def name_list(text: str) -> bool:
    """The text between two names of one list: separators, "and"/"or", capitalised names and asides in
    parentheses (", *Forest Blizzard* (Microsoft) and "), nothing a sentence goes on with (", a unit of")."""
    # Token by token, stopping at the first that no list has (most texts fail at their first or second word).
    return all(_list_token(match.group()) for match in _LIST_TOKEN.finditer(text))


class ListHeads:
    """`name_list` of every start of one sentence (the text before each of its names), from one reading of its
    tokens up to the first that no list holds: a sentence of thirty thousand names is read once, not once per
    name. A token that ends by a position is read the same in the text cut there (each alternative of
    `_LIST_TOKEN` stops at a character before it, or at its end), so the start up to a position is a list when
    no token before it failed and the piece after the last whole token is one."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.ends: list[int] = []
        self.failed_at: int | None = None  # the end of the first token no list holds
        for match in _LIST_TOKEN.finditer(sentence):
            if not _list_token(match.group()):
                self.failed_at = match.end()
                break
            self.ends.append(match.end())

    def name_list(self, position: int) -> bool:
        """`name_list(sentence[:position])`."""
        if self.failed_at is not None and self.failed_at <= position:
            return False
        whole = bisect.bisect_right(self.ends, position)
        return name_list(self.sentence[self.ends[whole - 1] if whole else 0 : position])
