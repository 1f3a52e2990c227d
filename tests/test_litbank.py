"""Tests of the fr-litbank brat converter (quotes/litbank.py) and of quotes-eval --brat."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import quotes
from quotes import evaluate, litbank
from quotes.litbank import BratError, brat_to_gold, parse_ann, read_brat_dir, read_brat_file
from quotes.model import Quote, Span, Speaker

REPO = Path(__file__).resolve().parent.parent
LITBANK = REPO.parent / "shared" / "corpora" / "fr-litbank-citations"
REAL_STEM = "Le_capitaine_Fracasse"  # the smallest file: 14 citations
needs_litbank = pytest.mark.skipif(
    not (LITBANK / f"{REAL_STEM}.ann").is_file(),
    reason=f"fr-litbank is not at {LITBANK} (CI has ../shared beside the repo)",
)

TEXT = (
    "Il entra.\n"
    "— Bonjour, dit-il en souriant. Vous allez bien ?\n"
    "— Oui, répondit Marie.\n"
    "« Tenez, je vais vous raconter une histoire. »\n"
)


def span(piece: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(piece, after)
    return start, start + len(piece)


def t_line(tid: str, kind: str, *pieces: str) -> str:
    spans = [span(p) for p in pieces]
    offsets = ";".join(f"{a} {b}" for a, b in spans)
    return f"{tid}\t{kind} {offsets}\t{' '.join(TEXT[a:b] for a, b in spans)}"


ANN = "\n".join(
    [
        t_line("T1", "Citation", "— Bonjour,", "Vous allez bien ?"),
        f"T2\tEntite {span('il', TEXT.index('dit-il'))[0]} {span('il', TEXT.index('dit-il'))[1]}\til",
        t_line("T3", "Introducteur", "dit"),
        t_line("T4", "Citation", "— Oui,"),
        t_line("T5", "Introducteur", "répondit"),
        t_line("T6", "Entite", "Marie"),
        t_line("T7", "Recit", "« Tenez, je vais vous raconter une histoire. »"),
        "R1\tSource Arg1:T2 Arg2:T1",
        "R2\tIntroduction Arg1:T3 Arg2:T1",
        "R3\tSource Arg1:T5 Arg2:T4",  # labelled the wrong way round, as a few real ones are
        "R4\tIntroduction Arg1:T6 Arg2:T4",
        "#1\tAnnotatorNotes T1\tnotes are skipped",
        "",
    ]
)


def test_parse_ann():
    annotations, relations = parse_ann(ANN)
    assert annotations["T1"].fragments == (span("— Bonjour,"), span("Vous allez bien ?"))
    assert annotations["T1"].start == span("— Bonjour,")[0]
    assert [r.type for r in relations] == ["Source", "Introduction", "Source", "Introduction"]


def test_brat_to_gold():
    record = brat_to_gold(ANN, TEXT, "litbank/sample")
    assert record["id"] == "litbank/sample"
    assert record["speaker_is_mention"] is True
    assert record["not_quotes"] == []
    assert record["ignore"] == ["Tenez, je vais vous raconter une histoire."]
    first, second = record["quotes"]
    assert first["text"] == "Bonjour, dit-il en souriant. Vous allez bien ?"  # incise kept, dash trimmed
    assert (first["speaker"], first["cue"], first["kind"], first["role"]) == ("il", "dit", "direct", None)
    assert (second["text"], second["speaker"], second["cue"]) == ("Oui,", "Marie", "répondit")
    for quote in record["quotes"]:
        assert TEXT[quote["start"] : quote["end"]] == quote["text"]
    # the record is valid gold for the scorer
    assert evaluate.GoldArticle.from_dict(record).speaker_is_mention


BAD_ANN_EXAMPLES = [
    pytest.param("T1\tCitation 3 x\tabc", "cannot read this brat line", id="bad-offset"),
    pytest.param("T1\tCitation 0 3\tabc\nR1\tSource Arg1:T9 Arg2:T1", "unknown annotation 'T9'", id="unknown-id"),
    pytest.param("R1\tSource Arg1:T9", "cannot read this brat line", id="short-relation"),
]


@pytest.mark.parametrize("ann, message", BAD_ANN_EXAMPLES)
def test_bad_ann(ann, message):
    with pytest.raises(BratError, match=message):
        parse_ann(ann, "x.ann")


@needs_litbank
def test_real_file():
    record, text = read_brat_file(LITBANK / f"{REAL_STEM}.ann")
    assert record["id"] == f"litbank/{REAL_STEM}"
    ann = (LITBANK / f"{REAL_STEM}.ann").read_text(encoding="utf-8")
    assert len(record["quotes"]) == ann.count("\tCitation ") == 14
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["text"][0] not in "—–-« " and quote["text"][-1] not in "» "
    by_start = {q["text"][:20]: q for q in record["quotes"]}
    assert (by_start["Que voulez-vous ?"]["speaker"], by_start["Que voulez-vous ?"]["cue"]) == (
        "le Baron",
        "interrompit",
    )
    assert (by_start["Un rat !"]["speaker"], by_start["Un rat !"]["cue"]) == ("Hamlet, prince de Danemark", "en criant")
    assert by_start["Puis-je espérer que "]["speaker"] == "l'acteur"


@needs_litbank
def test_load_texts_finds_litbank_ids():
    texts = evaluate.load_texts([f"litbank/{REAL_STEM}"], shared=LITBANK.parent.parent)
    assert texts[f"litbank/{REAL_STEM}"] == read_brat_file(LITBANK / f"{REAL_STEM}.ann")[1]


@pytest.fixture
def brat_dir(tmp_path):
    """A folder with the sample (and the real file when available)."""
    (tmp_path / "sample.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "sample.txt").write_text(TEXT, encoding="utf-8")
    if (LITBANK / f"{REAL_STEM}.ann").is_file():
        for suffix in (".ann", ".txt"):
            shutil.copy(LITBANK / f"{REAL_STEM}{suffix}", tmp_path)
    return tmp_path


def test_read_brat_dir(brat_dir):
    documents = read_brat_dir(brat_dir)
    assert "litbank/sample" in [record["id"] for record, _ in documents]
    assert [record["id"] for record, _ in documents] == sorted(record["id"] for record, _ in documents)


def test_eval_brat_gold_against_itself(brat_dir, capsys):
    pred = brat_dir / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r, _ in read_brat_dir(brat_dir)), encoding="utf-8"
    )
    assert evaluate.main(["--brat", str(brat_dir), str(pred), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["quotes"]["all"]["strict"]["f1"] == 1.0
    assert figures["speaker"]["all"]["strict"] == 1.0


def test_eval_brat_runs_the_library_and_uses_mentions(brat_dir, monkeypatch, capsys):
    def fake_extract(text, *, article=None):
        if article.id != "litbank/sample":
            return []
        start, end = span("Bonjour, dit-il en souriant. Vous allez bien ?")
        mention = Span(*span("il", TEXT.index("dit-il")), "il")
        return [Quote(text=TEXT[start:end], start=start, end=end, kind="direct",
                      speaker=Speaker(name="Pierre", mention=mention), article=article)]  # fmt: skip

    monkeypatch.setattr(quotes, "extract", fake_extract)
    assert evaluate.main(["--brat", str(brat_dir), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == len(read_brat_dir(brat_dir))
    assert figures["speaker"]["all"] == {"strict": 1.0, "lenient": 1.0, "n": 1}  # "il" is the gold mention


def test_module_cli(brat_dir):
    done = subprocess.run(
        [sys.executable, "-m", "quotes.litbank", str(brat_dir)], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records == [record for record, _ in read_brat_dir(brat_dir)]


def test_module_cli_usage():
    assert litbank.main([]) == 2


def test_eval_brat_errors(tmp_path, capsys):
    assert evaluate.main(["--brat", str(tmp_path)]) == 1
    assert "no .ann files" in capsys.readouterr().err
    (tmp_path / "bad.ann").write_text("T1\tCitation x y\tabc\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("abc", encoding="utf-8")
    assert evaluate.main(["--brat", str(tmp_path)]) == 1
    assert "bad.ann:1: cannot read this brat line" in capsys.readouterr().err


# Floors on the whole of fr-litbank, just under the figures of docs/accuracy.md: they only
# move up (quote F1 over direct + partial, speaker accuracy over all matched quotes).
LITBANK_FLOORS = {"quoted_f1": 0.932, "speaker": 0.775, "attribution_f1": 0.615}


@pytest.mark.skipif(not LITBANK.is_dir() or len(list(LITBANK.glob("*.ann"))) < 18, reason="the full fr-litbank is not beside the repo")
def test_litbank_floors(capsys):
    assert evaluate.main(["--brat", str(LITBANK), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["quotes"]["quoted"]["lenient"]["f1"] >= LITBANK_FLOORS["quoted_f1"]
    assert figures["speaker"]["all"]["strict"] >= LITBANK_FLOORS["speaker"]
    assert figures["attribution"]["all"]["f1"] >= LITBANK_FLOORS["attribution_f1"]
