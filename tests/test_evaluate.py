"""Tests of the scorer and of the quotes-eval command (quotes/evaluate.py)."""

from __future__ import annotations

import difflib
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quotes
from quotes import evaluate
from quotes.evaluate import (
    InputError,
    compare,
    lenient_match,
    load_gold,
    load_predictions,
    load_texts,
    longest_common_substring,
    main,
    normalise_name,
    normalise_text,
    pair_quotes,
    score,
)
from quotes.model import Article, Quote, Speaker

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "evaluate"
SHARED = REPO.parent / "shared"
DEV_GOLD = SHARED / "gold" / "dev.jsonl"
SEED_GOLD = SHARED / "seeds" / "gold.jsonl"
needs_shared = pytest.mark.skipif(
    not DEV_GOLD.is_file(), reason=f"the shared gold is not at {DEV_GOLD} (CI has it beside the repo)"
)


def gold_record(article_id="a", quotes=(), not_quotes=(), ignore=()):
    return {"id": article_id, "quotes": list(quotes), "not_quotes": list(not_quotes), "ignore": list(ignore)}


def gq(text, kind="direct", speaker=None, role=None, **more):
    return {"text": text, "kind": kind, "speaker": speaker, "role": role, **more}


# -- normalisation -------------------------------------------------------------------

NORMALISE_TEXT_EXAMPLES = [
    pytest.param("« Nous partons »", "Nous partons", id="guillemets-and-spaces"),
    pytest.param("“Nous partons”", "Nous partons", id="english-quotes"),
    pytest.param('"Nous partons"', "Nous partons", id="straight-quotes"),
    pytest.param("Nous\n  partons\u00a0demain", "Nous partons demain", id="collapse-white-space"),
    pytest.param("Nous « partons » demain", "Nous « partons » demain", id="inner-marks-kept"),
    pytest.param("— Oui, dit-il.", "Oui, dit-il.", id="dialogue-dash"),
    pytest.param("e\u0301te\u0301", "été", id="nfc"),
    pytest.param("  «  »  ", "", id="only-marks"),
]


@pytest.mark.parametrize("text, expected", NORMALISE_TEXT_EXAMPLES)
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


NORMALISE_NAME_EXAMPLES = [
    pytest.param("Sergueï Lavrov", "serguei lavrov", id="lowercase-accents"),
    pytest.param("M. Lavrov", "lavrov", id="honorific-m"),
    pytest.param("Mme Hidalgo", "hidalgo", id="honorific-mme"),
    pytest.param("Mlle. Charmes", "charmes", id="honorific-mlle-dot"),
    pytest.param("Dr Martin", "martin", id="honorific-dr"),
    pytest.param("Me Dupond-Moretti", "dupond-moretti", id="honorific-me"),
    pytest.param("Mehdi Benali", "mehdi benali", id="me-inside-a-word"),
    pytest.param("le Dr Martin", "martin", id="determiner-then-honorific"),
    pytest.param("la mairie d' Albertville", "mairie d'albertville", id="apostrophe-joined"),
    pytest.param("la mairie d’Albertville", "mairie d'albertville", id="typographic-apostrophe"),
    pytest.param("l'ONU", "onu", id="elided-determiner"),
    pytest.param("L’Élysée", "elysee", id="elided-determiner-typographic"),
    pytest.param("Les responsables américains", "responsables americains", id="les"),
    pytest.param("des responsables américains", "responsables americains", id="des"),
    pytest.param("un porte-parole", "porte-parole", id="un"),
    pytest.param("une source proche de l'enquête", "source proche de l'enquete", id="une"),
    pytest.param("du Kremlin", "kremlin", id="du"),
    pytest.param("Lemaire", "lemaire", id="le-inside-a-word"),
    pytest.param("  « Jean  Dupont » ", "jean dupont", id="text-normalisation-first"),
    pytest.param(None, "", id="none"),
]


@pytest.mark.parametrize("name, expected", NORMALISE_NAME_EXAMPLES)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


# -- matching --------------------------------------------------------------------------

LENIENT_MATCH_EXAMPLES = [
    pytest.param("abcdefghij", "xxabcxx", True, id="exactly-30-percent"),
    pytest.param("abcdefghij", "xxabxx", False, id="20-percent"),
    pytest.param("Nous partirons demain", "« Nous partirons demain »", True, id="marks-ignored"),
    pytest.param("Nous partirons demain matin", "partirons demain", True, id="part-of-gold"),
    pytest.param("demain", "Nous partirons demain matin avec eux", True, id="gold-inside-prediction"),
    pytest.param("Nous partirons", "Ils restent ici", False, id="unrelated"),
    pytest.param("", "Nous", False, id="empty-gold"),
]


@pytest.mark.parametrize("gold, predicted, expected", LENIENT_MATCH_EXAMPLES)
def test_lenient_match(gold, predicted, expected):
    assert lenient_match(gold, predicted) is expected


def test_longest_common_substring():
    assert longest_common_substring("le chat dort", "un chat dort ici") == len(" chat dort")
    assert longest_common_substring("", "abc") == 0


@settings(max_examples=200, deadline=None)
@given(st.text("abc de", min_size=1, max_size=60), st.text("abc de", min_size=1, max_size=60), st.integers(1, 20))
def test_fast_common_lengths_agree_with_difflib(a, b, least):
    """The n-gram shortcut gives the exact LCS whenever it reaches the length asked for."""
    exact = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    found = evaluate._common_lengths([a], [b], lambda r, p: least)
    assert found == ({(0, 0): exact} if exact >= least else {})


PAIRING_EXAMPLES = [
    pytest.param(
        ["le chat dort sur le canapé"],
        ["le chat dort", "le chat dort sur le canapé rouge"],
        [(0, 1)],
        id="most-alike-prediction-wins",
    ),
    pytest.param(
        ["Nous partirons demain", "Nous partirons demain matin avec eux"],
        ["Nous partirons demain"],
        [(0, 0)],
        id="most-alike-gold-wins",
    ),
    pytest.param(["abcdefXX", "abcdef"], ["abcdefYY"], [(1, 0)], id="equally-alike-then-most-covered"),
    pytest.param(["Nous partons"], ["Nous partons", "Nous partons"], [(0, 0)], id="one-to-one"),
    pytest.param(
        ["Nous partons", "Nous partons"],
        ["Nous partons", "Nous partons"],
        [(0, 0), (1, 1)],
        id="duplicates-in-order",
    ),
    pytest.param(
        ["il pleut sur la ville", "le soleil brille fort"],
        ["le soleil brille", "il pleut"],
        [(0, 1), (1, 0)],
        id="order-does-not-matter",
    ),
    pytest.param(["Nous partons"], ["Ils restent"], [], id="no-match"),
]


@pytest.mark.parametrize("gold, predicted, expected", PAIRING_EXAMPLES)
def test_pair_quotes(gold, predicted, expected):
    assert pair_quotes(gold, predicted) == expected


def test_pairing_prefers_the_better_prediction_even_when_listed_later():
    gold = [gold_record(quotes=[gq("Nous partirons demain matin avant l'aube")])]
    preds = {"a": [gq("Nous partirons demain"), gq("Nous partirons demain matin avant l'aube")]}
    figures = score(gold, preds)
    assert figures["quotes"]["all"]["strict"]["tp"] == 1
    assert figures["quotes"]["all"]["lenient"] == {
        "p": 0.5, "r": 1.0, "f1": pytest.approx(2 / 3), "tp": 1, "fp": 1, "fn": 0, "ignored": 0
    }  # fmt: skip


# -- ignore and not_quotes -------------------------------------------------------------


def test_prediction_on_ignore_text_is_not_counted():
    gold = [gold_record(quotes=[gq("Nous partons")], ignore=["situation délicate"])]
    lenient = score(gold, {"a": [gq("Nous partons"), gq("« situation délicate »", "partial")]})["quotes"]["all"][
        "lenient"
    ]
    assert (lenient["tp"], lenient["fp"], lenient["fn"], lenient["ignored"]) == (1, 0, 0, 1)
    assert lenient["p"] == 1.0


def test_prediction_on_not_quote_is_a_false_positive():
    gold = [gold_record(quotes=[gq("Nous partons")], not_quotes=["gilets jaunes"], ignore=["gilets jaunes du coin"])]
    evaluation = compare(gold, {"a": [gq("Nous partons"), gq("gilets jaunes", "partial")]})
    lenient = evaluation.figures["quotes"]["all"]["lenient"]
    assert (lenient["tp"], lenient["fp"], lenient["ignored"]) == (1, 1, 0)
    (miss,) = evaluation.misses["a"]
    assert (miss.type, miss.not_quote) == ("false_positive", True)


def test_prediction_matching_gold_counts_even_if_it_overlaps_ignore():
    gold = [gold_record(quotes=[gq("Nous partons demain")], ignore=["Nous partons demain"])]
    lenient = score(gold, {"a": [gq("Nous partons demain")]})["quotes"]["all"]["lenient"]
    assert (lenient["tp"], lenient["fp"], lenient["ignored"]) == (1, 0, 0)


def test_short_ignore_text_does_not_hide_a_long_prediction():
    """Overlap is measured on the longer text: sharing 'de la' is not overlapping."""
    gold = [gold_record(ignore=["de la ville"])]
    long_prediction = gq("le maire de la ville a annoncé une hausse des impôts locaux pour l'an prochain", "indirect")
    lenient = score(gold, {"a": [long_prediction]})["quotes"]["all"]["lenient"]
    assert (lenient["fp"], lenient["ignored"]) == (1, 0)


def test_duplicate_prediction_of_an_ignored_text_is_ignored_too():
    gold = [gold_record(ignore=["pure folie"])]
    lenient = score(gold, {"a": [gq("pure folie", "partial"), gq("pure folie", "partial")]})["quotes"]["all"]["lenient"]
    assert (lenient["fp"], lenient["ignored"], lenient["p"]) == (0, 2, None)


# -- buckets, speakers, roles ----------------------------------------------------------


def test_buckets_by_kind():
    gold = [gold_record(quotes=[gq("pure folie", "partial"), gq("la route est fermée", "indirect")])]
    figures = score(gold, {"a": [gq("pure folie", "direct"), gq("la route est fermée", "partial")]})
    q = figures["quotes"]
    assert q["all"]["lenient"]["tp"] == 2
    assert (q["quoted"]["lenient"]["tp"], q["quoted"]["lenient"]["fp"]) == (1, 1)
    assert (q["direct"]["lenient"]["tp"], q["direct"]["lenient"]["fp"], q["direct"]["lenient"]["fn"]) == (0, 1, 0)
    assert (q["partial"]["lenient"]["tp"], q["partial"]["lenient"]["fp"], q["partial"]["lenient"]["fn"]) == (0, 1, 1)
    assert (q["indirect"]["lenient"]["tp"], q["indirect"]["lenient"]["fn"]) == (0, 1)
    assert q["indirect"]["lenient"]["p"] is None


SPEAKER_EXAMPLES = [
    # gold speaker, alternatives, predicted name, strict, lenient
    pytest.param("Sergueï Lavrov", [], "Sergueï Lavrov", True, True, id="equal"),
    pytest.param("Sergueï Lavrov", [], "Serguei LAVROV", True, True, id="case-and-accents"),
    pytest.param("Sergueï Lavrov", [], "M. Lavrov", False, True, id="last-word"),
    pytest.param("Sergueï Lavrov", [], "Lavrov", False, True, id="surname-only"),
    pytest.param("Sergueï Lavrov", [], "Vladimir Poutine", False, False, id="wrong"),
    pytest.param("Kremlin", ["présidence russe"], "la présidence russe", True, True, id="alternative"),
    pytest.param("responsables américains", [], "des responsables américains", True, True, id="determiner"),
    pytest.param("Sergueï Lavrov", [], None, False, False, id="no-prediction"),
]


@pytest.mark.parametrize("gold, alternatives, predicted, strict, lenient", SPEAKER_EXAMPLES)
def test_speaker_accuracy(gold, alternatives, predicted, strict, lenient):
    record = gold_record(quotes=[gq("Nous partons", speaker=gold, speaker_alternatives=alternatives)])
    figures = score([record], {"a": [gq("Nous partons", speaker=predicted)]})
    assert figures["speaker"]["all"] == {"strict": float(strict), "lenient": float(lenient), "n": 1}
    assert figures["attribution"]["all"]["tp"] == int(strict)
    assert figures["attribution"]["all"]["lenient"]["tp"] == int(lenient)


def test_null_gold_speaker_is_left_out_of_accuracy_but_not_of_attribution():
    record = gold_record(quotes=[gq("Nous partons"), gq("Ils restent")])
    figures = score([record], {"a": [gq("Nous partons"), gq("Ils restent", speaker="Jean")]})
    assert figures["speaker"]["all"] == {"strict": None, "lenient": None, "n": 0}
    assert figures["attribution"]["all"]["tp"] == 1  # null predicted for null gold


def test_mention_counts_for_litbank_style_gold():
    record = {**gold_record(quotes=[gq("Oui.", speaker="elle")]), "speaker_is_mention": True}
    quote = Quote(text="Oui.", start=0, end=4, kind="direct",
                  speaker=Speaker(name="Zambinella", mention=quotes.Span(10, 14, "elle")))  # fmt: skip
    assert score([record], {"a": [quote]})["speaker"]["all"]["strict"] == 1.0
    plain = gold_record(quotes=[gq("Oui.", speaker="elle")])
    assert score([plain], {"a": [quote]})["speaker"]["all"]["strict"] == 0.0


def test_role_accuracy():
    record = gold_record(
        quotes=[
            gq(
                "Nous partons",
                role="ministre russe des Affaires étrangères",
                role_alternatives=["chef de la diplomatie russe"],
            ),
            gq("Ils restent", role="maire de Lyon"),
            gq("Elle hésite"),
        ]
    )
    preds = [
        gq("Nous partons", role="le chef de la diplomatie russe"),
        gq("Ils restent", role="maire"),
        gq("Elle hésite", role="x"),
    ]
    assert score([record], {"a": preds})["role"]["all"] == {"accuracy": 0.5, "n": 2}


def test_quote_objects_are_accepted():
    text = "« Nous partons », a déclaré Jean Dupont."
    quote = Quote(text="Nous partons", start=2, end=14, kind="direct", speaker=Speaker(name="Jean Dupont"),
                  article=Article(id="a"))  # fmt: skip
    record = gold_record(quotes=[gq("Nous partons", speaker="Jean Dupont")])
    assert text[quote.start : quote.end] == quote.text
    assert score([record], {"a": [quote]})["attribution"]["all"]["f1"] == 1.0


def test_bad_record_raises_input_error():
    with pytest.raises(InputError, match="kind"):
        score([gold_record(quotes=[gq("Nous partons", kind="quoted")])], {})
    with pytest.raises(InputError, match="'quotes'"):
        score([{"id": "a"}], {})


# -- the fixture file with hand-worked expectations ------------------------------------

# fixtures/evaluate/README.md says what each predicted line tests
FIXTURE_EXPECTED = {
    ("quotes", "all", "lenient"): {"p": 4 / 6, "r": 4 / 5, "f1": 8 / 11, "tp": 4, "fp": 2, "fn": 1, "ignored": 1},
    ("quotes", "all", "strict"): {"p": 3 / 6, "r": 3 / 5, "f1": 6 / 11, "tp": 3, "fp": 3, "fn": 2, "ignored": 1},
    ("quotes", "quoted", "lenient"): {"p": 3 / 4, "r": 1.0, "f1": 6 / 7, "tp": 3, "fp": 1, "fn": 0, "ignored": 1},
    ("quotes", "direct", "lenient"): {"p": 2 / 3, "r": 1.0, "f1": 0.8, "tp": 2, "fp": 1, "fn": 0, "ignored": 0},
    ("quotes", "partial", "lenient"): {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1, "ignored": 1},
    ("quotes", "indirect", "lenient"): {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1, "ignored": 0},
    ("speaker", "all"): {"strict": 0.5, "lenient": 1.0, "n": 4},
    ("speaker", "quoted"): {"strict": 1 / 3, "lenient": 1.0, "n": 3},
    ("speaker", "indirect"): {"strict": 1.0, "lenient": 1.0, "n": 1},
    ("role", "all"): {"accuracy": 1.0, "n": 2},
    ("attribution", "all"): {
        "p": 2 / 6, "r": 2 / 5, "f1": 4 / 11, "tp": 2, "fp": 4, "fn": 3,
        "lenient": {"p": 4 / 6, "r": 4 / 5, "f1": 8 / 11, "tp": 4, "fp": 2, "fn": 1},
    },
}  # fmt: skip


def _lookup(figures, path):
    for key in path:
        figures = figures[key]
    return figures


def check_fixture_figures(figures, tolerance=1e-12):
    assert figures["articles"] == 2
    for path, expected in FIXTURE_EXPECTED.items():
        actual = _lookup(figures, path)
        assert actual.keys() == expected.keys(), path
        for key, value in expected.items():  # approx does not take nested dicts
            assert actual[key] == pytest.approx(value, abs=tolerance), (*path, key)


def test_fixture_predictions():
    errors = []
    figures = score(
        load_gold(FIXTURES / "gold.jsonl", errors), load_predictions(FIXTURES / "predictions.jsonl", errors)
    )
    assert errors == []
    check_fixture_figures(figures)


def test_fixture_misses():
    evaluation = compare(load_gold(FIXTURES / "gold.jsonl"), load_predictions(FIXTURES / "predictions.jsonl"))
    kinds = {k: [(m.type, m.text) for m in v] for k, v in evaluation.misses.items()}
    assert kinds == {
        "fixture/a1": [
            ("wrong_kind", "pure folie"),
            ("wrong_speaker", "pure folie"),
            ("false_positive", "gilets jaunes"),
        ],
        "fixture/a2": [
            ("missed", "les résultats étaient encourageants"),
            ("wrong_speaker", "Il faut agir vite"),
            ("false_positive", "le temps était beau"),
        ],
    }


def test_by_article_predictions_score_the_same(tmp_path):
    by_article: dict[str, list] = {}
    for line in (FIXTURES / "predictions.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        by_article.setdefault(d.pop("article_id"), []).append(d)
    path = tmp_path / "by_article.jsonl"
    path.write_text("".join(json.dumps({"id": k, "quotes": v}) + "\n" for k, v in by_article.items()), encoding="utf-8")
    check_fixture_figures(score(load_gold(FIXTURES / "gold.jsonl"), load_predictions(path)))


def test_gold_against_itself_is_perfect_on_the_fixture():
    gold = load_gold(FIXTURES / "gold.jsonl")
    figures = score(gold, load_predictions(FIXTURES / "gold.jsonl"))
    assert_perfect(figures)


def assert_perfect(figures):
    for bucket, both in figures["quotes"].items():
        for measure in ("lenient", "strict"):
            if both[measure]["tp"] + both[measure]["fn"]:
                assert (both[measure]["p"], both[measure]["r"], both[measure]["f1"]) == (1.0, 1.0, 1.0), bucket
    for bucket, sp in figures["speaker"].items():
        if sp["n"]:
            assert (sp["strict"], sp["lenient"]) == (1.0, 1.0), bucket
    for bucket, ro in figures["role"].items():
        if ro["n"]:
            assert ro["accuracy"] == 1.0, bucket
    for bucket, at in figures["attribution"].items():
        if at["tp"] + at["fn"]:
            assert (at["f1"], at["lenient"]["f1"]) == (1.0, 1.0), bucket


@needs_shared
@pytest.mark.parametrize("path", [DEV_GOLD, SEED_GOLD], ids=["dev", "seeds"])
def test_gold_against_itself_is_perfect(path):
    errors = []
    gold = load_gold(path, errors)
    figures = score(gold, load_predictions(path, errors))
    assert errors == []
    assert figures["articles"] == len(gold)
    assert_perfect(figures)
    assert all(figures["quotes"][b]["lenient"]["f1"] == 1.0 for b in evaluate.BUCKETS)


# -- bad input -------------------------------------------------------------------------


def test_bad_lines_are_reported_and_the_rest_is_scored(tmp_path, capsys):
    gold_lines = (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([gold_lines[0], "{not json", '{"id": "x"}', gold_lines[1]]) + "\n", encoding="utf-8")
    pred_lines = (FIXTURES / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(pred_lines[0])
    del broken["kind"]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(pred_lines[1:] + [json.dumps(broken), "[1, 2]"]) + "\n", encoding="utf-8")

    assert main([str(gold), str(pred), "--json"]) == 1
    out, err = capsys.readouterr()
    figures = json.loads(out)
    assert figures["articles"] == 2
    assert figures["quotes"]["all"]["lenient"]["fn"] == 2  # the unreadable prediction is missing
    assert f"{gold}:2: not valid JSON" in err
    assert f"{gold}:3: missing field 'quotes'" in err
    assert f"{pred}:7: missing field 'kind'" in err
    assert f"{pred}:8: expected a JSON object" in err


def test_duplicate_gold_id_is_reported(tmp_path):
    line = (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    errors = []
    assert len(load_gold(path, errors)) == 1
    assert errors and "already given on line 1" in errors[0]


def test_prediction_without_article_id_is_reported(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps({"text": "Nous", "kind": "direct"}) + "\n", encoding="utf-8")
    errors = []
    assert load_predictions(path, errors) == {}
    assert errors == [f"{path}:1: {evaluate.ERR_NO_ARTICLE_ID}"]


# -- article texts ---------------------------------------------------------------------


def test_load_texts_from_a_folder_and_jsonl(tmp_path):
    plain = tmp_path / "more.jsonl"
    plain.write_text(json.dumps({"id": "x/1", "text": "un"}) + "\n" + json.dumps({"id": "x/2", "text": "deux"}) + "\n")
    packed = tmp_path / "more.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"title": "t", "id": "y/1", "text": "trois"}) + "\n")
    texts = load_texts(
        ["fixture/a1", "x/2", "y/1", "z/9"], shared=tmp_path / "none", corpora=[FIXTURES / "texts", plain, packed]
    )
    assert texts.keys() == {"fixture/a1", "x/2", "y/1"}
    assert texts["x/2"] == "deux" and texts["y/1"] == "trois"
    assert texts["fixture/a1"].startswith("« Nous partirons")


@needs_shared
def test_load_texts_from_shared():
    ids = ["seeds/000_a1fc4a9dd594eb62", "winer/2016_05_04-002", "orangesum/1687", "litbank/Sarrasine", "winer/nope"]
    texts = load_texts(ids, shared=SHARED)
    assert set(texts) == set(ids) - {"winer/nope"}
    gold = {g.id: g for g in load_gold(DEV_GOLD)}
    for article_id in ("seeds/000_a1fc4a9dd594eb62", "winer/2016_05_04-002", "orangesum/1687"):
        assert all(q.text in texts[article_id] for q in gold[article_id].quotes)


def test_find_shared_default():
    found = evaluate.find_shared()
    if SHARED.is_dir():
        assert found is not None and found.resolve() in {SHARED.resolve(), (Path.cwd().parent / "shared").resolve()}


# -- the library run by quotes-eval GOLD -----------------------------------------------


def fake_extract(text, *, article=None):
    """Finds the two quotes of fixture/a1 and fixture/a2 the way the fixture predicts them."""
    found = []
    for wanted, name in (
        ("Nous partirons demain matin, avant l'aube", "Jean Dupont"),
        ("Il faut agir vite", "Marie Curie"),
    ):
        start = text.find(wanted)
        if start >= 0:
            found.append(Quote(text=wanted, start=start, end=start + len(wanted), kind="direct",
                               speaker=Speaker(name=name), article=article))  # fmt: skip
    return found


def test_gold_alone_runs_the_library(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(quotes, "extract", fake_extract)
    assert (
        main([str(FIXTURES / "gold.jsonl"), "--corpus", str(FIXTURES / "texts"), "--shared", str(tmp_path), "--json"])
        == 0
    )
    figures = json.loads(capsys.readouterr().out)
    assert figures["quotes"]["all"]["strict"] == {
        "p": 1.0,
        "r": 0.4,
        "f1": 0.5714,
        "tp": 2,
        "fp": 0,
        "fn": 3,
        "ignored": 0,
    }
    assert figures["attribution"]["all"]["tp"] == 2


def test_missing_article_is_reported_and_the_others_scored(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(quotes, "extract", fake_extract)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        (FIXTURES / "gold.jsonl").read_text(encoding="utf-8") + json.dumps(gold_record("fixture/nowhere")) + "\n",
        encoding="utf-8",
    )
    assert main([str(gold), "--corpus", str(FIXTURES / "texts"), "--shared", str(tmp_path / "none"), "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["articles"] == 2
    assert "article 'fixture/nowhere': text not found" in err
    assert "no shared directory found" in err


def test_failing_extraction_is_reported(monkeypatch, capsys):
    def broken(text, *, article=None):
        if article.id == "fixture/a2":
            raise RuntimeError("boom")
        return fake_extract(text, article=article)

    monkeypatch.setattr(quotes, "extract", broken)
    assert main([str(FIXTURES / "gold.jsonl"), "--corpus", str(FIXTURES / "texts"), "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["articles"] == 1
    assert "article 'fixture/a2': extraction failed: RuntimeError: boom" in err


@needs_shared
def test_gold_alone_with_the_real_library_on_the_seeds(capsys):
    assert main([str(SEED_GOLD), "--shared", str(SHARED), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 5
    assert figures["quotes"]["all"]["lenient"]["tp"] > 0


# -- command line ----------------------------------------------------------------------


def run_cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "quotes.evaluate", *map(str, args)],
        input=stdin, check=False, capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip


def test_cli_json():
    done = run_cli(FIXTURES / "gold.jsonl", FIXTURES / "predictions.jsonl", "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) == {"articles", "quotes", "speaker", "role", "attribution"}
    assert set(figures["quotes"]) == set(evaluate.BUCKETS)
    assert set(figures["quotes"]["all"]["lenient"]) == {"p", "r", "f1", "tp", "fp", "fn", "ignored"}
    assert set(figures["speaker"]["all"]) == {"strict", "lenient", "n"}
    assert set(figures["role"]["all"]) == {"accuracy", "n"}
    assert set(figures["attribution"]["all"]) == {"p", "r", "f1", "tp", "fp", "fn", "lenient"}
    check_fixture_figures(figures, tolerance=1e-4)


def test_cli_table_and_misses_from_stdin():
    predictions = (FIXTURES / "predictions.jsonl").read_text(encoding="utf-8")
    done = run_cli(FIXTURES / "gold.jsonl", "-", "--misses", stdin=predictions)
    assert done.returncode == 0, done.stderr
    assert "2 articles: 5 gold quotes, 6 predictions counted, 1 on ignored text" in done.stdout
    assert "== fixture/a2" in done.stdout
    assert "missed (indirect): «les résultats étaient encourageants»" in done.stdout
    assert "wrong speaker: predicted 'Pierre Curie', gold 'Marie Curie'" in done.stdout
    assert "false positive (partial): «gilets jaunes»  [a not_quotes text]" in done.stdout
    assert "66.7" in done.stdout and "72.7" in done.stdout


def test_main_json_with_misses(capsys):
    assert main([str(FIXTURES / "gold.jsonl"), str(FIXTURES / "predictions.jsonl"), "--json", "--misses"]) == 0
    misses = json.loads(capsys.readouterr().out)["misses"]
    assert misses["fixture/a1"][0] == {
        "type": "wrong_kind",
        "text": "pure folie",
        "kind": "partial",
        "predicted": "direct",
        "gold": "partial",
        "not_quote": False,
    }


USAGE_ERRORS = [
    pytest.param([], id="no-gold"),
    pytest.param(["-", "-"], id="both-stdin"),
    pytest.param(["a", "b", "c"], id="too-many"),
    pytest.param(["--brat", "d", "a", "b"], id="brat-and-two-files"),
]


@pytest.mark.parametrize("argv", USAGE_ERRORS)
def test_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: quotes-eval" in capsys.readouterr().err


def test_unreadable_gold(tmp_path, capsys):
    assert main([str(tmp_path / "absent.jsonl")]) == 1
    assert "absent.jsonl" in capsys.readouterr().err


@needs_shared
def test_main_gold_against_gold_dev(capsys):
    assert main([str(DEV_GOLD), str(DEV_GOLD), "--json"]) == 0
    assert_perfect(json.loads(capsys.readouterr().out))
