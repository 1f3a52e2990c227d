"""Stage 3: speakers. Reads the noun phrase that names who spoke, next to a cue.

Two places hold a speaker: before the cue verb (`Le chef de la diplomatie russe a
affirmé`, `Maria Zakharova, porte-parole du ministère, a déclaré`) and after it, inverted
(`a déclaré le ministre russe des Affaires étrangères Sergueï Lavrov au cours de…`,
`selon une source proche de l'enquête`). Both are cut into a ``Mention``: the name (a
run of capitalised words, split from a title by known first names and prepositions), the
role (the title words), the gender the words show (M./Mme, le/la, il/elle, déléguée) and
whether it is a person, an organisation or unknown.
"""

from __future__ import annotations

import functools
import re

from typing import Optional, Sequence

import attrs
import regex

from . import lexicon
from .model import _new, _setters
from .text import Token, tokens

PRONOUNS = {"il": ("m", False), "elle": ("f", False), "ils": ("m", True), "elles": ("f", True), "on": (None, False)}

DETERMINERS = {
    "le": "m", "la": "f", "les": None, "l'": None, "l’": None, "un": "m", "une": "f", "des": None,
    "du": "m", "ce": "m", "cet": "m", "cette": "f", "ces": None, "son": None, "sa": "f",
    "ses": None, "leur": None, "leurs": None, "notre": None, "nos": None, "plusieurs": None,
    "certains": "m", "certaines": "f", "quelques": None, "deux": None, "trois": None,
    "de": None, "d'": None, "d’": None,
}
# Words that join a name or a title to its complement.
PREPOSITIONS = {"de", "d'", "d’", "du", "des", "la", "l'", "l’", "le", "les", "à", "au", "aux", "en", "pour", "sur", "et"}
# Lowercase particles inside personal names (Jean-Yves Le Drian has capitals; these do not).
NAME_PARTICLES = {"de", "d'", "d’", "du", "von", "van", "der", "den", "da", "di", "dos", "bin", "ben", "ibn", "al", "el", "y", "ter", "ten"}
# Words that end an inverted subject (a déclaré X au cours d'une conférence).
NP_STOP = {
    "au", "aux", "à", "lors", "dans", "devant", "sur", "pendant", "après", "avant", "en", "pour", "par",
    "avec", "chez", "depuis", "vers", "selon", "qui", "que", "qu'", "qu’", "dont", "où", "et", "mais",
    "car", "alors", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier",
    "aujourd'hui", "ce", "cette", "ces", "tandis", "lorsque", "quand", "si", "comme", "sans", "ne", "n'",
    "n’", "se", "s'", "s’", "y", "il", "elle", "ils", "elles", "on", "aussi", "encore", "également",
    "ainsi", "notamment", "toutefois", "cependant", "récemment", "jusqu'ici", "dès", "face",
    "auprès", "contre", "entre", "sous", "parmi", "via", "outre", "interrogé", "interrogée", "cité",
    "citée", "cités", "interrogés", "joint", "jointe", "ajoutant", "précisant", "soulignant",
}
# Adverbial openings of a clause that are not part of its subject.
LEADING_ADVERBS = {
    "pourtant", "ainsi", "alors", "aussi", "enfin", "mais", "et", "or", "donc", "puis", "déjà", "hier",
    "aujourd'hui", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "depuis",
    "ensuite", "désormais", "récemment", "finalement", "cependant", "toutefois", "néanmoins", "même",
    "seul", "seule", "là", "ici", "car", "dès", "auparavant", "d'abord", "en", "outre", "plus", "tard",
}
_SKIP_AFTER_VERB = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir", "matin",
    "dernier", "aujourd'hui", "encore", "ainsi", "également", "aussi", "notamment", "enfin", "alors",
    "ensuite", "récemment", "publiquement", "lui-même", "elle-même", "même", "déjà", "toutefois",
}
# Nouns that carry someone else's words: "selon les informations du Figaro" -> le Figaro.
_DOCUMENTS = {"communiqué", "rapport", "texte", "lettre", "document", "tribune", "note", "étude", "message", "courrier", "courriel", "tweet", "post", "déclaration", "avis"}
_SOURCE_CARRIERS = {"informations", "information", "propos", "déclarations", "mots", "termes", "chiffres", "données", "révélations", "estimations"}
ORG_HINTS = {"times", "post", "journal", "monde", "figaro", "libération", "afp", "reuters", "ap", "bbc", "cnn", "tass", "ria"}


@attrs.frozen
class Mention:
    """A speaker as the words near the cue give it."""

    start: int
    end: int
    text: str
    name: Optional[str] = None  # a proper name as written (Sergueï Lavrov, Lavrov, Kremlin)
    description: Optional[str] = None  # a common-noun phrase, determiner removed
    role: Optional[str] = None
    pronoun: Optional[str] = None
    gender: Optional[str] = None
    type: str = "unknown"
    plural: bool = False
    honorific: bool = False


# _mention builds a Mention writing its slots directly, as the model's fast constructors
# do (quotes.model._setters): the same object, faster.
_MENTION_SET = _setters(Mention)


def _mention(
    start: int, end: int, text: str, name: Optional[str], description: Optional[str], role: Optional[str],
    pronoun: Optional[str], gender: Optional[str], type: str, plural: bool, honorific: bool,
) -> Mention:
    """``Mention(start, end, text, name, description, role, pronoun, gender, type, plural, honorific)``."""
    m = _new(Mention)
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10 = _MENTION_SET
    s0(m, start)
    s1(m, end)
    s2(m, text)
    s3(m, name)
    s4(m, description)
    s5(m, role)
    s6(m, pronoun)
    s7(m, gender)
    s8(m, type)
    s9(m, plural)
    s10(m, honorific)
    return m


def pronoun_mention(pron: str, start: int, end: int) -> Mention:
    p = pron.lower()
    g, pl = PRONOUNS[p]
    return _mention(start, end, pron, None, None, None, p, g, "unknown", pl, False)


# Capitalised words that open a sentence or a clause and are never part of a name.
FUNCTION_CAPS = {
    "pour", "selon", "dans", "pourtant", "et", "mais", "après", "avant", "depuis", "chez", "avec", "en",
    "au", "aux", "si", "quand", "lorsque", "alors", "car", "donc", "ainsi", "enfin", "puis", "cependant",
    "toutefois", "interrogé", "interrogée", "contacté", "contactée", "pendant", "lors", "face", "sur",
    "sous", "par", "vers", "outre", "dès", "jusqu'à", "comme", "ici", "là", "or", "d'après", "aussi",
    "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "ce", "cette",
    "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "c'est", "cet", "ces", "son", "sa",
    "quelquefois", "parfois", "souvent", "toujours", "jamais", "soudain", "bientôt", "aussitôt",
    "maintenant", "déjà", "tout", "puis", "ensuite", "là-dessus", "cependant", "néanmoins", "comme",
    "ses", "leur", "leurs", "notre", "nos", "un", "une", "des", "du", "de", "le", "la", "les", "l'", "d'",
}
# Words that cannot make a speaker by themselves.
NOT_SPEAKERS = {
    "que", "qu'", "qui", "ce", "ceci", "cela", "ça", "celui-ci", "celle-ci", "ceux-ci", "celles-ci",
    "tout", "tous", "lui", "eux", "y", "en", "rien", "personne", "chacun", "certains", "autre", "autres",
    "même", "moi", "toi", "nous", "vous", "soi", "dont", "où", "le", "la", "les", "un", "une", "des",
}
# Common finite verbs: a clause's subject ends before them.
COMMON_VERBS = {
    "est", "sont", "était", "étaient", "a", "ont", "avait", "avaient", "fait", "font", "va", "vont",
    "peut", "peuvent", "doit", "doivent", "veut", "veulent", "sera", "seront", "serait", "aurait",
    "faut", "semble", "reste", "devient", "estime", "appelle", "juge", "pense", "croit",
    # passé simple, the tense of narratives
    "fut", "furent", "eut", "eurent", "fit", "firent", "alla", "allèrent", "vint", "vinrent", "prit",
    "prirent", "mit", "mirent", "vit", "virent", "sut", "put", "dut", "voulut", "resta", "sembla",
}


_PARTICLE_NAME_RE = regex.compile(r"(?:al|el|ben|bin|abu|ibn|ould)-\p{Lu}")


# An imperfect-tense verb (parlait, risquaient): it ends a subject, whatever the verb.
_IMPERFECT_RE = regex.compile(r"\p{Ll}{3,}(?:ait|aient)")
_IMPERFECT_ENDINGS = ("ait", "aient")  # a fast test before the pattern
_NOUNS_IN_AIT = {"portrait", "portraits", "extrait", "bienfait", "souhait", "attrait", "retrait", "parfait", "trait", "lait"}


def _is_cap(tok: Token) -> bool:
    """A capitalised word, or a particle name (al-Assad, el-Sissi)."""
    t = tok.text
    if t[:1].isupper():
        return True
    return t[:1] in "aebio" and "-" in t[:5] and _PARTICLE_NAME_RE.match(t) is not None


_TITLE_PREFIXES = ("vice-", "ex-", "co-", "sous-", "vice ", "pro-", "haut-", "haute-")


@functools.lru_cache(maxsize=None)
def _title_first_words() -> frozenset[str]:
    """The first word of every title: where a title can start."""
    return frozenset(t.split()[0] for t in lexicon.titles()) | {"vice"}  # "vice président"


def _title_at(words: Sequence[str], i: int) -> Optional[lexicon.Title]:
    """The longest title starting at word ``i`` (lowercase words)."""
    if i < len(words) and words[i] not in _title_first_words() and not words[i].startswith(_TITLE_PREFIXES):
        return None  # no title starts with this word (most words: a fast exit)
    table = lexicon.titles()
    for n in (4, 3, 2, 1):
        if i + n <= len(words):
            key = " ".join(words[i : i + n])
            t = table.get(key)
            if t is None and key.startswith(_TITLE_PREFIXES):
                t = table.get(key.split("-", 1)[-1])
            if t:
                return t
    return None


_HARD_PUNCT = {".", ";", ":", "!", "?", "«", "»", '"', "“", "”", "(", ")", "[", "]", "—", "–"}


def role_before(text: str, toks: Sequence[Token]) -> Optional[str]:
    """A title just before a name: 'le ministre russe des Affaires étrangères' Sergueï Lavrov."""
    toks = list(toks)
    if toks and toks[-1].text == ",":
        toks = toks[:-1]
    low_all = [t.text.lower() for t in toks]
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k].text.lower()
        if w in {"et", "ou"} and 0 < k < len(toks) - 1 and _title_at(low_all, k + 1) and _title_at(low_all, k - 1):
            continue  # "le chanteur et compositeur X": two titles of one person
        if toks[k].text in _HARD_PUNCT or toks[k].text == "," or (w in NP_STOP and w not in PREPOSITIONS) or (w in {"et", "ou"} and k < len(toks) - 1):
            toks = toks[k + 1 :]
            break
    low = [t.text.lower() for t in toks]
    if low and low[-1] in {"de", "d'", "d’", "du", "des", "à", "au", "aux", "et", "ou", "avec", "par", "pour"}:
        return None  # "un proche de Brigitte Troadec": the name is the complement, not the holder
    for k in range(len(toks)):
        title = _title_at(low, k)
        if title and title.type == "person" and (k == 0 or low[k - 1] in DETERMINERS or low[k - 1] in PREPOSITIONS):
            role = _join(text, toks[k:])
            return role or None
        if title and title.type == "person" and k >= 2 and low[k - 1] in _TITLE_ADJECTIVES and low[k - 2] in DETERMINERS:
            return _join(text, toks[k - 1 :])  # "la jeune sabreuse française de 20 ans Manon Brunet"
    return None


# Adjectives that may stand before a title (l'ancien ministre, la jeune sabreuse).
_TITLE_ADJECTIVES = {
    "jeune", "ancien", "ancienne", "nouveau", "nouvel", "nouvelle", "actuel", "actuelle", "futur", "future",
    "célèbre", "grand", "grande", "premier", "première", "second", "seconde", "éternel", "éternelle", "ex",
}


def role_gender(role: str) -> Optional[str]:
    """The gender a role's head noun shows (directrice, mari), if any."""
    words = role.lower().split()
    t = _title_at(words, 0) if words else None
    return t.gender if t else None


def role_after(text: str, toks: Sequence[Token]) -> Optional[str]:
    """An apposition after a name: Maria Zakharova, 'porte-parole du ministère',."""
    toks = list(toks)
    low0 = [t.text.lower() for t in toks[:4]]
    if low0[:2] in (["qui", "est"], ["qui", "était"]) or low0[1:3] in ([ "qui", "est"], ["qui", "était"]):
        # "Marie-Caroline Hamon qui est déléguée générale de …": a copula gives the title
        k = low0.index("qui") + 2
        rest = toks[k:]
        if rest and rest[0].text.lower() in DETERMINERS:
            rest = rest[1:]
        if rest and _title_at([t.text.lower() for t in rest[:4]], 0):
            toks = [Token(",", toks[k - 1].start, toks[k - 1].end)] + rest
    if not toks or toks[0].text not in {",", "("}:
        return None
    app: list[Token] = []
    depth = 0
    for i, t in enumerate(toks[1:], 1):
        w = t.text.lower()
        if t.text == "(" and app:
            depth += 1  # "ancien député et ministre (de l'économie)": keep the aside
        elif t.text == ")" and depth:
            depth -= 1
            app.append(t)
            continue
        if depth:
            app.append(t)
            continue
        if t.text in _HARD_PUNCT or t.text == ",":
            break
        if w == "et" and i + 1 < len(toks) and toks[i + 1].text.lower() in DETERMINERS:
            break  # "ministre des Transports et la secrétaire d'Etat…": another person
        if app and (w in COMMON_VERBS or (w in lexicon.verbs() and lexicon.verbs()[w].form != "participle")):
            break  # "X, premier vice-président du Burundi a réagi": the apposition ends at the verb
        app.append(t)
        if len(app) > 14:
            return None
    low = [t.text.lower() for t in app]
    k = 1 if low and low[0] in DETERMINERS else 0
    if k < len(app) and _title_at(low, k):
        return _join(text, app[k:])
    # a bare noun phrase in apposition is a role too: "Christian Casseyas, archéologue belge,"
    if k == 0 and app and _APPOSITION_HEAD_RE.fullmatch(app[0].text) and low[0] not in _NOT_APPOSITION:
        return _join(text, app)
    return None


# A lowercase noun that may head a role in apposition (not a participle or an adverb).
_APPOSITION_HEAD_RE = regex.compile(r"(?!\p{Ll}+(?:é|ée|és|ées|ant|ment)$)\p{Ll}[\p{Ll}-]{2,}")
_NOT_APPOSITION = {
    "qui", "que", "dont", "où", "lui", "elle", "eux", "selon", "comme", "alors", "puis", "mais", "donc",
    "aussi", "ainsi", "même", "encore", "déjà", "toujours", "jamais", "parfois", "souvent", "ici", "là",
    "lors", "dans", "pour", "avec", "sans", "sous", "sur", "vers", "chez", "entre", "après", "avant",
    "depuis", "pendant", "contre", "malgré", "notamment", "surtout", "enfin", "hier", "aujourd'hui",
    "demain", "mardi", "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "elles", "ils",
    "cette", "ces", "ce", "cet", "son", "sa", "ses", "leur", "leurs", "tous", "toutes", "tout", "plus",
    "moins", "très", "trop", "bien", "mal", "peu", "beaucoup", "et", "ou", "ni", "car", "non", "oui",
}


def _join(text: str, toks: Sequence[Token]) -> str:
    if not toks:
        return ""
    return text[toks[0].start : toks[-1].end]


def _strip_punct(toks: list[Token]) -> list[Token]:
    while toks and toks[0].text in {",", ";", ":", "(", ")", "-", "–", "—"}:
        toks = toks[1:]
    while toks and toks[-1].text in {",", ";", ":", "(", ")", "-", "–", "—", "."}:
        toks = toks[:-1]
    return toks


_TRAILING_CLITICS = {"y", "en", "se", "s'", "s’", "ne", "n'", "n’", "lui", "leur", "le", "la", "les", "l'", "l’", "nous", "vous", "me", "m'", "ainsi", "aussi", "alors", "donc"}


# Common nouns of organisations that stand before their name (le groupe Canal +).
_ORG_NOUNS = {
    "groupe", "société", "association", "chaîne", "journal", "parti", "entreprise", "club", "syndicat", "ong", "cabinet",
    "firme", "banque", "agence", "hebdomadaire", "quotidien", "magazine", "site", "radio", "mouvement", "collectif",
    "fédération", "compagnie", "constructeur", "laboratoire", "fondation", "institut", "opérateur", "enseigne", "marque",
}


# Nouns of institutions whose name they begin (le comité Nobel, la fondation Abbé Pierre).
_NAMED_INSTITUTIONS = {"comité", "fondation", "institut", "observatoire"}


def parse_np(text: str, toks: Sequence[Token]) -> Optional[Mention]:
    """Cut one noun phrase (no commas inside) into name, description, role and gender."""
    toks = _strip_punct(list(toks))
    while len(toks) > 1 and toks[-1].text.lower() in _TRAILING_CLITICS:
        toks = toks[:-1]
    if not toks:
        return None
    low = [t.text.lower() for t in toks]
    if len(toks) > 1 and low[-1] in PRONOUNS:
        # "une tribune dans laquelle elle": the pronoun is the subject
        t = toks[-1]
        return pronoun_mention(t.text, t.start, t.end)
    if len(toks) == 1 and low[0] in PRONOUNS:
        g, pl = PRONOUNS[low[0]]
        return _mention(toks[0].start, toks[0].end, toks[0].text, None, None, None, low[0], g, "unknown", pl, False)
    i = 0
    gender = None
    det = None
    # l'une des juges, un des responsables
    if len(low) >= 2 and low[1] in ("une", "un") and low[0] in ("l'", "l’"):
        i = 2
        gender = "f" if low[1] == "une" else "m"
        det = low[1]
        if i < len(low) and low[i] in ("des", "de", "d'", "d’"):
            i += 1
    elif low[0] in DETERMINERS and len(toks) > 1:
        det = low[0]
        gender = DETERMINERS[det]
        i = 1
        # certains de ses anciens camarades, plusieurs des responsables
        while i < len(toks) - 1 and low[i] in DETERMINERS:
            gender = DETERMINERS[low[i]] or gender
            i += 1
    honorific = False
    hon = lexicon.honorifics()
    if i < len(toks) and toks[i].text in hon:
        honorific = True
        gender = hon[toks[i].text] or gender
        i += 1
    body = toks[i:]
    if not body:
        return None
    blow = low[i:]
    # the name: the last run of capitalised words (with particles) not introduced by a preposition
    name_start = name_end = None
    j = len(body) - 1
    while j >= 0:
        tx = body[j].text
        if tx[:1].isupper() or _is_cap(body[j]):  # (the common case first, without a call)
            end = j + 1
            k = j
            # (the common capitalised case first, without a call, as _is_cap tests it first)
            while k - 1 >= 0 and (
                body[k - 1].text[:1].isupper() or _is_cap(body[k - 1])
                or (blow[k - 1] in NAME_PARTICLES and k - 2 >= 0 and _is_cap(body[k - 2]))
            ):
                k -= 1
            name_start, name_end = k, end
            break
        if body[j].text.isdigit() and j - 1 >= 0 and _is_cap(body[j - 1]) and j == len(body) - 1:
            # Europe 1, France 2
            end = j + 1
            k = j - 1
            while k - 1 >= 0 and _is_cap(body[k - 1]):
                k -= 1
            name_start, name_end = k, end
            break
        j -= 1
    firsts = lexicon.first_names()
    if name_start is not None:
        # "Pour Jacline Mouraud", "Selon Pierre": sentence openers are not names; nor is a
        # title written in capitals (PDG de Magento, Président de la République)
        table = lexicon.titles()
        while name_start < name_end and (
            blow[name_start] in FUNCTION_CAPS
            or (blow[name_start] in table and table[blow[name_start]].type == "person")  # not "Comité Nobel"
            or blow[name_start] in NAME_PARTICLES
        ):
            name_start += 1
        if name_start == name_end:
            name_start = None
    name_toks: list[Token] = []
    desc_toks: list[Token] = list(body)
    if name_start is not None:
        run = body[name_start:name_end]
        before = blow[name_start - 1] if name_start > 0 else None
        # split "Intérieur Gérald Darmanin" (after "de l'") at a known first name
        split = None
        for k in range(len(run)):
            if run[k].text in firsts:
                split = k
                break
        if split and before not in PREPOSITIONS and not (blow[name_start] in lexicon.titles()):
            split = None  # "Léa Martin": Martin is a first name too, but the run is one name
        if split is None and before in _ORG_NOUNS and any(w in {"de", "du", "des", "d'", "d’"} for w in blow[: name_start - 1]):
            # "la direction du groupe Canal +", "le fondateur de la société Lactalis": the
            # name is that of the complement; the phrase is the description
            name_start = None
            run_is_name = False
        elif before in PREPOSITIONS and not split:
            split = None  # "un proche de Brigitte Troadec": a name after "de" is a complement
            # "de la Défense Anatoli Antonov": the complement takes one word, the rest
            # is a name when two or more capitalised words are left (particles aside)
            if len(run) >= 3 and _is_cap(run[1]) and sum(1 for r in run[1:] if _is_cap(r)) >= 2:
                split = 1
                run_is_name = True
            else:
                run_is_name = False
        else:
            run_is_name = True
        if run_is_name:
            if split is not None and split > 0:
                name_toks = run[split:]
                name_start += split
            else:
                name_toks = run
            # the name ends the phrase only when nothing but particles follow it
            if name_end < len(body):
                tail = blow[name_end:]
                if any(w not in NAME_PARTICLES for w in tail):
                    # "Michel Sapin , ministre" is handled by the caller; here the tail is a
                    # complement of the name (Agence France-Presse de Paris): keep it as name
                    name_toks = body[name_start:]
            desc_toks = body[:name_start]
    if name_toks and len(desc_toks) == 1:
        w = desc_toks[0].text.lower()
        t0 = lexicon.titles().get(w)
        if w in _NAMED_INSTITUTIONS:
            # "le comité Nobel", "la fondation Abbé Pierre": the noun is part of the name
            name_toks, desc_toks = list(desc_toks) + list(name_toks), []
        elif t0 is not None and t0.type == "group":
            # "des sources PS", "des responsables Hamas": the name qualifies the group,
            # which is the source
            desc_toks, name_toks = list(desc_toks) + list(name_toks), []
    description = _join(text, _strip_punct(desc_toks)) or None
    # a description without any title word and only function words is no description
    role = None
    typ = "unknown"
    plural = False
    if desc_toks:
        dlow = blow[: len(desc_toks)]  # (desc_toks is always a prefix of body)
        title = None
        for k in range(min(3, len(dlow))):
            title = _title_at(dlow, k)
            if title:
                break
        if title is None and det is None and not name_toks:
            return None  # a bare lowercase phrase with no determiner is no speaker
        if title:
            typ = "organisation" if title.type == "organisation" else "person"
            plural = title.type == "group"
            gender = gender or title.gender
            if title.type != "organisation" or (name_toks and len(desc_toks) >= 2):
                role = description  # la firme californienne Adobe Systems: "firme californienne"
        elif dlow[-1].endswith("s") and det in ("des", "les", "plusieurs", "certains", "certaines", "quelques"):
            plural = True
    name = _join(text, name_toks) or None
    if name:
        if honorific or any(t.text in firsts for t in name_toks[:-1]) or (typ == "person" and not desc_toks[-1:] == []):
            typ = "person"
        if det and not desc_toks and not honorific:
            # le Kremlin, la Russie, le Financial Times: a determiner before a bare name
            typ = "organisation"
        if len(name_toks) == 1 and name_toks[0].text.isupper() and len(name_toks[0].text) > 1:
            typ = "organisation"
        if any(t.text.lower() in ORG_HINTS for t in name_toks):
            typ = "organisation"
    if not name and not description:
        return None
    for t in name_toks if name else desc_toks:
        w = t.text.lower()
        if not (w in NOT_SPEAKERS or w in FUNCTION_CAPS or not w[:1].isalnum()):
            break
    else:
        return None  # only words that make no speaker
    return _mention(
        toks[0].start,
        toks[-1].end,
        _join(text, toks),
        name,
        None if name and not role else description,
        role,
        None,
        gender,
        typ if (name or description) else "unknown",
        plural,
        honorific,
    )


def _split_commas(toks: Sequence[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for t in toks:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _is_adverbial(part: Sequence[Token]) -> bool:
    w = part[0].text.lower()
    if w in LEADING_ADVERBS or w in {"de", "pour", "dans", "lors", "selon", "interrogé", "interrogée", "interrogés", "cité", "citée", "cités", "joint", "jointe", "contacté", "contactée", "sollicité", "sollicitée", "quant", "dès", "après", "avant", "face", "au", "à", "en", "sur", "devant", "par", "avec", "sans", "comme", "mardi", "lundi"}:
        # "de son côté", "pour sa part", "dans un communiqué", "interrogé par l'AFP"
        return not (w == "de" and len(part) > 1 and part[1].text[:1].isupper())
    if part[0].text.lower().endswith(("ant",)) and len(part) > 1 and w not in lexicon.titles():
        return True
    return False


def _merge(text: str, a: Mention, b: Mention) -> Mention:
    """A name and its apposition (Maria Zakharova, porte-parole du ministère)."""
    named, desc = (a, b) if a.name and not b.name else (b, a)
    return attrs.evolve(
        named,
        start=min(a.start, b.start),
        end=max(a.end, b.end),
        text=text[min(a.start, b.start) : max(a.end, b.end)],
        role=named.role or desc.role or desc.description,
        gender=named.gender or desc.gender,
        type="person" if (desc.role or desc.type == "person") and named.type != "organisation" else named.type,
    )


def _strip_determiner(text: str, toks: Sequence[Token]) -> str:
    toks = _strip_punct(list(toks))
    if len(toks) > 1 and toks[0].text.lower() in DETERMINERS:
        toks = toks[1:]
    return _join(text, toks)


def _drop_parentheses(toks: list[Token]) -> list[Token]:
    """Tokens without parenthesised asides: La Société des journalistes (SDJ) d'I-Télé."""
    if not any(t.text == "(" for t in toks):
        return toks
    out: list[Token] = []
    depth = 0
    for t in toks:
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(t)
    return out if not depth else toks


# Marks that are tokens of their own and end a clause for subject_before (and for
# _antecedent): the words before the last of them are never read.
_CLAUSE_CUT_RE = re.compile(r'(?s:.*)[;:«»"“”!?]')


def subject_before_in(text: str, lo: int, hi: int) -> Optional[Mention]:
    """``subject_before`` over the tokens of ``text[lo:hi]``, tokenising only what it can
    read: from the last clause-ending mark on (when no parenthesis could move the cut)."""
    if text.find("(", lo, hi) == -1:
        cut = _CLAUSE_CUT_RE.match(text, lo, hi)
        if cut is not None:
            lo = cut.end()
        # the last clause most often starts in the last _BACK_READ characters: read them
        # first. The tokens after a space are those of the whole window, and the cut found
        # among them is the one the whole window gives (see subject_after_in).
        if hi - _BACK_READ > lo:
            space = _SPACE_RE.search(text, hi - _BACK_READ, hi)
            if space is not None:
                w = space.start()
                toks = tokens(text, w, hi)
                k = _clause_cut(toks)
                if k >= 0 and not (k == len(toks) - 1 and toks[k].text.lower() == "qui"):
                    return _subject_before_cut(text, toks, k)  # (it reads toks[k + 1:] only)
                return subject_before(text, tokens(text, lo, w + 1) + toks)
    return subject_before(text, tokens(text, lo, hi))


_BACK_READ = 100
_SPACE_RE = re.compile(r"\s")


def subject_before(text: str, toks: Sequence[Token]) -> Optional[Mention]:
    """The subject at the end of a clause (the tokens just before a cue verb)."""
    toks = _drop_parentheses(list(toks))
    return _subject_before_cut(text, toks, _clause_cut(toks))


_CLAUSE_WORDS = frozenset({
    "que", "qu'", "qu’", "qui", "où", "dont", "mais", "laquelle", "lequel", "lesquels", "lesquelles", "auquel", "duquel",
    ";", ":", "«", "»", '"', "“", "”", "(", ")", "lorsque", "quand", "si", "car", ".", "!", "?", "…",
})


def _clause_cut(toks: Sequence[Token]) -> int:
    """The index of the token that opens the last clause (a relative, a verb, a mark), or
    -1: read from the end, it stops at the first one."""
    verbs = lexicon.verbs()
    last = len(toks) - 1
    for k in range(last, -1, -1):
        w = toks[k].text.lower()
        if w in _CLAUSE_WORDS or (
            w in COMMON_VERBS or (w in verbs and k < last and not _is_cap(toks[k]))
            or w.endswith(_IMPERFECT_ENDINGS) and _IMPERFECT_RE.fullmatch(w) is not None and w not in _NOUNS_IN_AIT
        ):
            return k
    return -1


def _subject_before_cut(text: str, toks: list[Token], k: int) -> Optional[Mention]:
    """subject_before once the last clause is known to open at ``toks[k]`` (-1: none)."""
    # cut at the start of the last clause
    if k >= 0:
        w = toks[k].text.lower()
        if w == "qui" and k == len(toks) - 1:
            # "par Météo-France, qui déclare": the relative's antecedent speaks
            return _antecedent(text, toks[:k])
        if w in COMMON_VERBS and k + 1 < len(toks) and _PARTICIPLE_RE.fullmatch(toks[k + 1].text) and toks[k + 1].text.lower() not in lexicon.titles() and not any(x.text == "," for x in toks[k + 1 :]):
            return None  # "X a lu la lettre :": after an auxiliary, a participle and its object, no subject
        toks = toks[k + 1 :]
    # "Dans cette tribune il (leur) demande": a subject pronoun right before the verb
    k = len(toks) - 1
    while k > 0 and toks[k].text.lower() in _TRAILING_CLITICS:
        k -= 1
    if k >= 0 and toks[k].text.lower() in PRONOUNS and (k == 0 or toks[k - 1].text.lower() not in _NOUN_PREPOSITIONS):
        return pronoun_mention(toks[k].text, toks[k].start, toks[k].end)
    parts = _split_commas(toks)
    parts = [p for p in parts if not _is_adverbial(p)]
    if not parts:
        return None
    last = parts[-1]
    # drop leading adverbs without a comma (Pourtant Pascal Canfin, La semaine dernière l'OMS)
    while len(last) > 1 and last[0].text.lower() in LEADING_ADVERBS:
        last = last[1:]
    k = _time_lead(last)
    if 0 < k < len(last):
        last = last[k:]
    last = _cut_gerund(last)
    if len(last) > 14:
        return None
    if len(parts) >= 2 and len(parts[-2]) <= 6 and _PARTICIPLE_RE.fullmatch(last[0].text) is not None and last[0].text.lower() not in lexicon.titles():
        # "Paul Girard, arrivé deuxième au premier tour, a annoncé": a participle clause in
        # apposition says what the named subject did, not who they are
        prev = parse_np(text, parts[-2])
        if prev is not None and prev.name and prev.pronoun is None:
            return prev
    m = parse_np(text, last)
    if m is None:
        # "Laetitia Dewalle, Gilet jaune du Val d'Oise, a commenté": a name, then a bare
        # apposition that is no speaker by itself
        if len(parts) >= 2:
            prev = parse_np(text, parts[-2])
            head = last[0].text
            if (
                prev is not None and prev.name and prev.pronoun is None and len(parts[-2]) <= 6
                and (_APPOSITION_HEAD_RE.fullmatch(head) or _is_cap(last[0])) and head.lower() not in _NOT_APPOSITION
            ):
                return attrs.evolve(prev, role=prev.role or _join(text, last), type="person" if prev.type == "unknown" else prev.type)
        return None
    if len(parts) >= 2 and m.pronoun is None:
        prev = parse_np(text, parts[-2])
        if prev is not None and prev.pronoun is None and bool(prev.name) != bool(m.name):
            if (prev.name and len(parts[-2]) <= 6) or (m.name and prev.description):
                return _merge(text, prev, m)
        if prev is not None and prev.name and not prev.description and m.role and prev.type != "organisation" and len(parts[-2]) <= 6:
            # "Emmanuel Grégoire, premier secrétaire de la fédération PS de Paris, a …": the
            # apposition is a title with names of its own
            desc = _strip_determiner(text, last)
            return attrs.evolve(prev, start=prev.start, end=m.end, text=text[prev.start : m.end], role=desc, type="person", gender=prev.gender or m.gender)
    return m


def _cut_gerund(toks: list[Token]) -> list[Token]:
    """A subject without the participle phrase after its name: "l'édition Ynetnews se
    référant à des sources diplomatiques", "le quotidien Haaretz citant l'armée"."""
    for k in range(1, len(toks)):
        w = toks[k].text
        if len(w) >= 5 and w.endswith("ant") and w.islower() and w not in lexicon.titles():
            j = k - 1 if toks[k - 1].text.lower() in {"se", "s'", "s’"} else k
            if j > 0 and _is_cap(toks[j - 1]):
                return toks[:j]
    return toks


_TIME_NOUNS = {"semaine", "mois", "année", "an", "jour", "veille", "lendemain", "matin", "soir", "nuit", "week-end", "weekend", "été", "hiver", "printemps", "automne"}
_TIME_ADJ = {"dernière", "dernier", "prochaine", "prochain", "passée", "passé", "soir", "matin", "midi", "même"}


def _time_lead(toks: Sequence[Token]) -> int:
    """How many tokens a leading time phrase takes (La semaine dernière, Ce matin, L'an passé)."""
    low = [t.text.lower() for t in toks[:5]]
    k = 1 if low and low[0] in {"la", "le", "l'", "l’", "ce", "cette", "cet"} else 0
    if k < len(low) and low[k] in _TIME_NOUNS:
        k += 1
        while k < len(low) and low[k] in _TIME_ADJ:
            k += 1
        return k
    return 0


def _antecedent(text: str, toks: Sequence[Token]) -> Optional[Mention]:
    """The noun phrase a relative pronoun refers to (the tokens before "qui")."""
    toks = list(toks)
    while toks and toks[-1].text == ",":
        toks = toks[:-1]
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k].text.lower()
        if toks[k].text in _HARD_PUNCT or toks[k].text == "," or w in {"par", "selon", "d'après", "d’après", "après", "que", "qu'", "et"} or w in COMMON_VERBS:
            toks = toks[k + 1 :]
            break
    if not toks or len(toks) > 10:
        return None
    return parse_np(text, toks)


def subject_at_start(text: str, toks: Sequence[Token]) -> Optional[Mention]:
    """The subject that opens a clause: the noun phrase before its first verb."""
    toks = _drop_parentheses(list(toks))
    in_relative = False
    for k, t in enumerate(toks):
        w = t.text.lower()
        if w in {"qui", "dont", "que", "qu'", "qu’"} and k > 0 and toks[k - 1].text == ",":
            in_relative = True  # "X, qui a été le manager de Y, a ouvert…": skip the relative
            continue
        if in_relative:
            if t.text == ",":
                in_relative = False
            continue
        if k > 0 and not _is_cap(t) and (w in COMMON_VERBS or w in lexicon.verbs()) and not _noun_after_determiner(toks, k):
            head = [x for x in toks[:k]]
            return subject_before(text, _drop_relatives(head))
    return None


_PARTICIPLE_RE = regex.compile(r"\p{Ll}[\p{Ll}-]*(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes|int|inte|ints|intes)")
_NOUN_DETERMINERS = {"l'", "l’", "un", "une", "du", "des", "au", "aux", "cette", "cet", "son", "sa", "ses", "notre", "votre"}
_NOUN_PREPOSITIONS = {"de", "d'", "d’", "à", "par", "pour", "sur", "dans", "après", "avant", "avec", "sans", "en", "contre", "vers", "selon"}


def _noun_after_determiner(toks: Sequence[Token], k: int) -> bool:
    """Is the verb-like word ``toks[k]`` a noun (de l'annonce, à la demande, une note)?"""
    prev = toks[k - 1].text.lower() if k > 0 else None
    if prev in _NOUN_DETERMINERS:
        return True
    if prev in {"le", "la", "les"}:
        before = toks[k - 2].text.lower() if k > 1 else None
        return before is None or before in _NOUN_PREPOSITIONS or not before[:1].isalnum()
    return False


def _drop_relatives(toks: list[Token]) -> list[Token]:
    """Tokens without ", qui …," relative clauses."""
    out: list[Token] = []
    skip = False
    for k, t in enumerate(toks):
        w = t.text.lower()
        if not skip and w in {"qui", "dont"} and out and out[-1].text == ",":
            out.pop()
            skip = True
            continue
        if skip:
            if t.text == ",":
                skip = False
            continue
        out.append(t)
    return out


_OBJECT_PRONOUNS = {"lui": ("m", False), "elle": ("f", False), "eux": ("m", True), "elles": ("f", True)}


def subject_after(text: str, toks: Sequence[Token]) -> Optional[Mention]:
    """The inverted subject after a cue verb or `selon` (a déclaré le ministre X au cours…)."""
    return _subject_after(text, list(toks), True)


class _Short(Exception):
    """_subject_after needs tokens past those it was given (``complete`` false)."""


# subject_after_in tokenises this many characters first (most subjects end well within).
_FIRST_READ = 72


def subject_after_in(text: str, lo: int, hi: int) -> Optional[Mention]:
    """``subject_after(text, tokens(text, lo, hi))``, tokenising only what it reads: up to
    the first space after ``_FIRST_READ`` characters, and the rest only when it reads past.

    No token holds a space and none is decided by more than the character after it: the
    tokens of ``text[lo:w + 1]`` (``w`` a space) are those of the window before ``w``, and
    the tokens of ``text[w:hi]`` the rest."""
    space = _SPACE_RE.search(text, lo + _FIRST_READ, hi) if lo + _FIRST_READ < hi else None
    if space is None:
        return _subject_after(text, tokens(text, lo, hi), True)
    w = space.start()
    toks = tokens(text, lo, w + 1)
    try:
        return _subject_after(text, toks, False)
    except _Short:
        return _subject_after(text, toks + tokens(text, w, hi), True)


def _subject_after(text: str, toks: list[Token], complete: bool) -> Optional[Mention]:
    """subject_after over ``toks``, the first tokens of the window only when not
    ``complete``: then reading (or testing the length) past them raises _Short."""
    out: list[Token] = []
    if not complete and len(toks) < 2:
        raise _Short
    if toks and toks[0].text.lower() in _OBJECT_PRONOUNS and (len(toks) == 1 or not _is_cap(toks[1])):
        # pour lui, selon elle
        g, pl = _OBJECT_PRONOUNS[toks[0].text.lower()]
        return Mention(toks[0].start, toks[0].end, toks[0].text, pronoun="elle" if g == "f" else "il", gender=g, plural=pl)
    # skip time adverbs and adverbs before the subject: a déclaré mardi soir le ministre
    while toks and toks[0].text.lower() in _SKIP_AFTER_VERB:
        toks = toks[1:]
    if not complete and len(toks) < 4:
        raise _Short
    # selon les informations du Figaro, d'après un communiqué de l'ONU: the source is the owner
    low = [t.text.lower() for t in toks[:4]]
    if len(low) >= 3 and low[0] in {"les", "des", "un", "une", "le", "la"} and low[1] in _SOURCE_CARRIERS and low[2] in {"de", "du", "des", "d'", "d’"}:
        toks = toks[3:] if low[2] != "de" or len(toks) < 4 or toks[3].text.lower() not in {"la", "l'", "l’"} else toks[3:]
    # skip a complement before the subject: a déclaré à l'AFP le porte-parole
    if toks and toks[0].text.lower() in {"à", "au", "aux", "sur", "dans", "lors", "devant"}:
        if not complete and len(toks) < 12:
            raise _Short  # (the loop below reads up to toks[11])
        k = 1
        while k < len(toks) and k < 8:
            w = toks[k].text.lower()
            # (_title_at reads 4 words at most: toks[: k + 5] tell as much as toks)
            if w in {"le", "la", "les", "un", "une"} and k + 1 < len(toks) and _title_at([t.text.lower() for t in toks[: k + 5]], k + 1):
                break
            if toks[k].text in lexicon.first_names() or toks[k].text in lexicon.honorifics():
                break
            k += 1
        if k < len(toks) and k < 8:
            toks = toks[k:]
        else:
            # no title or known name after the complement: skip the complement itself
            # (à l'AFP, au Figaro, sur France Inter) and take what follows
            k = 1
            while k < len(toks) and toks[k].text.lower() in DETERMINERS:
                k += 1
            while k < len(toks) and (_is_cap(toks[k]) or toks[k].text.isdigit()) and toks[k].text not in lexicon.first_names():
                k += 1
            if k == len(toks) and not complete:
                raise _Short
            toks = toks[k:]
    in_complement = False  # inside "des Affaires étrangères": capitals after a preposition
    firsts = lexicon.first_names()
    prev_cap = False  # is out[-1] capitalised?
    for k, t in enumerate(toks):
        w = t.text.lower()
        if t.text in _NP_END:
            break
        if k > 0 and w in NP_STOP:
            break
        cap = t.text[:1].isupper() or _is_cap(t)  # (the common case first, without a call)
        # after a name, a lowercase word that is not a particle ends the phrase (a number
        # may end a name: Europe 1, France 2)
        if k > 0 and out and prev_cap and not in_complement and not cap and w not in NAME_PARTICLES and w not in {"de", "du", "des", "d'", "d’"}:
            if t.text.isdigit() and len(t.text) <= 2:
                out.append(t)
            break
        if cap and out and out[-1].text.lower() in PREPOSITIONS:
            in_complement = True
        elif cap and t.text in firsts:
            in_complement = False
        elif not cap and w not in PREPOSITIONS and not in_complement:
            in_complement = False
        out.append(t)
        prev_cap = cap
        if len(out) > 14:
            break
    else:
        if not complete:
            raise _Short
    nxt = len(out)
    if not complete and len(toks) < nxt + 2:
        raise _Short  # (the tests below read toks[nxt] and toks[nxt + 1])
    if (
        nxt + 1 < len(toks) and toks[nxt].text.lower() == "par" and len(out) >= 2
        and out[-1].text.lower() in lexicon.verbs() and lexicon.verbs()[out[-1].text.lower()].form == "participle"
        or nxt + 1 < len(toks) and toks[nxt].text.lower() == "par" and out and out[-1].text.lower().endswith(("é", "ée", "és", "ées", "i", "ie", "is", "it", "ite"))
        and any(t.text.lower() in _DOCUMENTS for t in out)
    ):
        # "le communiqué rédigé par les organisateurs": the authors speak
        agent = _subject_after(text, toks[nxt + 1 :], complete)
        if agent is not None:
            return agent
    m = parse_np(text, out)
    if m is None:
        return None
    # apposition after a comma: Sergueï Lavrov, ministre des Affaires étrangères,
    nxt = len(out)
    if nxt < len(toks) and toks[nxt].text == "," and m.pronoun is None and bool(m.name) != bool(m.description):
        app: list[Token] = []
        for t in toks[nxt + 1 :]:
            if t.text in {",", ".", ";", ":", "!", "?", "(", ")", "«", "»", '"'}:
                break
            app.append(t)
            if len(app) > 12:
                break
        else:
            if not complete:
                raise _Short
        if app:
            a = parse_np(text, app)
            if a is not None and a.pronoun is None and (
                (m.name and a.role and not a.name)
                or (not m.name and a.name and (a.honorific or a.type == "person" or (m.type == "person" and len(a.name.split()) >= 2)))
            ):
                return _merge(text, m, a)
    return m


# Tokens that end an inverted subject.
_NP_END = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "«", "»", '"', "“", "”", "–", "—"})
