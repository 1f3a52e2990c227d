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
_ADVERBS_RE = regex.compile(r"(?:\s*(?:\p{Ll}+ment|en\s+\p{Ll}+ant|assez|très|fort|bien|si|plus|alors|aussitôt|enfin|encore|tout\s+bas|tout\s+haut|à\s+voix\s+basse|à\s+demi-voix)\b)*\s*")
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
_NARRATIVE_VERB_RE = regex.compile(r"\p{Ll}{2,}(?:ait|aient|èrent|irent|urent|inrent|a|it|ut|int|ît|ût|înt)")
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


def narration(text: str, start: int, end: int, before: bool = True) -> Optional[tuple[Mention, str]]:
    """The subject of the last main clause of the narration ``text[start:end]``, and its verb.

    A subject pronoun (il, elle, je) followed by its verb, or a noun phrase just before
    its verb (`La vieille femme leva les yeux`, `Mère Agathe nous dit`), the one nearest
    the end; pronouns of a subordinate clause (`comme il …`) and objects (`vers elle`) are
    no subjects. A last sentence with no subject of its own (`Quand il eut fini :`)
    gives the subject of the sentence before it (``before``).
    """
    para = start
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
            if j < n and toks[j].text[:1].islower() and toks[j].text.lower() not in _NOT_MAIN_BEFORE and not (
                w == "il" and (toks[j].text.lower() in _IMPERSONAL or toks[k + 1].text.lower() == "y")
            ):
                p = _SUBJECT_PRONOUNS[w]
                if p == "je" or p == "tu":
                    return Mention(t.start, t.end, t.text, pronoun=p, type="person"), toks[j].text
                return pronoun_mention(t.text, t.start, t.end), toks[j].text
        if k > 0 and (_is_verb(t) or (prev in ("se", "s'", "s’", "qui") and t.text[:1].islower())):
            np = _np_before(text, toks, k)
            if np is not None:
                return np, t.text
    if before and toks and toks[0].start > para + 1:
        return narration(text, para, toks[0].start, before=False)
    return None


# Impersonal verbs: "il fallut que …" has no speaker for a subject.
_IMPERSONAL = {"faut", "fallait", "fallut", "faudra", "faudrait", "semblait", "sembla", "semble", "paraît", "paraissait", "parut", "arriva", "arrivait", "pleuvait", "était", "est", "s'agissait", "s’agissait", "suffisait", "suffit", "restait", "resta"}

# The tenses of a narrative (passé simple, imperfect), which news does not write in.
_NARRATIVE_TENSE_RE = regex.compile(r"\p{Ll}+(?:ait|aient|èrent|irent|urent|inrent|a|it|ut|int|ît|ût)")


def narrative_tense(verb: str) -> bool:
    """Whether ``verb`` is a passé simple or an imperfect (leva, disait, fit, reprit)."""
    v = verb.lower()
    return v not in _AUXILIARIES and _NARRATIVE_TENSE_RE.fullmatch(v) is not None


# Auxiliaries: "avait adressé" is a compound tense, which news writes in too.
_AUXILIARIES = {"avait", "avaient", "était", "étaient", "eut", "eurent", "fut", "furent", "aurait", "auraient", "serait", "seraient"}


def _np_before(text: str, toks: Sequence[Token], v: int) -> Optional[Mention]:
    w = toks[v].text.lower()
    verb = lexicon.verbs().get(w)
    return _np_before_verb(text, toks, v, saying=verb is not None and verb.form == "finite")


def _np_before_verb(text: str, toks: Sequence[Token], v: int, saying: bool) -> Optional[Mention]:
    """The subject right before the verb ``toks[v]`` (object clitics skipped), when it
    opens a clause: `La vieille femme leva`, `Mère Agathe nous dit`, `quelqu'un lui dit`,
    `Mlle Agathe, le voyant hésiter, lui dit`, `le vieux, qui lui fit signe`."""
    j = v
    while j > 0 and toks[j - 1].text.lower() in _CLITICS:
        j -= 1
    if j > 0 and toks[j - 1].text.lower() == "qui":
        # "son regard se posa sur le vieux qui lui fit signe": the antecedent
        return _np_ending(text, toks, j - 1, relative=True, saying=saying)
    found = _np_ending(text, toks, j, saying=saying)
    # "Mlle Agathe, le voyant hésiter, lui dit": skip asides between commas (an aside
    # with a subject of its own is a clause: "Brusquement, il se tut, serra …")
    p = j - 1
    for _ in range(3):
        if found is not None or p < 1 or toks[p].text != ",":
            break
        k = p - 1
        while k >= 0 and toks[k].text != "," and toks[k].text not in _CLAUSE_PUNCT and p - k < 30:
            k -= 1
        if k < 0 or toks[k].text != ",":
            break
        if any(t.text.lower() in _SUBJECT_PRONOUNS and toks[x - 1].text.lower() not in _NOT_MAIN_BEFORE for x, t in enumerate(toks[k + 1 : p], k + 1)):
            break
        found = _np_ending(text, toks, k, saying=saying)
        p = k
    return found


def _np_ending(text: str, toks: Sequence[Token], end: int, relative: bool = False, saying: bool = False) -> Optional[Mention]:
    """A subject pronoun or a noun phrase ending at ``toks[end]`` (exclusive) and opening a
    clause (or, for ``relative``, the antecedent of a relative pronoun). It must name a
    person, unless its verb is one of saying (``saying``: `La maraîchère reprit`)."""
    if end > 0 and toks[end - 1].text.lower() in _SUBJECT_PRONOUNS:
        if relative:
            return None
        t = toks[end - 1]
        p = _SUBJECT_PRONOUNS[t.text.lower()]
        if end - 1 == 0 or toks[end - 2].text.lower() not in _NOT_MAIN_BEFORE:
            if p in ("je", "tu"):
                return Mention(t.start, t.end, t.text, pronoun=p, type="person")
            return pronoun_mention(t.text, t.start, t.end)
        return None
    i = end
    while i > 0:
        w = toks[i - 1].text.lower()
        if toks[i - 1].text in _CLAUSE_PUNCT or toks[i - 1].text == ",":
            break
        if w in _NP_OPENERS:
            i -= 1
            break
        if i < end and all(x.is_cap for x in toks[i:end]) and not toks[i - 1].is_cap and w not in PERSON_NOUNS and w not in lexicon.titles() and w not in ("de", "d'", "d’"):
            break  # "Et tout à coup Clémence me dit": the name starts the phrase
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
    # a subject opens its clause: no preposition before it (par mon insistance, sur le banc)
    before = toks[i - 1].text.lower() if i > 0 else ""
    if not relative and before in _NOT_MAIN_BEFORE:
        return None
    first = toks[i].text.lower()
    if end - i == 1 and first in _INDEFINITE:
        t = toks[i]
        return Mention(t.start, t.end, t.text, description=t.text, type="person")
    if not (first in _NP_OPENERS or toks[i].is_cap or (i + 1 < end and toks[i + 1].is_cap)):
        return None  # "mère Clarisse", "oncle Jules": a title before a name
    if end - i == 1 and first.endswith("ment"):
        return None  # "Brusquement": an adverb opening the sentence
    mention = parse_np(text, toks[i:end]) or _possessed(text, toks[i:end])
    if mention is None or mention.pronoun is not None or not (mention.name or mention.description):
        return None
    if mention.text.lower() in ("c'", "c’", "ce", "cela", "ça"):
        return None
    if not saying and not mention.name and not _person_words(mention.description or ""):
        return None  # "la main", "son regard", "la pluie": a subject that does not speak
    return mention


# Nouns of persons that narratives use and news titles do not (titles.tsv has the others).
PERSON_NOUNS = frozenset(
    """homme femme vieillard vieille vieux garçon gars fillette enfant petit petite gamin gamine jeune dame
    demoiselle monsieur madame mademoiselle abbé curé prêtre pasteur moine religieuse maîtresse maître nourrice bonne
    servante domestique valet laquais cocher postillon paysan paysanne baron baronne comte comtesse marquis marquise
    duc duchesse chevalier seigneur inconnu inconnue étranger étrangère camarade élève marchand marchande fermier
    fermière meunier meunière mendiant malade moribond mourant blessé blessée voyageur voyageuse hôte hôtesse
    aubergiste sergent caporal major gardien gardienne concierge portier épicier boulanger boucher cuisinier
    cuisinière maman papa bonhomme interlocuteur interlocutrice partenaire visiteur visiteuse amant fiancé fiancée
    veuve veuf notaire clerc greffier commis bourgeois bourgeoise individu personnage aveugle sourd muet fou folle
    méchant méchante compagne compagnon ami amie voisin voisine gens tous autre autres uns deux trois chacun
    chacune personne bambin bébé neveu nièce parrain marraine cousin cousine époux épouse mari marin matelot mousse
    berger bergère garde facteur roi reine pauvre riche maman nounou grand-maman grand-papa sire moine frère sœur
    nonne novice orphelin orpheline héros héroïne bandit brigand voleur assassin""".split()
)
# Nouns of agents (charretier, gardien, pianiste, porteuse) name persons, but for these.
_AGENT_RE = regex.compile(r"\p{Ll}{3,}(?:ier|ière|ien|ienne|iste|euse|eur|trice)")
_NOT_AGENTS = frozenset(
    """cœur coeur fleur couleur chaleur douleur odeur peur honneur bonheur malheur humeur lueur rumeur saveur valeur
    vapeur fureur terreur horreur erreur ardeur faveur hauteur largeur longueur profondeur candeur pâleur rougeur
    blancheur noirceur fraîcheur douceur lenteur grandeur splendeur moiteur torpeur stupeur langueur froideur
    papier escalier tablier panier collier soulier sentier métier quartier chantier foyer atelier encrier grenier
    lien chien entretien maintien soutien matière lumière manière poussière rivière prière frontière carrière
    paupière barrière cafetière théière chaumière bruyère clairière poitrine liste piste""".split()
)


def _person_words(description: str) -> bool:
    """Whether a description names a person (le vieux meunier, la jeune fille, sa mère)."""
    titles = lexicon.titles()
    for w in regex.findall(r"[\p{L}-]+", description.lower()):
        for form in (w, w[:-1] if w.endswith(("s", "x")) else w):
            if form in PERSON_NOUNS or (form in titles and titles[form].type == "person"):
                return True
            if form not in _NOT_AGENTS and _AGENT_RE.fullmatch(form):
                return True
    return False


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
