"""Quotation marks: which text between marks is one quote.

Two levels: ``find_quoted_spans`` (stage 1 alone: the text between each outer pair of
marks) and ``extract`` (the quote the pipeline reports, with its speaker). Every example
sentence here was written for these tests.
"""

import pytest

from quotes import extract
from quotes.marks import find_quoted_spans

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space

# (text, the inner texts of the outer quoted spans, in order)
GUILLEMET_CASES = [
    pytest.param("Il a répondu « oui » sans attendre.", ["oui"], id="guillemets-space"),
    pytest.param(f"Il a répondu «{NBSP}oui{NBSP}» sans attendre.", ["oui"], id="guillemets-nbsp"),
    pytest.param(f"Il a répondu «{NNBSP}oui{NNBSP}» sans attendre.", ["oui"], id="guillemets-narrow-nbsp"),
    pytest.param("Il a répondu «oui» sans attendre.", ["oui"], id="guillemets-no-space"),
    pytest.param(f"Il a dit «{NBSP}oui{NBSP}» puis «{NNBSP}non{NNBSP}».", ["oui", "non"], id="two-pairs-mixed-spaces"),
    pytest.param(
        "« Le chantier a pris du retard », reconnaît la maire.",
        ["Le chantier a pris du retard"],
        id="guillemets-sentence",
    ),
]

OTHER_MARK_CASES = [
    pytest.param("“Le chantier a pris du retard”, reconnaît la maire.", ["Le chantier a pris du retard"], id="english-curly"),
    pytest.param("‹ Le chantier a pris du retard ›, reconnaît la maire.", ["Le chantier a pris du retard"], id="single-guillemets"),
    pytest.param('"Le chantier a pris du retard", reconnaît la maire.', ["Le chantier a pris du retard"], id="straight"),
    pytest.param(
        '"Nous partons", a dit Paul. "Nous restons", a répondu Marie.',
        ["Nous partons", "Nous restons"],
        id="straight-two-pairs",
    ),
    pytest.param(
        "Il a jugé le projet \"mort-né\" et a conseillé de \"tout reprendre\".",
        ["mort-né", "tout reprendre"],
        id="straight-two-words",
    ),
]

# Straight quotes that do not pair: an unclosed quote ends with its paragraph; an inch
# mark is no quote at all.
UNBALANCED_CASES = [
    pytest.param(
        'Le maire a déclaré : "Les travaux commenceront lundi.\nLa circulation sera déviée.',
        ["Les travaux commenceront lundi."],
        id="straight-unclosed-ends-with-paragraph",
    ),
    pytest.param(
        'Le maire a déclaré : "Les travaux commenceront lundi prochain sans faute.',
        ["Les travaux commenceront lundi prochain sans faute."],
        id="straight-unclosed-at-end-of-text",
    ),
    pytest.param("Une planche de 12\" et une autre de 8\" pour la cabane.", [], id="inch-marks"),
    pytest.param("Un tube de 3\" de diamètre. Un autre de 5\".", [], id="inch-marks-at-sentence-end"),
    pytest.param(
        'Un écran de 27" coûte cher. "Le prix baissera", a dit le vendeur.',
        ["Le prix baissera"],
        id="inch-mark-then-quote",
    ),
    pytest.param(
        'Il mesure 6\'2" et pèse 90 kg. "Je suis prêt", a dit le boxeur.',
        ["Je suis prêt"],
        id="feet-and-inches-then-quote",
    ),
    pytest.param(
        "« L'écran de 27\" est trop cher », a dit Paul.",
        ["L'écran de 27\" est trop cher"],
        id="inch-mark-inside-guillemets",
    ),
    pytest.param("Le chantier » a pris du retard, « vraiment ».", ["vraiment"], id="stray-closing-guillemet"),
    pytest.param(
        "« Le chantier a pris du retard.\nLa mairie confirme.",
        ["Le chantier a pris du retard."],
        id="guillemet-unclosed-ends-with-paragraph",
    ),
]

# A quote inside a quote is part of the outer one.
NESTED_CASES = [
    pytest.param(
        "« Le maire nous a dit “patience” et rien n'a bougé », raconte un voisin.",
        ["Le maire nous a dit “patience” et rien n'a bougé"],
        id="curly-in-guillemets",
    ),
    pytest.param(
        "« Il a crié ‹ au feu › puis il est sorti », raconte un voisin.",
        ["Il a crié ‹ au feu › puis il est sorti"],
        id="single-in-guillemets",
    ),
    pytest.param(
        '« Il a crié "au feu" puis il est sorti », raconte un voisin.',
        ['Il a crié "au feu" puis il est sorti'],
        id="straight-in-guillemets",
    ),
]

# A quote over several paragraphs, « reopening each paragraph, is one quote.
MULTI_PARAGRAPH_CASES = [
    pytest.param(
        "« Le chantier a pris du retard.\n« Nous ouvrirons en juin. »\nLa mairie confirme.",
        ["Le chantier a pris du retard.\n« Nous ouvrirons en juin."],
        id="two-paragraphs",
    ),
    pytest.param(
        "« Le chantier a pris du retard.\n\n« Nous ouvrirons en juin. »",
        ["Le chantier a pris du retard.\n\n« Nous ouvrirons en juin."],
        id="two-paragraphs-blank-line",
    ),
    pytest.param(
        "« La pluie a tout retardé.\n« Les ouvriers ont fait de leur mieux.\n« Nous ouvrirons en juin. »",
        ["La pluie a tout retardé.\n« Les ouvriers ont fait de leur mieux.\n« Nous ouvrirons en juin."],
        id="three-paragraphs",
    ),
    pytest.param(
        "Paul a dit : « Nous partons demain.\n« Et nous ne reviendrons pas.\nLa suite est connue.",
        ["Nous partons demain.\n« Et nous ne reviendrons pas."],
        id="reopened-never-closed",
    ),
]

MULTI_PARAGRAPH_XFAIL = [
]

# A reporting incise inside the marks stays in the quote.
INCISE_CASES = [
    pytest.param(
        "« Le chantier a pris du retard, a-t-elle dit, mais nous ouvrirons en juin. »",
        ["Le chantier a pris du retard, a-t-elle dit, mais nous ouvrirons en juin."],
        id="incise-a-t-elle-dit",
    ),
    pytest.param(
        "« Nous avons tout essayé, explique le maire, sans aucun résultat », soupire-t-il.",
        ["Nous avons tout essayé, explique le maire, sans aucun résultat"],
        id="incise-explique-le-maire",
    ),
]


def inner_texts(text):
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    GUILLEMET_CASES
    + OTHER_MARK_CASES
    + UNBALANCED_CASES
    + NESTED_CASES
    + MULTI_PARAGRAPH_CASES
    + MULTI_PARAGRAPH_XFAIL
    + INCISE_CASES,
)
def test_quoted_spans(text, expected):
    assert inner_texts(text) == expected


@pytest.mark.parametrize("text", [p.values[0] for p in GUILLEMET_CASES + OTHER_MARK_CASES + NESTED_CASES])
def test_spans_include_their_marks(text):
    for s in find_quoted_spans(text):
        assert s.open_start < s.start <= s.end < s.close_end
        assert text[s.open_start] in "«“‹\"„"
        assert text[s.close_end - 1] in "»”›\""


# The same phenomena through the whole pipeline: (text, expected quote text, speaker).
PIPELINE_CASES = [
    pytest.param(
        f"«{NBSP}Nous rouvrirons la piscine municipale en juin{NBSP}», a déclaré Sophie Marchand.",
        "Nous rouvrirons la piscine municipale en juin",
        "Sophie Marchand",
        id="nbsp",
    ),
    pytest.param(
        f"«{NNBSP}Nous rouvrirons la piscine municipale en juin{NNBSP}», a déclaré Sophie Marchand.",
        "Nous rouvrirons la piscine municipale en juin",
        "Sophie Marchand",
        id="narrow-nbsp",
    ),
    pytest.param(
        "“Nous rouvrirons la piscine municipale en juin”, a déclaré Sophie Marchand.",
        "Nous rouvrirons la piscine municipale en juin",
        "Sophie Marchand",
        id="curly",
    ),
    pytest.param(
        "‹ Nous rouvrirons la piscine municipale en juin ›, a déclaré Sophie Marchand.",
        "Nous rouvrirons la piscine municipale en juin",
        "Sophie Marchand",
        id="single-guillemets",
    ),
    pytest.param(
        '"Nous rouvrirons la piscine municipale en juin", a déclaré Sophie Marchand.',
        "Nous rouvrirons la piscine municipale en juin",
        "Sophie Marchand",
        id="straight",
    ),
    pytest.param(
        'Un tube de 3" de diamètre. Un autre de 5". "Les deux conviennent", a assuré le plombier Paul Martin.',
        "Les deux conviennent",
        "Paul Martin",
        id="inch-marks-then-quote",
    ),
    pytest.param(
        "« Le maire nous a dit “patience” et rien n'a bougé depuis », a déclaré Sophie Marchand.",
        "Le maire nous a dit “patience” et rien n'a bougé depuis",
        "Sophie Marchand",
        id="nested",
    ),
    pytest.param(
        "Sophie Marchand a déclaré : « Le chantier a pris du retard à cause de la pluie.\n"
        "« Nous rouvrirons pourtant la piscine en juin. »",
        "Le chantier a pris du retard à cause de la pluie.\n« Nous rouvrirons pourtant la piscine en juin.",
        "Sophie Marchand",
        id="multi-paragraph",
    ),
    pytest.param(
        "Sophie Marchand dirige le chantier. « Le chantier a pris du retard, a-t-elle dit, mais nous ouvrirons en juin. »",
        "Le chantier a pris du retard, a-t-elle dit, mais nous ouvrirons en juin.",
        "Sophie Marchand",
        id="incise",
    ),
]


@pytest.mark.parametrize("text, quote, speaker", PIPELINE_CASES)
def test_one_quote_through_pipeline(text, quote, speaker):
    assert [(q.text, q.speaker_name) for q in extract(text)] == [(quote, speaker)]


def test_runs_of_openers_deeper_than_french_nesting():
    # A run of opening marks is one step of the scan; nesting past MAX_DEPTH is ignored,
    # and the quote still closes on its own mark at the right offsets.
    from quotes.marks import MAX_DEPTH

    text = "Il a écrit " + "«" * (3 * MAX_DEPTH) + " Nous partons » hier."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    s = spans[0]
    assert text[s.open_start] == "«" and s.open_start == text.index("«")
    assert not s.balanced  # the outer marks are never closed
    assert text[s.start : s.end].endswith("Nous partons » hier.")
    # an ordinary nested pair inside a run-free quote is untouched
    text = "« Il a dit « non » puis « oui » », a-t-elle raconté."
    (s,) = find_quoted_spans(text)
    assert (text[s.start : s.end], s.balanced) == ("Il a dit « non » puis « oui »", True)


_STRAIGHT_RUN_CONTEXTS = [
    ('', ''), ('Il a dit ', ' hier.'), ('Il a dit "bonjour', ' hier.'), ('« Il a dit ', ' » hier.'),
    ('"Il a dit ', ' bonjour" hier.'), ('Il a dit\n', '\nfin'), ('« "a ', ' “b” c'), ('a"', 'b"c'),
]


@pytest.mark.parametrize("before, after", _STRAIGHT_RUN_CONTEXTS)
def test_runs_of_straight_quotes_pair_up_like_short_runs(before, after):
    # Inside a run of straight quotes, each quote closes the open one or opens a new one:
    # a long run finds what a run of 2 or 3 (same parity) finds, in one step per run.
    import re

    def quotes_of(k):
        text = before + '"' * k + after
        spans = find_quoted_spans(text)
        norm = lambda s: re.sub(r'"{2,}', lambda m: '"' * (2 + len(m.group()) % 2), s)
        return [(norm(text[s.start : s.end]), s.balanced, s.mark) for s in spans]

    for long, short in ((4, 2), (1000, 2), (5, 3), (1001, 3)):
        assert quotes_of(long) == quotes_of(short), (long, short)
