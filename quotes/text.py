"""Text helpers shared by the stages: sentence bounds and word tokens with offsets.

Sentence bounds cope with news as it is scraped: lost paragraph breaks glue sentences
(`enquête.Le`, `gamètesLe Sénat`), abbreviations (`M. Lavrov`) do not end a sentence,
and a bound inside quotation marks does not cut the sentence that holds the quote.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple, Sequence

import regex

# Where a sentence ends: after . ! ? … (and any closing marks) before a capital, a line
# break, or glued sentences. Abbreviations and initials (M., Mme., J.) are not ends.
SENTENCE_BOUND_RE = regex.compile(
    r"""
      (?<!\b(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|St|Ste|av|env|cf|etc|art|vol|ch|fig|\p{Lu}))  # no abbreviation
      [.!?…]+[»"”)\u00a0\u202f ]*?                 # end punctuation, closing marks
      (?: [ \t\u00a0\u202f]+(?=[\p{Lu}«"“—–\-\d])   #   then a space and a capital
        | (?=\p{Lu}\p{Ll})                          #   or glued to the next sentence
      )
    | [ \t]*\n\s*                                   # a line break
    | (?<=\p{Ll}{3})(?=\p{Lu}\p{Ll})                # glued with no period: gamètesLe
    """,
    regex.VERBOSE,
)

# Word tokens. Elided articles and pronouns (l', d', qu') are tokens of their own;
# initials and honorifics keep their period (M., J.).
TOKEN_RE = regex.compile(
    r"""
      (?P<elided>\b(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\p{L}|\s|[«"“]))
    | (?P<abbr>\b(?:M|MM|Mme|Mlle|Dr|Pr|Mgr|St|\p{Lu})\.(?=[\s\-]))
    | (?P<word>[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*)
    | (?P<punct>[^\s\p{L}\p{N}])
    """,
    regex.VERBOSE,
)


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]``, offsets in ``text``."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


class Sentences:
    """Sentence bounds of a text, skipping bounds that fall inside quoted extents."""

    def __init__(self, text: str, quoted: Sequence[tuple[int, int]] = ()):
        qstarts = [a for a, _ in quoted]
        cuts = [0]
        opens = {a for a, _ in quoted}
        for m in SENTENCE_BOUND_RE.finditer(text):
            pos = m.end()
            if pos - 1 in opens:
                pos -= 1  # an opening mark begins the next sentence
            k = bisect.bisect_right(qstarts, m.start()) - 1
            if k >= 0 and quoted[k][0] < m.start() < quoted[k][1] - 1 and "\n" not in m.group() and pos not in opens:
                continue  # a bound inside a quote does not end the host sentence
            if pos > cuts[-1]:
                cuts.append(pos)
        if cuts[-1] != len(text):
            cuts.append(len(text))
        self.cuts = cuts
        self.text = text

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset ``pos``."""
        k = bisect.bisect_right(self.cuts, pos) - 1
        k = max(0, min(k, len(self.cuts) - 2))
        return self.cuts[k], self.cuts[k + 1]

    def start_of(self, pos: int) -> int:
        return self.bounds(pos)[0]

    def end_of(self, pos: int) -> int:
        return self.bounds(pos)[1]

    def __iter__(self):
        for a, b in zip(self.cuts, self.cuts[1:]):
            yield a, b


def paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def paragraph_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e == -1 else e
