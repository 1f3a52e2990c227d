"""Stage 4: coreference within an article.

Turns a speaker ``Mention`` into a canonical speaker: `M. Lavrov` and `Lavrov` become the
fullest name the article gives (`Sergueï Lavrov`); `il`/`elle` the nearest earlier speaker
or named person of that gender; a definite description (`le chef de la diplomatie russe`,
`la porte-parole`, `le parquet`) the earlier speaker whose role or description it
designates (with the equivalent titles of ``data/equivalent_titles.tsv``). Unnamed
sources stay what they are (`source proche de l'enquête`).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Callable, Optional, Sequence

import attrs
import regex

from . import lexicon
from .lexicon import fold
from .speakers import NAME_PARTICLES, Mention, role_after, role_before, role_gender
from .text import LOWER, UPPER, tokens


@attrs.define
class Entity:
    name: str  # canonical: full name, or description without determiner
    type: str = "unknown"
    _gender: Optional[str] = attrs.field(default=None, alias="gender")
    _roles: list[str] = attrs.field(factory=list, alias="roles")
    positions: list[int] = attrs.field(factory=list)
    named: bool = True
    plural: bool = False
    speaker: bool = False
    variants: dict[str, int] = attrs.field(factory=dict)
    # name mentions whose neighbourhood may hold a title, read only when a role is asked for
    pending: list[tuple[int, int]] = attrs.field(factory=list)
    first: float = float("inf")  # where it is first mentioned
    described: bool = attrs.field(default=False, eq=False, repr=False)  # described_role looked already
    finder: Optional[Callable[[int, int], Optional[str]]] = attrs.field(default=None, eq=False, repr=False)

    def _read_pending(self) -> None:
        """Read the first pending mention: its role, and the gender the role tells (a role
        noun may: directrice, mari) if none is known."""
        start, end = self.pending.pop(0)
        r = self.finder(start, end)
        if r:
            if r not in self._roles:
                self._roles.append(r)
            if self._gender is None:
                self._gender = role_gender(r)

    @property
    def roles(self) -> list[str]:
        while self.pending and self.finder is not None:
            self._read_pending()
        return self._roles

    @property
    def gender(self) -> Optional[str]:
        # The pending mentions are read one at a time, only until a role tells the gender:
        # the rest is read, in the same order, when the roles are asked for (before any
        # other role is added), so the roles and the gender are what reading them all at
        # once would give.
        while self._gender is None and self.pending and self.finder is not None:
            self._read_pending()
        return self._gender

    @gender.setter
    def gender(self, value: Optional[str]) -> None:
        self._gender = value

    @property
    def role(self) -> Optional[str]:
        roles = self.roles
        return max(roles, key=len) if roles else None


@functools.lru_cache(maxsize=None)
def _person_trigger_re() -> "re.Pattern[str]":
    """Known first names and honorifics as whole words: where a person's name may start."""
    words = set(lexicon.first_names()) | {h.rstrip(".") for h in lexicon.honorifics()}
    # Each word starts with a capital (a word that does not, Łukasz, could never match), so
    # the pattern is a branch per first letter: re then skips to the next such letter with
    # its start-charset fast path instead of trying a match at every character (~3x
    # faster). The check that no letter comes before is made once that letter is read
    # (a look-behind over both characters), which is the same test.
    capital = re.compile(f"[{UPPER}]")
    rests: dict[str, list[str]] = {}
    for w in sorted(words):
        if capital.match(w):
            rests.setdefault(w[0], []).append(w[1:])
    branches = [re.escape(c) + r"(?<![^\W\d_].)" + lexicon.trie_pattern(r, escape=re.escape) for c, r in sorted(rests.items())]
    return re.compile("(?:" + "|".join(branches) + r")(?![^\W\d_])")


@functools.lru_cache(maxsize=None)
def _title_word_re() -> "re.Pattern[str]":
    """Any title word (ministre, porte-parole, directrice…), case-insensitive, whole word."""
    words = {w for t in lexicon.titles() for w in t.split()[:1]} | {t for t in lexicon.titles()}
    body = lexicon.trie_pattern(sorted(words), escape=re.escape)
    prefixes = ["vice-", "ex-", "co-", "sous-", "haut-", "haute-"]
    # A match starts with the first letter of a prefix or of a word: the look-ahead for
    # one of them (a class, case-insensitive as the letters themselves are) is a single
    # test at each character, where the trie's case-insensitive branches would each be
    # entered (~5x faster on the windows _role_near reads).
    first = "".join(sorted({w[0] for w in words if w} | {p[0] for p in prefixes}))
    return re.compile(
        rf"(?=[{re.escape(first)}])(?<![^\W\d_])(?:{'|'.join(prefixes)})?" + body + r"(?![^\W\d_])", re.IGNORECASE
    )


# The same test as ``_title_word_re().search(t, lo, hi) is not None`` (is there a title
# word?) made on the window lowercased, by a case-sensitive pattern of the lowercased
# title words: re's case-insensitive branches are each entered, where a lowercase
# literal that does not match is skipped at once (~4x faster). It is the same test:
# - a prefix (vice-) only stands before a match of its own, and a full title (ministre
#   de la Justice) after a match of its first word: the first words alone tell;
# - each letter of the title words matches, case-insensitively, the characters whose
#   lowercase is its lowercase, but i and s (ı, İ and ſ match them too): a window with
#   these takes the pattern. Checked over all of Unicode, as these: İ alone has a
#   lowercase of two characters, and lowercasing keeps a letter a letter and a
#   non-letter a non-letter (so the word bounds stay where they were);
# - the character before the window (the look-behind reads it) is lowercased with it
#   (a space stands for the start of the text).


@functools.lru_cache(maxsize=None)
def _title_first_word_re() -> "re.Pattern[str]":
    """A non-letter, then the first word of a title (lowercase) as a whole word. The
    non-letter is read by a class of all but the common lowercase letters (a quick test
    that lets re skip those) and a look-behind that rejects any other letter: a match is
    tried only after a non-letter (a space, mostly), not at each letter of a word."""
    words = sorted({t.split()[0].lower() for t in lexicon.titles() if t.split()})
    return re.compile(r"[^a-zß-öø-ÿœ](?<![^\W\d_])" + lexicon.trie_pattern(words, escape=re.escape) + r"(?![^\W\d_])")


def _has_title_word(t: str, lo: int, hi: int) -> bool:
    """``_title_word_re().search(t, lo, hi) is not None``, faster."""
    s = t[lo - 1 : hi] if lo else " " + t[:hi]  # the character before the window, or a space at the start
    if "ı" in s or "İ" in s or "ſ" in s:
        return _title_word_re().search(t, lo, hi) is not None
    return _title_first_word_re().search(s.lower()) is not None


# Marks that are always tokens of their own and end a title's phrase (speakers._HARD_PUNCT
# and the comma, without the period, which may belong to a word: M., S.N.C.F.).
_CUT_MARKS = r"[,;:!?«»\"“”()\[\]—–]"
_LAST_CUT_RE = re.compile(r"(?s:.*)" + _CUT_MARKS)  # greedy: up to the last such mark
_FIRST_CUT_RE = re.compile(_CUT_MARKS)

# What may open an apposition after a name: a comma, a parenthesis, "qui est".
_APPOSITION_START_RE = re.compile(r"\s*(?:[,(]|qui\s+(?:est|était)\b)")


def _person_matches(text: str) -> list[regex.Match]:
    """Person names of ``text`` (like ``_person_re().finditer``), tried only where a
    known first name or an honorific stands."""
    rx = _person_re()
    out: list[regex.Match] = []
    last = 0
    for t in _person_trigger_re().finditer(text):
        start = t.start()
        # a compound first name: Marie-Caroline starts before Caroline
        while start > 0 and start > t.start() - 20 and (text[start - 1].isalpha() or text[start - 1] == "-"):
            start -= 1
        for pos in {start, t.start()}:
            if pos < last:
                continue
            m = rx.match(text, pos)
            if m:
                out.append(m)
                last = m.end()
                break
    return out


@functools.lru_cache(maxsize=None)
def _person_re() -> regex.Pattern:
    """A person's name: an honorific or a known first name, then capitalised words."""
    return regex.compile(
        r"""
        (?:(?P<hon>\L<hon>)[ \u00a0]+)?
        (?<![\p{L}-])
        (?P<name>
          (?(hon)\p{Lu}[\p{L}'’.-]*|(?:\p{Lu}\p{Ll}+-)?\L<first>(?:-\p{Lu}\p{Ll}+)?)
          (?:[ \u00a0]+(?:(?:\L<particles>)[ \u00a0]+|(?:al|el|ben|bin)-)?(?:\p{Lu}\.(?=[ \u00a0]\p{Lu})|\p{Lu}[\p{L}'’-]*))+
        | (?(hon)\p{Lu}[\p{L}'’-]+)
        )
        (?![\p{L}])
        """
        .replace(r"\L<hon>", lexicon.trie_pattern(lexicon.honorifics()))
        .replace(r"\L<first>", lexicon.trie_pattern(lexicon.first_names()))
        .replace(r"\L<particles>", lexicon.trie_pattern(NAME_PARTICLES)),
        regex.VERBOSE,
    )  # the word lists written as tries: regex's \L lists cost ~10x more per match


_OBLIQUE_BEFORE_RE = re.compile(
    r"(?:\b(?:de|du|des|à|au|aux|avec|par|pour|contre|chez|sur|entre|envers|vers|sans|le|la|les)\s+|\b[dl]['’]\s*)"
    r"(?:(?:M|Mme|Mlle|Dr|Pr|Me)\.?\s+)?$",  # "des propos de M. X": the honorific does not hide the preposition
    re.IGNORECASE,
)
_QUE_BEFORE_RE = re.compile(r"\bqu(?:e\s+|['’]\s*)$", re.IGNORECASE)
_SOURCE_BEFORE_RE = re.compile(r"\b(?:selon|d['’]après)\s+(?:(?:M|Mme|Mlle|Dr|Pr)\.?\s+)?$", re.IGNORECASE)
# A capital no letter or digit comes before. The capital comes first and the look-behind
# after it (over both characters): a pattern that starts with a character class lets re
# skip to the next capital fast (~2.5x).
_CAPITAL = rf"[{UPPER}](?<![^\W_'’-].)"
# The rest of a capitalised word (after _CAPITAL): a surname standing alone (Brunet
# flanche à nouveau) is a match of _CAPITAL + _CAP_WORD_REST, "_CAP_WORD_RE" below.
_CAP_WORD_REST = rf"[{LOWER}'’-]+(?![^\W\d_])"
# Descriptions that name someone by their tie to another (la mère du suspect, un proche de
# X, l'avocate de Y): never the person last named.
_RELATIONAL_RE = regex.compile(
    r"(?:mere|pere|fils|fille|frere|s(?:oe|œ)ur|epouse|epoux|mari|femme|compagn(?:on|e)|proches?|amie?|avocate?|"
    r"voisine?|entourage|collaborat(?:eur|rice)|assistante?|beau-frere|belle-s(?:oe|œ)ur|oncle|tante|cousine?|neveu|niece|"
    r"grand-(?:pere|mere)|gendre|belle-(?:fille|mere)|beau-pere|homologue|adversaire|rivale?|successeur|predecesseur)"
    r"\b[^,]*?\b(?:de|du|des|d')\b"
)
# Two or three capitalised words, a name when a title or an apposition goes with it,
# "_CAP_NAME_RE" below:
#   _CAPITAL [LOWER]+ (?:-[UPPER][LOWER]+)? (?:[ \u00a0]+ [UPPER][LOWER'’-]+ (?:-[UPPER][LOWER]+)?){1,2} (?![^\W\d_])
# Both in one scan of the article: the matches of _CAP_WORD_RE, and in the group "name"
# (when it takes part) the end of the _CAP_NAME_RE match that starts at the same capital.
# - The word is read as its first run of lowercase letters, then the rest of the word (a
#   word with no such run, D'accord, by the second branch, _CAP_WORD_REST itself). The run
#   can be taken whole: a word cut inside it would be followed by a letter. A name's
#   first word ends with that run too (then a hyphenated part or a space follow), so the
#   look-ahead placed after the run finds every _CAP_NAME_RE match start.
# - A capitalised word never starts inside another, and finditer goes on after a match's
#   end: the names of _CAP_NAME_RE are the ones found that do not start inside the name
#   before. The runs of [LOWER] and of spaces are possessive: a shorter run is followed by
#   a lowercase letter or a space, which nothing after them accepts.
_CAP_NAME_UNIT = rf"[ \u00a0]++[{UPPER}][{LOWER}'’-]+(?:-[{UPPER}][{LOWER}]++|)"  # a space and a capitalised word
_CAP_WORD_NAME_RE = re.compile(
    _CAPITAL
    + rf"(?:[{LOWER}]++"
    + rf"(?:(?=(?P<name>(?:-[{UPPER}][{LOWER}]++|){_CAP_NAME_UNIT}(?:{_CAP_NAME_UNIT}|)(?![^\W\d_])))|)"
    + rf"[{LOWER}'’-]*(?![^\W\d_])"
    + "|" + _CAP_WORD_REST + ")"
)  # (?:X|) and XX? rather than (?:X)? and X{1,2}: the same, without re's costlier repeat
_NOT_FIRST = {
    "le", "la", "les", "un", "une", "des", "du", "de", "pour", "selon", "dans", "et", "mais", "après", "avant",
    "depuis", "en", "au", "aux", "si", "quand", "alors", "ainsi", "enfin", "ce", "cette", "il", "elle", "nous",
    "lors", "sur", "par", "chez", "avec", "contre", "entre", "vers", "sans", "sous", "son", "sa", "ses", "leur",
}


# A finite verb right after a name, or after an apposition between commas.
_VERB_AFTER_RE = re.compile(
    r"""(?:
          \s*,\s+(?:a|avait|est|était|sera|serait|aurait|aura|qui)\b   # Henri Lamotte, a annoncé / , qui avait
        | (?:\s*,[^,.;:«»"]{1,90},)?\s+
          (?:ne\s+|n['’]|s['’]|se\s+|y\s+|en\s+|l['’]|lui\s+|leur\s+|les?\s+|la\s+)?
          (?:a|avait|ont|avaient|est|était|sont|sera|serait|aurait|aura|doit|devait|va|allait|peut|pouvait|fait|faisait|
             [a-zß-öø-ÿœ]{3,}(?:e|ent|ait|aient|it|a))\b
        )""",
    re.VERBOSE,
)


# How far back (in characters) a pronoun or a description looks for what it designates:
# far beyond any real antecedent, and it keeps a huge text from costing quadratic time.
LOOKBACK = 4000


class Registry:
    """The speakers and named persons of one article, in text order."""

    def __init__(self, text: str, quoted: Sequence[tuple[int, int]] = ()):
        self.text = text
        self._quoted = list(quoted)
        self._quoted_starts = [a for a, _ in self._quoted]
        self.entities: list[Entity] = []
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_name: dict[str, Entity] = {}
        self._events: list[tuple[int, Entity, int]] = []  # (position, entity, salient), sorted on demand
        self._sorted = True
        self._event_pos: list[int] = []
        self._by_last_word: dict[str, list[Entity]] = {}  # folded last word -> persons
        self._by_first_word: dict[str, list[Entity]] = {}
        self._scan_persons()
        self._scan_surnames()

    # --- building -------------------------------------------------------------------
    def _scan_persons(self) -> None:
        hon = lexicon.honorifics()
        t = self.text
        covered: list[tuple[int, int]] = []
        self._name_spans = covered  # the person names scanned, in text order
        self._name_starts: list[int] = []
        for m in _person_matches(self.text):
            if self._in_quote(m.start()):
                continue
            covered.append(m.span())
            self._name_starts.append(m.start())
            name = m.group("name").strip()
            if name.endswith(".") and len(name.split()[-1]) > 2:
                name = name[:-1]
            toks = name.split()
            if len(toks) < 2 and not m.group("hon"):
                continue
            gender = hon.get(m.group("hon")) if m.group("hon") else None
            t = self.text
            if len(toks) >= 2:
                e = self.add_person(name, m.start("name"), gender, None, -m.end() - 1)
            else:
                e = self.find_surname(name, m.start())
                if e is None:
                    e = self.add_person(name, m.start("name"), gender, None, -m.end() - 1)
                else:
                    self._note(e, m.start("name"), -m.end() - 1)
                    if gender and not e.gender:
                        e.gender = gender
            e.pending.append((m.start(), m.end()))
            e.finder = self._role_near

        # names with a first name we do not know: accepted with a title or an apposition
        # (the capitalised words are kept for _scan_surnames: one scan finds both)
        self._cap_words = cap_words = list(_CAP_WORD_NAME_RE.finditer(t))
        cstarts = [a for a, _ in covered]
        self._cap_spans: list[tuple[int, int]] = []  # the names found here, in text order
        last = 0  # the end of the _CAP_NAME_RE match before
        first_names = lexicon.first_names()
        for cw in cap_words:
            end = cw.end("name")
            if end < 0 or cw.start() < last:
                continue
            start = cw.start()
            last = end
            k = bisect.bisect_right(cstarts, start) - 1
            if k >= 0 and covered[k][0] <= start < covered[k][1]:
                continue
            if self._in_quote(start) or _OBLIQUE_BEFORE_RE.search(t, max(0, start - 5), start):
                continue
            name = t[start:end]
            words = name.split()
            if words[0].lower() in _NOT_FIRST or any(w in first_names for w in words[1:]):
                continue
            apposed = t[max(0, start - 2) : start].strip() == "," and t[end : end + 2].strip().startswith(",")
            # an apposed name is kept whatever its salience: worked out when needed (see _note)
            salient = -end - 1 if apposed else self._salient(start, end)
            role = None if (salient == 2 or apposed) else self._role_near(start, end)
            if role or salient == 2 or apposed:
                self._cap_spans.append((start, end))
                e = self.add_person(name, start, None, role, salient)
                if role is None:
                    e.pending.append((start, end))
                    e.finder = self._role_near

    def _scan_surnames(self) -> None:
        """Surnames standing alone after a person was named in full: each is a mention."""
        if not self.by_surname:
            return
        t = self.text
        known = {e_pos for e in self.entities for e_pos in e.positions}
        cap_starts = [a for a, _ in self._cap_spans]
        for m in self._cap_words:  # the matches of _CAP_WORD_RE
            cands = self.by_surname.get(fold(m.group()))
            if not cands or m.start() in known or self._in_quote(m.start()):
                continue
            prev = t[max(0, m.start() - 2) : m.start()]
            if prev[-1:].isalpha() or prev.endswith("-"):
                continue
            e = self.find_surname(m.group(), m.start())
            if e is not None and e.first < m.start():
                # a word inside a full name already scanned is no mention of its own
                k = bisect.bisect_right(self._name_starts, m.start()) - 1
                if k >= 0 and self._name_spans[k][0] <= m.start() < self._name_spans[k][1]:
                    continue
                k = bisect.bisect_right(cap_starts, m.start()) - 1
                if k >= 0 and self._cap_spans[k][0] <= m.start() < self._cap_spans[k][1]:
                    continue  # the same for a name with a first name we do not know (Frantisek Furch)
                self._note(e, m.start(), -m.end() - 1)

    def _role_near(self, start: int, end: int) -> Optional[str]:
        """A title before a name or in apposition after it, within its paragraph."""
        t = self.text
        lo = max(t.rfind("\n", 0, start) + 1, start - 100)
        hi = t.find("\n", end)
        hi = min(len(t) if hi == -1 else hi, end + 100)
        # Only the words since the last mark that ends a phrase (a trailing comma aside)
        # can hold the title before the name (role_before stops there), and only the words
        # up to the first such mark the apposition after it (role_after stops there,
        # unless an aside in parentheses comes first): the windows are cut there.
        k = lo + len(t[lo:start].rstrip(" \t\u00a0\u202f"))
        if k > lo and t[k - 1] == ",":
            k -= 1
        cut = _LAST_CUT_RE.match(t, lo, k)
        if cut is not None:
            lo = cut.end()
        # cheap checks first: a title word before the name, an apposition after it
        role = role_before(t, tokens(t, lo, start)) if _has_title_word(t, lo, start) else None
        if role is None and (opener := _APPOSITION_START_RE.match(t, end, hi)) is not None:
            cut = _FIRST_CUT_RE.search(t, opener.end(), hi)
            if cut is not None and cut.group() != "(":
                hi = cut.end()
            role = role_after(t, tokens(t, end, hi))
        return role

    def add_person(
        self, name: str, pos: int, gender: Optional[str] = None, role: Optional[str] = None, salient: int = 2
    ) -> Entity:
        key = fold(name)
        e = self.by_name.get(key)
        if e is None:
            # a longer form of a known name (Le Drian -> Jean-Yves Le Drian) or a shorter one
            e = self._longer_or_shorter(name)
        if e is None:
            e = Entity(name=name, type="person", gender=gender)
            self.entities.append(e)
            self.by_name[key] = e
            words = key.split()
            if words:
                self._by_last_word.setdefault(words[-1], []).append(e)
                self._by_first_word.setdefault(words[0], []).append(e)
            toks = name.split()
            for t in toks[1:]:
                if t.lower() not in NAME_PARTICLES:
                    self.by_surname.setdefault(fold(t), []).append(e)
        elif len(name) > len(e.name) and fold(name).endswith(fold(e.name)):
            e.name = name
        elif name != e.name and len(name.split()) == len(e.name.split()) >= 2:
            # spelling variants: keep the one the article uses most
            e.variants[name] = e.variants.get(name, 0) + 1
            if e.variants[name] > e.variants.get(e.name, 1):
                e.name = name
        gender = gender or (role_gender(role) if role else None)
        if gender and not e.gender:
            e.gender = gender
        if role and role not in e.roles:
            e.roles.append(role)
        self._note(e, pos, salient)
        return e

    def _longer_or_shorter(self, name: str) -> Optional[Entity]:
        """A known person this name also designates: a longer or shorter form of it, or
        a transliteration variant (Sergeï / Sergueï Lavrov: same surname and initial)."""
        f = fold(name)
        fw = f.split()
        if not fw:
            return None
        for e in self._by_last_word.get(fw[-1], ()):
            if e.type != "person" or not e.named:
                continue
            g = fold(e.name)
            gw = g.split()
            if len(fw) >= 2 and (g.endswith(" " + f) or f.endswith(" " + g)):
                return e
            if len(fw) >= 2 and len(gw) >= 2 and fw[-1] == gw[-1] and fw[0][0] == gw[0][0]:
                return e
        return None

    def _note(self, e: Entity, pos: int, salient: int = 2) -> None:
        """Record a mention of ``e`` at ``pos``. ``salient``: 2 subject, 1 plain, 0 after a
        preposition; a negative value -(end + 1) defers the reading to when it is needed."""
        e.positions.append(pos)
        e.first = min(e.first, pos)
        if self._sorted and self._events:
            # once sorted, keep it so: a sort per resolved quote would cost O(n log n) each
            k = bisect.bisect_right(self._event_pos, pos)
            self._events.insert(k, (pos, e, salient))
            self._event_pos.insert(k, pos)
        else:
            self._events.append((pos, e, salient))
            self._sorted = False

    def _in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def _salient(self, pos: int, end: int | None = None) -> int:
        """A mention is salient when it is a clause's subject: no preposition introduces
        it (de, à, avec…) and a verb follows it (maybe after an apposition): 2 for a
        subject, 1 for a mention no preposition introduces, 0 for a complement."""
        before = self.text[max(0, pos - 12) : pos]
        if _SOURCE_BEFORE_RE.search(before) is not None:
            return 2  # selon X, d'après X: a source is as salient as a subject
        if _OBLIQUE_BEFORE_RE.search(before) is not None:
            return 0
        if _QUE_BEFORE_RE.search(before) is not None:
            return 1  # "X a expliqué qu'Emmanuel Macron était …": the subject of reported words
        if end is None or _VERB_AFTER_RE.match(self.text, end, min(len(self.text), end + 160)) is not None:
            return 2
        return 1

    def find_surname(self, word: str, pos: int) -> Optional[Entity]:
        cands = self.by_surname.get(fold(word).split()[-1])
        if not cands:
            return None
        if cands[0].first <= pos:
            return cands[0]  # the usual case, in constant time: the first one named
        before = [e for e in cands if e.positions and e.first <= pos]
        return (before or cands)[0]

    # --- resolving ------------------------------------------------------------------
    def resolve(self, m: Mention, pos: int) -> Optional[Entity]:
        """The entity a mention designates, registering new ones."""
        if m.pronoun:
            return self._pronoun(m, pos)
        if m.name:
            if m.type == "organisation" and not m.honorific:
                return self._org(m.name, pos, m)
            if len(m.name.split()) == 1 or m.honorific:
                e = self.find_surname(m.name, pos) if len(m.name.split()) == 1 else self._longer_or_shorter(m.name)
                if e is None and len(m.name.split()) == 1 and not m.honorific:
                    e = self._by_first_name(m.name)
                if e is not None:
                    self._note(e, pos)
                    if m.gender and not e.gender:
                        e.gender = m.gender
                    if m.role and m.role not in e.roles:
                        e.roles.append(m.role)
                    return e
                if len(m.name.split()) == 1 and not m.honorific and m.type != "person":
                    return self._org(m.name, pos, m)
            return self.add_person(m.name, pos, m.gender, m.role)
        if m.description:
            return self._description(m, pos)
        return None

    def described_role(self, e: Entity, before: int) -> Optional[str]:
        """A role for a named person who has none, from a definite description that is the
        subject of a later sentence and designates them (X … Le célèbre acteur français a
        décidé …): looked for only when a quote's speaker needs it, a few hundred characters
        after each of the first mentions of the person (before ``before``)."""
        if e.type != "person" or not e.named or e.plural or e.described:
            return e.role
        e.described = True  # once per person: the first quote that needs it looks
        t = self.text
        found: list[str] = []
        seen_hi = -1
        for p in sorted(e.positions)[:8]:
            lo = max(p, seen_hi)
            hi = min(len(t), p + 400, before)
            seen_hi = hi
            if lo >= hi:
                continue
            for m in _DESC_SUBJECT_RE.finditer(t, lo, hi):
                desc = m.group("desc").strip()
                f = fold(desc)
                words = f.split()
                if not words or _RELATIONAL_RE.match(f) or self._in_quote(m.start()):
                    continue
                # "le célèbre acteur": an adjective may come first
                head = _title_head(f) or (_title_head(" ".join(words[1:])) if len(words) > 1 else None)
                if head is None:
                    continue
                title = _folded_title_types().get(head)
                if title is None or title.type != "person":
                    continue
                if title.gender and e.gender and title.gender != e.gender:
                    continue
                if self._nearest_person(m.start("desc"), None, window=400) is e and desc not in found:
                    found.append(desc)
        for d in found:
            if d not in e.roles:
                e.roles.append(d)
        return e.role

    def _by_first_name(self, word: str) -> Optional[Entity]:
        """The one person whose full name starts with this first name (Petr -> Petr Furch)."""
        f = fold(word)
        found = [e for e in self._by_first_word.get(f, ()) if e.type == "person" and e.named and len(e.name.split()) >= 2 and fold(e.name.split()[0]) == f]
        return found[0] if len(found) == 1 else None

    def _org(self, name: str, pos: int, m: Mention) -> Entity:
        key = fold(name)
        e = self.by_name.get(key)
        if e is None:
            e = Entity(name=name, type=m.type if m.type != "unknown" else "unknown", gender=m.gender, plural=m.plural)
            self.entities.append(e)
            self.by_name[key] = e
        if m.role and m.role not in e.roles:
            e.roles.append(m.role)
        self._note(e, pos)
        return e

    def _description(self, m: Mention, pos: int) -> Entity:
        desc = m.description or ""
        definite = fold(m.text).startswith(("le ", "la ", "les ", "l'", "ce ", "cette ", "cet "))
        if definite:
            e = self._designated(desc, pos, m)
            if e is None and m.type == "person" and not m.plural:
                e = self._designated_later(desc, pos, m)
            if e is None and m.type == "person" and not m.plural and not _RELATIONAL_RE.match(fold(desc)):
                # a bare title (le ministre) designates the last person named; a fuller one
                # (le procureur de la République) only someone already quoted
                f = fold(desc)
                aged = _AGE_RE.search(f)
                if aged is not None:
                    # "la vedette de 27 ans": a title and an age designate the person just
                    # named, subject or not (… dont le chanteur X. « … », raconte la vedette de 27 ans)
                    f = f[: aged.start()].rstrip()
                e = self._nearest_person(
                    pos, m.gender if aged is None else None, window=600 if aged is None else 300,
                    speakers_only=not _bare_title(f), min_salient=2 if aged is None else 1,
                )
                if e is not None and m.role and m.role not in e.roles:
                    e.roles.append(m.role)
            if e is not None:
                self._note(e, pos)
                return e
        key = fold(desc)
        e = self.by_name.get(key)
        if e is None:
            e = Entity(name=desc, type=m.type, gender=m.gender, named=False, plural=m.plural)
            if m.role:
                e.roles.append(m.role)
            elif m.type == "organisation" and _title_head(fold(desc)) is not None:
                e.roles.append(desc)  # an unnamed source's description is its role (l'hebdomadaire satirique)
            self.entities.append(e)
            self.by_name[key] = e
        self._note(e, pos)
        return e

    def _designated(self, desc: str, pos: int, m: Mention) -> Optional[Entity]:
        f = fold(desc)
        equivalents: Optional[list[str]] = None  # read once if needed, not for each role of each entity
        seen: set[int] = set()
        events = self._events
        for i in self._before(pos):
            p, e, _ = events[i]
            if p < pos - LOOKBACK:
                break
            if id(e) in seen or e.plural != m.plural:
                continue
            seen.add(id(e))
            if m.gender and e.gender and m.gender != e.gender:
                continue
            # the description designates a role (folded) it is part of (the role itself, its
            # start or end among them), or one of the titles equivalent to it
            for r in e.roles + ([e.name] if not e.named else []):
                r = fold(r)
                if f in r:
                    return e  # the most recent entity the description designates
                if equivalents is None:
                    equivalents = _equivalents(f)
                if any(regex.search(t, r) for t in equivalents):
                    return e
        return None

    def _designated_later(self, desc: str, pos: int, m: Mention) -> Optional[Entity]:
        """A person named after the description, whose title has the same head:
        « … », témoigne la déléguée générale de l'institution … Marie-Caroline Hamon,
        déléguée générale de l'enseignement catholique."""
        head = _title_head(fold(desc))
        if head is None or _RELATIONAL_RE.match(fold(desc)):
            return None
        for e in self.entities:
            if e.type != "person" or not e.named or e.plural or not e.positions or e.first <= pos:
                continue
            if e.first > pos + LOOKBACK:
                continue
            if m.gender and e.gender and m.gender != e.gender:
                continue
            if any(_title_head(fold(r)) == head for r in e.roles):
                return e
        return None

    def _nearest_person(
        self, pos: int, gender: Optional[str], window: int, speakers_only: bool = False, min_salient: int = 2
    ) -> Optional[Entity]:
        """The last salient named person before ``pos`` (within ``window`` characters)."""
        events = self._events
        for i in self._before(pos):
            p, e, _ = events[i]
            if p < pos - window:
                break
            if speakers_only and not e.speaker:
                continue
            if e.type != "person" or not e.named or e.plural or not (e.speaker or self._salience(i) >= min_salient):
                continue
            if gender and e.gender and gender != e.gender:
                continue
            return e
        return None

    def _pronoun(self, m: Mention, pos: int) -> Optional[Entity]:
        if m.pronoun == "on":
            return None
        best = None
        events = self._events
        for i in self._before(pos):
            p, e, _ = events[i]
            if (best is not None and pos - p >= 800) or pos - p > LOOKBACK:
                break
            if m.plural != e.plural:
                continue
            if e.type == "organisation" and not e.speaker:
                continue
            if not e.speaker and e.type != "person":
                continue
            sal = self._salience(i)  # (read after the cheaper tests: the same conditions)
            if sal == 0 or (sal < 2 and not e.speaker):
                continue  # a complement (des propos de X) is no antecedent, even of a speaker
            if m.gender and e.gender and m.gender != e.gender:
                continue
            if best is None:
                best = e
                if e.type == "person":
                    break
            elif e.type == "person":
                # il / elle: a person named in the last sentences before an organisation
                best = e
                break
        if best is not None:
            if m.gender and not best.gender:
                best.gender = m.gender
            self._note(best, pos)
        return best

    def _before(self, pos: int) -> range:
        """The indices in ``_events`` of the mentions before ``pos``, the nearest first."""
        self._ordered()
        return range(bisect.bisect_left(self._event_pos, pos) - 1, -1, -1)

    def _salience(self, i: int) -> int:
        """The salience of ``_events[i]``, worked out when first asked for (see _note)."""
        p, e, sal = self._events[i]
        if sal < 0:
            sal = self._salient(p, -sal - 1)
            self._events[i] = (p, e, sal)
        return sal

    def _ordered(self) -> list[tuple[int, Entity, int]]:
        if not self._sorted:
            self._events.sort(key=lambda pe: pe[0])
            self._event_pos = [pe[0] for pe in self._events]
            self._sorted = True
        return self._events


# An age closing a description (folded): "vedette de 27 ans", "jeune homme âgé de 19 ans".
_AGE_RE = re.compile(r"\s(?:agee?s?\s+)?de\s+\d{1,3}\s+ans$")


def _title_head(desc: str) -> Optional[str]:
    """The title a (folded) description starts with: "deleguee generale" for "deleguee
    generale de l'institution"."""
    words = desc.split()
    for n in (4, 3, 2, 1):
        head = " ".join(words[:n])
        if head in _folded_titles():
            return head
    return None


def _bare_title(desc: str) -> bool:
    """A title with at most one word more (le ministre, la secrétaire d'Etat, le président
    russe): an anaphor of someone named before, unlike "le procureur de la République"."""
    words = desc.split()
    for n in (4, 3, 2, 1):
        head = " ".join(words[:n])
        if fold(head) in _folded_titles() and len(words) - n <= 1:
            return True
    return False


@functools.lru_cache(maxsize=None)
def _folded_title_types() -> dict[str, lexicon.Title]:
    return {fold(t).replace("’", "'"): v for t, v in lexicon.titles().items()}


# A definite description opening a sentence (or a clause after a comma), up to its verb:
# "Le célèbre acteur français a décidé", "L'acteur âgé de 69 ans proposera".
_DESC_SUBJECT_RE = re.compile(
    r"(?:(?<=[.!?\n])|(?<=[.!?]\s)|(?<=,\s))(?:Le|La|le|la|L['’]|l['’]|Cet|Cette|cet|cette)\s*"
    r"(?P<desc>[a-zà-ÿœ][\w'’ -]{2,80}?)\s+"
    r"(?:(?:n['’]|ne\s+|s['’]|se\s+|y\s+)\w+e|a|avait|aura|aurait|est|était|sera|serait|va|allait|doit|devait|peut|pouvait|"
    r"[a-zà-ÿ]{4,}(?:era|ait))\b"
)


@functools.lru_cache(maxsize=None)
def _folded_titles() -> frozenset[str]:
    return frozenset(fold(t).replace("’", "'") for t in lexicon.titles())


def _equivalents(desc: str) -> list[str]:
    """The patterns a role must match for a description (folded) to designate its holder
    (``data/equivalent_titles.tsv``: chef de la diplomatie -> ministre des affaires etrangeres)."""
    out = []
    for pat, title in lexicon.equivalent_titles():
        m = pat.match(desc)
        if m:
            t = title
            for k, v in m.groupdict().items():
                t = t.replace(f"(?P={k})", regex.escape(v))
            out.append(t)
    return out

