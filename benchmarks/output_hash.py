"""A fingerprint of ``extract``'s output over the first N OrangeSum articles.

Used to show that a speed change leaves the output as it was, byte for byte: run it
before and after the change and compare the two lines it prints.

    python benchmarks/output_hash.py -n 3000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_orangesum import CORPUS, ERR_NO_CORPUS, load  # noqa: E402

from quotes import extract  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=3000, metavar="N")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--diff", type=Path, metavar="FILE",
                        help="also write one JSON line per article to FILE, to diff two versions")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(ERR_NO_CORPUS.format(path=args.corpus), file=sys.stderr)
        return 1
    articles = load(args.corpus, args.articles)
    digest = hashlib.sha1()
    out = args.diff.open("w", encoding="utf-8") if args.diff else None
    quotes = 0
    start = time.process_time()
    for article, text in articles:
        found = extract(text, article=article)
        quotes += len(found)
        line = json.dumps([q.to_dict() for q in found], ensure_ascii=False, sort_keys=True)
        digest.update(line.encode("utf-8"))
        if out:
            out.write(line + "\n")
    cpu = time.process_time() - start
    if out:
        out.close()
    print(f"{digest.hexdigest()}  {len(articles)} articles, {quotes} quotes, {cpu / len(articles) * 1000:.3f} ms CPU an article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
