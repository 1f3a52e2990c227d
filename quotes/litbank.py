"""Convert fr-litbank citation annotations (brat standoff) into gold records.

fr-litbank (``shared/corpora/fr-litbank-citations/``, CC BY-SA, Lattice) annotates
dialogue in 19th–20th century French novels. Each ``<stem>.ann`` file holds, over the
text of ``<stem>.txt``:

* text-bound annotations ``T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<text>``:
  ``Citation`` (a quote, possibly in several fragments around an incise), ``Entite``
  (the speaker mention as written: ``Sarrasine``, ``elle``, ``le prince romain``),
  ``Introducteur`` (the cue: ``dit``, ``s'écria``) and ``Recit`` (a story told by a
  character, thousands of characters long);
* relations ``R<n>\\t<Type> Arg1:T<a> Arg2:T<b>``: ``Source`` (speaker -> quote) and
  ``Introduction`` (cue -> quote).

The files carry no coreference, so a quote's gold speaker is the mention text itself.

Conversion (:func:`brat_to_gold`), one gold record per file, in the format of
``shared/gold/GUIDE.md``:

* ``id`` is ``litbank/<stem>``; every quote is ``direct``;
* a quote's ``text`` runs from its first fragment to its last, so an incise stays inside
  (as GUIDE.md does for « A, a-t-il dit, B »), trimmed of spaces, of the opening dialogue
  dash and of quotation marks; ``start``/``end`` give its offsets in the ``.txt``;
* ``speaker`` is the text of the mention linked to the quote (several: the first in the
  text, the others in ``speaker_alternatives``); ``role`` is null; ``cue`` is the text of
  the first linked cue. A relation's first argument is read by its annotation type, so
  the few relations labelled the wrong way round (a ``Source`` from an
  ``Introducteur``) still count;
* ``Recit`` passages go to ``ignore``: annotators marked them as told stories rather
  than quotes;
* ``speaker_is_mention`` is true: ``quotes.evaluate`` then also accepts the predicted
  speaker's mention text as a speaker.

``python -m quotes.litbank DIR`` writes the records of a folder as JSON Lines.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional, Union

import attrs

ID_PREFIX = "litbank/"
QUOTE_TYPE = "Citation"
SPEAKER_TYPE = "Entite"
CUE_TYPE = "Introducteur"
STORY_TYPE = "Recit"
#: Trimmed at the start of a quote: spaces, dialogue dashes, quotation marks.
LEADING_MARKS = ' \t\n\u00a0\u202f—–-«“"‹'
#: Trimmed at the end of a quote: spaces and quotation marks.
TRAILING_MARKS = ' \t\n\u00a0\u202f»”"›'

ERR_BAD_LINE = "{path}:{line}: cannot read this brat line: {text!r}"
ERR_UNKNOWN_ID = "{path}: relation {relation} refers to unknown annotation {id!r}"


class BratError(ValueError):
    """An .ann file that cannot be read."""


@attrs.frozen
class Annotation:
    """A brat text-bound annotation: its type and its fragments ``(start, end)``."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return min(start for start, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(end for _, end in self.fragments)


@attrs.frozen
class Relation:
    """A brat relation ``type(arg1 -> arg2)`` between two annotation ids."""

    id: str
    type: str
    arg1: str
    arg2: str


def parse_ann(ann: str, path: str = "<ann>") -> tuple[dict[str, Annotation], list[Relation]]:
    """Read the text-bound annotations (by id) and the relations of a brat .ann text.

    Other brat lines (attributes, notes, events) are skipped. Raises :class:`BratError`.
    """
    annotations: dict[str, Annotation] = {}
    relations: list[Relation] = []
    for number, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                kind, _, offsets = fields[1].partition(" ")
                fragments = tuple((int(a), int(b)) for a, b in (fragment.split() for fragment in offsets.split(";")))
                annotations[fields[0]] = Annotation(fields[0], kind, fragments, fields[2] if len(fields) > 2 else "")
            elif line.startswith("R"):
                kind, arg1, arg2 = fields[1].split()
                relations.append(Relation(fields[0], kind, arg1.split(":", 1)[1], arg2.split(":", 1)[1]))
        except (IndexError, ValueError) as e:
            raise BratError(ERR_BAD_LINE.format(path=path, line=number, text=line)) from e
    for relation in relations:
        for arg in (relation.arg1, relation.arg2):
            if arg not in annotations:
                raise BratError(ERR_UNKNOWN_ID.format(path=path, relation=relation.id, id=arg))
    return annotations, relations


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` without its leading dash/marks and trailing marks."""
    while start < end and text[start] in LEADING_MARKS:
        start += 1
    while end > start and text[end - 1] in TRAILING_MARKS:
        end -= 1
    return start, end


def _mention_text(text: str, annotation: Annotation) -> str:
    return " ".join(text[a:b] for a, b in sorted(annotation.fragments)).strip()


def brat_to_gold(ann: str, text: str, doc_id: str, path: str = "<ann>") -> dict[str, Any]:
    """One gold record (GUIDE.md format, plus offsets) from a brat .ann and its text."""
    annotations, relations = parse_ann(ann, path)
    speakers: dict[str, list[Annotation]] = {}
    cues: dict[str, list[Annotation]] = {}
    for relation in relations:
        source = annotations[relation.arg1]
        # trust the annotation type of the first argument over the relation's label
        if source.type == SPEAKER_TYPE:
            speakers.setdefault(relation.arg2, []).append(source)
        elif source.type == CUE_TYPE:
            cues.setdefault(relation.arg2, []).append(source)

    quotes = []
    citations = sorted((a for a in annotations.values() if a.type == QUOTE_TYPE), key=lambda a: (a.start, a.end))
    for citation in citations:
        start, end = _trimmed(text, citation.start, citation.end)
        if start == end:
            continue
        names = [_mention_text(text, a) for a in sorted(speakers.get(citation.id, []), key=lambda a: a.start)]
        names = list(dict.fromkeys(n for n in names if n))
        cue = min(cues.get(citation.id, []), key=lambda a: a.start, default=None)
        quotes.append(
            {
                "text": text[start:end],
                "kind": "direct",
                "speaker": names[0] if names else None,
                "speaker_alternatives": names[1:],
                "role": None,
                "role_alternatives": [],
                "cue": _mention_text(text, cue) if cue else None,
                "start": start,
                "end": end,
            }
        )
    stories = sorted((a for a in annotations.values() if a.type == STORY_TYPE), key=lambda a: a.start)
    ignore = [text[s:e] for s, e in (_trimmed(text, a.start, a.end) for a in stories) if s < e]
    return {"id": doc_id, "quotes": quotes, "not_quotes": [], "ignore": ignore, "speaker_is_mention": True}


def read_brat_file(ann_path: Union[str, os.PathLike]) -> tuple[dict[str, Any], str]:
    """The gold record and the text of ``<stem>.ann`` and its ``<stem>.txt``."""
    ann_path = Path(ann_path)
    # newline="" keeps the offsets exact whatever the line ends
    with open(ann_path.with_suffix(".txt"), encoding="utf-8", newline="") as f:
        text = f.read()
    ann = ann_path.read_text(encoding="utf-8")
    return brat_to_gold(ann, text, ID_PREFIX + ann_path.stem, str(ann_path)), text


def read_brat_dir(folder: Union[str, os.PathLike]) -> list[tuple[dict[str, Any], str]]:
    """``(gold record, text)`` for every ``.ann`` file with a ``.txt`` in ``folder``, by name."""
    return [read_brat_file(ann) for ann in sorted(Path(folder).glob("*.ann")) if ann.with_suffix(".txt").is_file()]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m quotes.litbank DIR``: print the folder's gold records as JSON Lines."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: python -m quotes.litbank DIR  (writes gold JSON Lines to stdout)", file=sys.stderr)
        return 2
    try:
        documents = read_brat_dir(args[0])
    except (OSError, BratError) as e:
        print(f"quotes.litbank: {e}", file=sys.stderr)
        return 1
    for record, _ in documents:
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
