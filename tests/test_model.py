"""The value classes: frozen, validated, and round-tripping through JSON."""

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes import Article, Quote, Span, Speaker
from quotes.model import GENDERS, KINDS, SPEAKER_TYPES

FULL_QUOTE = Quote(
    text="Nous partons demain",
    start=2,
    end=21,
    kind="direct",
    speaker=Speaker(name="Jean Dupont", mention=Span(35, 46, "Jean Dupont"), type="person", gender="m"),
    role="maire de Brest",
    cue=Span(24, 34, "a déclaré"),
    article=Article(id="seeds/x", url="https://example.org/a", title="Un titre", date="2024-01-02", source="test"),
    confidence=0.9,
)
BARE_QUOTE = Quote(text="Nous partons", start=0, end=12, kind="indirect")

TO_DICT_KEYS = ["text", "start", "end", "kind", "speaker", "role", "cue", "article", "confidence"]


@pytest.mark.parametrize("quote", [FULL_QUOTE, BARE_QUOTE], ids=["full", "bare"])
def test_quote_round_trips_through_json(quote):
    d = json.loads(json.dumps(quote.to_dict(), ensure_ascii=False))
    assert Quote.from_dict(d) == quote


def test_to_dict_has_every_documented_field():
    d = FULL_QUOTE.to_dict()
    assert list(d) == TO_DICT_KEYS
    assert d["speaker"] == {
        "name": "Jean Dupont",
        "mention": {"start": 35, "end": 46, "text": "Jean Dupont"},
        "type": "person",
        "gender": "m",
    }
    assert d["cue"] == {"start": 24, "end": 34, "text": "a déclaré"}
    assert d["article"] == {"id": "seeds/x", "url": "https://example.org/a", "title": "Un titre", "date": "2024-01-02", "source": "test"}


def test_bare_quote_has_nulls():
    d = BARE_QUOTE.to_dict()
    assert (d["speaker"], d["role"], d["cue"], d["article"]) == (None, None, None, None)
    assert d["confidence"] == 0.5


def test_quote_is_frozen_and_evolves():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        FULL_QUOTE.text = "autre chose"
    changed = attrs.evolve(FULL_QUOTE, confidence=0.3)
    assert changed.confidence == 0.3 and FULL_QUOTE.confidence == 0.9


def test_span_and_speaker_name_properties():
    assert FULL_QUOTE.span == Span(2, 21, "Nous partons demain")
    assert FULL_QUOTE.speaker_name == "Jean Dupont"
    assert BARE_QUOTE.speaker_name is None


INVALID_QUOTES = [
    pytest.param(dict(kind="quoted"), id="unknown-kind"),
    pytest.param(dict(confidence=1.5), id="confidence-above-1"),
    pytest.param(dict(confidence=-0.1), id="confidence-below-0"),
    pytest.param(dict(start=-1), id="negative-start"),
]


@pytest.mark.parametrize("changes", INVALID_QUOTES)
def test_invalid_quote_is_refused(changes):
    fields = dict(text="Nous partons", start=0, end=12, kind="direct")
    fields.update(changes)
    with pytest.raises(ValueError):
        Quote(**fields)


def test_span_end_before_start_is_refused():
    with pytest.raises(ValueError, match="before its start"):
        Span(5, 3, "")


@pytest.mark.parametrize("changes", [dict(type="robot"), dict(gender="x")], ids=["type", "gender"])
def test_invalid_speaker_is_refused(changes):
    with pytest.raises(ValueError):
        Speaker(name="Jean Dupont", **changes)


ARTICLE_COERCIONS = [
    pytest.param(None, None, id="none"),
    pytest.param("winer/2016_01_01-001", Article(id="winer/2016_01_01-001"), id="id-string"),
    pytest.param({"id": "a", "title": "T"}, Article(id="a", title="T"), id="dict"),
    pytest.param(Article(id="a"), Article(id="a"), id="article"),
]


@pytest.mark.parametrize("value, expected", ARTICLE_COERCIONS)
def test_article_coerce(value, expected):
    assert Article.coerce(value) == expected


def test_article_unknown_field_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown article field\(s\) \['author'\].*'id'"):
        Article.from_dict({"id": "a", "author": "moi"})


def test_article_coerce_refuses_other_types():
    with pytest.raises(TypeError, match="int"):
        Article.coerce(42)


spans = st.builds(
    lambda start, length, text: Span(start, start + length, text),
    st.integers(0, 10_000),
    st.integers(0, 500),
    st.text(max_size=40),
)
speakers = st.builds(
    Speaker,
    name=st.none() | st.text(max_size=30),
    mention=st.none() | spans,
    type=st.sampled_from(SPEAKER_TYPES),
    gender=st.none() | st.sampled_from(GENDERS),
)
articles = st.builds(
    Article,
    id=st.none() | st.text(max_size=20),
    url=st.none() | st.text(max_size=20),
    title=st.none() | st.text(max_size=20),
    date=st.none() | st.text(max_size=10),
    source=st.none() | st.text(max_size=10),
)
quotes = st.builds(
    lambda start, length, **kw: Quote(start=start, end=start + length, **kw),
    start=st.integers(0, 10_000),
    length=st.integers(0, 500),
    text=st.text(max_size=60),
    kind=st.sampled_from(KINDS),
    speaker=st.none() | speakers,
    role=st.none() | st.text(max_size=30),
    cue=st.none() | spans,
    article=st.none() | articles,
    confidence=st.floats(0.0, 1.0),
)


@given(quotes)
def test_any_quote_round_trips_through_json(quote):
    assert Quote.from_dict(json.loads(json.dumps(quote.to_dict()))) == quote


# The pipeline builds its value objects through fast constructors that write the slots
# directly (quotes.model._span/_speaker/_quote, quotes.speakers._mention). They must give
# the very objects the classes give, and the classes' errors on bad values.
from quotes.model import _quote, _span, _speaker  # noqa: E402
from quotes.speakers import Mention, _mention  # noqa: E402

_opt_text = st.none() | st.text(max_size=8)


@given(st.integers(0, 50), st.integers(0, 50), st.text(max_size=8), st.sampled_from(sorted(SPEAKER_TYPES)),
       st.none() | st.sampled_from(sorted(GENDERS)), _opt_text, st.sampled_from(sorted(KINDS)), st.floats(0.0, 1.0))
def test_fast_constructors_build_the_same_objects(a, b, text, stype, gender, name, kind, conf):
    start, end = min(a, b), max(a, b)
    span = _span(start, end, text)
    assert span == Span(start, end, text) and type(span) is Span
    speaker = _speaker(name, span, stype, gender)
    assert speaker == Speaker(name=name, mention=span, type=stype, gender=gender)
    quote = _quote(text, start, end, kind, speaker, name, span, None, conf)
    assert quote == Quote(text=text, start=start, end=end, kind=kind, speaker=speaker, role=name, cue=span,
                          article=None, confidence=conf)
    assert repr(quote) == repr(Quote(text=text, start=start, end=end, kind=kind, speaker=speaker, role=name,
                                     cue=span, article=None, confidence=conf))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quote.start = 0
    fields = dict(start=start, end=end, text=text, name=name, description=text, role=None, pronoun="il",
                  gender=gender, type=stype, plural=True, honorific=False)
    assert _mention(*fields.values()) == Mention(**fields)


@pytest.mark.parametrize("make", [
    lambda: _span(5, 2, "x"),
    lambda: _span(-1, 2, "x"),
    lambda: _speaker("X", None, "alien", None),
    lambda: _speaker("X", None, "person", "n"),
    lambda: _quote("x", 0, 1, "hearsay", None, None, None, None, 0.5),
    lambda: _quote("x", 0, 1, "direct", None, None, None, None, 1.5),
    lambda: _quote("x", -1, 1, "direct", None, None, None, None, 0.5),
], ids=["end-before-start", "negative-start", "speaker-type", "gender", "kind", "confidence", "quote-start"])
def test_fast_constructors_reject_what_the_classes_reject(make):
    with pytest.raises(ValueError):
        make()
