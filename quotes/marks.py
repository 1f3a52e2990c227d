"""Stage 1: quotation marks. Pairs « », “ ”, ‹ › and straight "…" into quoted spans.

One pass over the marks of the text (never over its characters): each mark is classed as
opening or closing (straight quotes by the characters around them), paired with a stack,
and nested pairs are folded into the outermost one. A quote left open at the end of a
paragraph continues when the next paragraph reopens it (« at its start); otherwise it is
closed at the paragraph's end and flagged as unbalanced.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Optional

import attrs
import regex

from .text import trim

# Every quotation mark we pair; apostrophes (’ ') are never quote marks here. A run of
# one opening mark (««««) or of straight quotes is one match: hostile text costs one step
# per run, not per mark. The same matches as regex's ([«“‹„])\1*|"+|[»”›], written for the
# stdlib engine with a leading character class: it skips the text between marks in a C
# loop (~10x cheaper than the regex module's scan); the look-behind picks the run.
MARK_RE = re.compile(r'[«“‹„"»”›](?:(?<=«)«*|(?<=“)“*|(?<=‹)‹*|(?<=„)„*|(?<=")"*|)')
_MARK_CHARS = '«“‹„"»”›'


@functools.lru_cache(maxsize=None)
def _marks_re(present: str) -> re.Pattern:
    """MARK_RE for a text that holds only the marks ``present`` (some of _MARK_CHARS): the
    same matches there, but sre scans for fewer characters, and for a single mark (a text
    quoted with "…" only, most news) it skips to it with its literal-prefix loop instead of
    testing a character class at every character (~10x cheaper)."""
    runs = [c for c in present if c in OPENERS or c == '"']
    if len(present) == 1:
        # c + c*, not c+: sre takes a literal prefix only from a leading literal
        return re.compile(present + present + "*" if runs else present)
    alts = "".join(f"(?<={c}){c}*|" for c in runs)
    return re.compile(f"[{present}](?:{alts})")

# Deeper nesting than this is not French typography: further openers are ignored.
MAX_DEPTH = 32

OPENERS = {"«": "»", "“": "”", "‹": "›", "„": "“"}
CLOSERS = {"»": "«", "”": "“", "›": "‹"}

# White space that may pad the inside of guillemets: ordinary, no-break, narrow no-break, thin.
SPACE_CHARS = " \t\r\n\u00a0\u202f\u2009\u2007\u200b"
# Characters after which a straight quote opens (or at the start of the text).
_OPEN_BEFORE = set(SPACE_CHARS) | set("([{'’-–—:;,/\u00ab")
# Characters before which a straight quote closes (or at the end of the text).
_CLOSE_AFTER = set(SPACE_CHARS) | set(".,;:!?)]}…-–—'’\u00bb")



@attrs.frozen
class QuotedSpan:
    """Text between an outer pair of quotation marks.

    ``start``/``end`` delimit the trimmed inside (what a quote's text is);
    ``open_start``/``close_end`` include the marks themselves.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    mark: str
    balanced: bool = True
    paragraphs: int = 1


@attrs.define
class _Open:
    pos: int
    mark: str
    paragraphs: int = 1


def _straight_role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight quote at ``text[i]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _OPEN_BEFORE and after not in SPACE_CHARS
    closes = before not in SPACE_CHARS and after in _CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    return trim(text, start, end, SPACE_CHARS)


class _Stack(list):
    """The open marks, with a count of each kind, so that looking for an open « under a
    deep pile of other marks costs nothing when there is none (hostile text: «««…›››)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def push(self, o: "_Open") -> None:
        self.append(o)
        self.counts[o.mark] = self.counts.get(o.mark, 0) + 1

    def cut(self, k: int) -> None:
        """Drop the marks from index ``k`` up."""
        for o in self[k:]:
            self.counts[o.mark] -= 1
        del self[k:]

    def top(self, mark: str) -> Optional[int]:
        """Index of the topmost open ``mark``, or None."""
        if not self.counts.get(mark):
            return None
        for k in range(len(self) - 1, -1, -1):
            if self[k].mark == mark:
                return k
        return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All outermost quoted spans of ``text``, in text order."""
    spans: list[QuotedSpan] = []
    stack = _Stack()
    last = 0  # end of the previous mark
    counts = stack.counts

    def emit(o: _Open, close_start: int, close_end: int, balanced: bool) -> None:
        s, e = _trim(text, o.pos + 1, close_start)
        if e > s:
            spans.append(QuotedSpan(s, e, o.pos, close_end, o.mark, balanced, o.paragraphs))

    def close_at_paragraph_end(para_end: int) -> None:
        # An outer quote left open: it ends with its paragraph.
        bottom = stack[0]
        stack.cut(0)
        emit(bottom, para_end, para_end, False)

    def straight(i: int) -> None:
        """One straight quote at ``text[i]``: it opens or closes by its neighbours."""
        role = _straight_role(text, i)
        top_straight = stack.top('"') if '"' in counts and counts['"'] else None
        if top_straight is not None and role != "open":
            o = stack[top_straight]
            stack.cut(top_straight)
            if not stack:
                emit(o, i, i + 1, True)
            return
        if top_straight is not None and role == "open" and top_straight == 0:
            # An unclosed straight quote followed by a new opening one: the first was
            # never closed; end it where its sentence ends.
            o = stack[0]
            stack.cut(0)
            end = _sentence_end(text, o.pos + 1, i)
            emit(o, end, end, False)
        if role == "close" and not stack:
            return  # a stray closing quote (an inch mark, a lost opening)
        stack.push(_Open(i, '"'))

    def straight_run(j: int, end: int) -> None:
        """The straight quotes of ``text[j:end]`` after the first of a run. Those inside the
        run neither open nor close by their neighbours (""): each closes the open straight
        quote if there is one, else opens one. Once none is open, they come in pairs that
        open and close an empty quote and change nothing: those pairs are skipped (a run of
        a million costs a few steps)."""
        inner_end = end - 1  # the last quote of the run has a neighbour of its own
        while j < inner_end and stack.counts.get('"'):
            straight(j)
            j += 1
        j += (inner_end - j) - (inner_end - j) % 2 if j < inner_end else 0
        while j < end:
            straight(j)
            j += 1

    present = "".join([c for c in _MARK_CHARS if c in text])
    if not present:
        return spans
    for m in _marks_re(present).finditer(text):
        i = m.start()
        ch = text[i]
        if stack:
            nl = text.find("\n", last, i)
            if nl != -1:
                # A paragraph break since the last mark: does this mark reopen the quote?
                reopen = ch in OPENERS or (ch == '"' and _straight_role(text, i) != "close")
                next_para_start = text.rfind("\n", last, i) + 1
                at_para_start = not text[next_para_start:i].strip(SPACE_CHARS)
                if reopen and at_para_start and ch == stack[0].mark:
                    stack.cut(1)
                    stack[0].paragraphs += 1
                    last = m.end()
                    if ch == '"':
                        straight_run(i + 1, m.end())
                    else:
                        for k in range(i + 1, min(m.end(), i + MAX_DEPTH - len(stack))):
                            stack.push(_Open(k, ch))  # the rest of a run of openers
                    continue
                para_end = nl
                while para_end > stack[0].pos and text[para_end - 1] in SPACE_CHARS:
                    para_end -= 1
                close_at_paragraph_end(para_end)
        last = m.end()
        if ch == '"':
            straight(i)
            if last > i + 1:  # a run of straight quotes
                straight_run(i + 1, last)
        elif ch in OPENERS:
            for k in range(i, min(m.end(), i + MAX_DEPTH - len(stack))):
                stack.push(_Open(k, ch))
        else:
            want = CLOSERS[ch]
            k = stack.top(want)
            if k is None:
                continue  # a closing mark with no opening: ignored
            o = stack[k]
            stack.cut(k)
            if not stack:
                emit(o, i, i + 1, True)
    if stack:
        para_end = text.find("\n", last)
        if para_end == -1:
            para_end = len(text)
        close_at_paragraph_end(para_end)
    return spans


_SENTENCE_END_RE = regex.compile(r"[.!?…](?=\s|$|\p{Lu})")


def _sentence_end(text: str, start: int, limit: int) -> int:
    m = _SENTENCE_END_RE.search(text, start, limit)
    return m.end() if m else limit


def quoted_mask(spans: list[QuotedSpan]) -> list[tuple[int, int]]:
    """The (open_start, close_end) extents of the spans, for 'is this offset quoted?'."""
    return [(s.open_start, s.close_end) for s in spans]


def inside(extents: list[tuple[int, int]], pos: int, _starts: Optional[list[int]] = None) -> bool:
    starts = _starts if _starts is not None else [a for a, _ in extents]
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and extents[k][0] <= pos < extents[k][1]


# A dialogue turn: a line opened by an em or en dash (— Tiens, dit-il, …).
DIALOGUE_RE = regex.compile(r"(?m)^[ \t\u00a0]*(?P<dash>[—–])[ \t\u00a0]*(?=\S)")


def find_dialogue_turns(text: str, spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Dialogue turns of literary text and interviews: each line opened by a dash, to the
    end of its line, unless it lies inside a quoted span already. ``mark`` is the dash."""
    if "—" not in text and "–" not in text:
        return []
    extents = quoted_mask(spans)
    starts = [a for a, _ in extents]
    out: list[QuotedSpan] = []
    for m in DIALOGUE_RE.finditer(text):
        dash = m.start("dash")
        if inside(extents, dash, starts):
            continue
        line_end = text.find("\n", m.end())
        if line_end == -1:
            line_end = len(text)
        s, e = _trim(text, m.end(), line_end)
        if e > s:
            out.append(QuotedSpan(s, e, dash, line_end, m.group("dash")))
    return out
