"""The ``quotes`` stanza processor (extra ``quotes[stanza]``).

Importing this module registers the processor::

    import stanza
    import quotes.stanza_processor  # registers "quotes"

    nlp = stanza.Pipeline("fr", processors="tokenize,mwt,pos,lemma,depparse,ner,quotes")
    doc = nlp(text)
    doc.quotes                      # list[quotes.Quote], offsets into doc.text

With ``pos``, ``lemma``, ``depparse`` and ``ner`` in the pipeline, attribution uses the
parse and the entities (``quotes.parsed``); with ``tokenize`` alone it gives the regex
engine's quotes. See docs/stanza.md.
"""

from __future__ import annotations

from typing import Any, Optional

try:
    from stanza.models.common.doc import Document
    from stanza.pipeline.processor import Processor, register_processor
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "the stanza processor of quotes needs stanza: pip install 'quotes[stanza]'"
    ) from e

from .model import Quote
from .parse import ParsedDoc, Token, entity_label, realign

NAME = "quotes"
DOWNLOAD_HINT = "run python -c \"import stanza; stanza.download('{lang}')\" once, with a network"

if not hasattr(Document, "quotes"):
    Document.add_property(
        "quotes",
        default=None,
        getter=lambda self: self._quotes,
        setter=lambda self, value: setattr(self, "_quotes", value),
    )


def to_parsed(doc: Document, text: Optional[str] = None) -> ParsedDoc:
    """The internal view of a stanza ``Document``.

    Each word is a token; the words of a multi-word token (``du`` = ``de le``) share the
    token's offsets. Offsets index ``text`` when it is given (the tokens are laid over it
    in order), else ``doc.text``. A document read from CoNLL-U without offsets needs
    ``text``.
    """
    all_tokens = [t for s in doc.sentences for t in s.tokens]
    have_offsets = all(t.start_char is not None and t.end_char is not None for t in all_tokens)
    own_text = doc.text
    if own_text is None and have_offsets and text is not None:
        # read from CoNLL-U with start_char/end_char in MISC but no text: they may index
        # the caller's text
        if all(text[t.start_char : t.end_char] == t.text for t in all_tokens):
            own_text = text
    if own_text is None or not have_offsets:
        if text is None:
            raise ValueError(
                "this stanza Document has no text or character offsets "
                "(read it with CoNLL.conll2doc(..., reconstruct_text=True), or pass text=)"
            )
        # lay the tokens end to end; realign() then finds them in the caller's text
        offsets, pos = {}, 0
        for t in all_tokens:
            offsets[id(t)] = (pos, pos + len(t.text))
            pos += len(t.text) + 1
        own_text = " ".join(t.text for t in all_tokens)
    else:
        offsets = {id(t): (t.start_char, t.end_char) for t in all_tokens}

    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    word_range: dict[int, tuple[int, int]] = {}  # id(stanza token) -> our word indices
    for s in doc.sentences:
        first = len(tokens)
        for t in s.tokens:
            a, b = offsets[id(t)]
            ent = entity_label(getattr(t, "ner", None))
            w0 = len(tokens)
            for w in t.words:
                head = None
                if w.head:  # 0 is the root, None without a parse
                    head = first + w.head - 1
                tokens.append(
                    Token(
                        start=a,
                        end=b,
                        text=w.text or "",
                        lemma=w.lemma or "",
                        upos=w.upos or "",
                        head=head,
                        deprel=w.deprel or "",
                        ent=ent,
                    )
                )
            word_range[id(t)] = (w0, len(tokens))
        sentences.append((first, len(tokens)))
    entities = []
    for e in getattr(doc, "ents", None) or []:
        toks = [t for t in e.tokens if id(t) in word_range]
        if toks:
            entities.append((word_range[id(toks[0])][0], word_range[id(toks[-1])][1], e.type))
    if not entities:
        # a document read from CoNLL-U without its text has tags but no entity list
        entities = [(word_range[id(all_tokens[a])][0], word_range[id(all_tokens[b - 1])][1], label)
                    for a, b, label in _bioes_spans([getattr(t, "ner", None) for t in all_tokens])]
    parsed = ParsedDoc.build(own_text, tokens, sentences, entities)
    if text is not None:
        parsed = realign(parsed, text)
    return parsed


def _bioes_spans(tags: list[Optional[str]]) -> list[tuple[int, int, str]]:
    """``(first, last, label)`` token ranges of BIOES (or BIO) tags."""
    out: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, lab = (tag or "O").partition("-")
        if start is not None and (prefix in ("O", "B", "S") or lab != label):
            out.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, label = i, lab
        if prefix in ("E", "S") and start is not None:
            out.append((start, i + 1, label))
            start, label = None, None
    return out


def extract_document(doc: Document, *, text: Optional[str] = None, article: Any = None, use_parse: bool = True) -> list[Quote]:
    """The quotes of an annotated stanza ``Document`` (offsets into ``text``, else
    ``doc.text``)."""
    from .extract import extract
    from .parsed import extract_parsed

    if not use_parse:
        if text is None and doc.text is None:
            raise ValueError("this stanza Document has no text: pass text=")
        return extract(text if text is not None else doc.text, article=article)
    return extract_parsed(to_parsed(doc, text), article=article)


@register_processor(NAME)
class QuotesProcessor(Processor):
    """Fills ``doc.quotes``. Config (``quotes_use_parse=False`` in ``stanza.Pipeline``):
    ``use_parse`` (default True) uses the parse and entities when the document has them."""

    REQUIRES_DEFAULT = {"tokenize"}  # noqa: RUF012 - stanza unions these as sets
    PROVIDES_DEFAULT = {NAME}  # noqa: RUF012

    def __init__(self, config: dict, pipeline: Any, device: Any) -> None:
        super().__init__(config, pipeline, device)
        self.use_parse = bool(config.get("use_parse", True))

    def process(self, doc: Document) -> Document:
        doc.quotes = extract_document(doc, use_parse=self.use_parse)
        return doc


def load(lang: str = "fr", processors: str = "tokenize,mwt,pos,lemma,depparse,ner,quotes", **kwargs: Any) -> Any:
    """A stanza pipeline with the ``quotes`` processor, from models already downloaded
    (no download is attempted). Raises ``OSError`` saying how to get them."""
    import stanza

    kwargs.setdefault("download_method", None)
    kwargs.setdefault("logging_level", "WARN")
    try:
        return stanza.Pipeline(lang, processors=processors, **kwargs)
    except FileNotFoundError as e:  # no resources.json, no model directory, no model file
        hint = DOWNLOAD_HINT.format(lang=lang)
        raise OSError(f"the stanza models for {lang!r} are not downloaded: {hint} ({e})") from e
