"""Text helpers shared by the stages: sentence bounds and word tokens with offsets.

Sentence bounds cope with news as it is scraped: lost paragraph breaks glue sentences
(`enquête.Le`, `gamètesLe Sénat`), abbreviations (`M. Lavrov`) do not end a sentence,
and a bound inside quotation marks does not cut the sentence that holds the quote.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple, Sequence


# Upper- and lowercase letters for the stdlib ``re`` patterns below (Latin scripts; the
# stdlib engine scans several times faster than ``regex`` on these simple patterns).
UPPER = "A-ZÀ-ÖØ-ÞŒ"
LOWER = "a-zß-öø-ÿœ"

# Where a sentence ends: after . ! ? … (and any closing marks) before a capital, a line
# break, or glued sentences (abbreviations are checked apart, see Sentences).
#
# Every match starts with one character of a small set, so that sre skips the other
# characters in its C loop instead of trying the pattern at each of them (5x faster
# than a leading look-ahead). Same bounds as the plain alternation
#   (?<![.!?…])[.!?…]+ CLOSERS_THEN_SPACES_OR_GLUED  |  (?<![ \t])[ \t]*\n\s*
#   | (?=[UPPER](?<=[LOWER]{3}[UPPER])[LOWER])
# with two differences that Sentences allows for: a line break's match starts at its
# \n, not at the spaces before it (Sentences reads only the end of a match holding a
# \n, and no other bound can start on those spaces), and a glued bound with no period
# (gamètesLe) takes its capital, where the bound is the match's start.
SENTENCE_BOUND_RE = re.compile(
    rf"""
    [.!?…\n{UPPER}]                               # where a bound can start: a C loop skips the rest
    (?:
      (?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*        # end punctuation, from the first of a run
      (?:[\u00a0\u202f ]?[»"”)])*                  # closing marks (« … . »)
      (?: (?=(?P<sp>[ \t\u00a0\u202f]+))(?P=sp)     #   then spaces, taken whole (no backtracking)
          (?=[{UPPER}«"“—–\-\d])                     #   and a capital
        | (?=[{UPPER}][{LOWER}])                      #   or glued to the next sentence
      )
    | (?<=\n)\s*                                    # a line break
    | (?<=[{LOWER}]{{3}}[{UPPER}])(?=[{LOWER}])     # glued with no period: gamètesLe (the capital taken)
    )
    """,
    re.VERBOSE,
)
# Words whose period does not end a sentence (M. Lavrov, Mme, J. Dupont, etc.).
_ABBREVIATION_RE = re.compile(rf"(?:^|[^\w])(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|St|Ste|av|env|cf|etc|art|vol|ch|fig|[{UPPER}])$")

_END_PUNCT = frozenset(".!?…")


def _chars(cls: str) -> frozenset:
    """The characters of a class body written with ranges (UPPER, LOWER)."""
    out, i = set(), 0
    while i < len(cls):
        if i + 2 < len(cls) and cls[i + 1] == "-":
            out.update(map(chr, range(ord(cls[i]), ord(cls[i + 2]) + 1)))
            i += 3
        else:
            out.add(cls[i])
            i += 1
    return frozenset(out)


# The last character of what _ABBREVIATION_RE can match before a period, or the \n that
# its $ may match before: no abbreviation can end before a period whose previous
# character is not one of these (most periods), and the search is skipped.
_ABBREVIATION_LAST = _chars(UPPER) | set("Mertgvfclh\n")

_GLUED_AFTER_MARK_RE = re.compile(rf"[{UPPER}][{LOWER}]")

# Word tokens. Elided articles and pronouns (l', d', qu') are tokens of their own;
# initials and honorifics keep their period (M., J.).
#
# Written for speed, same tokens as the plain alternation
#   elided = \b(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=[^\W\d_]|\s|[«"“])
#   abbr   = \b(?:M|MM|Mme|Mlle|Dr|Pr|Mgr|St|[UPPER])\.(?=[\s\-])
#   elided | abbr | [^\W_]+(?:[-'’.][^\W_]+)* | [^\s\w]|_
# (checked on every window extract tokenises, 3,000 OrangeSum articles):
# - elided and abbr are tried only behind a cheap guard: their letters are a run of 1-6
#   word characters that starts with one of their first letters and is followed by ' ’ or
#   . (the run is their whole word: ' and . are not word characters); most words fail the
#   guard at once instead of going through the two alternations;
# - the word's quantifiers are possessive: nothing follows them, so backtracking into
#   them could never give another match (possessive repeats are cheaper in sre);
# - after (?=\S), [^\s\w]|_ is the single class [\W_].
_ELIDED = r"""\b(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=[^\W\d_]|\s|[«"“])"""
_ABBR = rf"\b(?:M|MM|Mme|Mlle|Dr|Pr|Mgr|St|[{UPPER}])\.(?=[\s\-])"
TOKEN_RE = re.compile(
    rf"""
    (?=\S)                                         # every token starts there: spaces skipped fast
    (?:
      (?=[LlDdJjMmNnSsTtCcQqPp{UPPER}][^\W_]{{0,5}}+['’.])   # guard: could be elided or abbr
      (?:{_ELIDED}|{_ABBR})
    | [^\W_]++(?:[-'’.][^\W_]++)*+                 # word
    | [\W_]                                         # punctuation (and _)
    )
    """,
    re.VERBOSE,
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
    # tuple.__new__ skips the namedtuple's Python-level __new__ (a hot path: ~15% faster)
    return [_new(Token, (m.group(), m.start(), m.end())) for m in TOKEN_RE.finditer(text, start, end)]


_new = tuple.__new__
_bisect_right = bisect.bisect_right


class Sentences:
    """Sentence bounds of a text, skipping bounds that fall inside quoted extents."""

    def __init__(self, text: str, quoted: Sequence[tuple[int, int]] = ()):
        qstarts = [a for a, _ in quoted]
        cuts = [0]
        opens = {a for a, _ in quoted}
        for m in SENTENCE_BOUND_RE.finditer(text):
            start, pos = m.span()
            c = text[start]
            if c == "\n":
                # a line break (see SENTENCE_BOUND_RE): a bound even inside a quote
                if pos - 1 in opens:
                    pos -= 1  # an opening mark begins the next sentence
                if pos > cuts[-1]:
                    cuts.append(pos)
                continue
            if (
                c == "."
                and start
                and text[start - 1] in _ABBREVIATION_LAST
                and not (start > 5 and text[start - 5 : start].isalpha())  # a word of 5+ letters: no (?:^|[^\w]) in reach
                and _ABBREVIATION_RE.search(text, max(0, start - 5), start)
            ):
                continue
            if c not in _END_PUNCT:
                pos = start  # glued with no period: the bound is before the capital
            if pos - 1 in opens:
                pos -= 1  # an opening mark begins the next sentence
            k = bisect.bisect_right(qstarts, start) - 1
            if k >= 0 and quoted[k][0] < start < quoted[k][1] - 1 and pos not in opens and pos < quoted[k][1]:
                continue  # a bound inside a quote does not end the host sentence (one right after its closing mark does)
            if pos > cuts[-1]:
                cuts.append(pos)
        # a closing mark glued to the next sentence: …l'esprit"Selon les informations…
        # (a capital after the mark, tested with isupper first: most quotes are followed by a space)
        glued = [b for _, b in quoted if text[b : b + 1].isupper() and _GLUED_AFTER_MARK_RE.match(text, b)]
        if glued:
            cuts = sorted(set(cuts) | set(glued))
        if cuts[-1] != len(text):
            cuts.append(len(text))
        self.cuts = cuts
        self.text = text

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset ``pos``."""
        cuts = self.cuts
        k = _bisect_right(cuts, pos) - 1
        # max(0, min(k, len(cuts) - 2)), without the calls (a hot path of extract)
        last = len(cuts) - 2
        if k > last:
            k = last
        if k < 0:
            k = 0
        return cuts[k], cuts[k + 1]

    def start_of(self, pos: int) -> int:
        return self.bounds(pos)[0]

    def end_of(self, pos: int) -> int:
        return self.bounds(pos)[1]

    def __iter__(self):
        for a, b in zip(self.cuts, self.cuts[1:]):
            yield a, b


def trim(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``(start, end)`` moved inwards past any of ``chars`` (str.strip, as offsets)."""
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(chars))
    if left == len(piece):
        return start + left, start + left
    right = len(piece) - len(piece.rstrip(chars))
    return start + left, end - right
