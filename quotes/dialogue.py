"""Literary dialogue: who speaks a dash turn (`— Tiens, dit-il.`) or a quote that a line of
narration introduces (`Le vieux se tourna vers elle :` then the quote).

Only dialogue runs this (dash turns, and quotes whose cue is a narrative sentence ending
with a colon); news goes through the cue rules of ``extract.py``. Every pattern is
compiled once at import; every look is bounded (``NARRATION_WINDOW``).

* :func:`turn_incise`: the incise of a dash turn, wherever its verb is: after the speech
  with a clitic (`me demanda ma voisine`, `lui dit-elle`), with a literary verb of the
  narrative (`fit le petit`, `continua-t-il`), in the first person (`répondis-je`) or
  with adverbs before an inverted subject (`interrompit sèchement le baron`).
* :func:`narrative_subject`: the subject of the last main clause of a line of narration
  (`Le vieux se tourna vers elle :` -> `Le vieux`), whatever its verb: in novels the
  sentence before a colon introduces the speech that follows.
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs
import regex

from . import lexicon
from .speakers import COMMON_VERBS, Mention, parse_np, pronoun_mention, subject_after
from .marks import QuotedSpan
from .text import Token, tokens

#: How far back a line of narration is read, in characters.
NARRATION_WINDOW = 300

# Verbs that introduce speech in narratives but not in news (so not in cues.tsv), third
# person passé simple and imperfect, and the first-person forms of the narrator.
LITERARY_VERBS = [
    "fit", "faisait", "firent", "continua", "continuait", "interrompit", "interrompait", "balbutia", "balbutiait",
    "bégaya", "bégayait", "gémit", "gémissait", "grogna", "grognait", "ricana", "ricanait", "songea", "songeait",
    "pensa", "pensait", "cria", "criait", "s'écria", "s’écria", "s'exclama", "s’exclama", "expliqua", "dit", "disait",
    "reprit", "reprenait", "répondit", "répondait", "demanda", "demandait", "ajouta", "ajoutait", "murmura",
    "murmurait", "répliqua", "répliquait", "riposta", "observa", "poursuivit", "poursuivait", "soupira", "soupirait",
    "hurla", "hurlait", "insista", "lança", "déclara", "conclut", "acheva", "commença", "dirent", "répondirent",
    "s'informa", "s’informa", "chuchota", "chuchotait", "souffla", "glissa", "appela", "supplia", "gronda", "grondait",
    "rugit", "siffla", "sanglota", "pleurnicha", "bredouilla", "articula", "prononça", "questionna", "interrogea",
    "approuva", "protesta", "objecta", "rétorqua", "railla", "plaisanta", "avoua", "déclarait", "affirma", "assura",
    "remarqua", "s'étonna", "s’étonna", "s'écriait", "s’écriait", "criaient", "disaient",
]
# Object or reflexive clitics between the speech and the incise verb (me demanda, lui dit).
_CLITIC = r"(?:(?:me|te|lui|nous|vous|leur|se)\s+|[mts]['’]\s*)"
# A first-person verb of the incise (répondis-je, demandai-je, fis-je): passé simple or
# imperfect; être, avoir and the modals (suis-je, ai-je, puis-je) ask a question instead.
_FIRST_PERSON = r"(?!(?:suis|ai|sais|puis|dois|vais|peux|veux|vois|crois|serais|aurais|pourrais|devrais|voudrais|saurais)-je)\p{Ll}[\p{Ll}]*(?:ai|ais|is|us|ins)"

_INCISE_RE = regex.compile(
    rf"""[,!?…;]\s*(?:[»”]\s*)?
    (?P<cue>{_CLITIC}?
      (?:
        (?P<verb>\p{{Ll}}[\p{{Ll}}]*?)(?:-t-(?P<pron>il|elle|on)|(?<=[dt])-(?P<pron2>il|elle|on|ils|elles))
      | {_FIRST_PERSON}-(?P<je>je)
      | (?P<lit>\L<verbs>)
      )
    )(?![\p{{L}}-])""",
    regex.VERBOSE,
    verbs=[v for v in LITERARY_VERBS],
)
# What may stand between an incise verb and its inverted subject: adverbs (sèchement,
# doucement, alors, aussitôt) and short adverbials.
_ADVERBS_RE = regex.compile(r"(?:\s*(?:\p{Ll}+ment|assez|très|fort|bien|si|plus|alors|aussitôt|enfin|encore|tout\s+bas|tout\s+haut|à\s+voix\s+basse|à\s+demi-voix)\b)*\s*")
_INDEFINITE = {"quelqu'un", "quelqu’un", "chacun", "chacune", "personne", "tous", "toutes", "l'un", "l’un", "l'autre", "l’autre"}


def turn_incise(text: str, start: int, end: int) -> Optional[tuple[regex.Match, Mention]]:
    """The first incise inside ``text[start:end]`` (a dash turn) with its speaker."""
    for m in _INCISE_RE.finditer(text, start, end):
        if m.group("je"):
            return m, Mention(m.start("je"), m.end("je"), m.group("je"), pronoun="je", type="person")
        for g in ("pron", "pron2"):
            if m.group(g):
                return m, pronoun_mention(m.group(g), m.start(g), m.end(g))
        pos = _ADVERBS_RE.match(text, m.end(), end).end()
        mention = _inverted_subject(text, pos, end)
        if mention is not None:
            return m, mention
    return None


def _inverted_subject(text: str, pos: int, end: int) -> Optional[Mention]:
    """The noun phrase after an incise verb (dit le vieillard, fit Douce, dit l'un d'eux)."""
    toks = tokens(text, pos, min(end, pos + 120))
    if not toks:
        return None
    first = toks[0].text.lower()
    if first in ("l'", "l’") and len(toks) > 1 and toks[1].text.lower() in ("un", "autre", "une"):
        k = 2
        if len(toks) > 3 and toks[2].text.lower() in ("d'", "d’") and toks[3].text.lower() in ("eux", "elles"):
            k = 4
        return Mention(toks[0].start, toks[k - 1].end, text[toks[0].start : toks[k - 1].end], description=text[toks[0].start : toks[k - 1].end], type="person")
    if first in _INDEFINITE:
        return Mention(toks[0].start, toks[0].end, toks[0].text, description=toks[0].text, type="person")
    if first not in _NP_OPENERS and not toks[0].is_cap:
        return None
    mention = subject_after(text, toks)
    if mention is None:
        mention = _possessed(text, toks)
    if mention is None or mention.pronoun is not None:
        return None
    return mention


# First- and second-person possessives, not in the news determiners (ma voisine, mon père).
_POSSESSIVES = {"mon", "ma", "mes", "ton", "ta", "tes", "votre", "vos"}
_NP_END = {",", ".", ";", ":", "!", "?", "…", "«", "»", "(", ")", "—", "–", '"'}


def _possessed(text: str, toks: Sequence[Token]) -> Optional[Mention]:
    """`ma jeune voisine`, `mon père`, `Mlle de Mauves`: noun phrases the news rules of
    ``speakers.parse_np`` leave out; the mention keeps the words as written."""
    if not toks:
        return None
    first = toks[0].text
    if first in lexicon.honorifics() and len(toks) >= 3 and toks[1].text.lower() in ("de", "d'", "d’") and toks[2].is_cap:
        name = text[toks[1].start : toks[2].end]
        return Mention(toks[0].start, toks[2].end, text[toks[0].start : toks[2].end], name=name, type="person", honorific=True, gender=lexicon.honorifics()[first])
    k = 1
    while k < len(toks) and k < 6 and toks[k].text not in _NP_END and toks[k].text.lower() not in _STOP_AFTER_NP:
        k += 1
    words = toks[:k]
    if first.lower() in _POSSESSIVES and len(words) >= 2:
        body = text[words[1].start : words[-1].end]
        return Mention(words[0].start, words[-1].end, text[words[0].start : words[-1].end], description=body, type="person")
    return None


_STOP_AFTER_NP = {"qui", "que", "qu'", "qu’", "en", "d'un", "avec", "dans", "sur", "sans", "à", "au", "aux", "et", "de", "d'", "d’", "du", "des", "pour", "par", "vers", "après", "tout", "se", "s'", "s’", "ne", "n'", "n’", "lui", "me", "m'", "m’", "nous", "vous", "le", "la", "les", "l'", "l’"}


_NP_OPENERS = {
    "le", "la", "les", "l'", "l’", "un", "une", "des", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses",
    "notre", "nos", "votre", "vos", "leur", "leurs", "ce", "cet", "cette", "ces", "du", "au", "aux",
}
_SUBJECT_PRONOUNS = {"il": "il", "elle": "elle", "ils": "ils", "elles": "elles", "on": "on", "je": "je", "j'": "je", "j’": "je", "tu": "tu"}
_CLITICS = {"ne", "n'", "n’", "me", "m'", "m’", "te", "t'", "t’", "se", "s'", "s’", "lui", "leur", "le", "la", "les", "l'", "l’", "y", "en", "nous", "vous"}
# Words after which a pronoun is no subject (vers elle, avec lui), or the subject of a
# subordinate clause (comme il les fixait, dont il crevait) rather than of the main one.
_NOT_MAIN_BEFORE = {
    "à", "de", "d'", "d’", "pour", "avec", "sans", "vers", "chez", "sur", "sous", "contre", "devant", "derrière",
    "par", "entre", "après", "avant", "envers", "comme", "que", "qu'", "qu’", "dont", "où", "si", "quand",
    "lorsque", "lorsqu'", "lorsqu’", "puisque", "puisqu'", "puisqu’", "parce", "tandis", "pendant", "qui",
}
_CLAUSE_PUNCT = {".", "!", "?", "…", ";", ":", "«", "»", "—", "–", "(", ")", '"', "“", "”"}
# A verb of the narrative: imperfect, passé simple, or a form we list.
_NARRATIVE_VERB_RE = regex.compile(r"\p{Ll}{2,}(?:ait|aient|èrent|irent|urent|inrent|a|it|ut|int)")
_NOT_VERBS = {
    "petit", "lit", "esprit", "nuit", "bruit", "droit", "fruit", "huit", "tout", "voilà", "déjà", "cela", "celà",
    "ça", "mais", "la", "sa", "ta", "ma", "à", "déjà", "soit", "avait", "était", "voix", "cela", "delà", "holà",
    "bandit", "crédit", "récit", "profit", "habit", "appétit", "écrit", "subit", "dépit", "produit", "circuit",
    "début", "but", "salut", "statut", "institut", "attribut", "tribut", "chut", "saint", "point", "joint",
    "poing", "coin", "loin", "besoin", "témoin", "soin", "était", "cinéma", "opéra", "aria", "extra", "villa",
    "comma", "dogma", "drama", "sofa", "panorama", "camélia", "gala", "java", "vérandah", "véranda", "mea",
}
_NOT_VERBS -= {"avait", "était"}


def _is_verb(tok: Token) -> bool:
    w = tok.text.lower()
    if tok.is_cap:
        return False
    if w in _NOT_VERBS:
        return False
    if w in COMMON_VERBS:
        return True
    v = lexicon.verbs().get(w)
    if v is not None:
        return v.form == "finite"
    return _NARRATIVE_VERB_RE.fullmatch(w) is not None


def narrative_subject(text: str, start: int, end: int) -> Optional[Mention]:
    """The subject of the last main clause of the narration ``text[start:end]``."""
    found = narration(text, start, end)
    return found[0] if found else None


def narration(text: str, start: int, end: int) -> Optional[tuple[Mention, str]]:
    """The subject of the last main clause of the narration ``text[start:end]``, and its verb.

    A subject pronoun (il, elle, je) followed by its verb, or a noun phrase just before
    its verb (`La vieille femme leva les yeux`, `Mère Agathe nous dit`), the one nearest
    the end; pronouns of a subordinate clause (`comme il …`) and objects (`vers elle`) are
    no subjects.
    """
    start = max(start, end - NARRATION_WINDOW)
    # read the last sentence only (its stop found by a few rfind, not by tokens)
    stop = end
    while stop > start and text[stop - 1] in " \t\r\n\u00a0\u202f:,.!?…":
        stop -= 1
    start = max([start] + [text.rfind(ch, start, stop) + 1 for ch in "!?…»”\n"])
    toks = tokens(text, start, end)
    # the last sentence: after the last hard stop (a colon at the very end does not count)
    while toks and toks[-1].text in (":", ",", ".", "!", "?", "…"):
        toks = toks[:-1]
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in (".", "!", "?", "…", "»", "”", '"', ":"):
            toks = toks[k + 1 :]
            break
    n = len(toks)
    for k in range(n - 1, -1, -1):
        t = toks[k]
        w = t.text.lower()
        prev = toks[k - 1].text.lower() if k > 0 else ""
        if w in _SUBJECT_PRONOUNS and prev not in _NOT_MAIN_BEFORE and k + 1 < n:
            j = k + 1
            while j < n and toks[j].text.lower() in _CLITICS:
                j += 1
            if j < n and toks[j].text[:1].islower() and toks[j].text.lower() not in _NOT_MAIN_BEFORE:
                p = _SUBJECT_PRONOUNS[w]
                if p == "je" or p == "tu":
                    return Mention(t.start, t.end, t.text, pronoun=p, type="person"), toks[j].text
                return pronoun_mention(t.text, t.start, t.end), toks[j].text
        if _is_verb(t) and k > 0:
            np = _np_before(text, toks, k)
            if np is not None:
                return np, t.text
    return None


# The tenses of a narrative (passé simple, imperfect), which news does not write in.
_NARRATIVE_TENSE_RE = regex.compile(r"\p{Ll}+(?:ait|aient|èrent|irent|urent|inrent|a|it|ut|int|ît|ût)")


def narrative_tense(verb: str) -> bool:
    """Whether ``verb`` is a passé simple or an imperfect (leva, disait, fit, reprit)."""
    v = verb.lower()
    return v not in _AUXILIARIES and _NARRATIVE_TENSE_RE.fullmatch(v) is not None


# Auxiliaries: "avait adressé" is a compound tense, which news writes in too.
_AUXILIARIES = {"avait", "avaient", "était", "étaient", "eut", "eurent", "fut", "furent", "aurait", "auraient", "serait", "seraient"}


def _np_before(text: str, toks: Sequence[Token], v: int) -> Optional[Mention]:
    """The noun phrase right before the verb ``toks[v]`` (object clitics skipped), when it
    opens a clause: `La vieille femme leva`, `Mère Agathe nous dit`, `quelqu'un lui dit`."""
    j = v
    while j > 0 and toks[j - 1].text.lower() in _CLITICS:
        j -= 1
    # "Mlle Agathe, le voyant hésiter, lui dit": skip asides between commas
    for _ in range(3):
        if j < 2 or toks[j - 1].text != ",":
            break
        k = j - 2
        while k >= 0 and toks[k].text != "," and toks[k].text not in _CLAUSE_PUNCT and j - k < 30:
            k -= 1
        if k < 0 or toks[k].text != ",":
            break
        j = k
    end = j
    if end > 0 and toks[end - 1].text.lower() in _SUBJECT_PRONOUNS:
        t = toks[end - 1]
        p = _SUBJECT_PRONOUNS[t.text.lower()]
        if end - 1 == 0 or toks[end - 2].text.lower() not in _NOT_MAIN_BEFORE:
            if p in ("je", "tu"):
                return Mention(t.start, t.end, t.text, pronoun=p, type="person")
            return pronoun_mention(t.text, t.start, t.end)
        return None
    i = j
    while i > 0:
        w = toks[i - 1].text.lower()
        if toks[i - 1].text in _CLAUSE_PUNCT or toks[i - 1].text == ",":
            break
        if w in _NP_OPENERS:
            i -= 1
            break
        if w in _NOT_MAIN_BEFORE or w in _SUBJECT_PRONOUNS or w in ("et", "puis", "mais", "ou", "alors") or _is_verb(toks[i - 1]):
            if w in ("de", "d'", "d’") and i < end and toks[i].is_cap and i - 1 > 0:
                i -= 1  # a name particle: Le comte de Farlsberg
                continue
            break
        i -= 1
        if end - i > 6:
            return None
    if i >= end:
        return None
    # the phrase must open a clause: nothing but an adverb, a conjunction or punctuation before
    before = toks[i - 1].text.lower() if i > 0 else ""
    if i > 0 and before not in (",", ";", "et", "puis", "mais", "alors", "enfin", "soudain", "aussitôt", "bientôt", "ensuite") and toks[i - 1].text not in _CLAUSE_PUNCT:
        if not (toks[i].text.lower() in _NP_OPENERS or toks[i].is_cap):
            return None
    first = toks[i].text.lower()
    if end - i == 1 and first in _INDEFINITE:
        t = toks[i]
        return Mention(t.start, t.end, t.text, description=t.text, type="person")
    if not (first in _NP_OPENERS or toks[i].is_cap or (i + 1 < end and toks[i + 1].is_cap)):
        return None  # "mère Clarisse", "oncle Jules": a title before a name
    mention = parse_np(text, toks[i:end]) or _possessed(text, toks[i:end])
    if mention is None or mention.pronoun is not None or not (mention.name or mention.description):
        return None
    return mention


# The end of an incise: its sentence ends, or a comma or semicolon gives the speech back.
_INCISE_END_RE = regex.compile(r"[^.!?…;:,]*+[.!?…;:,]")


def speech_resumes(text: str, pos: int, end: int) -> bool:
    """Whether speech goes on after an incise ending at ``pos`` in a turn ending at ``end``
    (`…, me dit-elle. Êtes-vous prête ?`), so that the incise is not the end of the turn."""
    m = _INCISE_END_RE.match(text, pos, end)
    return m is not None and regex.search(r"\p{L}", text[m.end() : end]) is not None


def merge_marked_turns(marked: list[QuotedSpan], turns: list[QuotedSpan]) -> tuple[list[QuotedSpan], list[QuotedSpan]]:
    """A dash turn written between guillemets (`— « Suivez-moi. »`, `— « Oui » dit-il.`)
    is one quote: the turn, starting inside the marks, and ending with them when nothing
    follows on the line (an incise after them stays in the turn, to be cut off)."""
    by_open = {q.open_start: q for q in marked}
    drop: set[int] = set()
    out: list[QuotedSpan] = []
    for turn in turns:
        inner = by_open.get(turn.start)
        if inner is None or inner.close_end > turn.close_end:
            out.append(turn)
            continue
        drop.add(inner.open_start)
        end = inner.end if inner.close_end >= turn.end else turn.end
        out.append(attrs.evolve(turn, start=inner.start, end=end))
    if not drop:
        return marked, turns
    return [q for q in marked if q.open_start not in drop], out
