"""Corpus-scale figures: ``quotes-dump --jobs N`` and ``quotes-spark`` in local mode.

``jobs``: runs ``python -m quotes.dump CORPUS --jobs N -o FILE`` for each N given, and
prints for each the wall time, articles/s, the CPU seconds of the command (workers
included), the CPU seconds other processes took meanwhile (``others_cpu_s``: the
machine's busy time from /proc/stat less ours; on 2 cores, anything but ~0 means the run
shared the machine), and the peak resident memory of the command's whole process tree
(main process and workers together, sampled every 0.1 s from /proc); then whether the
outputs are byte for byte identical.

``spark``: runs ``quotes.spark`` (read JSON Lines, spread, extract, write Parquet) over the
first N articles in Spark local mode on loopback, twice in one session: the first run
includes starting the Python workers, the second is warm. Prints the session start time,
each run's wall time, articles/s, CPU seconds (JVM and Python workers included) and the
CPU seconds other processes took meanwhile, and the peak memory of the tree (JVM and
Python workers included).

Both print the load average (``os.getloadavg``) before and after: other processes on the
machine slow everything down, so read the figures beside it.

    python benchmarks/bench_scale.py jobs --jobs 1 2              # the whole OrangeSum file
    python benchmarks/bench_scale.py jobs --jobs 1 2 -n 5000      # its first 5,000 articles
    python benchmarks/bench_scale.py spark -n 5000 --master 'local[2]'
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
SUMMARY_RE = re.compile(r"read (\d+) records, wrote (\d+) quotes from (\d+) articles")


# ---------------------------------------------------------------------------------------
# Memory of a process tree, from /proc


def _children(pid: int) -> list[int]:
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass
    return kids


def _rss(pid: int) -> int:
    """Resident memory of one process, in bytes (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _rss(p)
        todo += _children(p)
    return total


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process tree: each live process's own, and its waited-for children's."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        except OSError:
            pass
        todo += _children(p)
    return total / os.sysconf("SC_CLK_TCK")


class PeakMemory:
    """Samples the summed RSS of a process tree every ``every`` seconds, in a thread."""

    def __init__(self, pid: int, every: float = 0.1):
        self.pid, self.every, self.peak = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self.every)


def load() -> str:
    return "load average {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())


def first_lines(corpus: Path, n: int, tmp: Path) -> Path:
    """The first ``n`` articles of the corpus as a JSON Lines file (0: the corpus itself)."""
    if not n:
        return corpus
    path = tmp / f"orangesum-{n}.jsonl"
    with gzip.open(corpus, "rb") as src, open(path, "wb") as dst:
        dst.writelines(itertools.islice(src, n))
    return path


# ---------------------------------------------------------------------------------------
# quotes-dump --jobs N


def _machine_busy() -> float:
    """CPU seconds all the machine's cores have spent busy since boot (/proc/stat)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    """User + system CPU seconds of the waited-for child processes (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_jobs(corpus: Path, jobs: list[int], tmp: Path) -> list[dict]:
    results = []
    for n in jobs:
        out = tmp / f"quotes-jobs{n}.jsonl"
        cmd = [sys.executable, "-m", "quotes.dump", str(corpus), "--jobs", str(n),
               "--no-progress", "-o", str(out)]
        before = load()
        cpu_before, busy_before = _children_cpu(), _machine_busy()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE, text=True)
        with PeakMemory(proc.pid) as mem:
            _, err = proc.communicate()
        wall = time.perf_counter() - start
        cpu = _children_cpu() - cpu_before
        others = _machine_busy() - busy_before - cpu
        m = SUMMARY_RE.search(err)
        if proc.returncode != 0 or not m:
            sys.exit(f"bench_scale: {' '.join(cmd)} failed ({proc.returncode}):\n{err}")
        articles, quotes = int(m.group(3)), int(m.group(2))
        results.append({
            "jobs": n, "articles": articles, "quotes": quotes, "wall_s": round(wall, 1),
            "articles_per_s": round(articles / wall), "cpu_s": round(cpu, 1),
            "others_cpu_s": round(max(others, 0), 1), "peak_rss_mb": round(mem.peak / 2**20),
            "output": str(out), "load_before": before, "load_after": load(),
        })
        print(json.dumps(results[-1]), flush=True)
    first = results[0]["output"]
    for r in results[1:]:
        r["identical_to_jobs%d" % results[0]["jobs"]] = filecmp.cmp(first, r["output"], shallow=False)
    if len(results) > 1:
        base = results[0]["wall_s"]
        for r in results[1:]:
            print(f"--jobs {r['jobs']}: {base / r['wall_s']:.2f}x the speed of --jobs "
                  f"{results[0]['jobs']}; output identical: "
                  f"{r['identical_to_jobs%d' % results[0]['jobs']]}")
    return results


# ---------------------------------------------------------------------------------------
# quotes-spark in local mode


def bench_spark(corpus: Path, master: str, tmp: Path) -> dict:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from quotes import spark as qs

    result: dict = {"master": master, "load_before": load()}
    with PeakMemory(os.getpid()) as mem:
        start = time.perf_counter()
        session = qs.session(master, app_name="bench_scale")
        session.sparkContext.setLogLevel("ERROR")
        result["session_start_s"] = round(time.perf_counter() - start, 1)
        for run in ("first", "warm"):
            counts = qs.new_counts(session)
            cpu_before, busy_before = tree_cpu(os.getpid()), _machine_busy()
            start = time.perf_counter()
            articles = qs.spread(qs.read_articles(session, str(corpus)), 0)
            result["partitions"] = articles.rdd.getNumPartitions()
            qs.extract_quotes(articles, counts=counts).write.mode("overwrite").parquet(str(tmp / "quotes.parquet"))
            wall = time.perf_counter() - start
            cpu = tree_cpu(os.getpid()) - cpu_before
            others = _machine_busy() - busy_before - cpu
            done = counts.value
            result[run] = {"articles": done.articles, "quotes": done.quotes, "wall_s": round(wall, 1),
                           "articles_per_s": round(done.articles / wall), "cpu_s": round(cpu, 1),
                           "others_cpu_s": round(max(others, 0), 1)}
        session.stop()
    result["peak_rss_mb"] = round(mem.peak / 2**20)
    result["load_after"] = load()
    print(json.dumps(result), flush=True)
    return result


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    jobs = sub.add_parser("jobs", help="quotes-dump --jobs N over the corpus")
    jobs.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    spark = sub.add_parser("spark", help="quotes.spark in local mode")
    spark.add_argument("--master", default="local[*]")
    for p in (jobs, spark):
        p.add_argument("--corpus", type=Path, default=CORPUS,
                       help="gzipped JSON Lines corpus (default: ../shared/corpora/orangesum.jsonl.gz)")
        p.add_argument("-n", type=int, default=0 if p is jobs else 5000,
                       help="first N articles (jobs: 0 for the whole corpus, the default)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"bench_scale: no corpus at {args.corpus} (see ../shared/corpora/README.md)")
    with tempfile.TemporaryDirectory(prefix="bench_scale-") as tmp:
        corpus = first_lines(args.corpus, args.n, Path(tmp))
        if args.what == "jobs":
            bench_jobs(corpus, args.jobs, Path(tmp))
        else:
            bench_spark(corpus, args.master, Path(tmp))


if __name__ == "__main__":
    main()
