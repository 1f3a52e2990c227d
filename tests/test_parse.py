"""The internal parse view (quotes/parse.py) and the parse-backed attribution
(quotes/parsed.py) over hand-made parses: no stanza or spaCy needed."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.parse import ParsedDoc, Token, entity_label, realign
from quotes.parsed import attribute, extract_parsed


def parse(text: str, rows: list[tuple[str, str, str, int, str, str]]) -> ParsedDoc:
    """A ParsedDoc from ``(form, lemma, upos, head, deprel, ent)`` rows (heads 1-based,
    0 for the root, as in CoNLL-U), the forms found in order in ``text``."""
    tokens, pos = [], 0
    for form, lemma, upos, head, deprel, ent in rows:
        a = text.index(form, pos)
        pos = a + len(form)
        tokens.append(Token(a, pos, form, lemma, upos, head - 1 if head else None, deprel, ent or None))
    return ParsedDoc.build(text, tokens)


# "Le Pentagone avait démenti tout renforcement de la présence militaire en Syrie."
DEMENTI = (
    "Le Pentagone avait démenti tout renforcement de la présence militaire en Syrie.",
    [
        ("Le", "le", "DET", 2, "det", ""),
        ("Pentagone", "Pentagone", "PROPN", 4, "nsubj", "ORG"),
        ("avait", "avoir", "AUX", 4, "aux:tense", ""),
        ("démenti", "démentir", "VERB", 0, "root", ""),
        ("tout", "tout", "DET", 6, "det", ""),
        ("renforcement", "renforcement", "NOUN", 4, "obj", ""),
        ("de", "de", "ADP", 9, "case", ""),
        ("la", "le", "DET", 9, "det", ""),
        ("présence", "présence", "NOUN", 6, "nmod", ""),
        ("militaire", "militaire", "ADJ", 9, "amod", ""),
        ("en", "en", "ADP", 12, "case", ""),
        ("Syrie", "Syrie", "PROPN", 9, "nmod", "LOC"),
        (".", ".", "PUNCT", 4, "punct", ""),
    ],
)

# "Le ministre Sergueï Lavrov a affirmé être prêt à discuter avec la coalition."
AFFIRME = (
    "Le ministre Sergueï Lavrov a affirmé être prêt à discuter avec la coalition.",
    [
        ("Le", "le", "DET", 2, "det", ""),
        ("ministre", "ministre", "NOUN", 6, "nsubj", ""),
        ("Sergueï", "Sergueï", "PROPN", 2, "appos", "PER"),
        ("Lavrov", "Lavrov", "PROPN", 3, "flat:name", "PER"),
        ("a", "avoir", "AUX", 6, "aux:tense", ""),
        ("affirmé", "affirmer", "VERB", 0, "root", ""),
        ("être", "être", "AUX", 8, "cop", ""),
        ("prêt", "prêt", "ADJ", 6, "xcomp", ""),
        ("à", "à", "ADP", 10, "mark", ""),
        ("discuter", "discuter", "VERB", 8, "xcomp", ""),
        ("avec", "avec", "ADP", 13, "case", ""),
        ("la", "le", "DET", 13, "det", ""),
        ("coalition", "coalition", "NOUN", 10, "obl:arg", ""),
        (".", ".", "PUNCT", 6, "punct", ""),
    ],
)

# (text and parse, quote text, speaker, cue): indirect speech found through the parse
PARSE_INDIRECT = [
    pytest.param(*DEMENTI, "tout renforcement de la présence militaire en Syrie", "Pentagone", "avait démenti", id="object-of-dementir"),
    pytest.param(*AFFIRME, "être prêt à discuter avec la coalition", "Sergueï Lavrov", "a affirmé", id="xcomp-with-copula"),
]


@pytest.mark.parametrize("text,rows,quote,speaker,cue", PARSE_INDIRECT)
def test_parse_backed_indirect(text, rows, quote, speaker, cue):
    quotes = extract_parsed(parse(text, rows), article="a/1")
    q = next(q for q in quotes if q.kind == "indirect")
    assert (q.text, q.speaker_name, q.cue.text) == (quote, speaker, cue)
    assert text[q.start : q.end] == q.text
    assert text[q.cue.start : q.cue.end] == q.cue.text
    assert text[q.speaker.mention.start : q.speaker.mention.end] == q.speaker.mention.text
    assert q.article.id == "a/1"


def test_without_a_parse_the_regex_result_stands():
    text, rows = DEMENTI
    flat = ParsedDoc.build(text, [Token(t.start, t.end, t.text) for t in parse(text, rows).tokens])
    assert not flat.has_parse
    assert extract_parsed(flat) == extract(text)
    assert attribute(flat, []) == []


def test_a_quote_inside_marks_is_no_indirect_quote():
    text = "Le Pentagone avait démenti « tout renforcement de la présence militaire en Syrie »."
    doc = parse(text, DEMENTI[1])  # the marks are not tokens of this parse: the text is
    assert [q.kind for q in extract_parsed(doc)] == [q.kind for q in extract(text)]


def test_build_checks_offsets_and_heads():
    with pytest.raises(ValueError, match="outside the text"):
        ParsedDoc.build("abc", [Token(0, 5, "abcde")])
    with pytest.raises(ValueError, match="not a token index"):
        ParsedDoc.build("ab", [Token(0, 2, "ab", head=3)])


def test_navigation():
    text, rows = AFFIRME
    doc = parse(text, rows)
    verb = 5
    assert [doc.tokens[i].text for i in doc.subtree(7)] == ["être", "prêt", "à", "discuter", "avec", "la", "coalition"]
    assert doc.tokens_in(*doc.span([verb])) == [verb]
    assert [(e.label, text[e.start : e.end]) for e in doc.entities] == [("PER", "Sergueï Lavrov")]
    assert doc.sentence_of(verb).first == 0


def test_words_of_one_token_share_its_offsets():
    # stanza's "du" = "de" + "le": two words, one surface token
    text = "le porte-parole du ministère"
    doc = ParsedDoc.build(text, [Token(0, 2, "le"), Token(3, 15, "porte-parole"), Token(16, 18, "de"), Token(16, 18, "le"), Token(19, 28, "ministère")])
    assert doc.tokens_in(16, 18) == [2, 3]
    assert doc.tokens_in(17, 28) == [2, 3, 4]
    moved = realign(doc, "le  porte-parole\ndu ministère")
    assert [(t.start, t.end) for t in moved.tokens][2:4] == [(17, 19), (17, 19)]


def test_realign_to_the_callers_text():
    rebuilt = "Le Pentagone a démenti ."
    doc = ParsedDoc.build(rebuilt, [Token(a, a + len(w), w) for a, w in ((0, "Le"), (3, "Pentagone"), (13, "a"), (15, "démenti"), (23, "."))])
    original = "Le  Pentagone\na démenti."
    moved = realign(doc, original)
    assert [original[t.start : t.end] for t in moved.tokens] == ["Le", "Pentagone", "a", "démenti", "."]
    assert realign(doc, rebuilt) is doc


@pytest.mark.parametrize("label,expected", [("PER", "PER"), ("B-ORG", "ORG"), ("S-LOC", "LOC"), ("PERSON", "PER"), ("GPE", "LOC"), ("O", None), ("", None), ("DATE", "MISC")])
def test_entity_labels(label, expected):
    assert entity_label(label) == expected
