"""The stanza processor, in real stanza pipelines, without downloading a model.

stanza's French models cannot be downloaded here or in CI, so the pipelines are built
from what needs no model: the pretokenized tokenizer, plus the ``quotes`` processor. The
parse and the entities come from ``fixtures/conllu/`` (articles parsed by spaCy's
fr_core_news_md, written as UD CoNLL-U with NER in MISC by ``tools/make_conllu.py``),
read into real stanza ``Document`` objects and run through such a pipeline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

stanza = pytest.importorskip("stanza")

from stanza.utils.conll import CoNLL  # noqa: E402

import quotes.stanza_processor as SP  # noqa: E402
from quotes import extract  # noqa: E402
from quotes.pipeline import extract_with  # noqa: E402
from quote_checks import check_offsets  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONLLU = sorted((FIXTURES / "conllu").glob("*.conllu"))


def article_text(conllu: Path) -> str:
    """The text a CoNLL-U fixture was made from (seeds: ``fixtures/seeds/``)."""
    own = conllu.with_suffix(".txt")
    path = own if own.exists() else FIXTURES / "seeds" / own.name
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="module")
def stanza_dir(tmp_path_factory) -> Path:
    """A stanza resources directory with no model in it: what an offline machine has."""
    d = tmp_path_factory.mktemp("stanza_resources")
    (d / "resources.json").write_text(json.dumps({"fr": {"lang_name": "French"}}))
    return d


@pytest.fixture(scope="module")
def nlp(stanza_dir):
    return stanza.Pipeline(
        "fr", dir=str(stanza_dir), processors="tokenize,quotes", tokenize_pretokenized=True,
        download_method=None, logging_level="WARN",
    )


# ---------------------------------------------------------------------------------------
# the processor in a pipeline


def test_processor_is_registered():
    from stanza.pipeline.registry import NAME_TO_PROCESSOR_CLASS

    assert NAME_TO_PROCESSOR_CLASS["quotes"] is SP.QuotesProcessor
    assert SP.QuotesProcessor.PROVIDES_DEFAULT == {"quotes"}
    assert SP.QuotesProcessor.REQUIRES_DEFAULT == {"tokenize"}


def test_pipeline_fills_doc_quotes(nlp):
    doc = nlp("« Nous partons demain matin », a déclaré Jean Dupont .\nIl a ajouté que le départ était fixé à huit heures .")
    assert isinstance(doc.quotes, list)
    assert [q.text for q in doc.quotes] == ["Nous partons demain matin", "le départ était fixé à huit heures"]
    assert doc.quotes[0].speaker_name == "Jean Dupont"
    check_offsets(doc.quotes, doc.text)
    # tokenize alone gives no parse: the regex engine's quotes over the document text
    assert doc.quotes == extract(doc.text)


def test_pipeline_over_a_parsed_conllu_document(nlp):
    """A Document read from CoNLL-U (parse + NER) run through a real pipeline: the
    ``quotes`` processor takes the parse-backed path (an infinitive complement)."""
    path = FIXTURES / "conllu" / "003_815975621475be5c.conllu"
    text = article_text(path)
    doc = nlp(CoNLL.conll2doc(str(path), reconstruct_text=True))
    assert doc.text == text
    check_offsets(doc.quotes, text)
    by_text = {q.text[:40]: q for q in doc.quotes}
    q = by_text["être prêt à se coordonner avec la coalit"]
    assert (q.kind, q.speaker_name, q.cue.text) == ("indirect", "Sergueï Lavrov", "a affirmé")
    assert doc.quotes == extract_with(CoNLL.conll2doc(str(path), reconstruct_text=True))


def test_use_parse_false_gives_the_regex_engine(stanza_dir):
    nlp = stanza.Pipeline(
        "fr", dir=str(stanza_dir), processors="tokenize,quotes", tokenize_pretokenized=True,
        download_method=None, logging_level="WARN", quotes_use_parse=False,
    )
    path = FIXTURES / "conllu" / "003_815975621475be5c.conllu"
    doc = nlp(CoNLL.conll2doc(str(path), reconstruct_text=True))
    assert doc.quotes == extract(article_text(path))


# ---------------------------------------------------------------------------------------
# documents read from CoNLL-U, and extract_with


# (fixture, start of the quote, kind, speaker, cue): complements the parse delimits
PARSE_BACKED_CASES = [
    ("000_a1fc4a9dd594eb62", "tout renforcement de la présence militaire", "indirect", "Sergueï Lavrov", "avait démenti"),
    ("003_815975621475be5c", "être prêt à se coordonner", "indirect", "Sergueï Lavrov", "a affirmé"),
    ("004_07b169cd1ed85383", "il est prématuré de parler", "indirect", "Moscou", "affirme"),
]


@pytest.mark.parametrize("stem,start,kind,speaker,cue", PARSE_BACKED_CASES)
def test_parse_backed_quotes(stem, start, kind, speaker, cue):
    path = FIXTURES / "conllu" / f"{stem}.conllu"
    text = article_text(path)
    quotes = extract_with(CoNLL.conll2doc(str(path), reconstruct_text=True), article="a/1")
    q = next(q for q in quotes if q.text.startswith(start))
    assert (q.kind, q.speaker_name, q.cue.text) == (kind, speaker, cue)
    assert q.article.id == "a/1"
    check_offsets(quotes, text)


@pytest.mark.parametrize("path", CONLLU, ids=lambda p: p.stem)
def test_conllu_fixture_offsets(path):
    """Every fixture rebuilds its article exactly, and every quote's offsets index it,
    whether the Document carries its text or only the tokens' offsets."""
    text = article_text(path)
    doc = CoNLL.conll2doc(str(path), reconstruct_text=True)
    assert doc.text == text
    parsed = SP.to_parsed(doc)
    assert parsed.has_parse and parsed.has_entities
    for tok in parsed.tokens:
        assert text[tok.start : tok.end]  # never empty
    with_text = extract_with(doc)
    check_offsets(with_text, text)
    bare = CoNLL.conll2doc(str(path))  # no text, offsets in MISC only
    assert bare.text is None
    assert extract_with(bare, text=text) == with_text


def test_multi_word_tokens_share_offsets():
    path = FIXTURES / "conllu" / "000_a1fc4a9dd594eb62.conllu"
    parsed = SP.to_parsed(CoNLL.conll2doc(str(path), reconstruct_text=True))
    pairs = [(a, b) for a, b in zip(parsed.tokens, parsed.tokens[1:]) if (a.start, a.end) == (b.start, b.end)]
    assert pairs, "the fixture splits du/au/aux/des into two words"
    a, b = pairs[0]
    assert parsed.text[a.start : a.end].lower() in ("du", "au", "aux", "des")
    assert (a.upos, b.upos) == ("ADP", "DET")


def test_extract_with_text_and_pipeline_indexes_the_callers_text(nlp):
    # pretokenized mode rebuilds the text (tokens joined by spaces): offsets are laid
    # back over the text the caller gave
    text = "« Nous   partons demain » ,  a déclaré Jean Dupont .\n\nIl a ajouté que le départ était fixé à huit heures ."
    quotes = extract_with(text, nlp=nlp, article={"id": "x"})
    assert nlp(text).text != text
    assert [q.text for q in quotes] == ["Nous   partons demain", "le départ était fixé à huit heures"]
    check_offsets(quotes, text)
    assert quotes[0].article.id == "x"


def test_document_without_text_needs_text():
    path = FIXTURES / "conllu" / "003_815975621475be5c.conllu"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("# text")]
    stripped = "\n".join("\t".join(c if i != 9 else "_" for i, c in enumerate(ln.split("\t"))) if "\t" in ln else ln for ln in lines)
    doc = CoNLL.conll2doc(input_str=stripped + "\n")
    with pytest.raises(ValueError, match="pass text="):
        extract_with(doc)
    text = article_text(path)
    check_offsets(extract_with(doc, text=text), text)


# ---------------------------------------------------------------------------------------
# errors that say what to do


def test_missing_model_says_how_to_download(tmp_path):
    with pytest.raises(OSError, match=r"stanza\.download\('fr'\)"):
        SP.load("fr", dir=str(tmp_path))


def test_full_pipeline_without_models_says_how_to_download(stanza_dir):
    with pytest.raises(OSError, match=r"stanza\.download\('fr'\)"):
        SP.load("fr", dir=str(stanza_dir))


def test_missing_stanza_says_which_extra():
    code = "import sys; sys.modules['stanza'] = None\nimport quotes.stanza_processor"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "pip install 'quotes[stanza]'" in proc.stderr


def test_quotes_dump_backend_stanza_without_models(tmp_path):
    (tmp_path / "a.txt").write_text("« Nous partons », a déclaré Jean Dupont.", encoding="utf-8")
    env = {**os.environ, "STANZA_RESOURCES_DIR": str(tmp_path / "no_models")}
    proc = subprocess.run(
        [sys.executable, "-m", "quotes.dump", "--backend", "stanza", "--no-progress", "a.txt"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )
    assert proc.returncode == 1
    assert "stanza.download('fr')" in proc.stderr
    assert proc.stdout == ""


def test_quotes_extract_takes_a_stanza_document():
    """``quotes.extract`` itself accepts an annotated stanza Document."""
    path = FIXTURES / "conllu" / "003_815975621475be5c.conllu"
    doc = CoNLL.conll2doc(str(path), reconstruct_text=True)
    assert extract(doc, article="a/1") == extract_with(CoNLL.conll2doc(str(path), reconstruct_text=True), article="a/1")
