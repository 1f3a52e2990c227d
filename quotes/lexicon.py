"""Linguistic data of the library, loaded once from the TSV files in ``quotes/data/``.

Each file starts with ``#`` comment lines that say what its columns mean, then a header
row. Nothing here is tuned to an article: these are lists of French words.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources
from typing import Iterable, Iterator, NamedTuple

import regex




def _rows(name: str) -> Iterator[list[str]]:
    """The data rows of ``quotes/data/NAME`` (comments and header skipped)."""
    # importlib.resources, not a path: the package may be read from a zip (Spark --py-files)
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield line.split("\t")


_MARKS_RE = regex.compile(r"\p{Mn}+")


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lowercase and strip accents: the key under which words are compared."""
    return _MARKS_RE.sub("", unicodedata.normalize("NFD", s.lower())).replace("’", "'")


class Verb(NamedTuple):
    lemma: str
    reflexive: bool
    form: str  # finite, participle, gerund or infinitive


class Title(NamedTuple):
    title: str
    gender: str | None
    type: str


@functools.lru_cache(maxsize=None)
def verbs() -> dict[str, Verb]:
    """Every form of every verb of saying (lowercase, as written) -> its lemma."""
    out: dict[str, Verb] = {}
    for lemma, refl, finite, participles, gerund, infinitive in _rows("cues.tsv"):
        for kind, forms in (("finite", finite), ("participle", participles), ("gerund", gerund), ("infinitive", infinitive)):
            for form in forms.split(","):
                out.setdefault(form, Verb(lemma, refl == "1", kind))
    return out


@functools.lru_cache(maxsize=None)
def verb_forms(kind: str, reflexive: bool | None = None) -> frozenset[str]:
    """The forms of one kind (finite, participle, gerund, infinitive) as written."""
    out = set()
    for lemma, refl, finite, participles, gerund, infinitive in _rows("cues.tsv"):
        if reflexive is not None and (refl == "1") != reflexive:
            continue
        forms = {"finite": finite, "participle": participles, "gerund": gerund, "infinitive": infinitive}[kind]
        out.update(forms.split(","))
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def titles() -> dict[str, Title]:
    """Role and source nouns (lowercase) -> gender and type."""
    return {
        t: Title(t, None if g == "-" else g, ty) for t, g, ty in _rows("titles.tsv")
    }


@functools.lru_cache(maxsize=None)
def honorifics() -> dict[str, str | None]:
    return {form: (None if g == "-" else g) for form, g in _rows("honorifics.tsv")}


@functools.lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    from .speakers import FUNCTION_CAPS  # a sentence opener is never a first name

    return frozenset(name for name, _count in _rows("firstnames.tsv") if name.lower() not in FUNCTION_CAPS)


@functools.lru_cache(maxsize=None)
def equivalent_titles() -> list[tuple[regex.Pattern, str]]:
    return [(regex.compile(p), t) for p, t in _rows("equivalent_titles.tsv")]


def trie(items: "Iterable[tuple[str, object]]") -> dict:
    """The words of ``(word, value)`` pairs as nested dicts, one level a character; a
    word's value stands under the key ``""`` where it ends."""
    root: dict = {}
    for w, value in items:
        d = root
        for ch in w:
            d = d.setdefault(ch, {})
        d[""] = value
    return root


def trie_pattern(words: "Iterable[str]", escape=regex.escape) -> str:
    """A non-capturing alternation of ``words`` shaped as a trie (shared prefixes written
    once). Regex engines try a trie in one walk instead of word by word, which is what
    makes a lexicon of thousands of forms cheap to scan for."""
    root = trie((w, {}) for w in words)

    def emit(d: dict) -> str:
        end = "" in d
        alts = [escape(ch) + emit(sub) for ch, sub in sorted(d.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        if end:
            body = body if body.startswith("(?:") and len(alts) > 1 else "(?:" + body + ")"
            return body + "?"
        return body

    return "(?:" + emit(root) + ")"
