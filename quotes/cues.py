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

VERB_GROUP = r"""
(?P<cue>
  (?:
    # compound tense: a déclaré, avait-il ajouté, a ainsi déclaré, avait pu déclarer
    \b(?P<aux>\L<aux>)(?:-t-(?P<inv_a>il|elle|on)\b|-(?P<inv_b>ils|elles|il|elle|on)\b)?
    (?:\s+(?:\L<adverbs>))*
    \s+(?:
        (?:\L<modals>)\s+(?:\L<adverbs>\s+)*(?:s['’]|se\s)?(?P<inf>\L<infinitive>)
      | (?P<pp>\L<participle>)
    )
  | # pronominal compound: s'est exclamé, s'est-il interrogé
    \b(?:s['’]|se\s+)(?:\L<be_aux>)(?:-t-(?P<inv_c>il|elle|on)\b|-(?P<inv_d>ils|elles|il|elle|on)\b)?
    (?:\s+(?:\L<adverbs>))*\s+(?P<rpp>\L<participle>)
  | # modal then infinitive: tient à préciser, devait annoncer
    \b(?:\L<finite_modals>)\s+(?:\L<adverbs>\s+)*(?:s['’]|se\s)?(?P<inf2>\L<infinitive>)
  | # simple tense, maybe inverted: précise, précise-t-elle, s'interroge, estime-t-il
    (?<!\b(?:le|la|les|un|une|des|du|de|d['’]|l['’]|sa|son|ses|leur|leurs|cette|ce|cet|au|aux|en)\s)
    (?<![\p{L}-])(?:s['’]|se\s+)?(?P<fin>\L<finite>)(?:-t-(?P<inv_e>il|elle|on)\b|-(?P<inv_f>ils|elles|il|elle|on)\b)?
  | # gerund: appelant, indiquant, en précisant
    (?<![\p{L}-])(?:en\s+)?(?:s['’]|se\s+)?(?P<ger>\L<gerund>)
  )
)(?![\p{L}-])
"""

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


def _inline_lists(pattern: str) -> str:
    """Write each ``\\L<name>`` of a pattern as a trie-shaped alternation: regex's named
    lists are tried length by length at every position, a trie in one walk."""
    lists = _lists()
    return regex.sub(r"\\L<(\w+)>", lambda m: lexicon.trie_pattern(lists[m.group(1)]).replace("\\ ", "\\s+"), pattern)


class _VerbGroupPattern:
    """The verb-group pattern, compiled with the stdlib ``re`` engine (several times faster
    than ``regex`` here). The one look-behind ``re`` cannot express — no determiner right
    before a simple-tense form (le juge, une note) — is checked after the match."""

    def __init__(self) -> None:
        src = _inline_lists(VERB_GROUP)
        src = regex.sub(r"\(\?<!\\b\(\?:le\|la[^\n]*\n", "", src)  # the determiner look-behind
        src = src.replace(r"(?<![\p{L}-])", r"(?<![^\W\d_])(?<!-)").replace(r"(?![\p{L}-])", r"(?![^\W\d_])(?!-)")
        self._rx = re.compile(src, re.VERBOSE | re.IGNORECASE)

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


# A determiner right before a word makes it a noun (le juge, une note), not a verb.
_DET_BEFORE_RE = re.compile(r"(?:^|(?<=[^\w]))(?:le|la|les|un|une|des|du|de|d['’]|l['’]|sa|son|ses|leur|leurs|cette|ce|cet|au|aux|en)\s$", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def verb_group_re() -> _VerbGroupPattern:
    """A verb of saying with its auxiliary, adverbs and inverted pronoun."""
    return _VerbGroupPattern()


@functools.lru_cache(maxsize=None)
def inverted_any_re() -> regex.Pattern:
    return regex.compile(_inline_lists(INVERTED_ANY), regex.VERBOSE)


@functools.lru_cache(maxsize=None)
def trigger_re() -> "re.Pattern[str]":
    """Words that can open a verb group (auxiliaries, verb forms, modals, s'/se, en).

    A stdlib ``re`` trie over whole words: the scan that finds where a cue may start runs
    at C speed over the article, and the full verb-group pattern is then tried only there.
    """
    lists = _lists()
    # "s'"/"se" open the pronominal forms (s'est exclamé), so "est" need not be a trigger;
    # a gerund is found by itself (the cue is then "précisant", not "en précisant")
    words = set(AUX) | set(lists["finite"]) | set(lists["gerund"]) | {"s", "se"}
    words |= {m.split()[0].split("'")[0] for m in FINITE_MODALS} - {"n", "ne"}
    # Case-sensitive over the lowercase, Capitalised and UPPERCASE forms (IGNORECASE makes
    # the scan about 1.5x slower), with a look-ahead on the first letters that skips other
    # characters fast.
    words = {v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())}
    body = lexicon.trie_pattern(sorted(words), escape=re.escape)
    # The same scan finds selon, d'après, pour… (ACCORDING_TO, as group "cue", in the same
    # three cases): one pass over the article instead of two.
    first = "".join(sorted({w[0] for w in words} | set("sdapàSDAPÀ")))
    # \b first: the cheapest test at the positions inside words (a word glued to a digit,
    # as in "4S" or "2A", is no verb anyway)
    return re.compile(rf"\b(?=[{re.escape(first)}])(?:{_ACCORDING_CASED}|" + body + r"(?![^\W\d_]))")


# ACCORDING_TO (matched with IGNORECASE elsewhere) written out in lowercase, Capitalised
# and UPPERCASE, for the case-sensitive trigger scan.
_ACCORDING_CASED = (
    r"(?P<cue>(?:selon|Selon|SELON|[dD]['’](?:après|APRÈS)|[aA]ux\s+yeux\s+d(?:e|u|es|['’])|AUX\s+YEUX\s+D(?:E|U|ES|['’])"
    r"|[dD]e\s+l['’]avis\s+d(?:e|u|es|['’])|DE\s+L['’]AVIS\s+D(?:E|U|ES|['’])|[àÀ]\s+en\s+croire|À\s+EN\s+CROIRE|pour|Pour|POUR)\b)"
)


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


def verb_groups(text: str) -> list[regex.Match]:
    """Every verb group of ``text``, left to right, not overlapping (like finditer)."""
    return scan_cues(text)[0]


def scan_cues(text: str) -> tuple[list[regex.Match], list["re.Match[str]"]]:
    """Every verb group of ``text`` (left to right, not overlapping, like finditer) and every
    selon/d'après/pour (like ``according_re().finditer``), in one pass over the text."""
    vg = verb_group_re()
    rx, n = vg._rx, len(text)
    out: list[regex.Match] = []
    accs: list["re.Match[str]"] = []
    last = 0
    for t in trigger_re().finditer(text):
        if t.lastgroup == "cue":
            accs.append(t)
            continue
        start = t.start()
        if start < last:
            continue
        m = rx.match(text, start, n)
        if m is not None and (not m.group("fin") or vg.determiner_ok(text, m)):
            out.append(m)
            last = m.end()
    return out, accs


@functools.lru_cache(maxsize=None)
def according_re() -> "re.Pattern[str]":
    return re.compile(r"(?=[sdapàSDAPÀ])" + ACCORDING_TO, re.IGNORECASE)  # look-ahead: skips other letters fast


_INV_GROUPS = ("inv_a", "inv_b", "inv_c", "inv_d", "inv_e", "inv_f")


def _inverted_group(m: regex.Match) -> str | None:
    """The name of the group holding the inverted subject pronoun of a cue match."""
    for g in _INV_GROUPS:
        if _group(m, g):
            return g
    return None


def inverted_pronoun(m: regex.Match) -> str | None:
    """The inverted subject pronoun of a verb-group match (il, elle, on, ils, elles)."""
    g = _inverted_group(m)
    return m.group(g).lower() if g else None


def pronoun_mention(m: regex.Match):
    """The inverted pronoun of a cue as a speaker ``Mention`` with its own span."""
    from .speakers import pronoun_mention as make

    g = _inverted_group(m)
    return make(m.group(g), m.start(g), m.end(g)) if g else None


def verb_kind(m: regex.Match) -> str:
    """finite, participle (compound tense), infinitive or gerund."""
    if _group(m, "ger"):
        return "gerund"
    if _group(m, "fin"):
        return "finite"
    return "compound"


_GROUP_NAMES: dict[int, tuple[object, frozenset]] = {}  # id(pattern) -> (pattern, its group names)


def _group(m: regex.Match, name: str) -> str | None:
    """Group ``name`` of a match, None when unmatched or when its pattern has no such
    group (cheaper than groupdict(): the verb-group pattern has dozens of groups)."""
    p = m.re
    entry = _GROUP_NAMES.get(id(p))
    if entry is None or entry[0] is not p:
        entry = _GROUP_NAMES[id(p)] = (p, frozenset(p.groupindex))
    return m.group(name) if name in entry[1] else None


def lemma(m: regex.Match) -> str | None:
    for g in ("pp", "rpp", "inf", "inf2", "fin", "ger"):
        w = _group(m, g)
        if w:
            v = lexicon.verbs().get(w.lower())
            if v:
                return v.lemma
    return None
