"""Quotes over a Spark DataFrame of articles, and the ``quotes-spark`` command.

Needs the ``spark`` extra (``pip install 'quotes[spark]'``, which brings pyspark) and Java.
``import quotes`` never imports this module nor pyspark.

Example (``spark`` a SparkSession; ``quotes.spark.session()`` makes one)::

    from quotes.spark import extract_quotes, new_counts

    counts = new_counts(spark)
    quotes = extract_quotes(spark.read.parquet("articles.parquet"), counts=counts)
    quotes.write.parquet("quotes.parquet")
    counts.value  # Counts(articles=5000, quotes=32345, skipped=0, failed=0)

The output has one row per quote, with the columns of :data:`QUOTE_SCHEMA`. The work is
done in plain Python partitions (``RDD.mapPartitions``), so neither pandas nor pyarrow is
needed. See ``docs/scale.md`` for running on a cluster, and measured figures.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any, Callable, Iterable, Iterator, Optional

import attrs

try:
    from pyspark import AccumulatorParam
    from pyspark.errors import PySparkException
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import (
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )
except ImportError as e:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        f"quotes.spark needs pyspark ({e}); install it with: pip install 'quotes[spark]'"
    ) from e

from quotes.model import Quote

PROG = "quotes-spark"
log = logging.getLogger(__name__)

# One row per quote. The columns are those of `quotes-dump --format csv` (docs/cli.md),
# typed; a column that may be null says so.
QUOTE_SCHEMA = StructType([
    StructField("article_id", StringType(), True),       # the article's id, as a string
    StructField("text", StringType(), False),            # the quote: article_text[start:end]
    StructField("start", IntegerType(), False),          # character offsets in the article text
    StructField("end", IntegerType(), False),
    StructField("kind", StringType(), False),            # direct, partial or indirect
    StructField("speaker", StringType(), True),          # the speaker's canonical name
    StructField("speaker_type", StringType(), True),     # person, organisation, unknown
    StructField("speaker_gender", StringType(), True),   # m, f
    StructField("speaker_mention", StringType(), True),  # the words naming the speaker near the quote
    StructField("role", StringType(), True),             # the speaker's role, if the article gives one
    StructField("cue", StringType(), True),              # the reporting words (a déclaré, selon, :)
    StructField("confidence", DoubleType(), False),      # from 0 to 1
])

INPUT_FORMATS = ("auto", "jsonl", "parquet")
PARQUET_SUFFIXES = (".parquet", ".pq")

ERR_NO_COLUMN = "no column {name!r} in the articles; the columns are {columns}"
ERR_TEXT_TYPE = (
    "the text column {name!r} holds {type}, not strings; "
    "cast it first: df.withColumn({name!r}, df[{name!r}].cast('string'))"
)
ERR_EXTRACT = "article {id!r}: extraction failed ({error})"
ERR_SPARK = "{what}: {reason}"
MSG_SUMMARY = (
    "read {read} records, wrote {quotes} quotes from {articles} articles, "
    "skipped {skipped} without a text, failed {failed}"
)

EXIT_OK = 0
EXIT_REJECTED = 1


# ---------------------------------------------------------------------------------------
# Counting what was done, across the executors


@attrs.frozen
class Counts:
    """What :func:`extract_quotes` did: articles read, quotes found, records skipped
    because their text was null (or not a string), and articles whose extraction failed."""

    articles: int = 0
    quotes: int = 0
    skipped: int = 0
    failed: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other))))

    @property
    def read(self) -> int:
        return self.articles + self.skipped + self.failed


class _CountsParam(AccumulatorParam):
    def zero(self, value: Counts) -> Counts:
        return Counts()

    def addInPlace(self, value1: Counts, value2: Counts) -> Counts:
        return value1 + value2


def new_counts(spark: SparkSession) -> Any:
    """An accumulator of :class:`Counts` to pass to ``extract_quotes(..., counts=)``.

    Its ``.value`` is filled in as the quotes are computed, so read it after an action
    (a write, a count). As any Spark accumulator updated in a transformation, it counts
    again each time the DataFrame is computed, and a task that is retried may count twice.
    """
    return spark.sparkContext.accumulator(Counts(), _CountsParam())


# ---------------------------------------------------------------------------------------
# The extraction


def extract_quotes(
    df: DataFrame, id_col: str = "id", text_col: str = "text", *, counts: Any = None
) -> DataFrame:
    """One row per quote found in the articles of ``df``, with the columns of ``QUOTE_SCHEMA``.

    ``df`` has one article a row: its id in ``id_col`` (any type, turned into a string) and
    its text in ``text_col`` (strings; other columns are ignored). Each partition sets the
    extractor up once and runs it over its rows. A row whose text is null gives no quote
    and adds one to ``counts.skipped``; an article on which the extractor raises (a bug)
    is logged on the executor, adds one to ``counts.failed``, and the job goes on.
    ``counts`` is an accumulator from :func:`new_counts`, or None.

    Rows come out grouped by article, in no particular order of articles. The result is
    lazy: nothing runs until an action (``.write``, ``.count()``, ``.collect()``).
    """
    for name in (id_col, text_col):
        if name not in df.columns:
            raise ValueError(ERR_NO_COLUMN.format(name=name, columns=df.columns))
    text_type = df.schema[text_col].dataType
    if not isinstance(text_type, StringType):
        raise TypeError(ERR_TEXT_TYPE.format(name=text_col, type=text_type.simpleString()))
    articles = df.select(F.col(id_col).cast("string"), F.col(text_col))
    rows = articles.rdd.mapPartitions(lambda part: quote_rows(part, counts))
    return df.sparkSession.createDataFrame(rows, QUOTE_SCHEMA, verifySchema=False)


def _new_extractor() -> Callable[[str], list[Quote]]:
    """The function that finds an article's quotes, its word lists loaded."""
    from quotes import extract

    return extract


def quote_rows(articles: Iterable[tuple[Any, Any]], counts: Any = None) -> Iterator[tuple]:
    """The rows of ``QUOTE_SCHEMA`` for one partition of (id, text) pairs.

    The extractor is set up once, here, for the whole partition; ``counts`` (an accumulator
    of ``Counts``, or None) gets one update when the partition is done.
    """
    extract = _new_extractor()
    done = {"articles": 0, "quotes": 0, "skipped": 0, "failed": 0}
    try:
        for article_id, text in articles:
            # a null text (or anything but a string) is counted, not an error
            if not isinstance(text, str):
                done["skipped"] += 1
                continue
            try:
                found = extract(text)
            except Exception as e:  # one bad article must not stop the job
                done["failed"] += 1
                log.warning(ERR_EXTRACT.format(id=article_id, error=f"{type(e).__name__}: {e}"))
                continue
            done["articles"] += 1
            done["quotes"] += len(found)
            for q in found:
                yield quote_row(article_id, q)
    finally:
        if counts is not None:
            counts.add(Counts(**done))


def quote_row(article_id: Optional[str], q: Quote) -> tuple:
    """One quote as a row of ``QUOTE_SCHEMA``."""
    return (
        article_id, q.text, q.start, q.end, q.kind, *q.speaker_fields(), q.role,
        q.cue.text if q.cue else None, float(q.confidence),
    )


# ---------------------------------------------------------------------------------------
# A session, reading articles


def session(master: Optional[str] = "local[*]", app_name: str = PROG) -> SparkSession:
    """A Spark session; a local one (``local``, ``local[N]``, ``local[*]``) stays on loopback.

    In local mode the driver binds to 127.0.0.1 (``SPARK_LOCAL_IP`` is set to it unless it
    is set already) and the web UI is off, so no port is opened beyond this machine.
    ``master=None`` keeps the master given by ``spark-submit --master``.
    """
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # read when the JVM starts
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    return builder.getOrCreate()


def read_articles(
    spark: SparkSession, path: str, fmt: str = "auto", id_col: str = "id", text_col: str = "text"
) -> DataFrame:
    """The articles at ``path``: JSON Lines (gzipped or not) or Parquet.

    ``fmt="auto"`` reads Parquet when the name ends in ``.parquet``/``.pq`` or is a local
    folder holding ``*.parquet`` files, JSON Lines otherwise. JSON Lines are read with a
    schema of just the id and text fields, as strings: other fields are not parsed, a
    number becomes its digits, a line that is not JSON gives nulls (skipped, counted).
    """
    if fmt == "auto":
        fmt = "parquet" if _looks_parquet(path) else "jsonl"
    if fmt == "parquet":
        return spark.read.parquet(path)
    if fmt != "jsonl":
        raise ValueError(f"unknown input format {fmt!r}; only {sorted(INPUT_FORMATS)} are supported")
    schema = StructType([StructField(id_col, StringType()), StructField(text_col, StringType())])
    return spark.read.schema(schema).option("mode", "PERMISSIVE").json(path)


def _looks_parquet(path: str) -> bool:
    if path.rstrip("/").lower().endswith(PARQUET_SUFFIXES):
        return True
    if os.path.isdir(path):
        return any(name.endswith(".parquet") for name in os.listdir(path))
    return False


def spread(df: DataFrame, partitions: int = 0) -> DataFrame:
    """``df`` in ``partitions`` partitions; 0: at least 4 per core.

    A gzipped file is read as one partition, which one core would do alone; and with
    only one partition per core, the cores that finish first wait for the slowest.
    """
    current = df.rdd.getNumPartitions()
    if partitions == 0:
        partitions = max(current, 4 * df.sparkSession.sparkContext.defaultParallelism)
    return df if partitions == current else df.repartition(partitions)


# ---------------------------------------------------------------------------------------
# The command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Find the quotations of a corpus of French news articles with Spark: "
        "read JSON Lines (optionally gzipped) or Parquet, write one Parquet row per quote.",
        epilog="Exit status: 0 if all went well, 1 if a record was skipped or failed or the "
        "job could not run, 2 for usage errors. See docs/scale.md.",
    )
    parser.add_argument("input", metavar="IN",
                        help="JSON Lines file(s) (.gz too) or Parquet; a folder or a glob works")
    parser.add_argument("output", metavar="OUT", help="Parquet folder to write")
    parser.add_argument("--format", choices=INPUT_FORMATS, default="auto",
                        help="input format (default: auto, Parquet if IN ends in .parquet or "
                        "is a folder of .parquet files, else JSON Lines)")
    parser.add_argument("--id-col", default="id", metavar="NAME",
                        help='column (JSON field) of the article id (default: "id")')
    parser.add_argument("--text-col", default="text", metavar="NAME",
                        help='column (JSON field) of the article text (default: "text")')
    parser.add_argument("--master", default=None, metavar="URL",
                        help="Spark master (default: local[*], or the one given to spark-submit)")
    parser.add_argument("--partitions", type=int, default=0, metavar="N",
                        help="repartition the articles into N partitions before extracting "
                        "(default 0: at least 4 per core)")
    parser.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    return parser


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    """The command line's options; a usage error exits with status 2, before Spark starts."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.partitions < 0:
        parser.error("--partitions must be 0 (automatic) or more")
    return args


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    master = args.master
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        master = "local[*]"
    spark = session(master)
    try:
        return run(spark, args)
    finally:
        spark.stop()


def run(spark: SparkSession, args: argparse.Namespace) -> int:
    """Read the articles, write their quotes, print the summary; the exit status."""
    counts = new_counts(spark)
    try:
        articles = spread(
            read_articles(spark, args.input, args.format, args.id_col, args.text_col),
            args.partitions,
        )
        quotes = extract_quotes(articles, args.id_col, args.text_col, counts=counts)
        quotes.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)
    except (ValueError, TypeError, PySparkException) as e:
        _say(ERR_SPARK.format(what=f"cannot run on {args.input}", reason=_first_line(e)))
        return EXIT_REJECTED
    done: Counts = counts.value
    _say(MSG_SUMMARY.format(read=done.read, **attrs.asdict(done)))
    return EXIT_REJECTED if done.skipped or done.failed else EXIT_OK


def _first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return lines[0] if lines else type(e).__name__


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


if __name__ == "__main__":
    # Run the copy of this module that executors import by name, not __main__.
    from quotes.spark import main as _main

    sys.exit(_main())
