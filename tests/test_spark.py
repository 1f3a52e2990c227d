"""``quotes.spark`` and ``quotes-spark`` in Spark local mode, on loopback only.

One Spark session for the whole module (starting one takes seconds). Spark is kept on
127.0.0.1: ``SPARK_LOCAL_IP`` is set before the JVM starts, the driver binds to 127.0.0.1
and the web UI is off. The check that matters: on 200 OrangeSum articles Spark finds the
same quotes as ``quotes-dump``, quote for quote.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")

from quotes import extract  # noqa: E402
from quotes import spark as qs  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ORANGESUM = REPO.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
needs_orangesum = pytest.mark.skipif(
    not ORANGESUM.exists(), reason=f"needs the OrangeSum corpus at {ORANGESUM} (../shared)"
)
LOOPBACK = {"SPARK_LOCAL_IP": "127.0.0.1"}

QUOTED = "« Nous partons ce soir », a déclaré Jean Dupont, le maire de la ville."
QUOTED_2 = 'Le ministre a affirmé que la réforme serait votée. "Nous irons jusqu\'au bout", a-t-il dit.'
NOTHING = "Il pleuvait sur la ville. Les rues étaient vides."


@pytest.fixture(scope="module")
def spark():
    with pytest.MonkeyPatch.context() as mp:
        for name, value in LOOPBACK.items():
            mp.setenv(name, value)  # before the JVM starts
        session = qs.session("local[2]", app_name="quotes-tests")
        conf = session.sparkContext.getConf()
        assert conf.get("spark.driver.bindAddress") == "127.0.0.1"
        assert conf.get("spark.driver.host") == "127.0.0.1"
        assert conf.get("spark.ui.enabled") == "false"
        yield session
        session.stop()


@pytest.fixture(scope="module")
def orangesum_200(tmp_path_factory) -> Path:
    """The first 200 OrangeSum articles as a JSON Lines file."""
    if not ORANGESUM.exists():
        pytest.skip(f"needs the OrangeSum corpus at {ORANGESUM} (../shared)")
    path = tmp_path_factory.mktemp("orangesum") / "orangesum-200.jsonl"
    with gzip.open(ORANGESUM, "rb") as src, open(path, "wb") as dst:
        dst.writelines(itertools.islice(src, 200))
    return path


def key(article_id, start, end, kind, speaker, cue) -> tuple:
    return (article_id, start, end, kind, speaker, cue)


def spark_keys(rows) -> list[tuple]:
    return sorted(key(r.article_id, r.start, r.end, r.kind, r.speaker, r.cue) for r in rows)


def library_rows(articles: dict[str, str]) -> list[tuple]:
    """The rows expected for these articles, computed here with extract()."""
    return sorted(qs.quote_row(i, q) for i, text in articles.items() for q in extract(text))


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **LOOPBACK}
    return subprocess.run(
        [sys.executable, "-m", "quotes.spark", *args, "--master", "local[2]"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def summary(proc: subprocess.CompletedProcess) -> str:
    return [line for line in proc.stderr.splitlines() if line.startswith("quotes-spark: ")][-1]


# ---------------------------------------------------------------------------------------
# Without Spark running


def test_import_quotes_does_not_import_pyspark():
    code = "import sys, quotes; quotes.extract('« Oui », a-t-il dit.'); print('pyspark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_pyspark_says_how_to_install():
    code = (
        "import sys; sys.modules['pyspark'] = None\n"
        "try:\n    import quotes.spark\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'quotes[spark]'" in out.stdout


def test_schema_columns():
    assert qs.QUOTE_SCHEMA.fieldNames() == [
        "article_id", "text", "start", "end", "kind", "speaker", "speaker_type",
        "speaker_gender", "speaker_mention", "role", "cue", "confidence",
    ]
    row = qs.quote_row("a1", extract(QUOTED)[0])
    assert len(row) == len(qs.QUOTE_SCHEMA.fields)
    assert row[:6] == ("a1", "Nous partons ce soir", 2, 22, "direct", "Jean Dupont")


def test_extractor_is_set_up_once_per_partition(monkeypatch):
    made = []

    def new_extractor():
        made.append(1)
        return extract

    monkeypatch.setattr(qs, "_new_extractor", new_extractor)
    partition = [(str(i), QUOTED if i % 2 else NOTHING) for i in range(50)]
    rows = list(qs.quote_rows(partition))
    assert len(made) == 1
    assert len(rows) == 25


def test_bad_rows_are_counted_not_raised(monkeypatch):
    class Acc:
        value = qs.Counts()

        def add(self, c):
            self.value += c

    def new_extractor():
        def flaky(text):
            if text == "boom":
                raise RuntimeError("a bug")
            return extract(text)
        return flaky

    monkeypatch.setattr(qs, "_new_extractor", new_extractor)
    acc = Acc()
    partition = [("a", QUOTED), ("b", None), ("c", 42), ("d", "boom"), ("e", NOTHING)]
    rows = list(qs.quote_rows(partition, acc))
    assert [r[0] for r in rows] == ["a"]
    assert acc.value == qs.Counts(articles=2, quotes=1, skipped=2, failed=1)
    assert acc.value.read == 5


# ---------------------------------------------------------------------------------------
# In Spark local mode


@needs_orangesum
def test_orangesum_200_same_quotes_as_quotes_dump(spark, orangesum_200, tmp_path):
    dump = subprocess.run(
        [sys.executable, "-m", "quotes.dump", str(orangesum_200), "-o", str(tmp_path / "dump.jsonl")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert dump.returncode == 0, dump.stderr
    expected = []
    with open(tmp_path / "dump.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            speaker, cue = d["speaker"], d["cue"]
            expected.append(key(d["article_id"], d["start"], d["end"], d["kind"],
                                speaker and speaker["name"], cue and cue["text"]))
    expected.sort()

    counts = qs.new_counts(spark)
    articles = qs.spread(qs.read_articles(spark, str(orangesum_200)), 0)
    rows = qs.extract_quotes(articles, counts=counts).collect()

    assert len(expected) > 500
    assert spark_keys(rows) == expected
    assert counts.value == qs.Counts(articles=200, quotes=len(expected))
    # every quote's offsets index its article's text
    texts = {}
    with open(orangesum_200, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    assert all(texts[r.article_id][r.start:r.end] == r.text for r in rows)


def test_null_text_is_skipped_and_counted(spark):
    df = spark.createDataFrame(
        [(1, QUOTED), (2, None), (3, QUOTED_2), (4, NOTHING), (5, None)],
        "doc_id long, body string",
    )
    counts = qs.new_counts(spark)
    rows = qs.extract_quotes(df, "doc_id", "body", counts=counts).collect()
    assert sorted(tuple(r) for r in rows) == library_rows({"1": QUOTED, "3": QUOTED_2})
    assert counts.value == qs.Counts(articles=3, quotes=len(rows), skipped=2)


def test_bad_columns_are_refused_before_any_job(spark):
    df = spark.createDataFrame([("a", 1)], "id string, text int")
    with pytest.raises(TypeError, match=r"holds int, not strings.*cast"):
        qs.extract_quotes(df)
    with pytest.raises(ValueError, match=r"no column 'body' in the articles; the columns are \['id', 'text'\]"):
        qs.extract_quotes(df, text_col="body")


def test_cli_jsonl_gz_to_parquet(spark, tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "x", "text": QUOTED}),
        json.dumps({"id": 2, "text": QUOTED_2}),  # a number id becomes "2"
        "this is not JSON",  # nulls: skipped
        json.dumps({"id": "a3"}),  # no text: skipped
        json.dumps({"id": "a4", "text": NOTHING}),
    ]
    src = tmp_path / "articles.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = tmp_path / "quotes.parquet"

    proc = run_cli(str(src), str(out), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # records were skipped
    expected = library_rows({"a1": QUOTED, "2": QUOTED_2})
    assert summary(proc) == (
        f"quotes-spark: read 5 records, wrote {len(expected)} quotes from 3 articles, "
        "skipped 2 without a text, failed 0"
    )
    assert sorted(tuple(r) for r in spark.read.parquet(str(out)).collect()) == expected



def test_cli_parquet_in_other_columns_and_overwrite(spark, tmp_path, capsys):
    # in this process, on the module's session (a subprocess would start another JVM)
    parquet_in = tmp_path / "articles"
    spark.createDataFrame([("p1", QUOTED), ("p2", NOTHING)], "doc string, body string") \
        .write.parquet(str(parquet_in))
    out = tmp_path / "quotes.parquet"
    out.mkdir()

    def run(*argv: str) -> int:
        return qs.run(spark, qs.parse_args([str(parquet_in), str(out), *argv]))

    assert run("--id-col", "doc", "--text-col", "body") == 1  # OUT exists
    assert "already exists" in capsys.readouterr().err
    assert run("--id-col", "doc", "--text-col", "body", "--overwrite") == 0
    assert capsys.readouterr().err == (
        "quotes-spark: read 2 records, wrote 1 quotes from 2 articles, "
        "skipped 0 without a text, failed 0\n"
    )
    assert sorted(tuple(r) for r in spark.read.parquet(str(out)).collect()) == library_rows({"p1": QUOTED})
    assert run("--overwrite") == 1  # the default column names are not there
    assert "no column 'id' in the articles" in capsys.readouterr().err


def test_cli_usage_errors_exit_2_before_spark(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "quotes.spark", "in.jsonl", "out", "--partitions", "-1"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "--partitions must be 0 (automatic) or more" in proc.stderr
    assert "Spark" not in proc.stderr  # no JVM was started
