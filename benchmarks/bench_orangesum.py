"""Throughput and memory of ``quotes.extract`` on real news articles (OrangeSum).

Reads the first N articles of ../shared/corpora/orangesum.jsonl.gz (seen from the project
root) into memory, then runs ``extract`` over them in this one process and prints:

- articles/s and MB/s (UTF-8 bytes of article text per second of extraction);
- the number of quotes found;
- peak memory: the Python heap peak while extracting (tracemalloc, measured in a second
  pass over the first ``--trace`` articles, since tracing slows Python down several
  times) and the process's maximum resident set size (``resource.getrusage``);
- the time per stage (quote marks, sentences, cue scan, person scan for coreference, and
  attribution: cues around each quote, speakers, reported speech, split into speakers
  and coreference resolution), each timed in a pass of its own over the same texts (the
  resolution by a timer around each ``Registry.resolve`` call), and the ratio of the
  whole to a bare regex scan of quotation marks over the same texts, in the same run.

    python benchmarks/bench_orangesum.py -n 5000
    python benchmarks/bench_orangesum.py -n 1000 --json
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout this script is in

from quotes import Article, extract  # noqa: E402
from quotes import cues as C  # noqa: E402
from quotes.coref import Registry  # noqa: E402
from quotes.extract import _Extractor  # noqa: E402
from quotes.marks import MARK_RE, find_dialogue_turns, find_quoted_spans  # noqa: E402
from quotes.text import Sentences  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "orangesum.jsonl.gz"

ERR_NO_CORPUS = "bench_orangesum: no corpus at {path} (see ../shared/corpora/README.md)"


def load(path: Path, n: int) -> list[tuple[Article, str]]:
    """The first ``n`` articles of a (gzipped) JSON Lines corpus."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, n)]
    return [
        (Article(id=r.get("id"), title=r.get("title"), date=r.get("date"), source=r.get("source")), r["text"])
        for r in records
    ]


def bench(articles: list[tuple[Article, str]], trace: int) -> dict:
    # one article first, outside the clock: lazy loading of data files, regex compilation
    if articles:
        extract(articles[0][1], article=articles[0][0])

    # throughput
    quotes = 0
    start = time.perf_counter()
    for article, text in articles:
        quotes += len(extract(text, article=article))
    seconds = time.perf_counter() - start

    # Python heap peak while extracting (results dropped per article, as quotes-dump does)
    traced = articles[:trace]
    tracemalloc.start()
    for article, text in traced:
        extract(text, article=article)
    heap_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    stages = stage_times([text for _, text in articles])

    text_bytes = sum(len(text.encode("utf-8")) for _, text in articles)
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "articles": len(articles),
        "text_mb": round(text_bytes / 1e6, 3),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(articles) / seconds, 1) if seconds else None,
        "mb_per_s": round(text_bytes / 1e6 / seconds, 3) if seconds else None,
        "quotes": quotes,
        "quotes_per_article": round(quotes / len(articles), 2) if articles else None,
        "heap_peak_mb": round(heap_peak / 1e6, 2),
        "heap_traced_articles": len(traced),
        "max_rss_mb": round(max_rss_kb * 1024 / 1e6, 1),
        "python": platform.python_version(),
        "stages_ms_per_article": stages,
        "ratio_to_bare_mark_scan": round((seconds / len(articles) * 1000) / stages["bare_mark_scan"], 1)
        if articles and stages["bare_mark_scan"]
        else None,
    }


def stage_times(texts: list[str]) -> dict:
    """Milliseconds per article for each stage, each in a pass of its own."""
    n = len(texts) or 1

    def clock(fn) -> float:
        start = time.perf_counter()
        for t in texts:
            fn(t)
        return round((time.perf_counter() - start) / n * 1000, 3)

    def marks(t: str) -> None:
        find_dialogue_turns(t, find_quoted_spans(t))

    def sentences(t: str) -> None:
        spans = find_quoted_spans(t)
        Sentences(t, [(s.open_start, s.close_end) for s in spans])

    def persons(t: str) -> None:
        spans = find_quoted_spans(t)
        Registry(t, [(s.open_start, s.close_end) for s in spans])

    def attribution(t: str) -> None:
        # the whole pipeline once set up; set-up stages are timed above
        _Extractor(t).run(None)

    # Coreference resolution happens inside attribution (one call per speaker mention):
    # it is timed there, call by call, by a wrapper around Registry.resolve.
    resolving = [0.0]
    resolve = Registry.resolve

    def timed_resolve(self, m, pos):
        start = time.perf_counter()
        try:
            return resolve(self, m, pos)
        finally:
            resolving[0] += time.perf_counter() - start

    out = {
        "quote_marks": clock(marks),
        "sentences": clock(sentences),
        "cue_scan": clock(C.scan_cues),
        "person_scan": clock(persons),
        "all_stages": clock(attribution),
        "bare_mark_scan": clock(MARK_RE.findall),
    }
    # the sentence and person stages run the mark pass first (their input): counted once, in quote_marks
    out["sentences"] = round(out["sentences"] - out["quote_marks"], 3)
    out["person_scan"] = round(out["person_scan"] - out["quote_marks"], 3)
    Registry.resolve = timed_resolve
    try:
        clock(attribution)
    finally:
        Registry.resolve = resolve
    out["coref_resolve"] = round(resolving[0] / n * 1000, 3)
    rest = out["all_stages"] - out["quote_marks"] - out["sentences"] - out["cue_scan"] - out["person_scan"]
    out["attribution"] = round(rest, 3)
    out["speakers"] = round(rest - out["coref_resolve"], 3)
    out["coreference"] = round(out["person_scan"] + out["coref_resolve"], 3)
    return out


STAGES = [
    ("quote_marks", "quotation marks and dialogue dashes paired (marks.py)"),
    ("sentences", "sentence bounds (text.py)"),
    ("cue_scan", "verbs of saying, selon/d'après/pour (cues.py)"),
    ("person_scan", "names and titles for coreference (coref.Registry)"),
    ("attribution", "cues around each quote, speakers, reported speech, resolve"),
    ("speakers", "  of which speakers (attribution minus resolve)"),
    ("coref_resolve", "  of which coreference resolution (Registry.resolve)"),
    ("coreference", "person_scan + coref_resolve"),
    ("all_stages", "the whole: the stages above add up to it"),
    ("bare_mark_scan", "MARK_RE.findall alone, for scale"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=5000, metavar="N",
                        help="how many articles to read from the top of the corpus (default: 5000)")
    parser.add_argument("--trace", type=int, default=500, metavar="K",
                        help="articles in the tracemalloc pass (default: 500)")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help=f"JSON Lines corpus, gzipped or not (default: {CORPUS})")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(ERR_NO_CORPUS.format(path=args.corpus), file=sys.stderr)
        return 1

    result = bench(load(args.corpus, args.articles), args.trace)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"articles       {result['articles']} ({result['text_mb']} MB of text)")
        print(f"time           {result['seconds']} s")
        print(f"throughput     {result['articles_per_s']} articles/s, {result['mb_per_s']} MB/s")
        print(f"quotes         {result['quotes']} ({result['quotes_per_article']} per article)")
        print(f"heap peak      {result['heap_peak_mb']} MB (tracemalloc, "
              f"first {result['heap_traced_articles']} articles)")
        print(f"max RSS        {result['max_rss_mb']} MB (corpus in memory included)")
        st = result["stages_ms_per_article"]
        print("stages (ms per article, each timed in its own pass):")
        for name, label in STAGES:
            print(f"  {name:<15}{st[name]:>7.3f}  {label}")
        print(f"by the issue's four stages: quote marks {st['quote_marks']:.3f}, cues {st['cue_scan']:.3f}, "
              f"speakers {st['sentences'] + st['speakers']:.3f} (sentences + speakers), "
              f"coreference {st['coreference']:.3f} (person scan + resolve)")
        print(f"whole / bare quotation-mark scan: {result['ratio_to_bare_mark_scan']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
