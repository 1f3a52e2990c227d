"""Value classes of the library: frozen attrs classes that round-trip through JSON.

Every span (`start`, `end`) indexes the caller's original text: ``text[start:end]``
is the span's ``text``.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

import attrs

KINDS = ("direct", "partial", "indirect")
SPEAKER_TYPES = ("person", "organisation", "unknown")
GENDERS = ("m", "f")

Kind = Literal["direct", "partial", "indirect"]


def _check_span(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen
class Span:
    """A piece of the caller's text: ``text == source[start:end]``."""

    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)
    text: str

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional["Span"]:
        if d is None:
            return None
        return cls(start=int(d["start"]), end=int(d["end"]), text=d["text"])


@attrs.frozen
class Article:
    """A reference to the article a quote comes from; every field is optional."""

    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional["Article"]:
        if d is None:
            return None
        fields = {f.name for f in attrs.fields(cls)}
        unknown = set(d) - fields
        if unknown:
            raise ValueError(f"unknown article field(s) {sorted(unknown)}; only {sorted(fields)} are supported")
        return cls(**{k: (None if v is None else str(v)) for k, v in d.items()})

    @classmethod
    def coerce(cls, value: Any) -> Optional["Article"]:
        """Accept an Article, a mapping of its fields, a bare id string, or None."""
        if value is None or isinstance(value, Article):
            return value
        if isinstance(value, str):
            return cls(id=value)
        if isinstance(value, dict):
            return cls.from_dict(value)
        raise TypeError(f"article must be an Article, a dict or an id string, not {type(value).__name__}")


@attrs.frozen
class Speaker:
    """Who said it.

    ``name`` is the canonical form (the fullest name the article gives a person, or the
    noun phrase of an organisation or unnamed source without its determiner);
    ``mention`` is the words as written near the quote (``il``, ``M. Lavrov``).
    """

    name: Optional[str]
    mention: Optional[Span] = None
    type: str = attrs.field(default="unknown", validator=attrs.validators.in_(SPEAKER_TYPES))
    gender: Optional[str] = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(GENDERS))
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mention": self.mention.to_dict() if self.mention else None,
            "type": self.type,
            "gender": self.gender,
        }

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional["Speaker"]:
        if d is None:
            return None
        return cls(
            name=d.get("name"),
            mention=Span.from_dict(d.get("mention")),
            type=d.get("type", "unknown"),
            gender=d.get("gender"),
        )


def _check_confidence(instance: Any, attribute: attrs.Attribute, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"confidence must be in [0, 1], got {value}")


@attrs.frozen
class Quote:
    """One quotation: what was said, where it is in the text, who said it, how."""

    text: str
    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    speaker: Optional[Speaker] = None
    role: Optional[str] = None
    cue: Optional[Span] = None
    article: Optional[Article] = None
    confidence: float = attrs.field(default=0.5, validator=_check_confidence)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    @property
    def speaker_name(self) -> Optional[str]:
        return self.speaker.name if self.speaker else None

    def speaker_fields(self) -> tuple[Optional[str], Optional[str], Optional[str], Optional[str]]:
        """The speaker flattened for tables (CSV, Spark rows): name, type, gender, mention."""
        sp = self.speaker
        if sp is None:
            return None, None, None, None
        return sp.name, sp.type, sp.gender, sp.mention.text if sp.mention else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "role": self.role,
            "cue": self.cue.to_dict() if self.cue else None,
            "article": self.article.to_dict() if self.article else None,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        return cls(
            text=d["text"],
            start=int(d["start"]),
            end=int(d["end"]),
            kind=d["kind"],
            speaker=Speaker.from_dict(d.get("speaker")),
            role=d.get("role"),
            cue=Span.from_dict(d.get("cue")),
            article=Article.from_dict(d.get("article")),
            confidence=float(d.get("confidence", 0.5)),
        )


# --- fast construction for the pipeline's hot path -------------------------------------
# ``extract`` builds thousands of these. The attrs __init__ of a frozen slotted class sets
# each field through object.__setattr__ and then runs the validators one call each; the
# functions below write the slots directly (the same member descriptors attrs' __init__
# writes) after the same checks done inline, and fall back to the class itself -- which
# raises the usual error -- whenever a check fails. The objects are the same in every way
# (class, fields, equality, hash, repr, frozenness).
_new = object.__new__


def _setters(cls: type) -> tuple:
    return tuple(cls.__dict__[a.name].__set__ for a in attrs.fields(cls))


_SPAN_SET = _setters(Span)
_SPEAKER_SET = _setters(Speaker)
_QUOTE_SET = _setters(Quote)


def _span(start: int, end: int, text: str) -> Span:
    """``Span(start, end, text)``."""
    if not 0 <= start <= end:
        return Span(start, end, text)
    s = _new(Span)
    a, b, c = _SPAN_SET
    a(s, start)
    b(s, end)
    c(s, text)
    return s


def _speaker(name: Optional[str], mention: Optional[Span], type: str, gender: Optional[str]) -> Speaker:
    """``Speaker(name=name, mention=mention, type=type, gender=gender)``."""
    if type not in SPEAKER_TYPES or (gender is not None and gender not in GENDERS):
        return Speaker(name=name, mention=mention, type=type, gender=gender)
    s = _new(Speaker)
    a, b, c, d = _SPEAKER_SET
    a(s, name)
    b(s, mention)
    c(s, type)
    d(s, gender)
    return s


def _quote(
    text: str, start: int, end: int, kind: str, speaker: Optional[Speaker], role: Optional[str],
    cue: Optional[Span], article: Optional[Article], confidence: float,
) -> Quote:
    """``Quote(text=text, start=start, …, confidence=confidence)``."""
    if start < 0 or end < 0 or kind not in KINDS or not 0.0 <= confidence <= 1.0:
        return Quote(text=text, start=start, end=end, kind=kind, speaker=speaker, role=role, cue=cue, article=article, confidence=confidence)
    q = _new(Quote)
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = _QUOTE_SET
    s0(q, text)
    s1(q, start)
    s2(q, end)
    s3(q, kind)
    s4(q, speaker)
    s5(q, role)
    s6(q, cue)
    s7(q, article)
    s8(q, confidence)
    return q
