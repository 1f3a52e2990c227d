"""The ``quotes-dump`` command, run as a user runs it: ``python -m quotes.dump`` in a subprocess.

What the command writes is checked against the library itself (``extract`` called here on
the same text), so these tests do not depend on what the engine finds, only on the CLI:
input kinds, output formats, ``--jobs``, bad input, interruption and ``--resume``.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import pytest

from quotes import extract
from quotes.model import Article

REPO = Path(__file__).resolve().parents[1]
ORANGESUM = REPO.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
needs_orangesum = pytest.mark.skipif(
    not ORANGESUM.exists(), reason=f"needs the OrangeSum corpus at {ORANGESUM}"
)

DUMP = [sys.executable, "-m", "quotes.dump"]
SUMMARY = "quotes-dump: read {} records, wrote {} quotes from {} articles, rejected {}"

QUOTED = "« Nous partons ce soir », a déclaré Jean Dupont, le maire de la ville."
QUOTED_2 = 'Le ministre a affirmé que la réforme serait votée. "Nous irons jusqu\'au bout", a-t-il dit.'
NOTHING = "Il pleuvait sur la ville. Les rues étaient vides."


def run(*args: str, cwd: Path, stdin: Optional[bytes] = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*DUMP, *args], cwd=cwd, input=stdin if stdin is not None else b"",
        capture_output=True, timeout=timeout,
    )


def stderr_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return proc.stderr.decode("utf-8").splitlines()


def expected_quotes(text: str, **article: str) -> list[dict]:
    art = Article(**article)
    return [{"article_id": art.id, **q.to_dict()} for q in extract(text, article=art)]


def jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_examples_have_quotes():
    # the other tests need articles that do and do not hold quotes
    assert extract(QUOTED) and extract(QUOTED_2)
    assert not extract(NOTHING)


# ---------------------------------------------------------------------------------------
# Input kinds


def test_text_file(tmp_path):
    (tmp_path / "article.txt").write_text(QUOTED, "utf-8")
    proc = run("article.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert jsonl(proc.stdout) == expected_quotes(QUOTED, id="article")
    n = len(expected_quotes(QUOTED, id="article"))
    assert stderr_lines(proc) == [SUMMARY.format(1, n, 1, 0)]


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "b" / "deep").mkdir(parents=True)
    (corpus / "b" / "deep" / "z.txt").write_text(QUOTED, "utf-8")
    (corpus / "a.txt").write_text(QUOTED_2, "utf-8")
    (corpus / "c.txt").write_text(NOTHING, "utf-8")
    (corpus / ".hidden.txt").write_text(QUOTED, "utf-8")
    proc = run("--by-article", "corpus", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in jsonl(proc.stdout)] == ["a", "b/deep/z", "c"]
    assert jsonl(proc.stdout)[2]["quotes"] == []


def test_jsonl_with_field_names(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [
        {"doc": "d1", "body": QUOTED, "headline": "Départ", "link": "http://x/1", "day": "2020-01-01",
         "from": "test"},
        {"doc": 2, "body": QUOTED_2},
    ])
    proc = run("--id-field", "doc", "--text-field", "body", "--title-field", "headline",
               "--url-field", "link", "--date-field", "day", "--source-field", "from",
               "in.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert jsonl(proc.stdout) == (
        expected_quotes(QUOTED, id="d1", title="Départ", url="http://x/1", date="2020-01-01", source="test")
        + expected_quotes(QUOTED_2, id="2")
    )


def test_jsonl_record_without_id_is_named_by_its_line(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"text": NOTHING}, {"text": QUOTED}])
    proc = run("in.jsonl", cwd=tmp_path)
    assert {r["article_id"] for r in jsonl(proc.stdout)} == {"in:2"}


def test_gzip_input_by_extension_and_by_magic_bytes(tmp_path):
    for name, id in (("in.jsonl.gz", "g1"), ("in.data", "g2")):
        data = json.dumps({"id": id, "text": QUOTED}, ensure_ascii=False).encode() + b"\n"
        (tmp_path / name).write_bytes(gzip.compress(data))
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(QUOTED_2.encode()))
    proc = run("in.jsonl.gz", "in.data", "a.txt.gz", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert jsonl(proc.stdout) == (
        expected_quotes(QUOTED, id="g1") + expected_quotes(QUOTED, id="g2") + expected_quotes(QUOTED_2, id="a")
    )


def test_stdin_jsonl_is_the_default_input(tmp_path):
    data = b"\n  " + json.dumps({"id": "s", "text": QUOTED}).encode() + b"\n"
    proc = run(cwd=tmp_path, stdin=data)
    assert proc.returncode == 0, proc.stderr
    assert jsonl(proc.stdout) == expected_quotes(QUOTED, id="s")


def test_stdin_text_and_gzip(tmp_path):
    proc = run("-", cwd=tmp_path, stdin=QUOTED.encode())
    assert jsonl(proc.stdout) == expected_quotes(QUOTED, id="stdin")
    proc = run("-", cwd=tmp_path, stdin=gzip.compress(QUOTED.encode()))
    assert jsonl(proc.stdout) == expected_quotes(QUOTED, id="stdin")


def test_several_inputs_in_order(tmp_path):
    (tmp_path / "b.txt").write_text(QUOTED, "utf-8")
    write_jsonl(tmp_path / "a.jsonl", [{"id": "j", "text": QUOTED_2}])
    proc = run("b.txt", "a.jsonl", cwd=tmp_path)
    assert jsonl(proc.stdout) == expected_quotes(QUOTED, id="b") + expected_quotes(QUOTED_2, id="j")


# ---------------------------------------------------------------------------------------
# Output formats


@pytest.fixture
def three(tmp_path) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", [
        {"id": "q1", "title": "Un", "text": QUOTED},
        {"id": "none", "title": "Rien", "text": NOTHING},
        {"id": "q2", "title": "Deux", "text": QUOTED_2},
    ])


def test_by_article_includes_articles_without_quotes(three):
    proc = run("--by-article", three.name, cwd=three.parent)
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout)
    assert [(r["id"], r["title"]) for r in records] == [("q1", "Un"), ("none", "Rien"), ("q2", "Deux")]
    assert records[0]["quotes"] == [
        {k: v for k, v in q.items() if k != "article_id"}
        for q in expected_quotes(QUOTED, id="q1", title="Un")
    ]
    assert records[1]["quotes"] == []


def test_csv(three):
    proc = run("--format", "csv", three.name, cwd=three.parent)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert list(rows[0]) == ["article_id", "start", "end", "kind", "text", "speaker", "speaker_type",
                             "speaker_gender", "speaker_mention", "role", "cue", "confidence"]
    want = expected_quotes(QUOTED, id="q1", title="Un") + expected_quotes(QUOTED_2, id="q2", title="Deux")
    assert len(rows) == len(want)
    for row, q in zip(rows, want, strict=True):
        speaker = q["speaker"] or {}
        assert row == {
            "article_id": q["article_id"], "start": str(q["start"]), "end": str(q["end"]),
            "kind": q["kind"], "text": q["text"], "speaker": speaker.get("name") or "",
            "speaker_type": speaker.get("type") or "", "speaker_gender": speaker.get("gender") or "",
            "speaker_mention": (speaker.get("mention") or {}).get("text", ""),
            "role": q["role"] or "", "cue": (q["cue"] or {}).get("text", ""),
            "confidence": str(q["confidence"]),
        }


def test_text_view(three):
    proc = run("--format", "text", three.name, cwd=three.parent)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    q = expected_quotes(QUOTED, id="q1")[0]
    assert out.startswith("== q1 — Un\n  « ")
    assert f"« {' '.join(q['text'].split())} » — {(q['speaker'] or {}).get('name') or '?'}" in out
    assert f"{q['confidence']:.2f}" in out
    assert "== none" not in out
    assert "== none — Rien\n  (no quotes)\n" in run("-f", "text", "--by-article", three.name, cwd=three.parent).stdout.decode()


def test_output_file_plain_and_gzipped(three):
    stdout = run(three.name, cwd=three.parent).stdout
    for name in ("out.jsonl", "out.jsonl.gz"):
        proc = run("-o", name, three.name, cwd=three.parent)
        assert proc.returncode == 0 and proc.stdout == b""
        data = (three.parent / name).read_bytes()
        assert (gzip.decompress(data) if name.endswith(".gz") else data) == stdout


def test_progress_bar_only_when_asked(three):
    assert "articles" in run("--progress", three.name, cwd=three.parent).stderr.decode().split("quotes-dump:")[0]
    # stderr is a pipe here: no bar by default
    proc = run(three.name, cwd=three.parent)
    assert stderr_lines(proc) == [SUMMARY.format(3, len(jsonl(proc.stdout)), 3, 0)]


@pytest.mark.parametrize("args", [
    ["--resume"],                                # resume needs -o FILE
    ["--format", "xml"],
    ["--format", "csv", "--by-article"],
    ["--format", "text", "--resume", "-o", "x"],
])
def test_usage_errors_exit_2(tmp_path, args):
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert stderr_lines(proc)[-1].startswith("quotes-dump: error: ")


# ---------------------------------------------------------------------------------------
# Bad input: reported, counted, and every other record still processed


def _gz_cut(path: Path) -> None:
    lines = [json.dumps({"id": f"t{i}", "text": QUOTED + f" ({i})" + " bla" * 3000}) for i in range(20)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])


# Each bad input (in a file of its own, named so that the files sort in this order) and
# the line quotes-dump writes on stderr for it.
BAD_INPUTS = [
    ("bad-gzip.jsonl.gz", b"not gzip at all\n",
     "bad-gzip.jsonl.gz:1: bad gzip data (Not a gzipped file (b'no'))"),
    ("bad-json.jsonl", b'{"id": "j1", "text": ""}\n{"id": "x", "text": }\n',
     "bad-json.jsonl:2: invalid JSON (Expecting value at column 21)"),
    ("bad-utf8.jsonl", b'{"id": "x", "text": "caf\xe9"}\n',
     "bad-utf8.jsonl:1: invalid UTF-8 (byte 0xe9 at offset 24)"),
    ("binary.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "binary.png: binary file"),
    ("empty.jsonl", b"\n\n",
     "empty.jsonl: empty file"),
    ("empty.txt", b"",
     "empty.txt: empty file"),
    ("latin1.txt", "Un café.".encode("latin-1"),
     "latin1.txt: invalid UTF-8 (byte 0xe9 at offset 6)"),
    ("no-text.jsonl", b'{"id": "x", "body": "..."}\n{"id": "j2", "text": "Rien."}\n',
     'no-text.jsonl:1: no "text" field'),
    ("not-object.jsonl", b'["a"]\n',
     "not-object.jsonl:1: not a JSON object"),
    ("text-not-string.jsonl", b'{"id": "x", "text": ["a"]}\n',
     'text-not-string.jsonl:1: "text" is not a string but an array'),
]


def test_bad_input_is_reported_and_every_other_record_processed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "0-first.txt").write_text(QUOTED, "utf-8")
    for name, data, _ in BAD_INPUTS:
        (corpus / name).write_bytes(data)
    (corpus / "~last.txt").write_text(QUOTED_2, "utf-8")
    proc = run("--by-article", "corpus", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 1
    records = jsonl(proc.stdout)
    assert [r["id"] for r in records] == ["0-first", "j1", "j2", "~last"]
    quotes = sum(len(r["quotes"]) for r in records)
    assert stderr_lines(proc) == [
        *(f"quotes-dump: corpus/{message}" for _, _, message in BAD_INPUTS),
        "quotes-dump: missing.txt: cannot read (No such file or directory)",
        SUMMARY.format(4 + len(BAD_INPUTS) + 1, quotes, 4, len(BAD_INPUTS) + 1),
    ]


def test_truncated_gzip(tmp_path):
    _gz_cut(tmp_path / "cut.jsonl.gz")
    (tmp_path / "z.txt").write_text(QUOTED, "utf-8")
    proc = run("--by-article", "cut.jsonl.gz", "z.txt", cwd=tmp_path)
    assert proc.returncode == 1
    ids = [r["id"] for r in jsonl(proc.stdout)]
    assert ids[-1] == "z" and ids[:-1] == [f"t{i}" for i in range(len(ids) - 1)]
    assert len(ids) > 2
    assert stderr_lines(proc)[0] == f"quotes-dump: cut.jsonl.gz:{len(ids)}: truncated gzip file"
    assert stderr_lines(proc)[1].endswith("rejected 1")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extraction_error_is_reported_with_the_article_id(tmp_path, jobs):
    write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": QUOTED}, {"id": "b", "text": "BOOM " + QUOTED}, {"id": "c", "text": QUOTED_2},
    ])
    script = (
        "import sys, quotes.dump as d\n"
        "real = d.extract\n"
        "def extract(text, **kw):\n"
        "    if text.startswith('BOOM'):\n"
        "        raise ValueError('no luck')\n"
        "    return real(text, **kw)\n"
        "d.extract = extract\n"
        "sys.exit(d.main(sys.argv[1:]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, "--by-article", "-j", jobs, "in.jsonl"],
                          cwd=tmp_path, capture_output=True, timeout=60)
    assert proc.returncode == 1
    assert [r["id"] for r in jsonl(proc.stdout)] == ["a", "c"]
    assert stderr_lines(proc)[0] == (
        "quotes-dump: in.jsonl:2: article 'b': extraction failed (ValueError: no luck)"
    )


# ---------------------------------------------------------------------------------------
# Real articles: --jobs, interruption, --resume

N_ARTICLES = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The first N_ARTICLES OrangeSum articles, as JSON Lines."""
    if not ORANGESUM.exists():
        pytest.skip(f"needs the OrangeSum corpus at {ORANGESUM}")
    path = tmp_path_factory.mktemp("orangesum") / "slice.jsonl"
    with gzip.open(ORANGESUM, "rb") as f:
        path.write_bytes(b"".join(itertools.islice(f, N_ARTICLES)))
    return path


@pytest.fixture(scope="module")
def small(corpus) -> Path:
    path = corpus.parent / "small.jsonl"
    path.write_bytes(_first_lines(corpus, 12))
    return path


@pytest.fixture(scope="module")
def reference(corpus) -> bytes:
    """What an uninterrupted --jobs 1 run writes."""
    proc = run(str(corpus), cwd=corpus.parent)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count(b"\n") > 50
    return proc.stdout


@needs_orangesum
def test_jobs_2_writes_what_jobs_1_writes(corpus, reference):
    proc = run("--jobs", "2", str(corpus), cwd=corpus.parent)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == reference
    assert len({r["article_id"] for r in jsonl(reference)}) > 20


def _start_on_stdin(args: list[str], records: bytes, cwd: Path) -> subprocess.Popen:
    """Start quotes-dump reading stdin, feed it ``records`` and leave stdin open."""
    proc = subprocess.Popen([*DUMP, *args], cwd=cwd, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    assert proc.stdin is not None
    proc.stdin.write(records)
    proc.stdin.flush()
    return proc


def _wait_for_output(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size > 0:
            return
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)
    raise AssertionError("no output in time")


def _first_lines(path: Path, n: int) -> bytes:
    return b"".join(path.read_bytes().splitlines(keepends=True)[:n])


@needs_orangesum
def test_killed_run_resumes_to_the_same_output(corpus, reference):
    # The interrupted run reads the first 120 articles from a pipe that stays open, so it
    # is surely stopped mid-way; SIGKILL to its process group kills the workers too.
    out = corpus.parent / "killed.jsonl"
    proc = _start_on_stdin(["--jobs", "2", "-o", str(out)], _first_lines(corpus, 120), corpus.parent)
    try:
        _wait_for_output(out, proc)
        time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    partial = out.read_bytes()
    assert 0 < len(partial) < len(reference)
    resumed = run("--jobs", "2", "--resume", "-o", str(out), str(corpus), cwd=corpus.parent)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference
    assert "already in" in stderr_lines(resumed)[-1]


@needs_orangesum
def test_sigterm_leaves_whole_lines_and_a_valid_gzip(corpus, reference):
    out = corpus.parent / "term.jsonl.gz"
    proc = _start_on_stdin(["--jobs", "2", "-o", str(out)], _first_lines(corpus, 120), corpus.parent)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 200):
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    lines = proc.stderr.read().decode().splitlines()
    assert lines[-2].startswith("quotes-dump: interrupted by SIGTERM")
    assert lines[-1].startswith("quotes-dump: read ")
    partial = gzip.decompress(out.read_bytes())  # closed properly: no "truncated" error
    assert partial.endswith(b"\n") and reference.startswith(partial)
    resumed = run("--resume", "-o", str(out), str(corpus), cwd=corpus.parent)
    assert resumed.returncode == 0, resumed.stderr
    assert gzip.decompress(out.read_bytes()) == reference


def test_sigint_exits_130(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = _start_on_stdin(["-o", str(out)], (json.dumps({"id": "a", "text": QUOTED}) + "\n").encode(), tmp_path)
    try:
        _wait_for_output(out, proc)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert out.read_bytes() == run("-", cwd=tmp_path, stdin=(json.dumps({"id": "a", "text": QUOTED}) + "\n").encode()).stdout


def _cuts(data: bytes) -> dict[str, int]:
    """Places to cut an output as a hard kill could: at and inside lines near the end."""
    starts = [i + 1 for i, b in enumerate(data) if b == ord("\n")][:-1]
    at_line = starts[-3]
    return {
        "nothing written": 0,
        "at a line end": at_line,
        "mid-line": at_line + 40,
        "inside a UTF-8 character": next(i for i in range(at_line, len(data)) if data[i] >= 0xC0) + 1,
        "last byte missing": len(data) - 1,
        "complete": len(data),
    }


@needs_orangesum
@pytest.mark.parametrize("cut", ["at a line end", "inside a UTF-8 character", "complete"])
def test_resume_after_a_cut_jsonl(corpus, reference, cut):
    out = corpus.parent / "cut.jsonl"
    out.write_bytes(reference[: _cuts(reference)[cut]])
    proc = run("--resume", "-o", str(out), str(corpus), cwd=corpus.parent)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == reference


@needs_orangesum
@pytest.mark.parametrize("args, cuts", [
    (["--by-article"], ["mid-line", "last byte missing"]),
    (["--format", "csv"], ["nothing written", "mid-line", "inside a UTF-8 character"]),
    (["--format", "csv", "-o", "ref.csv.gz"], ["mid-line"]),
])
def test_resume_after_a_cut_other_formats(small, args, cuts):
    gz = "ref.csv.gz" in args
    ref_proc = run(*args, str(small), cwd=small.parent)
    assert ref_proc.returncode == 0, ref_proc.stderr
    ref = gzip.decompress((small.parent / "ref.csv.gz").read_bytes()) if gz else ref_proc.stdout
    args = [a for a in args if a not in ("-o", "ref.csv.gz")]
    out = small.parent / ("cut.csv.gz" if gz else "cut.out")
    for cut in cuts:
        offset = _cuts(ref)[cut]
        if gz:  # a gzip file cut short, as a hard kill leaves it
            packed = gzip.compress(ref[:offset])
            out.write_bytes(packed[: len(packed) - 12])
        else:
            out.write_bytes(ref[:offset])
        proc = run(*args, "--resume", "-o", str(out), str(small), cwd=small.parent)
        assert proc.returncode == 0, (cut, proc.stderr)
        got = gzip.decompress(out.read_bytes()) if gz else out.read_bytes()
        assert got == ref, cut


@needs_orangesum
def test_resume_refuses_other_input_and_leaves_output_alone(small, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"article_id": "not/in/input", "text": "x"}\n')
    proc = run("--resume", "-o", str(out), str(small), cwd=tmp_path)
    assert proc.returncode == 1
    assert "cannot resume: article 'not/in/input'" in proc.stderr.decode()
    assert out.read_bytes() == b'{"article_id": "not/in/input", "text": "x"}\n'


def test_resume_refuses_a_foreign_file(tmp_path):
    (tmp_path / "a.txt").write_text(QUOTED, "utf-8")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"hello\nworld\n")
    proc = run("--resume", "-o", str(out), "a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert stderr_lines(proc) == [f"quotes-dump: {out}:1: cannot resume: not JSON Lines written by quotes-dump"]
    assert out.read_bytes() == b"hello\nworld\n"


def test_resume_without_earlier_output_is_a_plain_run(tmp_path):
    (tmp_path / "a.txt").write_text(QUOTED, "utf-8")
    proc = run("--resume", "-o", "out.jsonl", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "out.jsonl").read_bytes() == run("a.txt", cwd=tmp_path).stdout
