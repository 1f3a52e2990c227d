"""Regenerate quotes/data/cues.tsv: French verbs of saying with the forms news uses.

The lexicon is data, checked in; this script only spares us typing conjugations by hand.
Run: python tools/make_cues.py > quotes/data/cues.tsv

Forms kept (third person only, as news reports others' words): present, imperfect,
passé simple, future and conditional (singular and plural), past participle (m, f, pl),
present participle and infinitive. Compound tenses (`a déclaré`, `avait-il dit`) and
inversions (`précise-t-elle`) are built from these forms by quotes/lexicon.py.
"""

import sys

# Regular -er verbs. `se:` marks a reflexive use (s'exclamer). Verbs whose forms are
# mostly not about speech in news (présenter, marquer, avancer, continuer…) are left out:
# after a quote, an inverted pronoun makes a cue whatever the verb (», a-t-il continué).
ER = """
accuser ajouter affirmer alerter analyser annoncer  argumenter arguer assurer  avouer
commenter communiquer compléter confesser confier confirmer conseiller considérer constater conter
contester  critiquer déclarer décrypter dénoncer déplorer détailler dévoiler demander
développer déclamer enchaîner estimer évoquer expliquer expliciter exhorter exiger fustiger glisser
hurler implorer indiquer informer insister interpeller inviter ironiser jurer juger justifier
lâcher lancer marteler mentionner menacer minimiser murmurer narrer nier noter nuancer objecter observer
plaider plaisanter  préciser proclamer prôner protester proposer questionner raconter railler
appeler rappeler rapporter rassurer recommander réclamer rectifier récuser réfuter regretter reprocher
relater relativiser  remarquer renchérir répéter répliquer résumer rétorquer réitérer révéler
revendiquer riposter saluer scander signaler signifier soupirer souffler souligner suggérer supplier
témoigner tempérer tonner trancher tweeter twitter asséner clamer citer condamner crier chuchoter
déplorer insinuer  qualifier  certifier décrire pronostiquer
prévoir-x   préconiser notifier stipuler mettre-x  trancher confier
se:exclamer se:écrier se:interroger se:indigner se:insurger se:inquiéter se:alarmer se:étonner
se:féliciter se:réjouir se:emporter se:agacer se:offusquer se:amuser se:défendre-x se:justifier
se:plaindre-x se:demander se:engager se:exprimer se:expliquer se:souvenir-x se:rappeler se:moquer
se:targuer se:vanter se:lamenter se:excuser se:confier se:interroger se:questionner se:prononcer
"""

# -ir verbs of the second group (finir).
IR2 = "avertir garantir réagir"

# Irregular verbs: lemma -> (pres3s, pres3p, impf stem, ps3s, ps3p, fut stem, pp, ppr)
IRREGULAR = {
    "dire": ("dit", "disent", "dis", "dit", "dirent", "dir", "dit", "disant"),
    "redire": ("redit", "redisent", "redis", "redit", "redirent", "redir", "redit", "redisant"),
    "écrire": ("écrit", "écrivent", "écriv", "écrivit", "écrivirent", "écrir", "écrit", "écrivant"),
    "décrire": ("décrit", "décrivent", "décriv", "décrivit", "décrivirent", "décrir", "décrit", "décrivant"),
    "reconnaître": ("reconnaît", "reconnaissent", "reconnaiss", "reconnut", "reconnurent", "reconnaîtr", "reconnu", "reconnaissant"),
    "admettre": ("admet", "admettent", "admett", "admit", "admirent", "admettr", "admis", "admettant"),
    "promettre": ("promet", "promettent", "promett", "promit", "promirent", "promettr", "promis", "promettant"),
    "répondre": ("répond", "répondent", "répond", "répondit", "répondirent", "répondr", "répondu", "répondant"),
    "démentir": ("dément", "démentent", "dément", "démentit", "démentirent", "démentir", "démenti", "démentant"),
    "soutenir": ("soutient", "soutiennent", "souten", "soutint", "soutinrent", "soutiendr", "soutenu", "soutenant"),
    "maintenir": ("maintient", "maintiennent", "mainten", "maintint", "maintinrent", "maintiendr", "maintenu", "maintenant"),
    "prévenir": ("prévient", "préviennent", "préven", "prévint", "prévinrent", "préviendr", "prévenu", "prévenant"),
    "poursuivre": ("poursuit", "poursuivent", "poursuiv", "poursuivit", "poursuivirent", "poursuivr", "poursuivi", "poursuivant"),
    "conclure": ("conclut", "concluent", "conclu", "conclut", "conclurent", "conclur", "conclu", "concluant"),
    "reprendre": ("reprend", "reprennent", "repren", "reprit", "reprirent", "reprendr", "repris", "reprenant"),
    "convenir": ("convient", "conviennent", "conven", "convint", "convinrent", "conviendr", "convenu", "convenant"),
    "prédire": ("prédit", "prédisent", "prédis", "prédit", "prédirent", "prédir", "prédit", "prédisant"),
    "contredire": ("contredit", "contredisent", "contredis", "contredit", "contredirent", "contredir", "contredit", "contredisant"),
    "interdire": None,
    "sourire": ("sourit", "sourient", "souri", "sourit", "sourirent", "sourir", "souri", "souriant"),
    "rire": ("rit", "rient", "ri", "rit", "rirent", "rir", "ri", "riant"),
    "apprendre": ("apprend", "apprennent", "appren", "apprit", "apprirent", "apprendr", "appris", "apprenant"),
    "se:plaindre": ("plaint", "plaignent", "plaign", "plaignit", "plaignirent", "plaindr", "plaint", "plaignant"),
    "se:souvenir": ("souvient", "souviennent", "souven", "souvint", "souvinrent", "souviendr", "souvenu", "souvenant"),
    "se:défendre": ("défend", "défendent", "défend", "défendit", "défendirent", "défendr", "défendu", "défendant"),
    "défendre": ("défend", "défendent", "défend", "défendit", "défendirent", "défendr", "défendu", "défendant"),
    "mettre en garde": ("met en garde", "mettent en garde", "mett", "mit en garde", "mirent en garde", "mettr", "mis en garde", "mettant en garde"),
    "faire savoir": ("fait savoir", "font savoir", "fais", "fit savoir", "firent savoir", "fer", "fait savoir", "faisant savoir"),
    "faire valoir": ("fait valoir", "font valoir", "fais", "fit valoir", "firent valoir", "fer", "fait valoir", "faisant valoir"),
    "prévoir": ("prévoit", "prévoient", "prévoy", "prévit", "prévirent", "prévoir", "prévu", "prévoyant"),
}
# Compound lemmas whose tense suffix follows the first word only (met en garde / mettait en garde).
COMPOUND_TAIL = {"mettre en garde": " en garde", "faire savoir": " savoir", "faire valoir": " valoir"}

ACCENT_SHIFT = {  # é -> è before a silent ending (considère, répète)
    "considérer", "compléter", "répéter", "réitérer", "révéler", "suggérer", "tempérer", "asséner",
    "inquiéter",
}
DOUBLE_L = {"appeler", "rappeler", "interpeller"}  # rappelle (interpeller keeps ll everywhere)
GRAVE_E = {"marteler"}  # relève, martèle


def er_forms(lemma: str) -> list[str]:
    stem = lemma[:-2]
    soft = stem  # before a/o: lança, mangea
    if stem.endswith("c"):
        soft = stem[:-1] + "ç"
    elif stem.endswith("g"):
        soft = stem + "e"
    strong = stem  # before silent e: considère, rappelle, martèle
    if lemma in ACCENT_SHIFT:
        i = stem.rfind("é")
        strong = stem[:i] + "è" + stem[i + 1 :]
    elif lemma in DOUBLE_L and not stem.endswith("ll"):
        strong = stem + "l"
    elif lemma in GRAVE_E:
        i = stem.rfind("e")
        strong = stem[:i] + "è" + stem[i + 1 :]
    fut = strong + "er" if (lemma in DOUBLE_L or lemma in GRAVE_E) else lemma
    if lemma == "appuyer":
        strong = stem[:-1] + "i"
        fut = strong + "er"
    return [
        strong + "e", strong + "ent",
        soft + "ait", soft + "aient",
        soft + "a", stem + "èrent",
        fut + "a", fut + "ont", fut + "ait", fut + "aient",
        stem + "é", stem + "ée", stem + "és", stem + "ées",
        soft + "ant", lemma,
    ]


def ir2_forms(lemma: str) -> list[str]:
    stem = lemma[:-2]
    return [
        stem + "it", stem + "issent", stem + "issait", stem + "issaient", stem + "it", stem + "irent",
        lemma + "a", lemma + "ont", lemma + "ait", lemma + "aient",
        stem + "i", stem + "ie", stem + "is", stem + "ies", stem + "issant", lemma,
    ]


def irregular_forms(lemma: str, t: tuple) -> list[str]:
    pres3s, pres3p, impf, ps3s, ps3p, fut, pp, ppr = t
    tail = COMPOUND_TAIL.get(lemma, "")
    pp_forms = [pp]
    if not tail:
        pp_forms += [pp + "e", pp + ("" if pp.endswith("s") else "s"), pp + "es"]
    return [
        pres3s, pres3p, impf + "ait" + tail, impf + "aient" + tail, ps3s, ps3p,
        fut + "a" + tail, fut + "ont" + tail, fut + "ait" + tail, fut + "aient" + tail,
        *pp_forms, ppr, lemma,
    ]


def main() -> None:
    out = sys.stdout
    out.write(
        "# French verbs of saying and reporting, one lemma a line (generated by tools/make_cues.py).\n"
        "# lemma: the infinitive. reflexive: 1 when used as a pronominal verb (s'exclamer).\n"
        "# finite: comma-separated third-person forms: present, imperfect, passé simple, future,\n"
        "#   conditional (singular, plural). participles: past participles (m, f, m pl, f pl).\n"
        "# gerund: the present participle. infinitive: the lemma as it follows a modal verb.\n"
        "lemma\treflexive\tfinite\tparticiples\tgerund\tinfinitive\n"
    )
    rows: dict[tuple[str, int], list[str]] = {}
    for word in ER.split():
        refl = word.startswith("se:")
        lemma = word[3:] if refl else word
        if lemma.endswith("-x"):
            continue  # listed with the irregular verbs
        rows[(lemma, int(refl))] = er_forms(lemma)
    for lemma in IR2.split():
        rows[(lemma, 0)] = ir2_forms(lemma)
    for key, t in IRREGULAR.items():
        if t is None:
            continue
        refl = key.startswith("se:")
        lemma = key[3:] if refl else key
        rows[(lemma, int(refl))] = irregular_forms(lemma, t)
    for (lemma, refl), forms in sorted(rows.items()):
        finite = ",".join(dict.fromkeys(forms[:-6] if len(forms) == 16 else forms[:10]))
        parts = ",".join(dict.fromkeys(forms[10:-2]))
        out.write(f"{lemma}\t{refl}\t{finite}\t{parts}\t{forms[-2]}\t{forms[-1]}\n")


if __name__ == "__main__":
    main()
