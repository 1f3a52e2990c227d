"""Score extracted quotes against hand-annotated gold: the ``quotes-eval`` command.

The figures are exactly those of ``shared/gold/GUIDE.md`` ("Scoring"):

* **Text normalisation** (:func:`normalise_text`): Unicode NFC, white space collapsed to
  one space, spaces and quotation marks trimmed at both ends. The trimmed marks are
  ``« » “ ” „ ‟ " ‹ › ‘ ’ ‚ '`` and the French dialogue dashes ``— –`` (an em-dash opens
  a line of dialogue the way ``«`` opens a quote).
* **Quote match** (:func:`pair_quotes`): a predicted quote matches a gold quote when
  their longest common substring covers at least 30% of the gold text's characters
  (*lenient*); the *strict* figure pairs only equal normalised texts. Pairing is
  one-to-one: candidate pairs are taken most alike first (common substring over the
  longer of the two texts), then most covered (common substring over the gold text),
  then in document order.
* **ignore / not_quotes**: they only concern predictions left unpaired. An unpaired
  prediction that *overlaps* a ``not_quotes`` text is a false positive (flagged as such
  in ``--misses``); otherwise one that overlaps an ``ignore`` text is not counted at
  all. "Overlap" is text-based: the longest common substring of the two normalised
  texts covers at least 30% of the LONGER of them (the "most alike" measure of the
  pairing, at the lenient threshold). Measuring against the longer text keeps a
  two-word ignore text from hiding every long prediction that shares a few letters
  with it, and keeps a short prediction inside a long ignored passage (fr-litbank's
  embedded narratives) scored normally. A prediction paired with a gold quote is
  always a true positive, whatever it overlaps.
* **Per-kind buckets**: the pairing is run separately in each bucket, gold quotes of
  the bucket's kinds against predictions of the same kinds: ``all`` (every kind),
  ``quoted`` (direct + partial: a partial predicted as direct still counts),
  ``direct``, ``partial`` and ``indirect``. A prediction's kind puts it in a bucket's
  precision, the gold kind in its recall.
* **Speaker accuracy** (:func:`speaker_correct`): over lenient pairs whose gold speaker
  is not null, the share whose predicted ``speaker.name`` equals the gold speaker or one
  of its ``speaker_alternatives`` after :func:`normalise_name` (lowercase, accents
  removed, apostrophe joined to the next word, a leading determiner and a leading
  honorific removed). *Lenient*: the last words of the two names are equal (applied to
  every speaker: the gold does not say which speakers are persons). Gold records with
  ``"speaker_is_mention": true`` (fr-litbank, whose gold speaker is the mention as
  written, ``elle``) also accept the predicted ``speaker.mention`` text.
* **Role accuracy**: the same over pairs whose gold role is not null, against ``role`` and
  ``role_alternatives``, strict comparison only.
* **Attribution**: a prediction is a true positive only when it is paired (lenient) with
  a gold quote AND its speaker is correct; a null gold speaker is "correct" only for a
  null predicted speaker. Reported with the strict speaker test and, under ``lenient``,
  with the last-word test.

All figures are micro-averaged over the articles. A ratio with a zero denominator is
``None`` (``null`` in JSON, ``-`` in the table).

JSON output (``quotes-eval --json``, also what :func:`score` returns)::

    {"articles": 65,
     "quotes": {BUCKET: {"lenient": {"p", "r", "f1", "tp", "fp", "fn", "ignored"},
                         "strict":  {... same keys ...}}},
     "speaker": {BUCKET: {"strict", "lenient", "n"}},
     "role": {BUCKET: {"accuracy", "n"}},
     "attribution": {BUCKET: {"p", "r", "f1", "tp", "fp", "fn",
                              "lenient": {"p", "r", "f1", "tp", "fp", "fn"}}}}

where BUCKET is each of ``all``, ``quoted``, ``direct``, ``partial``, ``indirect``;
``--misses`` adds ``"misses": {article_id: [miss, ...]}`` (see :class:`Miss`).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gzip
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Optional, Union

import attrs

from .model import KINDS, Article, Quote

# -- scoring constants (GUIDE.md "Scoring"; deliberately not read from the package data
#    files, so that changing what the library knows never changes how it is scored)

#: A lenient match needs a common substring of at least this share of the gold text.
LENIENT_SHARE = 0.3
#: Buckets of quote kinds, each scored on its own (gold of these kinds vs predictions of
#: these kinds).
BUCKETS: dict[str, tuple[str, ...]] = {
    "all": KINDS,
    "quoted": ("direct", "partial"),
    "direct": ("direct",),
    "partial": ("partial",),
    "indirect": ("indirect",),
}
#: Characters trimmed at both ends of a text: spaces, quotation marks, dialogue dashes.
TRIM_CHARS = " «»“”„‟\"‹›‘’‚'—–"
#: Leading determiners removed from a speaker or role (with ``l'``, joined to its word).
DETERMINERS = ("le", "la", "les", "un", "une", "des", "du")
#: Leading honorifics removed from a speaker or role (lowercased; a final dot is optional,
#: except for ``m.``, which may also be glued to the name: ``M.Dupont``).
HONORIFICS = ("mme", "mlle", "dr", "me")

_SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"[’ʼ‘`´]")
_APOSTROPHE_SPACE = re.compile(r"'\s+")
_DETERMINER = re.compile(r"^(?:(?:%s)\s+|l')" % "|".join(DETERMINERS))
_HONORIFIC = re.compile(r"^(?:m\.\s*|(?:%s)\.?\s+)" % "|".join(HONORIFICS))
#: Sizes of the character n-grams used to skip pairs that cannot share a long substring
#: (two texts whose longest common substring has k characters share every n-gram size
#: up to k) and to find that substring.
_GRAM_SIZES = (1, 2, 4, 8, 16)

# -- messages
ERR_BAD_JSON = "{source}:{line}: not valid JSON ({error})"
ERR_NOT_OBJECT = "{source}:{line}: expected a JSON object, got {type}"
ERR_BAD_RECORD = "{source}:{line}: {error}"
ERR_MISSING_FIELD = "missing field {field!r}"
ERR_BAD_FIELD = "field {field!r} must be {expected}, got {value!r}"
ERR_BAD_KIND = "kind {kind!r} is not one of {kinds}"
ERR_DUPLICATE_ID = "{source}:{line}: article {id!r} already given on line {first}; this line is ignored"
ERR_NO_ARTICLE_ID = "no 'article_id' (nor article.id) to say which article this quote is from"
ERR_MISSING_ARTICLE = "article {id!r}: text not found (looked in {where}); not scored"
ERR_EXTRACT_FAILED = "article {id!r}: extraction failed: {error}; not scored"
ERR_NO_SHARED = "no shared directory found (tried {tried}); give one with --shared DIR"
ERR_ARGS_GOLD = "give GOLD (and optionally PRED), or --brat DIR (and optionally PRED)"
ERR_BOTH_STDIN = "GOLD and PRED cannot both be read from stdin"
ERR_NO_BRAT = "no .ann files with their .txt in {folder}"
WARN_UNKNOWN_ARTICLES = "warning: {n} predicted article(s) not in the gold are ignored: {ids}"


class InputError(ValueError):
    """A gold or prediction record that cannot be scored (bad JSON, missing field...)."""


# ---------------------------------------------------------------------------
# normalisation and matching


def normalise_text(text: str) -> str:
    """Normalise a quote text for comparison: NFC, collapsed spaces, trimmed marks.

    >>> normalise_text(" « Nous  partons » ")
    'Nous partons'
    """
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip(TRIM_CHARS)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def normalise_name(name: Optional[str]) -> str:
    """Normalise a speaker or a role for comparison (GUIDE.md "Speaker accuracy").

    Lowercase, accents removed, typographic apostrophes made straight and joined to the
    next word, then leading determiners and honorifics removed (repeatedly, so that
    ``le Dr Martin`` and ``M. le ministre`` lose both).

    >>> normalise_name("M. Sergueï Lavrov")
    'serguei lavrov'
    >>> normalise_name("la mairie d' Albertville")
    "mairie d'albertville"
    """
    if not name:
        return ""
    text = _strip_accents(normalise_text(name).lower())
    text = _APOSTROPHE_SPACE.sub("'", _APOSTROPHES.sub("'", text))
    while True:
        shorter = _HONORIFIC.sub("", _DETERMINER.sub("", text), count=1)
        if shorter == text or not shorter:
            return text.strip()
        text = shorter


def _last_word(normalised: str) -> str:
    return normalised.rsplit(" ", 1)[-1] if normalised else ""


def longest_common_substring(a: str, b: str) -> int:
    """Length of the longest common substring of ``a`` and ``b`` (exact, no junk)."""
    if not a or not b:
        return 0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def lenient_match(gold: str, predicted: str) -> bool:
    """Whether two quote texts match leniently: common substring >= 30% of the gold.

    Texts are normalised first (:func:`normalise_text`).
    """
    gold, predicted = normalise_text(gold), normalise_text(predicted)
    return bool(gold) and _covers(longest_common_substring(gold, predicted), len(gold))


def _covers(common: int, length: int) -> bool:
    """Whether ``common`` characters are at least LENIENT_SHARE of ``length`` (no floats)."""
    return common > 0 and common * 10 >= length * round(LENIENT_SHARE * 10)


def _min_common(length: int) -> int:
    """The fewest common characters that cover LENIENT_SHARE of ``length``."""
    share = round(LENIENT_SHARE * 10)
    return max(1, (length * share + 9) // 10)


class _Grams:
    """The n-gram sets of some texts, and their n-gram positions, computed once."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.sets: dict[tuple[int, int], frozenset[str]] = {}
        self.positions: dict[tuple[int, int], dict[str, list[int]]] = {}

    def __call__(self, index: int, n: int) -> frozenset[str]:
        key = (index, n)
        if key not in self.sets:
            text = self.texts[index]
            self.sets[key] = frozenset(text[i : i + n] for i in range(len(text) - n + 1))
        return self.sets[key]

    def where(self, index: int, n: int) -> dict[str, list[int]]:
        key = (index, n)
        if key not in self.positions:
            text, found = self.texts[index], {}
            for i in range(len(text) - n + 1):
                found.setdefault(text[i : i + n], []).append(i)
            self.positions[key] = found
        return self.positions[key]


def _long_common(a: str, b: str, b_where: Mapping[str, list[int]], n: int) -> int:
    """Longest common substring of ``a`` and ``b`` if it has at least ``n`` characters
    (else some smaller number): every such substring starts with a common n-gram, so
    extend each common n-gram that is not itself the continuation of a longer match.

    Linear in practice where :func:`difflib` is quadratic, which matters for passages of
    thousands of characters (fr-litbank's stories).
    """
    best = 0
    for i in range(len(a) - n + 1):
        for j in b_where.get(a[i : i + n], ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a match already extended from its start
            k = n
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def _common_lengths(refs: Sequence[str], preds: Sequence[str], need: Any) -> dict[tuple[int, int], int]:
    """LCS length of each (ref, pred) pair reaching ``need(len(ref), len(pred))`` characters.

    Pairs that cannot reach it are skipped early: too short, or without a common n-gram
    (n the largest of ``_GRAM_SIZES`` not above the length needed). The others get an
    exact answer from :func:`_long_common`: it finds every common substring of n
    characters or more, and the one wanted has at least that many.
    """
    found: dict[tuple[int, int], int] = {}
    ref_grams, pred_grams = _Grams(refs), _Grams(preds)
    for i, ref in enumerate(refs):
        for j, pred in enumerate(preds):
            least = need(len(ref), len(pred))
            if not ref or not pred or least > min(len(ref), len(pred)):
                continue
            n = max(size for size in _GRAM_SIZES if size <= least)
            if n > 1 and ref_grams(i, n).isdisjoint(pred_grams(j, n)):
                continue
            size = _long_common(pred, ref, ref_grams.where(i, n), n)
            if size >= least:
                found[(i, j)] = size
    return found


def _greedy_pairs(
    common: Mapping[tuple[int, int], int],
    gold_lengths: Sequence[int],
    pred_lengths: Sequence[int],
    gold_ids: Iterable[int],
    pred_ids: Iterable[int],
) -> list[tuple[int, int]]:
    """One-to-one pairs among candidate pairs: most alike first, then most covered."""
    golds, preds = set(gold_ids), set(pred_ids)
    candidates = [
        (-size / max(gold_lengths[g], pred_lengths[p]), -size / gold_lengths[g], g, p)
        for (g, p), size in common.items()
        if g in golds and p in preds
    ]
    candidates.sort()
    pairs, used_gold, used_pred = [], set(), set()
    for _, _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def pair_quotes(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[int, int]]:
    """Pair gold and predicted quote texts one-to-one under the lenient match.

    Returns ``(gold index, predicted index)`` pairs sorted by gold index. Texts are
    normalised first; pairs are taken most alike first (common substring over the
    longer text), then most covered (over the gold text), then in index order.

    >>> pair_quotes(["nous partons demain"], ["ils restent", "nous partons"])
    [(0, 1)]
    """
    gold_n = [normalise_text(t) for t in gold]
    pred_n = [normalise_text(t) for t in predicted]
    common = _common_lengths(gold_n, pred_n, lambda g, p: _min_common(g))
    return _greedy_pairs(
        common, [len(t) for t in gold_n], [len(t) for t in pred_n], range(len(gold)), range(len(predicted))
    )


def _overlaps(common: int, a: int, b: int) -> bool:
    """The overlap test of ignore/not_quotes texts: LCS covers 30% of the longer text."""
    return _covers(common, max(a, b))


# ---------------------------------------------------------------------------
# records


@attrs.frozen
class ScoredQuote:
    """A gold or predicted quote reduced to what scoring looks at.

    ``mention`` is the predicted speaker's mention text (unused for gold);
    ``start``/``end`` are kept when given but never used for matching.
    """

    text: str
    kind: str
    speaker: Optional[str] = None
    speaker_alternatives: tuple[str, ...] = ()
    mention: Optional[str] = None
    role: Optional[str] = None
    role_alternatives: tuple[str, ...] = ()
    start: Optional[int] = None
    end: Optional[int] = None

    @property
    def norm(self) -> str:
        return normalise_text(self.text)

    @classmethod
    def from_dict(cls, d: Any) -> "ScoredQuote":
        """Read a gold quote, a ``Quote.to_dict()`` or a gold-format prediction.

        The speaker may be a string (gold format), an object with ``name`` and
        ``mention`` (``Quote.to_dict()``) or null. Raises :class:`InputError`.
        """
        if isinstance(d, Quote):
            d = d.to_dict()
        if not isinstance(d, dict):
            raise InputError(ERR_BAD_FIELD.format(field="quotes[]", expected="an object", value=d))
        text = _field(d, "text", str)
        kind = _field(d, "kind", str)
        if kind not in KINDS:
            raise InputError(ERR_BAD_KIND.format(kind=kind, kinds=list(KINDS)))
        speaker, mention = d.get("speaker"), None
        if isinstance(speaker, dict):
            mention_span = speaker.get("mention")
            mention = mention_span.get("text") if isinstance(mention_span, dict) else None
            speaker = speaker.get("name")
        if speaker is not None and not isinstance(speaker, str):
            raise InputError(
                ERR_BAD_FIELD.format(field="speaker", expected="a string, an object or null", value=speaker)
            )
        role = d.get("role")
        if role is not None and not isinstance(role, str):
            raise InputError(ERR_BAD_FIELD.format(field="role", expected="a string or null", value=role))
        start, end = d.get("start"), d.get("end")
        return cls(
            text=text,
            kind=kind,
            speaker=speaker or None,
            speaker_alternatives=_strings(d, "speaker_alternatives"),
            mention=mention,
            role=role or None,
            role_alternatives=_strings(d, "role_alternatives"),
            start=start if isinstance(start, int) else None,
            end=end if isinstance(end, int) else None,
        )


def _field(d: Mapping[str, Any], name: str, kind: type) -> Any:
    if name not in d:
        raise InputError(ERR_MISSING_FIELD.format(field=name))
    value = d[name]
    if not isinstance(value, kind):
        raise InputError(ERR_BAD_FIELD.format(field=name, expected=f"a {kind.__name__}", value=value))
    return value


def _strings(d: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = d.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(ERR_BAD_FIELD.format(field=name, expected="a list of strings", value=value))
    return tuple(value)


@attrs.frozen
class GoldArticle:
    """One gold record: an article's quotes, its not-quotes and its undecided texts."""

    id: str
    quotes: tuple[ScoredQuote, ...]
    not_quotes: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    speaker_is_mention: bool = False

    @classmethod
    def from_dict(cls, d: Any) -> "GoldArticle":
        """Read a gold JSON record (GUIDE.md "Record format"). Raises :class:`InputError`."""
        if isinstance(d, GoldArticle):
            return d
        if not isinstance(d, dict):
            raise InputError(ERR_BAD_FIELD.format(field="record", expected="an object", value=d))
        article_id = _field(d, "id", str)
        quotes = _field(d, "quotes", list)
        return cls(
            id=article_id,
            quotes=tuple(ScoredQuote.from_dict(q) for q in quotes),
            not_quotes=_strings(d, "not_quotes"),
            ignore=_strings(d, "ignore"),
            speaker_is_mention=bool(d.get("speaker_is_mention", False)),
        )


# ---------------------------------------------------------------------------
# reading files


@contextlib.contextmanager
def _open_text(path: Union[str, os.PathLike]) -> Iterator[IO[str]]:
    """Open a text file, a gzipped one (``.gz``) or stdin (``-``, read as UTF-8, not closed)."""
    if str(path) == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # stdin replaced by a text stream (tests)
            yield sys.stdin
        else:
            wrapper = io.TextIOWrapper(buffer, encoding="utf-8")
            try:
                yield wrapper
            finally:
                wrapper.detach()
    elif str(path).endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            yield f
    else:
        with open(path, encoding="utf-8") as f:
            yield f


def iter_jsonl(path: Union[str, os.PathLike], errors: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each JSON object line of ``path`` (``-``: stdin).

    Blank lines are skipped; a line that is not a JSON object is reported in ``errors``
    (naming file and line) and skipped.
    """
    source = "<stdin>" if str(path) == "-" else str(path)
    with _open_text(path) as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(ERR_BAD_JSON.format(source=source, line=number, error=e))
                continue
            if not isinstance(obj, dict):
                errors.append(ERR_NOT_OBJECT.format(source=source, line=number, type=type(obj).__name__))
                continue
            yield number, obj


def load_gold(path: Union[str, os.PathLike], errors: Optional[list[str]] = None) -> list[GoldArticle]:
    """Read a gold JSON Lines file; bad lines are reported in ``errors`` and skipped."""
    errors = [] if errors is None else errors
    source = "<stdin>" if str(path) == "-" else str(path)
    articles: list[GoldArticle] = []
    first_line: dict[str, int] = {}
    for number, obj in iter_jsonl(path, errors):
        try:
            article = GoldArticle.from_dict(obj)
        except InputError as e:
            errors.append(ERR_BAD_RECORD.format(source=source, line=number, error=e))
            continue
        if article.id in first_line:
            errors.append(
                ERR_DUPLICATE_ID.format(source=source, line=number, id=article.id, first=first_line[article.id])
            )
            continue
        first_line[article.id] = number
        articles.append(article)
    return articles


def load_predictions(path: Union[str, os.PathLike], errors: Optional[list[str]] = None) -> dict[str, list[ScoredQuote]]:
    """Read predictions, by article id, from a JSON Lines file (``-``: stdin).

    Each line is either one quote (``Quote.to_dict()`` plus ``"article_id"``, as
    ``quotes-dump`` writes; ``article.id`` is used when ``article_id`` is absent) or one
    article (``{"id": ..., "quotes": [...]}``: ``quotes-dump --by-article``, or the gold
    format itself). Bad lines are reported in ``errors`` and skipped.
    """
    errors = [] if errors is None else errors
    source = "<stdin>" if str(path) == "-" else str(path)
    predictions: dict[str, list[ScoredQuote]] = {}
    for number, obj in iter_jsonl(path, errors):
        try:
            if "quotes" in obj:
                article_id = _field(obj, "id", str)
                quotes = [ScoredQuote.from_dict(q) for q in _field(obj, "quotes", list)]
            else:
                article = obj.get("article")
                article_id = obj.get("article_id") or (article.get("id") if isinstance(article, dict) else article)
                if not isinstance(article_id, str):
                    raise InputError(ERR_NO_ARTICLE_ID)
                quotes = [ScoredQuote.from_dict(obj)]
        except InputError as e:
            errors.append(ERR_BAD_RECORD.format(source=source, line=number, error=e))
            continue
        predictions.setdefault(article_id, []).extend(quotes)
    return predictions


# ---------------------------------------------------------------------------
# article texts

#: Where the texts of each id prefix live, relative to the shared directory.
SEED_DIR = "seeds"
WINER_FILE = "corpora/winer-fr.jsonl"
ORANGESUM_FILE = "corpora/orangesum.jsonl.gz"
LITBANK_DIR = "corpora/fr-litbank-citations"
_ID_FIELD = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*")')


def find_shared(shared: Union[str, os.PathLike, None] = None) -> Optional[Path]:
    """The shared directory: ``shared`` if given, else ``../shared`` from the current
    directory, else ``../shared`` from the repository root; None if none exists."""
    for candidate in _shared_candidates(shared):
        if candidate.is_dir():
            return candidate
    return None


def _shared_candidates(shared: Union[str, os.PathLike, None]) -> list[Path]:
    if shared is not None:
        return [Path(shared)]
    repo_root = Path(__file__).resolve().parent.parent
    return [Path.cwd().parent / "shared", repo_root.parent / "shared"]


def _search_jsonl(path: Path, wanted: set[str], found: dict[str, str]) -> None:
    """Take the ``text`` of records whose ``id`` is wanted; stop once all are found."""
    if not wanted or not path.is_file():
        return
    with _open_text(path) as lines:
        for line in lines:
            # read the id without decoding the whole (long) line when possible
            m = _ID_FIELD.search(line)
            if m is not None and json.loads(m.group(1)) not in wanted:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            article_id = record.get("id") if isinstance(record, dict) else None
            if article_id in wanted and isinstance(record.get("text"), str):
                found[article_id] = record["text"]
                wanted.discard(article_id)
                if not wanted:
                    return


def _search_folder(folder: Path, wanted: set[str], found: dict[str, str]) -> None:
    """Take ``<folder>/<stem>.txt`` for each wanted id that is ``stem`` or ``.../stem``."""
    for article_id in sorted(wanted):
        path = folder / (article_id.rsplit("/", 1)[-1] + ".txt")
        if path.is_file():
            found[article_id] = path.read_text(encoding="utf-8")
            wanted.discard(article_id)


def _search(source: Path, wanted: set[str], found: dict[str, str]) -> None:
    if source.is_dir():
        _search_folder(source, wanted, found)
    else:
        _search_jsonl(source, wanted, found)


def load_texts(
    ids: Iterable[str],
    shared: Union[str, os.PathLike, None] = None,
    corpora: Iterable[Union[str, os.PathLike]] = (),
) -> dict[str, str]:
    """Find the text of each article id; ids not found are absent from the result.

    The extra ``corpora`` (.jsonl, .jsonl.gz with ``id`` and ``text`` fields, or folders
    of ``<stem>.txt``) are searched first, then the shared directory
    (:func:`find_shared`): ``seeds/<stem>`` in ``seeds/<stem>.txt``, ``winer/...`` in
    ``corpora/winer-fr.jsonl``, ``orangesum/N`` in ``corpora/orangesum.jsonl.gz`` (read
    only until every wanted id is found) and ``litbank/<stem>`` in
    ``corpora/fr-litbank-citations/<stem>.txt``.
    """
    wanted = set(ids)
    found: dict[str, str] = {}
    for corpus in corpora:
        _search(Path(corpus), wanted, found)
    root = find_shared(shared)
    if root is None:
        return found
    by_prefix = {
        "seeds": lambda w: _search_folder(root / SEED_DIR, w, found),
        "litbank": lambda w: _search_folder(root / LITBANK_DIR, w, found),
        "winer": lambda w: _search_jsonl(root / WINER_FILE, w, found),
        "orangesum": lambda w: _search_jsonl(root / ORANGESUM_FILE, w, found),
    }
    for prefix, search in by_prefix.items():
        subset = {i for i in wanted if i.split("/", 1)[0] == prefix}
        if subset:
            search(subset)
            wanted -= set(found)
    return found


def _missing_texts(
    missing: Sequence[str], shared: Union[str, os.PathLike, None], corpora: Sequence[Union[str, os.PathLike]]
) -> list[str]:
    """Error messages for the articles whose text was not found."""
    if not missing:
        return []
    root = find_shared(shared)
    errors = [] if root else [ERR_NO_SHARED.format(tried=", ".join(map(str, _shared_candidates(shared))))]
    where = ", ".join([str(c) for c in corpora] + ([str(root)] if root else [])) or "nowhere"
    return errors + [ERR_MISSING_ARTICLE.format(id=i, where=where) for i in missing]


# ---------------------------------------------------------------------------
# scoring


@attrs.frozen
class Miss:
    """One thing that went wrong, for ``--misses``.

    ``type`` is ``missed`` (a gold quote nobody found), ``false_positive`` (``not_quote``
    True when it overlaps a ``not_quotes`` text), ``wrong_kind``, ``wrong_speaker`` or
    ``wrong_role``; ``predicted``/``gold`` hold the kinds, speakers or roles compared
    (``gold`` followed by the alternatives).
    """

    type: str
    text: str
    kind: str
    predicted: Optional[Any] = None
    gold: Optional[Any] = None
    not_quote: bool = False

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _names(value: Optional[str], alternatives: Sequence[str]) -> list[str]:
    return [n for n in (normalise_name(v) for v in (value, *alternatives) if v) if n]


def speaker_correct(gold: ScoredQuote, predicted: ScoredQuote, *, lenient: bool = False, mention: bool = False) -> bool:
    """Whether the predicted speaker is right for a gold quote with a non-null speaker.

    Strict: the normalised predicted name equals the gold speaker or an alternative.
    Lenient: their last words are equal. ``mention``: the predicted mention text is
    also tried (for gold whose speaker is a mention, fr-litbank).
    """
    targets = _names(gold.speaker, gold.speaker_alternatives)
    guesses = _names(predicted.speaker, [predicted.mention] if mention and predicted.mention else [])
    if lenient:
        targets = [_last_word(t) for t in targets]
        guesses = [_last_word(g) for g in guesses]
    return any(g in targets for g in guesses)


def role_correct(gold: ScoredQuote, predicted: ScoredQuote) -> bool:
    """Whether the predicted role equals the gold role or an alternative, normalised."""
    guess = normalise_name(predicted.role)
    return bool(guess) and guess in _names(gold.role, gold.role_alternatives)


def _attributed(gold: ScoredQuote, predicted: ScoredQuote, lenient: bool, mention: bool) -> bool:
    """The end-to-end test: a null gold speaker wants a null predicted one."""
    if gold.speaker is None:
        return predicted.speaker is None
    return speaker_correct(gold, predicted, lenient=lenient, mention=mention)


_COUNTERS = (
    "tp", "fp", "fn", "ignored", "strict_tp", "strict_fp", "strict_fn", "strict_ignored",
    "speaker_n", "speaker_ok", "speaker_lenient_ok", "role_n", "role_ok",
    "attr_tp", "attr_lenient_tp",
)  # fmt: skip


def _score_article(
    gold: GoldArticle, predicted: Sequence[ScoredQuote], totals: dict[str, dict[str, int]], misses: list[Miss]
) -> None:
    """Add one article's counts to ``totals`` (by bucket) and its misses to ``misses``."""
    gold_n = [q.norm for q in gold.quotes]
    pred_n = [q.norm for q in predicted]
    gold_len = [len(t) for t in gold_n]
    pred_len = [len(t) for t in pred_n]
    common = _common_lengths(gold_n, pred_n, lambda g, p: _min_common(g))

    # what an unpaired prediction is: a not-quote (false positive), ignored, or plain
    def overlapping(texts: Sequence[str]) -> set[int]:
        refs = [normalise_text(t) for t in texts]
        hits = _common_lengths(refs, pred_n, lambda r, p: _min_common(max(r, p)))
        return {j for (i, j), size in hits.items() if _overlaps(size, len(refs[i]), pred_len[j])}

    not_quote = overlapping(gold.not_quotes)
    ignored = overlapping(gold.ignore) - not_quote

    for bucket, kinds in BUCKETS.items():
        t = totals[bucket]
        g_ids = [i for i, q in enumerate(gold.quotes) if q.kind in kinds and gold_n[i]]
        p_ids = [j for j, q in enumerate(predicted) if q.kind in kinds]

        # lenient pairs, then what is left over on each side
        pairs = _greedy_pairs(common, gold_len, pred_len, g_ids, p_ids)
        paired_p = {p for _, p in pairs}
        spare = [j for j in p_ids if j not in paired_p]
        t["tp"] += len(pairs)
        t["fn"] += len(g_ids) - len(pairs)
        t["fp"] += sum(1 for j in spare if j not in ignored)
        t["ignored"] += sum(1 for j in spare if j in ignored)

        # strict pairs: equal normalised texts, one-to-one in document order
        unused = list(g_ids)
        strict_paired = set()
        for j in p_ids:
            i = next((i for i in unused if gold_n[i] == pred_n[j]), None)
            if i is not None:
                unused.remove(i)
                strict_paired.add(j)
        strict_spare = [j for j in p_ids if j not in strict_paired]
        t["strict_tp"] += len(strict_paired)
        t["strict_fn"] += len(unused)
        t["strict_fp"] += sum(1 for j in strict_spare if j not in ignored)
        t["strict_ignored"] += sum(1 for j in strict_spare if j in ignored)

        # speaker, role and attribution over the lenient pairs
        for i, j in pairs:
            g, p = gold.quotes[i], predicted[j]
            if g.speaker is not None:
                t["speaker_n"] += 1
                t["speaker_ok"] += speaker_correct(g, p, mention=gold.speaker_is_mention)
                t["speaker_lenient_ok"] += speaker_correct(g, p, lenient=True, mention=gold.speaker_is_mention)
            if g.role is not None:
                t["role_n"] += 1
                t["role_ok"] += role_correct(g, p)
            t["attr_tp"] += _attributed(g, p, False, gold.speaker_is_mention)
            t["attr_lenient_tp"] += _attributed(g, p, True, gold.speaker_is_mention)

        if bucket == "all":
            misses.extend(_misses(gold, predicted, pairs, g_ids, spare, ignored, not_quote))


def _misses(
    gold: GoldArticle,
    predicted: Sequence[ScoredQuote],
    pairs: list[tuple[int, int]],
    g_ids: Sequence[int],
    spare: Sequence[int],
    ignored: set[int],
    not_quote: set[int],
) -> list[Miss]:
    """What went wrong in one article (bucket "all"), in gold order then prediction order."""
    found: list[Miss] = []
    paired_g = {i for i, _ in pairs}
    for i in g_ids:
        if i not in paired_g:
            found.append(Miss("missed", gold.quotes[i].text, gold.quotes[i].kind))
    for i, j in pairs:
        g, p = gold.quotes[i], predicted[j]
        if g.kind != p.kind:
            found.append(Miss("wrong_kind", p.text, g.kind, predicted=p.kind, gold=g.kind))
        if g.speaker is not None and not speaker_correct(g, p, mention=gold.speaker_is_mention):
            guess = p.speaker if not (gold.speaker_is_mention and p.mention) else f"{p.speaker} ({p.mention})"
            found.append(
                Miss("wrong_speaker", p.text, g.kind, predicted=guess, gold=[g.speaker, *g.speaker_alternatives])
            )
        elif g.speaker is None and p.speaker is not None:
            found.append(Miss("wrong_speaker", p.text, g.kind, predicted=p.speaker, gold=[None]))
        if g.role is not None and not role_correct(g, p):
            found.append(Miss("wrong_role", p.text, g.kind, predicted=p.role, gold=[g.role, *g.role_alternatives]))
    for j in spare:
        if j not in ignored:
            found.append(Miss("false_positive", predicted[j].text, predicted[j].kind, not_quote=j in not_quote))
    return found


def _ratio(a: int, b: int) -> Optional[float]:
    return a / b if b else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
    return {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _figures(totals: Mapping[str, Mapping[str, int]], articles: int) -> dict[str, Any]:
    """Turn counts by bucket into the documented JSON figures."""
    figures: dict[str, Any] = {"articles": articles, "quotes": {}, "speaker": {}, "role": {}, "attribution": {}}
    for bucket, t in totals.items():
        predicted = t["tp"] + t["fp"]
        gold = t["tp"] + t["fn"]
        figures["quotes"][bucket] = {
            "lenient": {**_prf(t["tp"], t["fp"], t["fn"]), "ignored": t["ignored"]},
            "strict": {**_prf(t["strict_tp"], t["strict_fp"], t["strict_fn"]), "ignored": t["strict_ignored"]},
        }
        figures["speaker"][bucket] = {
            "strict": _ratio(t["speaker_ok"], t["speaker_n"]),
            "lenient": _ratio(t["speaker_lenient_ok"], t["speaker_n"]),
            "n": t["speaker_n"],
        }
        figures["role"][bucket] = {"accuracy": _ratio(t["role_ok"], t["role_n"]), "n": t["role_n"]}
        figures["attribution"][bucket] = {
            **_prf(t["attr_tp"], predicted - t["attr_tp"], gold - t["attr_tp"]),
            "lenient": _prf(t["attr_lenient_tp"], predicted - t["attr_lenient_tp"], gold - t["attr_lenient_tp"]),
        }
    return figures


@attrs.frozen
class Evaluation:
    """The result of :func:`compare`: the figures and what went wrong, by article id."""

    figures: dict[str, Any]
    misses: dict[str, list[Miss]]


def _as_quotes(values: Iterable[Any]) -> list[ScoredQuote]:
    return [v if isinstance(v, ScoredQuote) else ScoredQuote.from_dict(v) for v in values]


def compare(
    gold_records: Iterable[Union[GoldArticle, Mapping[str, Any]]],
    predictions_by_id: Mapping[str, Iterable[Any]],
) -> Evaluation:
    """Score predictions against gold records; see the module docstring for the rules.

    ``gold_records``: gold JSON records (dicts as in GUIDE.md) or :class:`GoldArticle`.
    ``predictions_by_id``: article id -> predicted quotes (:class:`~quotes.Quote`,
    ``Quote.to_dict()`` dicts, gold-format dicts or :class:`ScoredQuote`). Gold articles
    without predictions count as having none; predictions for articles that are not in
    the gold are ignored. Raises :class:`InputError` on a malformed record.
    """
    totals = {bucket: dict.fromkeys(_COUNTERS, 0) for bucket in BUCKETS}
    misses: dict[str, list[Miss]] = {}
    count = 0
    for record in gold_records:
        gold = GoldArticle.from_dict(record)
        article_misses: list[Miss] = []
        _score_article(gold, _as_quotes(predictions_by_id.get(gold.id, ())), totals, article_misses)
        if article_misses:
            misses[gold.id] = article_misses
        count += 1
    return Evaluation(figures=_figures(totals, count), misses=misses)


def score(
    gold_records: Iterable[Union[GoldArticle, Mapping[str, Any]]],
    predictions_by_id: Mapping[str, Iterable[Any]],
) -> dict[str, Any]:
    """The figures of :func:`compare` alone: a dict with the documented JSON keys.

    >>> gold = [{"id": "a", "quotes": [{"text": "Nous partons", "kind": "direct", "speaker": "Jean Dupont"}]}]
    >>> score(gold, {"a": [{"text": "« Nous partons »", "kind": "direct", "speaker": "M. Dupont"}]})["speaker"]["all"]
    {'strict': 0.0, 'lenient': 1.0, 'n': 1}
    """
    return compare(gold_records, predictions_by_id).figures


def extract_predictions(texts: Mapping[str, str], errors: Optional[list[str]] = None) -> dict[str, list[Quote]]:
    """Run the library (``quotes.extract``) over each article text, by id.

    An article whose extraction raises is reported in ``errors`` and left out.
    """
    from . import extract  # the function, re-exported by the package

    errors = [] if errors is None else errors
    predictions: dict[str, list[Quote]] = {}
    for article_id, text in texts.items():
        try:
            predictions[article_id] = list(extract(text, article=Article(id=article_id)))
        except Exception as e:  # one failing article must not stop the others
            errors.append(ERR_EXTRACT_FAILED.format(id=article_id, error=f"{type(e).__name__}: {e}"))
    return predictions


# ---------------------------------------------------------------------------
# output


def _pct(value: Optional[float]) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _row(label: str, *cells: Any) -> str:
    return (f"{label:<12}" + "".join(f" {c!s:>7}" for c in cells)).rstrip()


def format_table(figures: Mapping[str, Any]) -> str:
    """The figures as a readable plain-text table (percentages; ``-``: nothing to count)."""
    q = figures["quotes"]
    total = q["all"]["lenient"]
    labels = {b: f"  {b}" if b in ("direct", "partial") else b for b in BUCKETS}
    lines = [
        (
            f"{figures['articles']} articles: {total['tp'] + total['fn']} gold quotes, "
            f"{total['tp'] + total['fp']} predictions counted, {total['ignored']} on ignored text"
        ),
        "",
        _row("quotes", "lenient", "", "", "", "", "", "strict"),
        _row("", "P", "R", "F1", "tp", "fp", "fn", "P", "R", "F1"),
    ]
    for bucket, label in labels.items():
        le, st = q[bucket]["lenient"], q[bucket]["strict"]
        lines.append(
            _row(label, *map(_pct, (le["p"], le["r"], le["f1"])), le["tp"], le["fp"], le["fn"],
                 *map(_pct, (st["p"], st["r"], st["f1"])))
        )  # fmt: skip
    lines += ["", _row("accuracy", "speaker", "", "", "role", ""), _row("", "strict", "lenient", "n", "", "n")]
    for bucket, label in labels.items():
        sp, ro = figures["speaker"][bucket], figures["role"][bucket]
        lines.append(_row(label, _pct(sp["strict"]), _pct(sp["lenient"]), sp["n"], _pct(ro["accuracy"]), ro["n"]))
    lines += [
        "",
        _row("attribution", "strict", "", "", "lenient"),
        _row("", "P", "R", "F1", "P", "R", "F1"),
    ]
    for bucket, label in labels.items():
        at = figures["attribution"][bucket]
        le = at["lenient"]
        lines.append(_row(label, *map(_pct, (at["p"], at["r"], at["f1"], le["p"], le["r"], le["f1"]))))
    return "\n".join(lines)


def _clip(text: str, width: int = 100) -> str:
    text = normalise_text(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _names_text(values: Any) -> str:
    if isinstance(values, list):
        return " | ".join("null" if v is None else repr(v) for v in values)
    return "null" if values is None else repr(values)


def format_misses(misses: Mapping[str, Sequence[Miss]]) -> str:
    """What went wrong, quote by quote, grouped by article id."""
    lines = []
    for article_id, items in misses.items():
        lines.append(f"== {article_id}")
        for m in items:
            if m.type == "missed":
                lines.append(f"  missed ({m.kind}): «{_clip(m.text)}»")
            elif m.type == "false_positive":
                tag = "  [a not_quotes text]" if m.not_quote else ""
                lines.append(f"  false positive ({m.kind}): «{_clip(m.text)}»{tag}")
            elif m.type == "wrong_kind":
                lines.append(f"  wrong kind: predicted {m.predicted}, gold {m.gold}: «{_clip(m.text)}»")
            else:
                what = "speaker" if m.type == "wrong_speaker" else "role"
                guess, gold = _names_text(m.predicted), _names_text(m.gold)
                lines.append(f"  wrong {what}: predicted {guess}, gold {gold}: «{_clip(m.text, 70)}»")
    return "\n".join(lines)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------
# command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotes-eval",
        usage="%(prog)s [options] GOLD [PRED]\n       %(prog)s [options] --brat DIR [PRED]",
        description=(
            "Score quotes against gold annotations (shared/gold/GUIDE.md). PRED is JSON Lines: "
            "quotes-dump output (one quote a line, with article_id), quotes-dump --by-article "
            "output, or the gold format. Without PRED, the library itself is run over the "
            "gold's articles. '-' reads stdin."
        ),
    )
    parser.add_argument("files", nargs="*", metavar="GOLD [PRED]", help=argparse.SUPPRESS)
    parser.add_argument(
        "--brat", metavar="DIR", help="take the gold from a brat folder of fr-litbank citations (.ann/.txt)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--misses", action="store_true", help="list missed quotes, false positives, wrong speakers and roles"
    )
    parser.add_argument(
        "--shared", metavar="DIR", help="the shared directory (default: ../shared from here or from the repo)"
    )
    parser.add_argument(
        "--corpus", metavar="PATH", action="append", default=[],
        help="extra article texts searched by id: .jsonl, .jsonl.gz (id, text) or a folder of <stem>.txt (repeatable)",
    )  # fmt: skip
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``quotes-eval``; returns 0, or 1 when some input could not be scored."""
    parser = _parser()
    args = parser.parse_args(argv)
    files = list(args.files)
    if (args.brat is None and not 1 <= len(files) <= 2) or (args.brat is not None and len(files) > 1):
        parser.error(ERR_ARGS_GOLD)
    if files.count("-") > 1:
        parser.error(ERR_BOTH_STDIN)

    errors: list[str] = []
    texts: dict[str, str] = {}
    try:
        if args.brat is not None:
            gold, texts = _read_brat(args.brat)
            pred_path = files[0] if files else None
        else:
            gold = load_gold(files[0], errors)
            pred_path = files[1] if len(files) > 1 else None
        predictions: Mapping[str, Any] = {} if pred_path is None else load_predictions(pred_path, errors)
    except (OSError, ValueError) as e:  # unreadable file, bad brat folder
        print(f"quotes-eval: {e}", file=sys.stderr)
        return 1

    if pred_path is not None:
        unknown = sorted(set(predictions) - {g.id for g in gold})
        if unknown:
            shown = ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else "")
            print(WARN_UNKNOWN_ARTICLES.format(n=len(unknown), ids=shown), file=sys.stderr)
    else:
        if args.brat is None:
            texts = load_texts([g.id for g in gold], shared=args.shared, corpora=args.corpus)
            errors.extend(_missing_texts([g.id for g in gold if g.id not in texts], args.shared, args.corpus))
        predictions = extract_predictions(texts, errors)
        gold = [g for g in gold if g.id in predictions]

    evaluation = compare(gold, predictions)
    try:
        _print_results(evaluation, args.json, args.misses)
    except BrokenPipeError:  # quotes-eval ... | head
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python from failing at exit
    for error in errors:
        print(f"quotes-eval: {error}", file=sys.stderr)
    return 1 if errors else 0


def _read_brat(folder: str) -> tuple[list[GoldArticle], dict[str, str]]:
    """The gold and the texts of a brat folder of fr-litbank citations."""
    from .litbank import read_brat_dir

    documents = read_brat_dir(folder)
    if not documents:
        raise ValueError(ERR_NO_BRAT.format(folder=folder))
    gold = [GoldArticle.from_dict(record) for record, _ in documents]
    return gold, {record["id"]: text for record, text in documents}


def _print_results(evaluation: Evaluation, as_json: bool, misses: bool) -> None:
    if as_json:
        output = _rounded(evaluation.figures)
        if misses:
            output["misses"] = {k: [m.to_dict() for m in v] for k, v in evaluation.misses.items()}
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        if misses and evaluation.misses:
            print(format_misses(evaluation.misses))
            print()
        print(format_table(evaluation.figures))


if __name__ == "__main__":
    sys.exit(main())
