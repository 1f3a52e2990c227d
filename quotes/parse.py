"""One small view of a parsed article, fed by the stanza and spaCy adapters.

Both adapters (``quotes.stanza_processor``, ``quotes.spacy_component``) turn their
library's document into a :class:`ParsedDoc`, and the parse-backed attribution
(``quotes.parsed``) reads only this view, so its rules are written once.

A token is a *syntactic word*: a stanza multi-word token (``du`` = ``de`` + ``le``) gives
one ``Token`` per word, and all of them carry the offsets of the surface token. Offsets
index the caller's original text (``text[tok.start:tok.end]``); a parser that rebuilt
the text (stanza's pretokenized mode joins tokens with spaces) is put back on the
caller's text by :func:`realign`.

Nothing here imports stanza or spaCy.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Optional, Sequence

import attrs

ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")
# Labels other tag sets use for the same things (OntoNotes, CoNLL-03 variants).
_LABEL_ALIASES = {
    "PERSON": "PER", "PERS": "PER", "I-PER": "PER",
    "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "NORP": "ORG",
    "GPE": "LOC", "LOCATION": "LOC", "FAC": "LOC",
}


def entity_label(label: Optional[str]) -> Optional[str]:
    """``PER``, ``ORG``, ``LOC``, ``MISC`` or None for a parser's entity label."""
    if not label or label == "O":
        return None
    label = label.upper()
    if label[:2] in ("B-", "I-", "E-", "S-"):
        label = label[2:]
    label = _LABEL_ALIASES.get(label, label)
    return label if label in ENTITY_LABELS else "MISC"


def _check_offsets(instance: object, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen
class Token:
    """One syntactic word. ``head`` is the index of its head in ``ParsedDoc.tokens``
    (None for a sentence root, or when there is no parse); ``deprel`` is its UD relation
    (``""`` without a parse); ``ent`` the label of the entity it is part of."""

    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)
    text: str
    lemma: str = ""
    upos: str = ""
    head: Optional[int] = None
    deprel: str = ""
    ent: Optional[str] = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.in_(ENTITY_LABELS)))


@attrs.frozen
class Sentence:
    """Tokens ``first`` to ``last - 1``, characters ``start`` to ``end``."""

    start: int
    end: int
    first: int
    last: int


@attrs.frozen
class Entity:
    """A named entity: characters ``start`` to ``end``, tokens ``first`` to ``last - 1``."""

    start: int
    end: int
    label: str = attrs.field(validator=attrs.validators.in_(ENTITY_LABELS))
    first: int
    last: int


@attrs.frozen
class ParsedDoc:
    """Sentences, tokens and entities of one article. Build it with :meth:`build`."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    children: tuple[tuple[int, ...], ...] = attrs.field(default=(), repr=False)
    _starts: tuple[int, ...] = attrs.field(default=(), repr=False, alias="_starts")

    @classmethod
    def build(
        cls,
        text: str,
        tokens: Sequence[Token],
        sentences: Optional[Sequence[tuple[int, int]]] = None,
        entities: Optional[Iterable[tuple[int, int, str]]] = None,
    ) -> "ParsedDoc":
        """The view over ``text``. ``sentences`` are ``(first, last)`` token ranges
        (default: one sentence); ``entities`` are ``(first, last, label)`` token ranges
        (default: runs of tokens with the same ``ent``)."""
        tokens = tuple(tokens)
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if not tok.start <= tok.end <= len(text):
                raise ValueError(f"token {i} ({tok.text!r}) has offsets {tok.start}:{tok.end} outside the text (length {len(text)})")
            if tok.head is not None and not 0 <= tok.head < n:
                raise ValueError(f"token {i} ({tok.text!r}) has head {tok.head}, not a token index (0..{n - 1})")
        if sentences is None:
            sentences = [(0, n)] if n else []
        sents = tuple(Sentence(tokens[a].start, tokens[b - 1].end, a, b) for a, b in sentences if b > a)
        if entities is None:
            entities = _entity_runs(tokens)
        ents = tuple(
            Entity(tokens[a].start, tokens[b - 1].end, lab, a, b)
            for a, b, lab in ((a, b, entity_label(lab)) for a, b, lab in entities)
            if b > a and lab is not None
        )
        kids: list[list[int]] = [[] for _ in tokens]
        for i, tok in enumerate(tokens):
            if tok.head is not None and tok.head != i:
                kids[tok.head].append(i)
        return cls(text, tokens, sents, ents, tuple(tuple(k) for k in kids), tuple(t.start for t in tokens))

    # --- what the parser gave -----------------------------------------------------------
    @property
    def has_parse(self) -> bool:
        """True when the tokens carry a dependency parse (heads and relations)."""
        return any(t.deprel for t in self.tokens)

    @property
    def has_entities(self) -> bool:
        return bool(self.entities)

    # --- navigation ---------------------------------------------------------------------
    def subtree(self, i: int) -> list[int]:
        """Token ``i`` and everything below it, in text order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def span(self, indices: Iterable[int]) -> tuple[int, int]:
        """Characters from the first to the last of these tokens."""
        idx = list(indices)
        return min(self.tokens[j].start for j in idx), max(self.tokens[j].end for j in idx)

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of the tokens overlapping characters ``start`` to ``end``."""
        i = bisect.bisect_left(self._starts, start)
        while i > 0 and self.tokens[i - 1].end > start:  # a token running over start
            i -= 1
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start or (self.tokens[i].start == start == end):
                out.append(i)
            i += 1
        return out

    def sentence_of(self, i: int) -> Sentence:
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].last <= i:
                lo = mid + 1
            else:
                hi = mid
        return self.sentences[min(lo, len(self.sentences) - 1)]

    def entity_at(self, i: int) -> Optional[Entity]:
        for e in self.entities:
            if e.first <= i < e.last:
                return e
        return None


def _entity_runs(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        lab = tokens[i].ent
        if lab is None:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].ent == lab:
            j += 1
        runs.append((i, j, lab))
        i = j
    return runs


def realign(doc: ParsedDoc, text: str) -> ParsedDoc:
    """The same parse with offsets into ``text``, when the parser's own text differs
    (stanza's pretokenized mode rebuilds it; a CoNLL-U file may drop line breaks).

    Each surface token is looked for in order in ``text``, white space skipped; words of
    one surface token keep sharing its offsets. A token not found keeps an empty span at
    the current position.
    """
    if doc.text == text:
        return doc
    new_offsets: dict[tuple[int, int], tuple[int, int]] = {}
    cursor = 0
    for tok in doc.tokens:
        key = (tok.start, tok.end)
        if key in new_offsets:
            continue
        form = doc.text[tok.start : tok.end] or tok.text
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
        if text.startswith(form, cursor):
            a = cursor
        else:
            a = text.find(form, cursor, cursor + 200 + len(form))
        if a == -1 or not form:
            new_offsets[key] = (cursor, cursor)
            continue
        new_offsets[key] = (a, a + len(form))
        cursor = a + len(form)
    tokens = [attrs.evolve(t, start=new_offsets[(t.start, t.end)][0], end=new_offsets[(t.start, t.end)][1]) for t in doc.tokens]
    return ParsedDoc.build(
        text,
        tokens,
        [(s.first, s.last) for s in doc.sentences],
        [(e.first, e.last, e.label) for e in doc.entities],
    )
