"""The pipeline, phenomenon by phenomenon: cues, speakers and roles, coreference, things
between quotation marks that are not quotes, scraping noise, the public API, and the
offset invariant on real articles.

Each list holds example sentences written for these tests (none copied from the gold).
A case is ``(text, expected)`` where ``expected`` lists the quotes ``extract`` must return,
in order, each as ``Q(text, field=value, ...)``: only the fields given are compared
(``kind``, ``speaker``, ``role``, ``cue``, ``mention``, ``type``, ``gender``). Known
failures sit in the ``..._XFAIL`` lists, strict, so that a fix shows up as XPASS.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes import Article, Quote, extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
WINER = ROOT.parent / "shared" / "corpora" / "winer-fr.jsonl"
WINER_ARTICLES = 50


def Q(text, **fields):
    """An expected quote: its text and the fields to compare."""
    return {"text": text, **fields}


def _fields(q):
    sp = q.speaker
    return {
        "text": q.text,
        "kind": q.kind,
        "speaker": sp.name if sp else None,
        "role": q.role,
        "cue": q.cue.text if q.cue else None,
        "mention": sp.mention.text if sp and sp.mention else None,
        "type": sp.type if sp else None,
        "gender": sp.gender if sp else None,
    }


def check(text, expected):
    got = []
    for i, q in enumerate(extract(text)):
        keys = expected[i].keys() if i < len(expected) else ("text",)
        f = _fields(q)
        got.append({k: f[k] for k in keys})
    assert got == expected


def xfail(*values, id, reason):
    return pytest.param(*values, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


# ---------------------------------------------------------------------------
# cues: where the verb of saying is, and how it is written

CUE_CASES = [
    pytest.param(
        "Le préfet Henri Lamotte a déclaré : « Le pont sera fermé pendant trois semaines. »",
        [Q("Le pont sera fermé pendant trois semaines.", kind="direct", speaker="Henri Lamotte", cue="a déclaré")],
        id="X-a-declare-colon",
    ),
    pytest.param(
        "« Le pont sera fermé pendant trois semaines », a déclaré le préfet Henri Lamotte.",
        [Q("Le pont sera fermé pendant trois semaines", kind="direct", speaker="Henri Lamotte", cue="a déclaré")],
        id="quote-a-declare-X",
    ),
    pytest.param(
        "« Les renforts arriveront dès demain », a déclaré le ministre de l'Intérieur Gérald Darmanin. "
        "« Nous ne laisserons rien passer », a-t-il ajouté.",
        [Q("Les renforts arriveront dès demain"), Q("Nous ne laisserons rien passer", speaker="Gérald Darmanin", cue="a-t-il ajouté")],
        id="a-t-il-ajoute",
    ),
    pytest.param(
        "« La coopérative tiendra bon », a assuré Mme Sophie Marchand. "
        "« Nous avons perdu la moitié du troupeau », précise-t-elle.",
        [Q("La coopérative tiendra bon"), Q("Nous avons perdu la moitié du troupeau", speaker="Sophie Marchand", cue="précise-t-elle")],
        id="precise-t-elle",
    ),
    pytest.param(
        "Dans le village, la colère monte. « On nous a oubliés depuis dix ans », ajoute-t-on à la mairie.",
        [Q("On nous a oubliés depuis dix ans", speaker=None, cue="ajoute-t-on")],
        id="ajoute-t-on",
    ),
    pytest.param(
        "« Le pont sera fermé pendant trois semaines », déclara le préfet Henri Lamotte.",
        [Q("Le pont sera fermé pendant trois semaines", speaker="Henri Lamotte", cue="déclara")],
        id="passe-simple",
    ),
    pytest.param(
        "« C'est une erreur historique », lança le président Emmanuel Macron.",
        [Q("C'est une erreur historique", speaker="Emmanuel Macron", cue="lança")],
        id="passe-simple-lancer",
    ),
    pytest.param(
        "« Le pont sera fermé pendant trois semaines », déclarait le préfet Henri Lamotte.",
        [Q("Le pont sera fermé pendant trois semaines", speaker="Henri Lamotte", cue="déclarait")],
        id="imperfect",
    ),
    pytest.param(
        "« Il n'y aura pas de hausse des impôts », avait promis le candidat Paul Vernier pendant la campagne.",
        [Q("Il n'y aura pas de hausse des impôts", speaker="Paul Vernier", cue="avait promis")],
        id="plus-que-parfait",
    ),
    pytest.param(
        "« C'est une erreur historique », s'est exclamé le président Emmanuel Macron.",
        [Q("C'est une erreur historique", speaker="Emmanuel Macron", cue="s'est exclamé")],
        id="pronominal",
    ),
    pytest.param(
        "Le président a tenu à préciser que « rien n'était décidé ».",
        [Q("rien n'était décidé", kind="partial", speaker="président", cue="a tenu à préciser")],
        id="modal-infinitive",
    ),
    pytest.param(
        "Selon Henri Lamotte, « le pont sera fermé pendant trois semaines ».",
        [Q("le pont sera fermé pendant trois semaines", speaker="Henri Lamotte", cue="Selon")],
        id="selon-X",
    ),
    pytest.param(
        "D'après Henri Lamotte, le pont sera fermé pendant trois semaines.",
        [Q("le pont sera fermé pendant trois semaines", kind="indirect", speaker="Henri Lamotte", cue="D'après")],
        id="d-apres-X-indirect",
    ),
    pytest.param(
        "Sophie Marchand : « Nous rouvrirons la piscine municipale en juin. »",
        [Q("Nous rouvrirons la piscine municipale en juin.", kind="direct", speaker="Sophie Marchand", cue=":")],
        id="colon-after-speaker",
    ),
    pytest.param(
        "Paul Martin est arrivé en retard. « Je ne m'attendais pas à autant de monde », a-t-il rigolé.",
        [Q("Je ne m'attendais pas à autant de monde", speaker="Paul Martin", cue="a-t-il rigolé")],
        id="inverted-pronoun-unknown-verb",
    ),
    pytest.param(
        "Paul Martin est arrivé en retard. « Je ne m'attendais pas à autant de monde », a-t-il declaré.",
        [Q("Je ne m'attendais pas à autant de monde", speaker="Paul Martin", cue="a-t-il declaré")],
        id="inverted-pronoun-misspelt-verb",
    ),
    pytest.param(
        "Le porte-parole du gouvernement a qualifié de « pure propagande » les accusations de l'opposition.",
        [Q("pure propagande", kind="partial", speaker="porte-parole du gouvernement", cue="a qualifié")],
        id="qualifie-de-partial",
    ),
    pytest.param(
        "Le président Emmanuel Macron a estimé que la réforme était « indispensable et juste ».",
        [Q("indispensable et juste", kind="partial", speaker="Emmanuel Macron", cue="a estimé")],
        id="que-partial",
    ),
    pytest.param(
        "Le suspect « n'avait aucun antécédent », a indiqué le procureur de Lyon.",
        [Q("n'avait aucun antécédent", kind="partial", speaker="procureur de Lyon", cue="a indiqué")],
        id="partial-cue-after",
    ),
    pytest.param(
        "Le Kremlin a affirmé que la situation était sous contrôle.",
        [Q("la situation était sous contrôle", kind="indirect", speaker="Kremlin", cue="a affirmé")],
        id="indirect-que",
    ),
    pytest.param(
        "« Nous suivons la situation de près », a réagi le Kremlin.",
        [Q("Nous suivons la situation de près", speaker="Kremlin", cue="a réagi")],
        id="a-reagi",
    ),
    pytest.param(
        "Pour Henri Lamotte, « la fermeture du pont était inévitable ».",
        [Q("la fermeture du pont était inévitable", speaker="Henri Lamotte", cue="Pour")],
        id="pour-X",
    ),
]

CUE_XFAIL = [
]


@pytest.mark.parametrize("text, expected", CUE_CASES + CUE_XFAIL)
def test_cues(text, expected):
    check(text, expected)


# Reported speech without quotation marks (verbs of feeling or wanting are no cues).
INDIRECT_CASES = [
    pytest.param(
        "La ministre a reconnu que les délais étaient trop courts.",
        [Q("les délais étaient trop courts", kind="indirect", speaker="ministre", cue="a reconnu")],
        id="a-reconnu-que",
    ),
    pytest.param(
        "Paul Vernier a expliqué à la presse locale que les aides seraient versées en mars.",
        [Q("les aides seraient versées en mars", kind="indirect", speaker="Paul Vernier", cue="a expliqué")],
        id="complement-before-que",
    ),
    pytest.param(
        "Les travaux dureront trois semaines, a déclaré le préfet Henri Lamotte.",
        [Q("Les travaux dureront trois semaines", kind="indirect", speaker="Henri Lamotte", cue="a déclaré")],
        id="trailing-cue",
    ),
    pytest.param("Le maire craint que les commerces ne ferment avant l'hiver.", [], id="craindre-is-no-cue"),
    pytest.param("Le maire souhaite que les commerces restent ouverts tout l'hiver.", [], id="souhaiter-is-no-cue"),
    pytest.param(
        "Le préfet du Cantal, Henri Lamotte, a annoncé mardi la fermeture du pont de Garabit.",
        [],
        id="subject-apposition-is-no-content",
    ),
    pytest.param(
        "Le préfet du Cantal, Henri Lamotte, a annoncé mardi la fermeture du pont de Garabit. "
        "« Les travaux dureront trois semaines », a-t-il déclaré.",
        [Q("Les travaux dureront trois semaines", speaker="Henri Lamotte", cue="a-t-il déclaré")],
        id="il-after-subject-apposition",
    ),
]

INDIRECT_XFAIL = [
]


@pytest.mark.parametrize("text, expected", INDIRECT_CASES + INDIRECT_XFAIL)
def test_indirect(text, expected):
    check(text, expected)


# The speaker mention of an inverted pronoun is the pronoun itself.
INVERTED_MENTION_CASES = [
    pytest.param(
        "Paul Vernier était à Rennes. « Les éleveurs seront indemnisés avant la fin de l'année », a-t-il ajouté.",
        [Q("Les éleveurs seront indemnisés avant la fin de l'année", speaker="Paul Vernier", mention="il")],
        id="a-t-il-ajoute",
    ),
    pytest.param(
        "Paul Martin est arrivé en retard. « Je ne m'attendais pas à autant de monde », a-t-il rigolé.",
        [Q("Je ne m'attendais pas à autant de monde", speaker="Paul Martin", mention="il")],
        id="a-t-il-rigole",
    ),
    pytest.param(
        "Sophie Marchand dirige la coopérative depuis 2019. « Nous avons perdu la moitié du troupeau », précise-t-elle.",
        [Q("Nous avons perdu la moitié du troupeau", mention="elle")],
        id="precise-t-elle",
    ),
]


@pytest.mark.parametrize("text, expected", INVERTED_MENTION_CASES)
def test_inverted_pronoun_mention(text, expected):
    check(text, expected)


# ---------------------------------------------------------------------------
# speakers and roles

SPEAKER_CASES = [
    pytest.param(
        "Le chef de la diplomatie française a affirmé que « la France ne reconnaîtra pas ce scrutin ».",
        [Q("la France ne reconnaîtra pas ce scrutin", speaker="chef de la diplomatie française",
           role="chef de la diplomatie française", cue="a affirmé")],
        id="subject-before-verb",
    ),
    pytest.param(
        "« La France ne reconnaîtra pas ce scrutin », a déclaré le ministre français des Affaires étrangères "
        "Jean-Yves Le Drian au cours d'une conférence de presse à Paris.",
        [Q("La France ne reconnaîtra pas ce scrutin", speaker="Jean-Yves Le Drian",
           role="ministre français des Affaires étrangères", type="person")],
        id="inverted-subject-title-name-complement",
    ),
    pytest.param(
        "Sophie Marchand, porte-parole de la préfecture, a indiqué : « Aucune victime n'est à déplorer. »",
        [Q("Aucune victime n'est à déplorer.", speaker="Sophie Marchand", role="porte-parole de la préfecture")],
        id="apposition-before-verb",
    ),
    pytest.param(
        "« Aucune victime n'est à déplorer », a indiqué Sophie Marchand, porte-parole de la préfecture.",
        [Q("Aucune victime n'est à déplorer", speaker="Sophie Marchand", role="porte-parole de la préfecture")],
        id="apposition-after-verb",
    ),
    pytest.param(
        "« La réforme sera votée avant l'été », a affirmé Jean-Luc Moreau, député de la Drôme.",
        [Q("La réforme sera votée avant l'été", speaker="Jean-Luc Moreau", role="député de la Drôme")],
        id="apposition-depute",
    ),
    pytest.param(
        "« Aucune victime n'est à déplorer », a indiqué Mme Marchand.",
        [Q("Aucune victime n'est à déplorer", speaker="Marchand", type="person", gender="f")],
        id="honorific-mme",
    ),
    pytest.param(
        "« Aucune victime n'est à déplorer », a indiqué le Dr Pierre Lagarde.",
        [Q("Aucune victime n'est à déplorer", speaker="Pierre Lagarde", type="person")],
        id="honorific-dr",
    ),
    pytest.param(
        "Bachar al-Assad a déclaré : « Le peuple syrien choisira seul son avenir. »",
        [Q("Le peuple syrien choisira seul son avenir.", speaker="Bachar al-Assad")],
        id="particle-name-before-verb",
    ),
    pytest.param(
        "Jean-Yves Le Drian a affirmé : « La France ne reconnaîtra pas ce scrutin. »",
        [Q("La France ne reconnaîtra pas ce scrutin.", speaker="Jean-Yves Le Drian")],
        id="compound-name-before-verb",
    ),
    pytest.param(
        "« La France ne reconnaîtra pas ce scrutin », a affirmé Jean-Yves Le Drian.",
        [Q("La France ne reconnaîtra pas ce scrutin", speaker="Jean-Yves Le Drian")],
        id="compound-name-after-verb",
    ),
    pytest.param(
        "« Nous ne commentons pas les enquêtes en cours », a indiqué la SNCF dans un communiqué.",
        [Q("Nous ne commentons pas les enquêtes en cours", speaker="SNCF", type="organisation")],
        id="organisation-acronym",
    ),
    pytest.param(
        "« Nous ne commentons pas les enquêtes en cours », a indiqué Greenpeace dans un communiqué.",
        [Q("Nous ne commentons pas les enquêtes en cours", speaker="Greenpeace")],
        id="organisation-bare-name",
    ),
    pytest.param(
        "« Le suspect connaissait bien la victime », a confié une source proche de l'enquête.",
        [Q("Le suspect connaissait bien la victime", speaker="source proche de l'enquête")],
        id="unnamed-source",
    ),
    pytest.param(
        "Selon une source proche de l'enquête, le suspect connaissait bien la victime.",
        [Q("le suspect connaissait bien la victime", kind="indirect", speaker="source proche de l'enquête")],
        id="unnamed-source-selon",
    ),
    pytest.param(
        "« Le suspect connaissait bien la victime », a expliqué un officier de police.",
        [Q("Le suspect connaissait bien la victime", speaker="officier de police", role="officier de police")],
        id="unnamed-officer",
    ),
    pytest.param(
        "« Il n'y aura pas de hausse des impôts », avaient promis les élus de la majorité.",
        [Q("Il n'y aura pas de hausse des impôts", speaker="élus de la majorité")],
        id="plural-group",
    ),
    pytest.param(
        "Les sénateurs ont voté la loi. Le rapporteur Paul Vernier a affirmé que le texte serait promulgué avant l'été.",
        [Q("le texte serait promulgué avant l'été", speaker="Paul Vernier", role="rapporteur")],
        id="title-then-name-before-verb",
    ),
    pytest.param(
        "« Le peuple syrien choisira seul son avenir », a déclaré Bachar al-Assad dans un entretien télévisé.",
        [Q("Le peuple syrien choisira seul son avenir", speaker="Bachar al-Assad")],
        id="particle-name-after-verb",
    ),
    pytest.param(
        "« Le budget est en équilibre », a affirmé le maire de Lyon, Grégory Doucet.",
        [Q("Le budget est en équilibre", speaker="Grégory Doucet", role="maire de Lyon")],
        id="title-comma-name",
    ),
]

SPEAKER_XFAIL = [
]


@pytest.mark.parametrize("text, expected", SPEAKER_CASES + SPEAKER_XFAIL)
def test_speakers(text, expected):
    check(text, expected)


# ---------------------------------------------------------------------------
# coreference within an article

COREF_CASES = [
    pytest.param(
        "Le ministre de l'Intérieur Gérald Darmanin s'est rendu à Lyon mardi. "
        "« Les renforts arriveront dès demain », a déclaré M. Darmanin.",
        [Q("Les renforts arriveront dès demain", speaker="Gérald Darmanin", mention="M. Darmanin", role="ministre de l'Intérieur")],
        id="honorific-surname-to-full-name",
    ),
    pytest.param(
        "Le ministre de l'Intérieur Gérald Darmanin s'est rendu à Lyon mardi. "
        "« Les renforts arriveront dès demain », a déclaré Darmanin.",
        [Q("Les renforts arriveront dès demain", speaker="Gérald Darmanin", mention="Darmanin")],
        id="surname-to-full-name",
    ),
    pytest.param(
        "« La coopérative tiendra bon », a assuré Mme Sophie Marchand à la presse. Son voisin, M. Paul Girard, "
        "est resté silencieux toute la soirée. « Nous avons connu pire », a-t-elle ajouté.",
        [Q("La coopérative tiendra bon", speaker="Sophie Marchand"), Q("Nous avons connu pire", speaker="Sophie Marchand")],
        id="elle-skips-nearer-man",
    ),
    pytest.param(
        "« Le budget est en équilibre », a affirmé le maire de Lyon. Il a ajouté que « les impôts locaux n'augmenteront pas ».",
        [Q("Le budget est en équilibre"), Q("les impôts locaux n'augmenteront pas", speaker="maire de Lyon", mention="Il")],
        id="il-to-description",
    ),
    pytest.param(
        "« Nous ne céderons pas », a déclaré le ministre russe des Affaires étrangères Sergueï Lavrov lors d'une "
        "conférence de presse. Le chef de la diplomatie russe a ensuite ajouté : « Les sanctions n'ont aucun effet. »",
        [Q("Nous ne céderons pas", speaker="Sergueï Lavrov"),
         Q("Les sanctions n'ont aucun effet.", speaker="Sergueï Lavrov", mention="Le chef de la diplomatie russe")],
        id="description-to-earlier-speaker",
    ),
    pytest.param(
        "« Aucune décision n'a été prise », a déclaré Maria Zakharova, porte-parole du ministère russe des Affaires "
        "étrangères. La porte-parole a ensuite précisé : « Les discussions continuent. »",
        [Q("Aucune décision n'a été prise", speaker="Maria Zakharova"),
         Q("Les discussions continuent.", speaker="Maria Zakharova", mention="La porte-parole")],
        id="la-porte-parole",
    ),
    pytest.param(
        "Claire Besson dirige la coopérative depuis 2019. « Nous avons perdu la moitié du troupeau », précise-t-elle.",
        [Q("Nous avons perdu la moitié du troupeau", speaker="Claire Besson", cue="précise-t-elle")],
        id="elle-to-person-with-unlisted-first-name",
    ),
    pytest.param(
        "« Nous ne céderons pas », a déclaré le ministre russe des Affaires étrangères Sergueï Lavrov. "
        "Le chef de la diplomatie russe a ensuite ajouté : « Les sanctions n'ont aucun effet. »",
        [Q("Nous ne céderons pas", speaker="Sergueï Lavrov"),
         Q("Les sanctions n'ont aucun effet.", speaker="Sergueï Lavrov")],
        id="name-glued-to-next-sentence",
    ),
    pytest.param(
        "« Les éleveurs seront indemnisés », a déclaré le ministre Paul Vernier. Selon Paul Vernier, les aides "
        "arriveront avant Noël.",
        [Q("Les éleveurs seront indemnisés", speaker="Paul Vernier"),
         Q("les aides arriveront avant Noël", speaker="Paul Vernier")],
        id="name-glued-to-selon",
    ),
    pytest.param(
        "« La coopérative tiendra bon », a assuré Sophie Marchand à la presse. Son mari Paul Marchand est resté "
        "silencieux. « Nous avons connu pire », a-t-elle ajouté.",
        [Q("La coopérative tiendra bon", speaker="Sophie Marchand"), Q("Nous avons connu pire", speaker="Sophie Marchand")],
        id="elle-not-to-mari",
    ),
    pytest.param(
        "« La coopérative tiendra bon », a assuré Mme Sophie Marchand à la presse. Son voisin, M. Paul Girard, "
        "est resté silencieux toute la soirée. « Nous avons connu pire », a-t-il ajouté.",
        [Q("La coopérative tiendra bon", speaker="Sophie Marchand"), Q("Nous avons connu pire", speaker="Paul Girard")],
        id="il-to-named-man-not-yet-speaker",
    ),
]

COREF_XFAIL = [
]


@pytest.mark.parametrize("text, expected", COREF_CASES + COREF_XFAIL)
def test_coreference(text, expected):
    check(text, expected)


def test_quote_without_cue_inherits_speaker_with_lower_confidence():
    text = (
        "« Aucune décision n'a été prise », a déclaré Maria Zakharova, porte-parole du ministère.\n"
        "« Les discussions continuent et reprendront la semaine prochaine à Genève. »"
    )
    first, second = extract(text)
    assert (first.speaker_name, second.speaker_name) == ("Maria Zakharova", "Maria Zakharova")
    assert second.cue is None
    assert second.confidence < first.confidence


# ---------------------------------------------------------------------------
# text between quotation marks that is not reported speech

# (text, the quoted words that must not be reported as a quote)
NOT_QUOTE_CASES = [
    pytest.param("Des combattants de l'« armée syrienne libre » ont pris le contrôle de la ville.", "armée syrienne libre", id="group-name"),
    pytest.param("Le suspect, surnommé le « Ben Laden » du quartier, a été arrêté mardi.", "Ben Laden", id="nickname"),
    pytest.param("Elle a lu « Les Misérables » pendant les vacances.", "Les Misérables", id="title-of-book"),
    pytest.param("Le film « La Haine » ressort en salles ce mercredi.", "La Haine", id="title-of-film"),
    pytest.param("Le gouvernement parle de « sobriété énergétique » depuis l'automne.", "sobriété énergétique", id="term"),
    pytest.param("Le mouvement des « gilets jaunes » a rassemblé des milliers de personnes.", "gilets jaunes", id="movement"),
    pytest.param("L'opération « Barkhane » a pris fin en 2022.", "Barkhane", id="operation-name"),
    pytest.param(
        "Le quotidien « Le Monde » a révélé que le ministre avait menti.",
        "Le Monde",
        id="newspaper-name-before-cue",
    ),
]


@pytest.mark.parametrize("text, term", NOT_QUOTE_CASES)
def test_not_quotes(text, term):
    start = text.index(term)
    end = start + len(term)
    overlapping = [q.text for q in extract(text) if q.start < end and start < q.end]
    assert overlapping == []


# ---------------------------------------------------------------------------
# scraping noise

NOISE_CASES = [
    pytest.param(
        "Les sénateurs ont voté la loi sur le don de gamètesLe rapporteur Paul Vernier a affirmé que le texte "
        "serait promulgué avant l'été.",
        [Q("le texte serait promulgué avant l'été", kind="indirect", speaker="Paul Vernier", role="rapporteur")],
        id="glued-sentences-no-period",
    ),
    pytest.param(
        'Les députés ont débattu du don de gamètesLe Sénat a adopté le texte mardi. "Ce vote est une victoire '
        'pour les familles", a déclaré la sénatrice Anne Morel.',
        [Q("Ce vote est une victoire pour les familles", speaker="Anne Morel", role="sénatrice")],
        id="glued-sentences-before-quote",
    ),
    pytest.param(
        "La réunion a eu lieu à Vienne.La ministre Anne Morel a déclaré : \"Nous signerons l'accord en mars.\"",
        [Q("Nous signerons l'accord en mars.", speaker="Anne Morel", role="ministre", cue="a déclaré")],
        id="glued-after-period",
    ),
    pytest.param(
        "Le chancelier s' est rendu dans l' Autriche voisine . « Nous devons coopérer davantage » , a déclaré "
        "le chancelier Olaf Scholz .",
        [Q("Nous devons coopérer davantage", speaker="Olaf Scholz", role="chancelier", cue="a déclaré")],
        id="tokenised-spaces",
    ),
]


@pytest.mark.parametrize("text, expected", NOISE_CASES)
def test_noise(text, expected):
    check(text, expected)


REPEATED_BODY = (
    "Le ministre Paul Vernier était à Rennes lundi pour rencontrer les éleveurs. "
    "« Les éleveurs seront indemnisés avant la fin de l'année », a déclaré le ministre. "
    "Il a qualifié la mesure de « juste et urgente ». "
    "Il a ajouté que les aides seraient versées directement aux exploitations."
)


@pytest.mark.parametrize("sep", ["\n", "\n\n", "\r\n"], ids=["lf", "blank-line", "crlf"])
def test_article_body_repeated_twice_reports_each_quote_once(sep):
    once = [q.text for q in extract(REPEATED_BODY)]
    twice = [q.text for q in extract(REPEATED_BODY + sep + REPEATED_BODY)]
    assert len(once) == 3  # a long direct, a short partial, an indirect
    assert twice == once


# ---------------------------------------------------------------------------
# public API


@pytest.mark.parametrize("value", [123, None, b"texte", ["texte"]], ids=["int", "none", "bytes", "list"])
def test_extract_refuses_non_str(value):
    with pytest.raises(TypeError, match="str"):
        extract(value)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t \u00a0\u202f\r\n"], ids=["empty", "space", "newlines", "mixed"])
def test_extract_empty_text(text):
    assert extract(text) == []


ARTICLE_ARGS = [
    pytest.param(Article(id="a1", title="Un titre"), Article(id="a1", title="Un titre"), id="article"),
    pytest.param({"id": "a1", "date": "2024-05-01"}, Article(id="a1", date="2024-05-01"), id="dict"),
    pytest.param("winer/2016_01_01-001", Article(id="winer/2016_01_01-001"), id="id-string"),
    pytest.param(None, None, id="none"),
]
TWO_QUOTES = (
    "« Le pont sera fermé pendant trois semaines », a déclaré le préfet Henri Lamotte. "
    "« Les déviations seront indiquées », a-t-il ajouté."
)


@pytest.mark.parametrize("article, expected", ARTICLE_ARGS)
def test_article_is_carried_into_every_quote(article, expected):
    quotes = extract(TWO_QUOTES, article=article)
    assert len(quotes) == 2
    assert [q.article for q in quotes] == [expected, expected]


def test_bad_article_argument():
    with pytest.raises(TypeError):
        extract(TWO_QUOTES, article=42)
    with pytest.raises(ValueError, match="unknown article field"):
        extract(TWO_QUOTES, article={"id": "a1", "author": "x"})


def test_quotes_round_trip_through_json():
    quotes = extract(TWO_QUOTES, article={"id": "a1", "title": "Un titre"})
    assert quotes
    data = json.loads(json.dumps([q.to_dict() for q in quotes], ensure_ascii=False))
    assert [Quote.from_dict(d) for d in data] == quotes


# ---------------------------------------------------------------------------
# invariants on real articles: offsets into the caller's text, order, confidence


def _seed_texts():
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def _winer_texts():
    if not WINER.is_file():
        return {}
    out = {}
    with WINER.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            out[record["id"]] = record["text"]
            if len(out) == WINER_ARTICLES:
                break
    return out


SEED_TEXTS = _seed_texts()
WINER_TEXTS = _winer_texts()


def check_invariants(text):
    quotes = extract(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.text and q.text == q.text.strip()
        if q.speaker is not None and q.speaker.mention is not None:
            m = q.speaker.mention
            assert text[m.start : m.end] == m.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        assert 0.0 <= q.confidence <= 1.0
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    return quotes


def test_seed_fixtures_are_there():
    assert len(SEED_TEXTS) == 5


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_invariants_on_seeds(name, newline):
    quotes = check_invariants(SEED_TEXTS[name].replace("\n", newline))
    assert quotes


@pytest.mark.skipif(not WINER_TEXTS, reason=f"{WINER} not found (the shared corpora are not beside the repo)")
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_invariants_on_winer_articles(newline):
    found = 0
    for text in WINER_TEXTS.values():
        found += len(check_invariants(text.replace("\n", newline)))
    assert found > 0


def test_crlf_gives_the_same_quotes():
    for text in SEED_TEXTS.values():
        lf = [(q.text, q.speaker_name, q.kind) for q in extract(text)]
        crlf = [(q.text.replace("\r\n", "\n"), q.speaker_name, q.kind) for q in extract(text.replace("\n", "\r\n"))]
        assert crlf == lf


# ---------------------------------------------------------------------------
# the core stays light


def test_import_quotes_does_not_import_heavy_libraries():
    code = (
        "import sys, quotes\n"
        "quotes.extract('« Nous partons », a déclaré Jean Dupont.')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'stanza', 'spacy', 'torch'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------
# attribution rules added with the dev-gold work (each shown on sentences of our own)

ATTRIBUTION_RULE_CASES = [
    pytest.param(
        "Le maire Paul Girard a expliqué que Marc Besson était « au bout du chemin ». « Nous devons l'aider », a-t-il ajouté.",
        [Q("au bout du chemin", speaker="Paul Girard"), Q("Nous devons l'aider", speaker="Paul Girard", mention="il")],
        id="il-is-not-the-subject-of-reported-words",
    ),
    pytest.param(
        "À la suite de l'annonce du maire, la direction de l'usine avait adressé un communiqué laconique : "
        "« Nous fermerons le site en mai. »",
        [Q("Nous fermerons le site en mai.", speaker="direction de l'usine", cue=":")],
        id="noun-after-determiner-is-no-verb-of-saying",
    ),
    pytest.param(
        "À la demande du juge, l'avocat Paul Girard a lu la lettre : « Je regrette mes actes ».",
        [Q("Je regrette mes actes", speaker="Paul Girard", role="avocat", cue=":")],
        id="participle-after-auxiliary-is-no-subject",
    ),
    pytest.param(
        "« Nous ne céderons pas », a déclaré le fondateur de la société Lactalis.",
        [Q("Nous ne céderons pas", speaker="fondateur de la société Lactalis")],
        id="name-of-an-organisation-complement-stays-in-the-description",
    ),
    pytest.param(
        "Paul Girard a publié une lettre ouverte. Dans cette lettre il demande aux juges de « l'entendre enfin ».",
        [Q("l'entendre enfin", speaker="Paul Girard", cue="demande", mention="il")],
        id="pronoun-after-an-adverbial-is-the-subject",
    ),
    pytest.param(
        "Selon les informations du Parisien, la préfecture aurait fermé trois écoles.",
        [Q("la préfecture aurait fermé trois écoles", kind="indirect", speaker="Parisien", cue="Selon")],
        id="selon-les-informations-du-journal",
    ),
    pytest.param(
        "Le club a été sanctionné pour des « insultes répétées », selon Claire Besson qui préside la ligue.",
        [Q("insultes répétées", kind="partial", speaker="Claire Besson", cue="selon")],
        id="selon-closing-the-sentence",
    ),
    pytest.param(
        "Marc Lenoir, viticulteur du Val de Loire, a commenté : « La récolte est perdue. »",
        [Q("La récolte est perdue.", speaker="Marc Lenoir", role="viticulteur du Val de Loire", cue="a commenté")],
        id="name-then-bare-apposition",
    ),
    pytest.param(
        "« Le trafic reprendra demain matin sur toute la ligne », relatait France 2.",
        [Q("Le trafic reprendra demain matin sur toute la ligne", speaker="France 2", cue="relatait")],
        id="name-ending-in-a-number",
    ),
    pytest.param(
        "La Société des lecteurs (SDL) du Progrès explique : « Nous refusons ce rachat. »",
        [Q("Nous refusons ce rachat.", speaker="Société des lecteurs (SDL) du Progrès")],
        id="parenthesised-acronym-in-subject",
    ),
    pytest.param(
        "Paul Vernier, premier secrétaire de la fédération PS de Paris, a reconnu : « Le vote a été mal organisé. »",
        [Q("Le vote a été mal organisé.", speaker="Paul Vernier", role="premier secrétaire de la fédération PS de Paris")],
        id="title-apposition-with-names",
    ),
    pytest.param(
        "La finale a opposé Manon Dupuis à Olga Petrova. Petrova mène vite, puis Dupuis craque. "
        "« Je n'ai pas su garder mon calme », a-t-elle déclaré.",
        [Q("Je n'ai pas su garder mon calme", speaker="Manon Dupuis")],
        id="surname-alone-is-a-mention",
    ),
    pytest.param(
        "« Les stocks sont épuisés », a indiqué le gérant Paul Girard.\"Selon la mairie, la pénurie durera.\"",
        [Q("Les stocks sont épuisés", speaker="Paul Girard")],
        id="glued-selon-is-a-new-sentence",
    ),
    pytest.param(
        "Julie Caron, DG de Vinalis, a déclaré : « Nos ventes ont doublé en un an. »",
        [Q("Nos ventes ont doublé en un an.", speaker="Julie Caron", role="DG de Vinalis")],
        id="capitalised-title-is-no-name",
    ),
    pytest.param(
        "Paul Girard a, quant à lui, fulminé contre la décision : « C'est une trahison pure et simple. »",
        [Q("C'est une trahison pure et simple.", speaker="Paul Girard", cue=":")],
        id="colon-after-an-unlisted-verb",
    ),
    pytest.param(
        "Le 3 mai, Paul Girard, maire de Brive, a réagi sèchement :\n\n« Nous ne paierons pas pour les autres. »",
        [Q("Nous ne paierons pas pour les autres.", speaker="Paul Girard")],
        id="colon-ending-the-previous-paragraph",
    ),
    pytest.param(
        "Claire Besson dirige la coopérative. Pour elle, « la crise ne fait que commencer ».",
        [Q("la crise ne fait que commencer", speaker="Claire Besson", cue="Pour")],
        id="pour-elle",
    ),
    pytest.param(
        "Ainsi, pour Paul Girard, conseiller municipal de Brive : « Le budget est insincère. »",
        [Q("Le budget est insincère.", speaker="Paul Girard", role="conseiller municipal de Brive")],
        id="pour-X-after-an-adverb",
    ),
    pytest.param(
        "Paul Girard appelle à la grève générale, et affirme que « rien ne sera comme avant ».",
        [Q("rien ne sera comme avant", speaker="Paul Girard", cue="affirme")],
        id="second-verb-of-a-coordination",
    ),
    pytest.param(
        "Le suspect, Paul Girard, a été arrêté lundi. Le trésor serait, selon la mère du suspect, « une légende de famille ».",
        [Q("une légende de famille", speaker="mère du suspect")],
        id="relational-description-is-not-the-last-person",
    ),
    pytest.param(
        "L'alerte a été levée par la préfecture du Cher, qui précise que « les routes sont de nouveau praticables ».",
        [Q("les routes sont de nouveau praticables", speaker="préfecture du Cher", cue="précise")],
        id="relative-qui-antecedent",
    ),
    pytest.param(
        "Jana Novak dirige la brasserie depuis 2010. « Nous brassons comme nos grands-parents », explique Jana.",
        [Q("Nous brassons comme nos grands-parents", speaker="Jana Novak")],
        id="first-name-alone",
    ),
    pytest.param(
        "Le gérant, Paul Girard, a été mis en examen. Le procureur de la République précise que "
        "« l'enquête ne fait que commencer ».",
        [Q("l'enquête ne fait que commencer", speaker="procureur de la République")],
        id="full-title-is-not-the-last-person-named",
    ),
    pytest.param(
        "Dans la salle, l'évêque de Tulle Marc Aubert, qui avait demandé la réouverture. « C'est un grand jour », "
        "témoigne-t-il.",
        [Q("C'est un grand jour", speaker="Marc Aubert")],
        id="topic-with-a-relative-is-salient",
    ),
    pytest.param(
        "Paul Girard a ouvert une cagnotte pour les sinistrés, déclarant au Monde : « Chacun peut aider. »",
        [Q("Chacun peut aider.", speaker="Paul Girard", cue="déclarant")],
        id="gerund-with-no-verb-of-saying-before",
    ),
    pytest.param(
        "Une priorité martelée par Claire Besson en fin de discours : « L'école d'abord. »",
        [Q("L'école d'abord.", speaker="Claire Besson", cue="martelée")],
        id="passive-agent",
    ),
    pytest.param(
        "À l'inverse, pour l'économiste Paul Girard, « la croissance reviendra vite ».",
        [Q("la croissance reviendra vite", speaker="Paul Girard", cue="pour")],
        id="pour-X-after-a-short-adverbial",
    ),
    pytest.param(
        "« Je reste au gouvernement pour mener cette réforme jusqu'au bout. » Interrogée sur RTL, la ministre "
        "Claire Besson a démenti toute démission.",
        [Q("Je reste au gouvernement pour mener cette réforme jusqu'au bout.", speaker="Claire Besson")],
        id="speaker-named-in-the-next-sentence",
    ),
    pytest.param(
        "« Nous avons tout perdu dans l'incendie », racontent des voisins.",
        [Q("Nous avons tout perdu dans l'incendie", speaker="voisins", role="voisins")],
        id="unnamed-source-role-is-its-description",
    ),
    pytest.param(
        "Paul Girard , maire adjoint de Brive a réagi vivement : « C'est une provocation inutile. »",
        [Q("C'est une provocation inutile.", speaker="Paul Girard", role="maire adjoint de Brive")],
        id="apposition-without-closing-comma",
    ),
    pytest.param(
        "Le contrat a été rompu, selon Claire Besson qui est directrice de l'usine. « Nous n'avions pas le choix », "
        "a-t-elle ajouté.",
        [Q("Le contrat a été rompu", kind="indirect", speaker="Claire Besson"),
         Q("Nous n'avions pas le choix", speaker="Claire Besson", role="directrice de l'usine")],
        id="copula-gives-the-role",
    ),
    pytest.param(
        "Le trafic reprendra demain, d'après la SNCF, qui précise que « les rames seront remplacées ».",
        [Q("Le trafic reprendra demain", kind="indirect", speaker="SNCF"), Q("les rames seront remplacées", speaker="SNCF")],
        id="relative-after-d-apres",
    ),
    pytest.param(
        "Paul Girard, oncle de la chanteuse Léa Martin, qui l'a élevée, a créé une fondation, déclarant à la presse : "
        "« Je le fais pour elle. »",
        [Q("Je le fais pour elle.", speaker="Paul Girard")],
        id="relative-inside-the-subject",
    ),
    pytest.param(
        "« Les essais doivent être achevés avant toute homologation », a souligné Jana Novak, porte-parole de l'agence.",
        [Q("Les essais doivent être achevés avant toute homologation", speaker="Jana Novak", role="porte-parole de l'agence")],
        id="listed-verb-after-quote",
    ),
    pytest.param(
        "« Les essais doivent être achevés avant toute homologation », a pointé Jana Novak, porte-parole de l'agence.",
        [Q("Les essais doivent être achevés avant toute homologation", speaker="Jana Novak", cue="a pointé")],
        id="unlisted-participle-after-quote-and-comma",
    ),
    pytest.param(
        "L'agence est restée prudente lorsque le ministre a affirmé que le vaccin était prêt, rappelant que les essais "
        "devaient « être tous achevés avant une homologation ».",
        [Q("le vaccin était prêt", kind="indirect"), Q("être tous achevés avant une homologation", speaker="agence")],
        id="gerund-skips-a-subordinate-clause",
    ),
    pytest.param(
        "La semaine dernière l'agence avait affirmé que « les essais sont achevés ».",
        [Q("les essais sont achevés", speaker="agence")],
        id="leading-time-phrase-is-no-subject",
    ),
    pytest.param(
        "Un proche de Claire Besson confie que « la famille est sous le choc ».",
        [Q("la famille est sous le choc", speaker="proche de Claire Besson")],
        id="name-after-de-is-a-complement",
    ),
    pytest.param(
        "« Le départ est reporté à midi », précise le communiqué publié par les organisateurs.",
        [Q("Le départ est reporté à midi", speaker="organisateurs")],
        id="document-written-by-its-authors",
    ),
    pytest.param(
        "« Nous sommes inquiets pour la rentrée », témoigne la directrice de l'école. Claire Besson, directrice de "
        "l'école Jules-Ferry depuis 2015, a écrit au rectorat.",
        [Q("Nous sommes inquiets pour la rentrée", speaker="Claire Besson")],
        id="description-named-later",
    ),
    pytest.param(
        "« Je n'ai pas envie d'applaudir », a déclaré Claire Besson. « J'espère que ce genre de blagues disparaîtra un "
        "jour. » L'association des journalistes estime que la chaîne doit réagir.",
        [Q("Je n'ai pas envie d'applaudir", speaker="Claire Besson"),
         Q("J'espère que ce genre de blagues disparaîtra un jour.", speaker="Claire Besson"),
         Q("la chaîne doit réagir", speaker="association des journalistes")],
        id="sentence-ends-after-the-closing-mark",
    ),
    pytest.param(
        "Olga Petrova gagne le premier set et Manon Dupuis flanche. « J'ai tout donné sans rien regretter », "
        "a-t-elle déclaré.",
        [Q("J'ai tout donné sans rien regretter", speaker="Manon Dupuis")],
        id="coordinated-subject-is-salient",
    ),
    pytest.param(
        "La jeune skieuse française de 19 ans Léa Martin a déclaré : « Je voulais cette médaille depuis toujours. »",
        [Q("Je voulais cette médaille depuis toujours.", speaker="Léa Martin", role="jeune skieuse française de 19 ans")],
        marks=pytest.mark.xfail(strict=True, reason="'skieuse' is not in titles.tsv: the adjective rule needs a known title"),
        id="adjective-before-unknown-title",
    ),
    pytest.param(
        "La jeune championne française de 19 ans Léa Martin a déclaré : « Je voulais cette médaille depuis toujours. »",
        [Q("Je voulais cette médaille depuis toujours.", speaker="Léa Martin", role="jeune championne française de 19 ans")],
        id="adjective-before-title",
    ),
    pytest.param(
        "« Je n'ai rien reçu », a assuré Paul Girard, ancien député et ministre (de la Santé), devant la commission.",
        [Q("Je n'ai rien reçu", speaker="Paul Girard", role="ancien député et ministre (de la Santé)")],
        id="parenthesis-inside-an-apposition",
    ),
    pytest.param(
        "« Nous visons le marché européen », a déclaré la firme lyonnaise Vinalis dans un communiqué.",
        [Q("Nous visons le marché européen", speaker="Vinalis", role="firme lyonnaise")],
        id="organisation-described-by-title-and-adjective",
    ),
    pytest.param(
        "« Le verger nous appartient », explique à l'AFP le fondateur de la ferme, Radovan Kolar. Aujourd'hui, la ferme "
        "emploie douze personnes. « Nous vendons en Autriche », déclare Paul Kolar, qui la dirige. Au printemps, Radovan "
        "Kolar se réjouit de la récolte. « C'était une autre époque », affirme-t-il.",
        [Q("Le verger nous appartient", speaker="Radovan Kolar"), Q("Nous vendons en Autriche", speaker="Paul Kolar"),
         Q("C'était une autre époque", speaker="Radovan Kolar", role="fondateur de la ferme")],
        id="surname-inside-a-full-name-is-no-mention-of-a-namesake",
    ),
    pytest.param(
        "Le vote a eu lieu dimanche. Paul Girard, arrivé deuxième au premier tour, a annoncé qu'il quitterait la vie politique.",
        [Q("il quitterait la vie politique", kind="indirect", speaker="Paul Girard", role=None)],
        id="participle-clause-in-apposition-to-the-subject",
    ),
    pytest.param(
        "Le label a signé plusieurs artistes, dont la chanteuse et compositrice Lina Varga. « Je me sens chez moi ici », "
        "confie à l'AFP la musicienne de 31 ans. « Le studio est magnifique », ajoute-t-elle.",
        [Q("Je me sens chez moi ici", speaker="Lina Varga", role="chanteuse et compositrice"),
         Q("Le studio est magnifique", speaker="Lina Varga")],
        id="title-and-age-designate-the-person-just-named",
    ),
    pytest.param(
        "Le maire a démissionné lundi. Le quotidien régional affirme qu'il aurait quitté la ville depuis un mois.",
        [Q("il aurait quitté la ville depuis un mois", kind="indirect", speaker="quotidien régional", role="quotidien régional")],
        id="unnamed-organisation-description-is-its-role",
    ),
    pytest.param(
        "Selon des responsables UMP, le candidat sera désigné en mai.",
        [Q("le candidat sera désigné en mai", kind="indirect", speaker="responsables UMP", role="responsables UMP")],
        id="name-qualifying-a-group-source",
    ),
    pytest.param(
        "Le comité Goncourt a indiqué que le prix serait remis en novembre.",
        [Q("le prix serait remis en novembre", kind="indirect", speaker="comité Goncourt")],
        id="institution-noun-begins-its-name",
    ),
    pytest.param(
        "Mardi, l'édition régionale Ouest Matin se référant à des sources internes a affirmé que le maire quitterait ses fonctions.",
        [Q("le maire quitterait ses fonctions", kind="indirect", speaker="Ouest Matin", role="édition régionale")],
        id="participle-phrase-after-the-subject-name",
    ),
    pytest.param(
        "L'écrivain Radovan Lemaire a dénoncé sur Facebook « un chauffeur odieux ». « Mon client n'a rien fait », a déclaré "
        "à l'AFP Me Paul Girard, dénonçant des « propos mensongers » de M. Lemaire. L'avocat a porté plainte jeudi. Selon lui, "
        "son client « avait ouvert les portes du bus ».",
        [Q("un chauffeur odieux", speaker="Radovan Lemaire"), Q("Mon client n'a rien fait", speaker="Paul Girard"),
         Q("avait ouvert les portes du bus", speaker="Paul Girard")],
        id="pronoun-skips-a-speaker-named-as-a-complement",
    ),
    pytest.param(
        "Julien Marchal a encore surpris ses fans. Le célèbre chanteur belge a lancé une marque de vêtements. "
        "« Je veux habiller tout le monde », a-t-il expliqué.",
        [Q("Je veux habiller tout le monde", speaker="Julien Marchal", role="célèbre chanteur belge")],
        id="role-from-a-description-subject-of-a-later-sentence",
    ),
]


@pytest.mark.parametrize("text, expected", ATTRIBUTION_RULE_CASES)
def test_attribution_rules(text, expected):
    check(text, expected)


# ---------------------------------------------------------------------------
# dialogue turns opened by a dash (literary text, interviews)

DIALOGUE_CASES = [
    pytest.param(
        "Le cocher s'arrêta.\n\n— Sera-ce bien long ? demanda le voyageur.\n\n— Une heure, répondit le cocher ; "
        "les chevaux doivent manger.",
        [Q("Sera-ce bien long ?", speaker="voyageur", cue="demanda"),
         Q("Une heure, répondit le cocher ; les chevaux doivent manger.", speaker="cocher", cue="répondit")],
        id="incise-closing-or-inside-the-turn",
    ),
    pytest.param(
        "Ils se turent.\n— Ah !\n— Vous ne saviez donc pas ?",
        [Q("Ah !"), Q("Vous ne saviez donc pas ?")],
        id="short-turns-are-speech",
    ),
    pytest.param(
        "« Le jury salue une œuvre d'une grande audace. »\n\n— Comité Nobel, communiqué officiel\n",
        [Q("Le jury salue une œuvre d'une grande audace.", speaker="Comité Nobel")],
        id="signature-line-attributes-the-quote-before",
    ),
    pytest.param(
        "— Oui, oui, s'écria la voyageuse ; venez ici.\n— Tout de suite, madame.\n— Et fermez la porte.",
        [Q("Oui, oui, s'écria la voyageuse ; venez ici.", speaker="voyageuse"),
         Q("Tout de suite, madame."),
         Q("Et fermez la porte.", speaker="voyageuse")],
        id="turns-alternate",
    ),
    pytest.param(
        "Le facteur posa son sac.\n— Vous attendiez une lettre ? me demanda le facteur. Elle vient de Lyon.\n"
        "— Pas du tout, lui répondit ma tante.",
        [Q("Vous attendiez une lettre ? me demanda le facteur. Elle vient de Lyon.", speaker="facteur", cue="me demanda"),
         Q("Pas du tout", mention="ma tante", cue="lui répondit")],
        id="incise-with-clitic-before-the-verb",
    ),
    pytest.param(
        "— Il pleut encore, dis-je.\n— Rien de grave, fit Lucien.\n— On verra, continua-t-elle.",
        [Q("Il pleut encore", mention="je", cue="dis-je"), Q("Rien de grave", speaker="Lucien", cue="fit"),
         Q("On verra", mention="elle", cue="continua-t-elle")],
        id="first-person-and-literary-incise-verbs",
    ),
    pytest.param(
        "Le vieux meunier posa sa pipe sur la table et se tourna vers elle :\n\n— Tu partiras demain matin.",
        [Q("Tu partiras demain matin.", mention="Le vieux meunier")],
        id="narration-ending-with-a-colon-gives-the-speaker",
    ),
    pytest.param(
        "Il la regarda longuement, puis il murmura :\n— Nous verrons bien.",
        [Q("Nous verrons bien.", mention="il")],
        id="narration-colon-pronoun-of-the-last-clause",
    ),
    pytest.param(
        "— « Fermez la porte », dit le gardien.\n\n— « Tout de suite. »",
        [Q("Fermez la porte", speaker="gardien", cue="dit"), Q("Tout de suite.")],
        id="dash-turn-between-guillemets-is-one-quote",
    ),
    pytest.param(
        "Le vieux berger leva lentement les yeux : « Ce chien n'a jamais mordu personne. »",
        [Q("Ce chien n'a jamais mordu personne.", speaker="vieux berger", mention="Le vieux berger")],
        id="narrative-sentence-colon-then-guillemets",
    ),
    pytest.param(
        "La directrice, le voyant hésiter, lui dit : « Entre donc, mon garçon. »",
        [Q("Entre donc, mon garçon.", speaker="directrice")],
        id="narrative-subject-before-an-aside",
    ),
    pytest.param(
        "La direction du groupe avait adressé un communiqué laconique : « Nous ne commenterons pas cette décision. »",
        [Q("Nous ne commenterons pas cette décision.", speaker="direction du groupe")],
        id="compound-tense-colon-keeps-the-news-rule",
    ),
    pytest.param(
        "Et tante Odile, sans lever les yeux de son tricot ni répondre à personne, avait soupiré :\n— Quelle histoire !",
        [Q("Quelle histoire !", speaker="Odile", mention="tante Odile")],
        id="narration-title-before-a-name-and-a-long-aside",
    ),
    pytest.param(
        "Julien s'était assis près de la fenêtre.\n\n— Il fera beau demain.",
        [Q("Il fera beau demain.", speaker="Julien")],
        id="first-turn-after-narration-takes-its-subject",
    ),
    pytest.param(
        "« Asseyez-vous, dit la vieille dame, le thé est prêt. »",
        [Q("Asseyez-vous, dit la vieille dame, le thé est prêt.", speaker="vieille dame", cue="dit")],
        id="narrative-incise-inside-guillemets",
    ),
    pytest.param(
        "— Elle court plus vite que moi ! dit en riant le grand-père.",
        [Q("Elle court plus vite que moi !", speaker="grand-père", cue="dit")],
        id="incise-gerund-before-the-inverted-subject",
    ),
    pytest.param(
        "Le charretier arrêta ses chevaux devant la grange. « Il faudra décharger avant la pluie. »",
        [Q("Il faudra décharger avant la pluie.", speaker="charretier")],
        id="quote-opening-a-sentence-after-narration",
    ),
    pytest.param(
        "Le vieux posa la main sur la table et la garda là un long moment :\n\n— Nous partirons à l'aube.",
        [Q("Nous partirons à l'aube.", mention="Le vieux")],
        id="narration-an-object-is-no-speaker",
    ),
    pytest.param(
        "Sa tante l'observait. Quand il eut fini :\n— Tu en veux encore ?",
        [Q("Tu en veux encore ?", mention="Sa tante")],
        id="narration-subordinate-only-gives-the-sentence-before",
    ),
    pytest.param(
        "Son regard se posa sur le jardinier qui lui fit un signe :\n\n— Venez voir les roses !",
        [Q("Venez voir les roses !", mention="le jardinier")],
        id="narration-antecedent-of-qui",
    ),
    pytest.param(
        "— Tu viens ? demanda Paul.\n— Pas ce soir.\n— Pourquoi donc ?",
        [Q("Tu viens ?", speaker="Paul"), Q("Pas ce soir.", speaker=None), Q("Pourquoi donc ?", speaker="Paul")],
        id="a-turn-after-a-turn-is-another-speaker",
    ),
    pytest.param(
        "La passante reprit :\n\n— Il est bien tard.",
        [Q("Il est bien tard.", mention="La passante")],
        id="narration-subject-of-a-verb-of-saying-whatever-its-noun",
    ),
    pytest.param(
        "Sa grand-mère se penche vers lui, et dit :\n— Dors maintenant.",
        [Q("Dors maintenant.", mention="Sa grand-mère")],
        id="narration-present-tense-after-a-reflexive",
    ),
    pytest.param(
        "Et tout à coup Hélène me dit :\n— Regarde !",
        [Q("Regarde !", speaker="Hélène")],
        id="narration-name-after-an-adverbial",
    ),
    pytest.param(
        "C'est Hélène qui parle la première :\n— Bonjour !",
        [Q("Bonjour !", speaker="Hélène")],
        id="narration-cleft-c-est-X-qui",
    ),
]


@pytest.mark.parametrize("text, expected", DIALOGUE_CASES)
def test_dialogue(text, expected):
    check(text, expected)


def test_too_long_text_is_a_clear_error():
    from quotes.limits import MAX_CHARS

    with pytest.raises(ValueError, match="MAX_CHARS"):
        extract("a" * (MAX_CHARS + 1))


def test_nlp_of_unknown_kind_is_a_type_error():
    with pytest.raises(TypeError):
        extract(["not", "a", "text"])


# reported speech without marks: infinitives, trailing cues with a tail, sources with a relative
INDIRECT_MORE_CASES = [
    pytest.param(
        "Le ministre a affirmé être prêt à rencontrer les syndicats dès lundi.",
        [Q("être prêt à rencontrer les syndicats dès lundi", kind="indirect", speaker="ministre", cue="a affirmé")],
        id="indirect-infinitive",
    ),
    pytest.param(
        "Paul Girard appelle à suspendre la grève jusqu'à la fin des négociations.",
        [Q("suspendre la grève jusqu'à la fin des négociations", kind="indirect", speaker="Paul Girard", cue="appelle")],
        id="indirect-a-infinitive",
    ),
    pytest.param(
        "Le trafic reprendra vendredi matin, d'après la SNCF, qui précise que les rames seront remplacées.",
        [Q("Le trafic reprendra vendredi matin", kind="indirect", speaker="SNCF"),
         Q("les rames seront remplacées", kind="indirect", speaker="SNCF")],
        id="d-apres-X-then-relative",
    ),
    pytest.param(
        "Le suspect est poursuivi pour vol avec violence, a déclaré une source proche de l'enquête, confirmant une "
        "information du Progrès.",
        [Q("Le suspect est poursuivi pour vol avec violence", kind="indirect", speaker="source proche de l'enquête")],
        id="trailing-cue-then-gerund",
    ),
    pytest.param(
        "« Nous partons tout de suite », a déclaré le ministre Paul Vernier au cours d'une conférence de presse.",
        [Q("Nous partons tout de suite", speaker="Paul Vernier")],
        id="noun-in-re-is-no-infinitive",
    ),
    pytest.param(
        "La maîtresse au visage sévère leur parlait doucement. « Asseyez-vous tous en silence », dit-elle.",
        [Q("Asseyez-vous tous en silence", speaker="maîtresse au visage sévère")],
        marks=pytest.mark.xfail(strict=True, reason="'elle' resolves to named persons and speakers only, not to a description that was a subject"),
        id="imperfect-verb-ends-the-subject",
    ),
    pytest.param(
        "La maire Sophie Lenoir a confirmé qu'elle briguerait un second mandat : « Je ne lâcherai rien », a-t-elle lancé.",
        [Q("elle briguerait un second mandat", kind="indirect", speaker="Sophie Lenoir", cue="a confirmé"),
         Q("Je ne lâcherai rien", speaker="Sophie Lenoir")],
        id="que-clause-ends-before-the-quote-after-a-colon",
    ),
    pytest.param(
        "Le syndicat rappelle que la grève est « un droit » et que les salariés ne seront pas sanctionnés.",
        [Q("un droit", speaker="syndicat"),
         Q("les salariés ne seront pas sanctionnés", kind="indirect", speaker="syndicat", cue="rappelle")],
        id="que-A-et-que-B-second-clause-alone",
    ),
    pytest.param(
        "Le syndicat rappelle que la grève reste légale et que les salariés ne seront pas sanctionnés.",
        [Q("la grève reste légale et que les salariés ne seront pas sanctionnés", kind="indirect", speaker="syndicat")],
        id="que-A-et-que-B-one-clause-when-unquoted",
    ),
    pytest.param(
        "Le maire Paul Rivière a annoncé, jeudi 3 mars, que la piscine rouvrirait en septembre.",
        [Q("la piscine rouvrirait en septembre", kind="indirect", speaker="Paul Rivière", cue="a annoncé")],
        id="date-between-commas-before-que",
    ),
    pytest.param(
        "L'avocat de la famille précise d'ailleurs à Ouest-France que la plainte serait déposée lundi.",
        [Q("la plainte serait déposée lundi", kind="indirect", speaker="avocat de la famille")],
        id="adverb-and-complement-before-que",
    ),
    pytest.param(
        "La ministre Anne Morel avait reconnu pour la première fois que les chiffres étaient faux.",
        [Q("les chiffres étaient faux", kind="indirect", speaker="Anne Morel")],
        id="prepositional-phrase-before-que",
    ),
    pytest.param(
        "La directrice Claire Martin a annoncé lundi que l'usine avait développé un moteur, assurant qu'il serait "
        "vendu « dès mars » et que les emplois seraient maintenus.",
        [Q("l'usine avait développé un moteur", kind="indirect", speaker="Claire Martin"),
         Q("dès mars", speaker="Claire Martin"),
         Q("les emplois seraient maintenus", kind="indirect", speaker="Claire Martin", cue="assurant")],
        id="gerund-subject-skips-verbs-inside-a-que-clause",
    ),
    pytest.param(
        "Vers 14h00, selon le ministère de la Santé, 300 lits ont été ouverts dans la région.",
        [Q("300 lits ont été ouverts dans la région", kind="indirect", speaker="ministère de la Santé", cue="selon")],
        id="time-adverbial-before-selon",
    ),
    pytest.param(
        "Selon ce que rapportent des médias suisses, les enquêteurs avaient retrouvé le véhicule dans un parking.",
        [Q("les enquêteurs avaient retrouvé le véhicule dans un parking", kind="indirect", speaker="médias suisses")],
        id="selon-ce-que-rapportent-X",
    ),
    pytest.param(
        "Dix mille foyers sont privés de courant dans le département, selon Enedis (anciennement ERDF).",
        [Q("Dix mille foyers sont privés de courant dans le département", kind="indirect", speaker="Enedis")],
        id="trailing-selon-with-an-aside",
    ),
    pytest.param(
        "Il s'agirait d'un accident de chantier selon des responsables locaux cités par l'AFP.",
        [Q("Il s'agirait d'un accident de chantier", kind="indirect", speaker="responsables locaux")],
        id="selon-a-source-with-no-comma",
    ),
    pytest.param("Le prix du billet varie selon les saisons et les régions.", [], id="selon-no-source-no-content"),
    pytest.param(
        "Selon Jean Dupont, porte-parole de la mairie, les travaux dureront trois mois.",
        [Q("les travaux dureront trois mois", kind="indirect", speaker="Jean Dupont", role="porte-parole de la mairie")],
        id="selon-name-and-apposition",
    ),
    pytest.param(
        "Pour Jean-Paul Leroux, le texte voté hier arrive bien trop tard.",
        [Q("le texte voté hier arrive bien trop tard", kind="indirect", speaker="Jean-Paul Leroux", cue="Pour")],
        id="pour-a-person-opinion",
    ),
    pytest.param("Pour la première fois, le club a perdu trois matchs de suite.", [], id="pour-a-time-is-no-source"),
    pytest.param(
        "Dans une vidéo, Julie Martin appelle à lever les barrages dès ce soir, et affirme que « le mouvement doit durer ».",
        [Q("lever les barrages dès ce soir", kind="indirect", speaker="Julie Martin", cue="appelle"),
         Q("le mouvement doit durer", speaker="Julie Martin")],
        id="infinitive-ends-at-a-coordinated-verb-of-saying",
    ),
    pytest.param(
        "Le député Paul Roux a affirmé ne pas être satisfait de la réponse du ministre et lui demande de revoir le budget.",
        [Q("ne pas être satisfait de la réponse du ministre", kind="indirect", speaker="Paul Roux", cue="a affirmé"),
         Q("revoir le budget", kind="indirect", speaker="Paul Roux", cue="demande")],
        id="et-lui-demande-de-a-second-reported-clause",
    ),
    pytest.param(
        "Le gardien Marc Olivier a reconnu ce mardi 4 avril avoir ouvert la porte aux voleurs.",
        [Q("avoir ouvert la porte aux voleurs", kind="indirect", speaker="Marc Olivier", cue="a reconnu")],
        id="date-before-infinitive",
    ),
    pytest.param(
        "La France a appelé lundi les pays voisins à renforcer les contrôles aux frontières.",
        [Q("les pays voisins à renforcer les contrôles aux frontières", kind="indirect", speaker="France", cue="a appelé")],
        id="appeler-X-a-infinitive",
    ),
    pytest.param(
        "Le ministre de l'Intérieur Marc Duval avait démenti tout projet de fermeture des frontières, en réponse aux rumeurs.",
        [Q("tout projet de fermeture des frontières", kind="indirect", speaker="Marc Duval", cue="avait démenti")],
        id="object-of-dementir-ends-at-comma",
    ),
    pytest.param("Il demande à être entendu par le juge d'instruction.", [], id="demander-a-is-no-content"),
    pytest.param("Le vieil homme n'accusait que lui-même de tous ses malheurs.", [], id="ne-que-is-no-reported-clause"),
    pytest.param("Claire Martin s'accusait, bien qu'elle fût innocente de tout ce désordre.", [], id="bien-que-is-a-conjunction"),
    pytest.param("Le guide expliqua avec patience ce que les visiteurs devaient voir.", [], id="ce-que-is-no-reported-clause"),
    pytest.param("En arrivant au village, la voyageuse reconnut le clocher de son enfance.", [], id="reconnaitre-an-object-is-no-speech"),
    pytest.param("Le contremaître Paul Girard criait derrière les ouvriers, courait d'un bout à l'autre du chantier.", [], id="derriere-is-no-infinitive"),
    pytest.param(
        "Pour les autres listes, les résultats se répartissent ainsi : 15 % pour la liste verte.", [], id="pour-a-group-is-no-source"
    ),
]


@pytest.mark.parametrize("text, expected", INDIRECT_MORE_CASES)
def test_indirect_more(text, expected):
    check(text, expected)
