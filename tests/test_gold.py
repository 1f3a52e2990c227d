"""The library scored against the hand-annotated gold, with floors that only move up.

Scoring is ``quotes.evaluate`` (the rules of ``shared/gold/GUIDE.md``), called through its
Python API. The seed gold is bundled in ``fixtures/seeds/`` and always runs; the dev gold
needs the shared directory (``../shared`` from the repository root) and is skipped
without it.

Floors: each is the figure measured when it was last raised, rounded DOWN to 2 decimals.
Floors only move up: when the engine improves, raise them to the new figures; never
lower one to make a change pass.
"""

import json
from pathlib import Path

import pytest

from quotes.evaluate import extract_predictions, find_shared, load_texts, score

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_GOLD = SEEDS / "gold.jsonl"
SHARED = find_shared(ROOT.parent / "shared")
DEV_GOLD = SHARED / "gold" / "dev.jsonl" if SHARED else None

# -- floors on shared/gold/dev.jsonl (65 articles); only move up.
DEV_QUOTED_F1 = 0.93  # quotes, direct + partial, lenient F1
DEV_QUOTED_SPEAKER = 0.93  # speaker accuracy (strict) over matched direct + partial quotes
DEV_QUOTED_ROLE = 0.83  # role accuracy over matched direct + partial quotes
DEV_ALL_F1 = 0.92  # quotes, every kind, lenient F1
DEV_INDIRECT_F1 = 0.88  # quotes, indirect, lenient F1
DEV_ATTRIBUTION_F1 = 0.85  # end-to-end attribution F1 (matched AND speaker correct, strict), every kind

# -- floors on fixtures/seeds/gold.jsonl (the 5 seed articles); only move up.
SEED_QUOTED_F1 = 1.00
SEED_QUOTED_SPEAKER = 1.00
SEED_QUOTED_ROLE = 0.95
SEED_ALL_F1 = 0.90
SEED_INDIRECT_F1 = 0.78
SEED_ATTRIBUTION_F1 = 0.91


def read_gold(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def headline(figures):
    """The six figures the floors hold, by name."""
    return {
        "quoted_f1": figures["quotes"]["quoted"]["lenient"]["f1"],
        "quoted_speaker": figures["speaker"]["quoted"]["strict"],
        "quoted_role": figures["role"]["quoted"]["accuracy"],
        "all_f1": figures["quotes"]["all"]["lenient"]["f1"],
        "indirect_f1": figures["quotes"]["indirect"]["lenient"]["f1"],
        "attribution_f1": figures["attribution"]["all"]["f1"],
    }


def run(gold, texts):
    errors = []
    predictions = extract_predictions(texts, errors)
    assert errors == []
    return headline(score(gold, predictions))


def below(figures, floors):
    """The figures under their floor (None counts as under), for a readable failure."""
    return {k: (figures[k], floor) for k, floor in floors.items() if figures[k] is None or figures[k] < floor}


# ---------------------------------------------------------------------------
# the gold files are well-formed


def check_well_formed(gold, texts):
    ids = [r["id"] for r in gold]
    assert len(ids) == len(set(ids))
    for record in gold:
        text = texts[record["id"]]
        for q in record["quotes"]:
            assert q["kind"] in ("direct", "partial", "indirect"), q
            assert q["text"] and q["text"] in text, (record["id"], q["text"])
            assert q.get("speaker") is None or isinstance(q["speaker"], str)
            assert all(isinstance(a, str) for a in q.get("speaker_alternatives", []))
        for s in record.get("not_quotes", []) + record.get("ignore", []):
            assert s in text, (record["id"], s)


def test_seed_gold_is_well_formed():
    gold = read_gold(SEED_GOLD)
    texts = load_texts([r["id"] for r in gold], corpora=[SEEDS])
    assert sorted(texts) == sorted(r["id"] for r in gold)
    check_well_formed(gold, texts)


@pytest.mark.skipif(SHARED is None, reason="../shared not found: the shared seeds cannot be compared")
def test_seed_fixtures_match_shared_seeds():
    shared_seeds = SHARED / "seeds"
    names = sorted(p.name for p in shared_seeds.iterdir() if p.suffix in (".txt", ".jsonl"))
    assert names == sorted(p.name for p in SEEDS.iterdir() if p.suffix in (".txt", ".jsonl"))
    for name in names:
        assert (SEEDS / name).read_bytes() == (shared_seeds / name).read_bytes(), name


@pytest.mark.skipif(DEV_GOLD is None or not DEV_GOLD.is_file(), reason="../shared/gold/dev.jsonl not found")
def test_dev_gold_is_well_formed():
    gold = read_gold(DEV_GOLD)
    texts = load_texts([r["id"] for r in gold], shared=SHARED)
    assert sorted(texts) == sorted(r["id"] for r in gold)
    check_well_formed(gold, texts)


# ---------------------------------------------------------------------------
# the scores hold their floors


def test_seed_scores_hold_their_floors():
    gold = read_gold(SEED_GOLD)
    texts = load_texts([r["id"] for r in gold], corpora=[SEEDS])
    figures = run(gold, texts)
    floors = {
        "quoted_f1": SEED_QUOTED_F1,
        "quoted_speaker": SEED_QUOTED_SPEAKER,
        "quoted_role": SEED_QUOTED_ROLE,
        "all_f1": SEED_ALL_F1,
        "indirect_f1": SEED_INDIRECT_F1,
        "attribution_f1": SEED_ATTRIBUTION_F1,
    }
    assert below(figures, floors) == {}


@pytest.mark.skipif(DEV_GOLD is None or not DEV_GOLD.is_file(), reason="../shared/gold/dev.jsonl not found")
def test_dev_scores_hold_their_floors():
    gold = read_gold(DEV_GOLD)
    texts = load_texts([r["id"] for r in gold], shared=SHARED)
    assert len(texts) == len(gold), "some dev articles were not found in ../shared"
    figures = run(gold, texts)
    floors = {
        "quoted_f1": DEV_QUOTED_F1,
        "quoted_speaker": DEV_QUOTED_SPEAKER,
        "quoted_role": DEV_QUOTED_ROLE,
        "all_f1": DEV_ALL_F1,
        "indirect_f1": DEV_INDIRECT_F1,
        "attribution_f1": DEV_ATTRIBUTION_F1,
    }
    assert below(figures, floors) == {}
