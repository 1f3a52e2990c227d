"""Stage 2: cues. Verbs of saying (`a déclaré`, `précise-t-elle`, `avait pu déclarer`),
`selon X` / `d'après X`, and inverted pronouns after a quote (`», a-t-il …`).

The regexes are built once from the verb lexicon (``quotes/data/cues.tsv``) with regex's
named lists (``\\L<name>``), so adding a verb is a data change.
"""

from __future__ import annotations

import functools
import re

import regex

from . import lexicon


# Auxiliaries of compound tenses, third person (a déclaré, avait-il dit, aurait affirmé).
AUX = ["a", "ont", "avait", "avaient", "aurait", "auraient", "aura", "auront", "eut", "eurent", "ayant", "avoir"]
# Auxiliary of pronominal verbs (s'est exclamé, se sont interrogés).
BE_AUX = ["est", "sont", "était", "étaient", "serait", "seraient", "sera", "seront", "fut", "furent", "être", "étant"]
# Modal verbs before an infinitive cue (a tenu à préciser, avait pu déclarer, devait annoncer).
MODALS = ["pu", "dû", "voulu", "su", "tenu à", "tenu à le", "cru bon de", "souhaité", "jugé bon de", "choisi de", "fini par", "préféré"]
FINITE_MODALS = [
    "tient à", "tenait à", "veut", "voulait", "doit", "devait", "devrait", "va", "allait", "vient de",
    "venait de", "peut", "pouvait", "pourrait", "a tenu à", "a voulu", "a pu", "avait pu", "a dû",
    "se plaît à", "n'a pas manqué de", "ne manque pas de", "s'est empressé de", "s'est empressée de",
]
# Adverbs and short adverbial phrases that sit inside a verb group (a ainsi déclaré).
ADVERBS = [
    "ainsi", "aussi", "encore", "également", "de nouveau", "à nouveau", "alors", "déjà", "notamment",
    "d'ailleurs", "par ailleurs", "en outre", "néanmoins", "toutefois", "cependant", "pourtant",
    "enfin", "ensuite", "même", "bien", "clairement", "publiquement", "récemment", "hier",
    "aujourd'hui", "immédiatement", "simplement", "fermement", "vivement", "souvent", "longtemps",
    "plusieurs fois", "dès lors", "d'abord", "plus tard", "toujours", "pour sa part", "de son côté",
    "quant à lui", "quant à elle", "lui-même", "elle-même", "eux-mêmes", "elles-mêmes", "plutôt",
    "sobrement", "froidement", "fièrement", "franchement", "volontiers", "carrément", "directement",
    "officiellement", "mardi", "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "ce matin", "ce soir", "mardi soir", "mardi matin", "lundi soir", "mercredi soir", "jeudi soir",
    "vendredi soir", "samedi soir", "dimanche soir", "la veille", "jusque-là", "pas", "ne", "n'",
    "par la suite", "aussitôt", "auparavant", "également", "lui aussi", "elle aussi", "non plus",
    "justement", "en effet", "tout de suite", "sans détour", "sans ambages", "avec ironie",
    "en substance", "haut et fort", "à plusieurs reprises", "personnellement", "pour l'instant",
]

# The five alternatives of the verb-group pattern, tried in this order.
_VERB_GROUP_ALTERNATIVES = (
    r"""
    # compound tense: a déclaré, avait-il ajouté, a ainsi déclaré, avait pu déclarer
    \b(?P<aux>\L<aux>)(?:-t-(?P<inv_a>il|elle|on)\b|-(?P<inv_b>ils|elles|il|elle|on)\b)?
    (?:\s+(?:\L<adverbs>))*
    \s+(?:
        (?:\L<modals>)\s+(?:\L<adverbs>\s+)*(?:s['’]|se\s)?(?P<inf>\L<infinitive>)
      | (?P<pp>\L<participle>)
    )""",
    r"""
    # pronominal compound: s'est exclamé, s'est-il interrogé
    \b(?:s['’]|se\s+)(?:\L<be_aux>)(?:-t-(?P<inv_c>il|elle|on)\b|-(?P<inv_d>ils|elles|il|elle|on)\b)?
    (?:\s+(?:\L<adverbs>))*\s+(?P<rpp>\L<participle>)""",
    r"""
    # modal then infinitive: tient à préciser, devait annoncer
    \b(?:\L<finite_modals>)\s+(?:\L<adverbs>\s+)*(?:s['’]|se\s)?(?P<inf2>\L<infinitive>)""",
    r"""
    # simple tense, maybe inverted: précise, précise-t-elle, s'interroge, estime-t-il
    (?<!\b(?:le|la|les|un|une|des|du|de|d['’]|l['’]|sa|son|ses|leur|leurs|cette|ce|cet|au|aux|en)\s)
    (?<![\p{L}-])(?:s['’]|se\s+)?(?P<fin>\L<finite>)(?:-t-(?P<inv_e>il|elle|on)\b|-(?P<inv_f>ils|elles|il|elle|on)\b)?""",
    r"""
    # gerund: appelant, indiquant, en précisant
    (?<![\p{L}-])(?:en\s+)?(?:s['’]|se\s+)?(?P<ger>\L<gerund>)""",
)


def _verb_group(alternatives=_VERB_GROUP_ALTERNATIVES) -> str:
    return "\n(?P<cue>\n  (?:" + "\n  |".join(alternatives) + "\n  )\n)(?![\\p{L}-])\n"


VERB_GROUP = _verb_group()

# After a closing mark: an inverted pronoun makes a cue whatever the verb (», a-t-il lancé).
INVERTED_ANY = r"""
(?P<cue>
  \b(?:\L<aux>)(?:-t-(?P<inv_a>il|elle|on)|-(?P<inv_b>ils|elles|il|elle|on))\b(?:\s+(?:\L<adverbs>))*\s+[\p{Ll}][\p{L}-]*
| \b[\p{Ll}][\p{Ll}-]{0,30}?(?:-t-(?P<inv_c>il|elle|on)|(?<=[dt])-(?P<inv_d>ils|elles|il|elle|on))\b
)
"""

ACCORDING_TO = r"(?P<cue>\b(?:selon|d['’]après|aux\s+yeux\s+d(?:e|u|es|['’])|de\s+l['’]avis\s+d(?:e|u|es|['’])|à\s+en\s+croire|pour)\b)"


@functools.lru_cache(maxsize=None)
def _lists() -> dict[str, list[str]]:
    return dict(
        aux=AUX,
        be_aux=BE_AUX,
        modals=MODALS,
        finite_modals=FINITE_MODALS,
        adverbs=ADVERBS,
        participle=sorted(lexicon.verb_forms("participle")),
        infinitive=sorted(lexicon.verb_forms("infinitive")),
        finite=sorted(lexicon.verb_forms("finite")),
        gerund=sorted(lexicon.verb_forms("gerund")),
    )


def _trie_alternatives(words, escape=regex.escape) -> list[str]:
    """The top-level alternatives (one per first character) of ``lexicon.trie_pattern(words,
    escape)``, which tries the same words in the same order, with each
    optional tail written ``(?:x|y|)`` instead of ``(?:x|y)?``: the stdlib engine runs a
    ``?`` over a group as REPEAT/MAX_UNTIL (a heap-allocated repeat context per try) but an
    alternation with an empty last branch as a plain BRANCH, which tries its alternatives
    in the same order (the tail first, then nothing), and skips those whose first literal
    does not match without entering them."""
    root = lexicon.trie((w, {}) for w in words)

    def emit(d: dict) -> str:
        tails = [(escape(ch), emit(sub)) for ch, sub in sorted(d.items()) if ch != ""]
        alts = [c + t for c, t in tails]
        if "" not in d:
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if not alts:
            return ""
        if all(not t for _, t in tails):
            return "(?:" + "|".join(alts) + ")?"  # one optional character: a cheap repeat of a set
        return "(?:" + "|".join(alts) + "|)"

    return [escape(ch) + emit(sub) for ch, sub in sorted(root.items()) if ch != ""]


def _trie_pattern(words, escape=regex.escape) -> str:
    """``lexicon.trie_pattern(words, escape)``: the same words tried in the same order (see
    ``_trie_alternatives``)."""
    return "(?:(?:" + "|".join(_trie_alternatives(words, escape)) + "))"


def _inline_lists(pattern: str, trie=_trie_pattern) -> str:
    """Write each ``\\L<name>`` of a pattern as a trie-shaped alternation: regex's named
    lists are tried length by length at every position, a trie in one walk."""
    lists = _lists()
    return regex.sub(r"\\L<(\w+)>", lambda m: trie(lists[m.group(1)]).replace("\\ ", "\\s+"), pattern)


class _VerbGroupPattern:
    """The verb-group pattern, compiled with the stdlib ``re`` engine (several times faster
    than ``regex`` here). The one look-behind ``re`` cannot express — no determiner right
    before a simple-tense form (le juge, une note) — is checked after the match."""

    def __init__(self) -> None:
        self._rx = self.compile()

    @staticmethod
    def compile(disabled=()) -> "re.Pattern[str]":
        """The pattern, with the alternatives numbered in ``disabled`` (0 to 4) replaced by
        ``\\x00`` and their groups, empty (same numbers): see ``_verb_group_for``."""
        src = _verb_group(
            tuple(
                r"\x00" + "".join(f"(?P<{g}>)" for g in re.findall(r"\(\?P<(\w+)>", alt)) if k in disabled else alt
                for k, alt in enumerate(_VERB_GROUP_ALTERNATIVES)
            )
        )
        src = _inline_lists(src)
        src = regex.sub(r"\(\?<!\\b\(\?:le\|la[^\n]*\n", "", src)  # the determiner look-behind
        src = src.replace(r"(?<![\p{L}-])", r"(?<![^\W\d_])(?<!-)").replace(r"(?![\p{L}-])", r"(?![^\W\d_])(?!-)")
        return re.compile(src, re.VERBOSE | re.IGNORECASE)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        m = self._rx.match(text, pos, len(text) if endpos is None else endpos)
        if m is not None and m.group("fin") and not self.determiner_ok(text, m):
            return None
        return m

    @staticmethod
    def determiner_ok(text: str, m) -> bool:
        """A simple-tense match with no determiner right before it (le juge, une note are
        nouns), unless it is pronominal (se, s')."""
        return not _DET_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()) or m.group("cue")[:2].lower() in ("s'", "s’", "se")

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        while pos < end:
            m = self._rx.search(text, pos, end)
            if m is None:
                return
            if m.group("fin") and not self.determiner_ok(text, m):
                pos = m.start() + 1
                continue
            yield m
            pos = max(m.end(), m.start() + 1)


def _first_run(words) -> set[str]:
    """The first run of letters of each word (tenu à -> tenu, n'a pas -> n)."""
    return {re.match(r"[^\W\d_]+", w).group() for w in words}


# The words that the five alternatives of VERB_GROUP open with, up to their first non-letter:
# compound tense, pronominal compound (s', se), modal then infinitive, simple tense (maybe
# after s'/se), gerund (maybe after en, s', se).
_OPENINGS = (
    lambda: set(AUX),
    lambda: {"s", "se"},
    lambda: _first_run(FINITE_MODALS),
    lambda: {"s", "se"} | _first_run(_lists()["finite"]),
    lambda: {"en", "s", "se"} | _first_run(_lists()["gerund"]),
)


@functools.lru_cache(maxsize=None)
def _verb_group_for() -> dict[str, "re.Pattern[str]"]:
    """For each trigger word (``_trigger_words``), the verb-group pattern with only the
    alternatives that can match where it stands, the others failing at once: what
    ``scan_cues`` matches there finds the same first match as the full pattern.

    Why it is the same: a trigger stands after a non-word character (or at the start), and
    its first run of letters R is followed by a non-letter. Each alternative opens with one
    of its ``_OPENINGS`` words matched in full (a non-letter must follow: -, a space, an
    apostrophe or the final ``(?![^\\W\\d_])``), and the characters that these lowercase
    letters match under IGNORECASE are all letters, so the alternative can match only if one
    of its openings matches R exactly under IGNORECASE (checked here with ``re`` itself).
    A disabled alternative is a plain ``\\x00`` (then its groups, empty), which the branch
    op of sre skips after one comparison: a trigger opens with a letter, never with NUL."""
    openers = [re.compile("|".join(map(re.escape, sorted(k(), key=len, reverse=True))), re.IGNORECASE) for k in _OPENINGS]
    compiled: dict[tuple, "re.Pattern[str]"] = {}
    out = {}
    for w in _trigger_words():
        run = next(iter(_first_run([w])))
        off = tuple(k for k, o in enumerate(openers) if not o.fullmatch(run))
        if off not in compiled:
            compiled[off] = verb_group_re()._rx if not off else _VerbGroupPattern.compile(off)
            assert compiled[off].groupindex == verb_group_re()._rx.groupindex
        out[w] = compiled[off]
    return out


# A determiner right before a word makes it a noun (le juge, une note), not a verb.
_DET_BEFORE_RE = re.compile(r"(?:^|(?<=[^\w]))(?:le|la|les|un|une|des|du|de|d['’]|l['’]|sa|son|ses|leur|leurs|cette|ce|cet|au|aux|en)\s$", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def verb_group_re() -> _VerbGroupPattern:
    """A verb of saying with its auxiliary, adverbs and inverted pronoun."""
    return _VerbGroupPattern()


@functools.lru_cache(maxsize=None)
def inverted_any_re() -> regex.Pattern:
    return regex.compile(_inline_lists(INVERTED_ANY, lexicon.trie_pattern), regex.VERBOSE)


@functools.lru_cache(maxsize=None)
def _trigger_words() -> frozenset[str]:
    """Words that can open a verb group (auxiliaries, verb forms, modals, s'/se), in lowercase,
    Capitalised and UPPERCASE (the trigger scans are case-sensitive: IGNORECASE makes them
    about 1.5x slower)."""
    lists = _lists()
    # "s'"/"se" open the pronominal forms (s'est exclamé), so "est" need not be a trigger;
    # a gerund is found by itself (the cue is then "précisant", not "en précisant")
    words = set(AUX) | set(lists["finite"]) | set(lists["gerund"]) | {"s", "se"}
    words |= {m.split()[0].split("'")[0] for m in FINITE_MODALS} - {"n", "ne"}
    return frozenset(v for w in words for v in (w, w[:1].upper() + w[1:], w.upper()))


# ACCORDING_TO (matched with IGNORECASE elsewhere) written out in lowercase, Capitalised
# and UPPERCASE, for the case-sensitive trigger scan, one alternative per casing.
_ACCORDING_ALTERNATIVES = [
    r"selon\b", r"Selon\b", r"SELON\b", r"[dD]['’](?:après|APRÈS)\b",
    r"[aA]ux\s+yeux\s+d(?:e|u|es|['’])\b", r"AUX\s+YEUX\s+D(?:E|U|ES|['’])\b",
    r"[dD]e\s+l['’]avis\s+d(?:e|u|es|['’])\b", r"DE\s+L['’]AVIS\s+D(?:E|U|ES|['’])\b",
    r"[àÀ]\s+en\s+croire\b", r"À\s+EN\s+CROIRE\b", r"pour\b", r"Pour\b", r"POUR\b",
]
_ACCORDING_CASED = "(?P<cue>(?:" + "|".join(a[: -len(r"\b")] for a in _ACCORDING_ALTERNATIVES) + r")\b)"
# The runs of letters of each ACCORDING_TO phrase (selon, d'après, aux yeux d…), in lowercase.
_ACCORDING_RUNS = ("selon", "d après", "aux yeux d", "de l avis d", "à en croire", "pour")


@functools.lru_cache(maxsize=None)
def _according_cased_re() -> "re.Pattern[str]":
    return re.compile(_ACCORDING_CASED)


@functools.lru_cache(maxsize=None)
def _trigger_scan_re() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """Where a cue may start: a word of ``_trigger_words`` (a non-letter before and after it)
    or selon, d'après, pour… (ACCORDING_TO in three casings), as two patterns:

    - ``sep``: a non-word character, then a trigger word or selon/d'après/pour. It starts
      with a plain character set, so sre skips from candidate to candidate in a tight loop
      instead of testing ``\\b`` and a look-ahead at every character. The set is the Latin-1
      non-word characters plus everything above U+00FF, and the look-behind keeps only the
      non-word ones: together exactly ``\\W``, i.e. the ``\\b`` before a letter.
    - ``head``: the same words without the separator, for a trigger at the very start.

    The top-level alternatives all begin with a literal or a set, so sre skips those whose
    first character does not match without entering them. A trigger word and a selon/d'après/
    pour never start at the same place (checked here), so their order does not matter and
    the matched text tells them apart (``_trigger_words``)."""
    words = _trigger_words()
    heads = _first_run(words)  # first letters up to a space or apostrophe
    acc_heads = {v for p in _ACCORDING_RUNS for w in p.split()[:1] for v in (w, w.capitalize(), w.upper())}
    assert not heads & acc_heads, "a trigger word starts like selon/d'après/pour"
    alts = [a + r"(?![^\W\d_])" for a in _trie_alternatives(sorted(words), escape=re.escape)] + _ACCORDING_ALTERNATIVES
    body = "(?:" + "|".join(alts) + ")"
    nonword = "".join(re.escape(c) for c in map(chr, range(256)) if re.match(r"\W", c))
    return re.compile(f"[{nonword}\\u0100-\\U0010FFFF](?<=\\W)" + body), re.compile(body)


class _CandidateScan:
    """``finditer(text)``/``match(text)``: the candidate pattern run over the folded copy of
    ``text`` (see ``_candidate_scan``); match positions are those of the text."""

    def __init__(self, fold: bytes, rx: "re.Pattern[bytes]") -> None:
        self.fold, self.rx = fold, rx

    def folded(self, text: str) -> bytes:
        return b" " + text.encode("latin-1", "replace").translate(self.fold) + b" "

    def finditer(self, text: str):
        return self.rx.finditer(self.folded(text))

    def match(self, text: str, pos: int = 0):
        return self.rx.match(self.folded(text), pos)


@functools.lru_cache(maxsize=None)
def _candidate_scan() -> _CandidateScan:
    """Where ``_trigger_scan_re`` may match, found by a cheaper scan of a folded copy of the
    text: ``b" " + text.encode("latin-1", "replace").translate(fold) + b" "``, one byte per
    character, letters lowercased and every other character (digits, punctuation, anything
    above U+00FF, which the encoder made ``?``) a space. ``candidates`` finds, at byte ``i``,
    a space then a word of the scan: the first run of letters of a trigger word, or of a
    selon/d'après/pour phrase with its further runs after (de -> de l'avis d…). The bytes
    are ASCII-fast in sre: a literal space to look for, no look-behind, and one casing.

    Every trigger at character ``i`` is found at byte ``i``: the character before it is a
    non-word character (or it starts the text), so a space; its first run of letters, all in
    Latin-1 (checked here), is followed by a non-letter, so the folded run stands between two
    spaces, and it is a word of the scan (folded by the same table). The converse need not
    hold (a digit before, another casing, a letter above U+00FF): ``scan_cues`` checks each
    candidate with the trigger pattern itself."""
    def fold_byte(c: int) -> int:
        ch = chr(c)
        if not re.match(r"[^\W\d_]", ch):
            return 32
        low = ch.lower()
        return ord(low) if len(low) == 1 and low <= "\xff" else c

    fold = bytes(map(fold_byte, range(256)))

    def folded(run: str) -> str:
        return run.encode("latin-1").translate(fold).decode("latin-1")

    runs = _first_run(_trigger_words())
    assert all(re.fullmatch(r"[\x00-\xff]+", r) and re.fullmatch(r"[^\W\d_]+", r) for r in runs)
    tails = {folded(r): "(?= )" for r in runs}
    for phrase in _ACCORDING_RUNS:
        first, *rest = phrase.split()
        assert first not in tails and all(folded(v) == folded(w) for w in (first, *rest) for v in (w.capitalize(), w.upper()))
        first = folded(first)
        tails[first] = "(?=" + "".join(" +" + re.escape(folded(w)) for w in rest) + ")" if rest else "(?= )"
    root = lexicon.trie(tails.items())

    def emit(d: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(d.items()) if ch != ""]
        alts += [d[""]] if "" in d else []
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return _CandidateScan(fold, re.compile((" " + emit(root)).encode("latin-1")))


@functools.lru_cache(maxsize=None)
def compound_any_re() -> regex.Pattern:
    """Right after a closing mark, any past participle with its auxiliary is a cue
    (», a pointé Tarik Jasarevic): the position says it reports the quote."""
    return re.compile(
        r"(?P<cue>\b(?:a|avait|ont|avaient|aurait)(?:\s+" + lexicon.trie_pattern(ADVERBS, escape=re.escape).replace("\\ ", "\\s+")
        + r")*\s+[a-zß-öø-ÿœ][a-zß-öø-ÿœ-]{0,30}(?:é|i|u|it|is|t))(?=\s+\S)"
    )


@functools.lru_cache(maxsize=None)
def passive_re() -> regex.Pattern:
    """A past participle of saying with its agent: « affirmée par », « cité par »."""
    return regex.compile(
        r"(?<![\p{L}-])(?P<cue>" + lexicon.trie_pattern(_lists()["participle"]) + r")\s+par(?=\s)", regex.IGNORECASE
    )


def scan_cues(text: str) -> tuple[list[regex.Match], list["re.Match[str]"]]:
    """Every verb group of ``text`` (left to right, not overlapping, like finditer) and every
    selon/d'après/pour (like ``according_re().finditer``), in one pass over the text.

    The pass finds the triggers (``_trigger_scan_re``) left to right, not overlapping: a
    trigger at ``i > 0`` is a match of ``sep`` at ``i - 1``, and after a trigger ending at
    ``end`` the next one is the first from ``end`` on. Only the candidates of
    ``_candidate_scan`` (every trigger is one) are tried. At a trigger word, the verb-group
    pattern (``_verb_group_for``) is matched; a selon/d'après/pour is kept as it is."""
    sep, head = _trigger_scan_re()
    words = _trigger_words()
    variant = _verb_group_for()
    candidates = _candidate_scan()
    out: list[regex.Match] = []
    accs: list["re.Match[str]"] = []
    last = end = 0  # the ends of the last verb group and of the last trigger
    for c in candidates.finditer(text):
        start = c.start()  # the folded text is one space longer at the front
        if start < end:
            continue
        t = sep.match(text, start - 1) if start else head.match(text)
        if t is None:
            continue
        end = t.end()
        if text[start:end] not in words:  # selon, d'après, pour…
            accs.append(_according_cased_re().match(text, start))
        elif start >= last:
            m = variant[text[start:end]].match(text, start)
            if m is not None and (not m.group("fin") or _VerbGroupPattern.determiner_ok(text, m)):
                out.append(m)
                last = m.end()
    return out, accs


@functools.lru_cache(maxsize=None)
def according_re() -> "re.Pattern[str]":
    return re.compile(r"(?=[sdapàSDAPÀ])" + ACCORDING_TO, re.IGNORECASE)  # look-ahead: skips other letters fast


_INV_GROUPS = ("inv_a", "inv_b", "inv_c", "inv_d", "inv_e", "inv_f")
_LEMMA_GROUPS = ("pp", "rpp", "inf", "inf2", "fin", "ger")


class _Groups:
    """The numbers of the groups that the helpers below read, for one pattern (reading a
    group by number skips the name lookup; a group the pattern lacks is left out, which is
    what ``_group`` returning None for it meant)."""

    __slots__ = ("pattern", "ger", "fin", "inv", "lemma")

    def __init__(self, p) -> None:
        index = p.groupindex
        self.pattern = p
        self.ger = index.get("ger")
        self.fin = index.get("fin")
        self.inv = tuple((index[g], g) for g in _INV_GROUPS if g in index)
        self.lemma = tuple(index[g] for g in _LEMMA_GROUPS if g in index)


_GROUPS: dict[int, _Groups] = {}  # id(pattern) -> its _Groups


def _groups(m) -> _Groups:
    p = m.re
    entry = _GROUPS.get(id(p))
    if entry is None or entry.pattern is not p:
        entry = _GROUPS[id(p)] = _Groups(p)
    return entry


def inverted_pronoun(m: regex.Match) -> str | None:
    """The inverted subject pronoun of a verb-group match (il, elle, on, ils, elles)."""
    for i, _ in _groups(m).inv:
        w = m.group(i)
        if w:
            return w.lower()
    return None


def pronoun_mention(m: regex.Match):
    """The inverted pronoun of a cue as a speaker ``Mention`` with its own span."""
    from .speakers import pronoun_mention as make

    for i, _ in _groups(m).inv:
        w = m.group(i)
        if w:
            return make(w, m.start(i), m.end(i))
    return None


def verb_kind(m: regex.Match) -> str:
    """finite, participle (compound tense), infinitive or gerund."""
    g = _groups(m)
    if g.ger is not None and m.group(g.ger):
        return "gerund"
    if g.fin is not None and m.group(g.fin):
        return "finite"
    return "compound"


def lemma(m: regex.Match) -> str | None:
    verbs = lexicon.verbs()
    for i in _groups(m).lemma:
        w = m.group(i)
        if w:
            v = verbs.get(w.lower())
            if v:
                return v.lemma
    return None
