"""The pipeline: quote marks -> cues -> speakers -> coreference -> ``Quote`` objects.

``extract(text)`` runs every stage over one article and returns its quotes in text order.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any, Optional

import attrs
import regex

from . import cues as C
from . import dialogue, lexicon
from .coref import Entity, Registry
from .limits import check_size
from .marks import QuotedSpan, find_dialogue_turns, find_quoted_spans
from .model import Article, Quote, _quote, _span, _speaker
from .speakers import COMMON_VERBS, Mention, parse_np, subject_after_in, subject_at_start, subject_before_in
from .text import Sentences, tokens, trim

# A quote that is only a name (Mohamed R., Ben Laden) or a title of a work.
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENT_PUNCT_RE = re.compile(r"[.!?…]")
# Words right before a mark that make what follows a name or a term, not speech.
_TERM_BEFORE_RE = re.compile(
    r"""(?:\b(?:le|la|les|un|une|des|du|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos|votre|au|aux|
          dit|dite|dits|dites|baptisé|baptisée|surnommé|surnommée|intitulé|intitulée|nommé|nommée|appelé|appelée|
          opération|mouvement|projet|plan|programme|slogan|émission|film|livre|ouvrage|album|journal|magazine|
          rubrique|hashtag|mot|terme|expression|concept|notion|formule|qualificatif|étiquette)
        |\bl['’])\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# Seven words of _WORD_RE in a row, each taken whole (possessive: no other split of the
# words), with anything else between them: matches where finditer finds 7 words or more.
_SEVEN_WORDS_RE = re.compile(r"(?:[\W_]*+[^\W_]++(?:['’-][^\W_]++)*+){7}")
# The longest word _TERM_BEFORE_RE ends with ("qualificatif"), with room for \b.
_TERM_WORD_MAX = 13


def _term_before(left: str) -> bool:
    """``_TERM_BEFORE_RE.search(left)``, reading only the end of ``left``: the pattern's
    word ends where the trailing spaces start, so it starts at most 12 characters before
    (the \\b at the window's start still sees the character before it)."""
    k = len(left.rstrip())
    return _TERM_BEFORE_RE.search(left, max(0, k - _TERM_WORD_MAX), k) is not None


_SKIP_RE = re.compile(r"[\s,\u00a0\u202f]*(?:[–—-]\s*)?")
# How far from a cue its speaker is looked for, in characters (a long glued "sentence"
# must not make every look-up read the whole article).
WINDOW = 220
_STRIP = " \t\r\n\u00a0\u202f,;:.!?…»«\"“”"


@attrs.define
class _Cand:
    span: QuotedSpan
    kind: str
    cue: Optional[regex.Match] = None
    cue_span: Optional[tuple[int, int]] = None
    mention: Optional[Mention] = None
    where: str = "none"  # incise, after, before, colon, according, sentence, inherited
    entity: Optional[Entity] = None
    confidence: float = 0.5
    keep: bool = True


def extract(text: Any, *, article: Any = None, nlp: Any = None) -> list[Quote]:
    """All quotations of a French article, in text order.

    ``text`` is the article (``str``), or a document a stanza or spaCy pipeline already
    annotated. ``nlp``: a ``stanza.Pipeline`` or spaCy ``Language`` to run over the text
    first, so that attribution uses its parse and entities (see ``docs/stanza.md`` and
    ``docs/spacy.md``); without it, the rule engine alone, which needs no model.
    ``article`` is an optional reference (an ``Article``, a dict of its fields, or an id
    string) carried into every quote. Texts longer than ``quotes.limits.MAX_CHARS`` raise
    ``ValueError``.
    """
    if nlp is not None or not isinstance(text, str):
        from .pipeline import _kind, extract_with

        if nlp is not None or _kind(text) is not None:
            return extract_with(text, nlp=nlp, article=article)
        raise TypeError(f"extract() takes the article text as str, not {type(text).__name__}")
    check_size(text)
    art = Article.coerce(article)
    if not text.strip():
        return []
    return _Extractor(text).run(art)


class _Extractor:
    def __init__(self, text: str):
        self.text = text
        marked = find_quoted_spans(text)
        turns = find_dialogue_turns(text, marked)
        if turns:
            marked, turns = dialogue.merge_marked_turns(marked, turns)
        # a text with a dialogue (several turns that end like speech) is a narrative
        self.dialogue = sum(1 for q in turns if _TURN_END_RE.search(text, q.start, q.end)) >= 3
        self.spans = sorted(marked + turns, key=lambda q: q.open_start) if turns else marked
        self.sents = Sentences(text, [(s.open_start, s.close_end) for s in self.spans])
        self.registry = Registry(
            text,
            # a signature line (— Claude Onesta, sélectionneur français) is no speech: its
            # names and titles count as mentions
            [(s.open_start, s.close_end) for s in self.spans if s.mark not in DASHES or _TURN_END_RE.search(text, s.start, s.end)],
        )
        self._close_ends = sorted(q.close_end for q in self.spans)
        self._open_starts = [q.open_start for q in self.spans]  # sorted: spans are in text order
        # every verb of saying and selon/d'après/pour, found once (a noun that looks like a
        # verb is left out: l'annonce)
        vgs, self.accs = C.scan_cues(text)
        self.vgs = [m for m in vgs if not _noun_use(text, m)]
        self._vg_starts = [m.start() for m in self.vgs]
        self._acc_starts = [m.start() for m in self.accs]

    def _vgs_in(self, a: int, b: int) -> list[regex.Match]:
        """The verb groups lying within ``text[a:b]``."""
        i = bisect.bisect_left(self._vg_starts, a)
        j = bisect.bisect_left(self._vg_starts, b)
        return [m for m in self.vgs[i:j] if m.end() <= b]

    def _accs_in(self, a: int, b: int) -> list[re.Match]:
        """The selon/d'après/pour cues lying within ``text[a:b]``."""
        i = bisect.bisect_left(self._acc_starts, a)
        j = bisect.bisect_left(self._acc_starts, b)
        return [m for m in self.accs[i:j] if m.end() <= b]

    # --- cues around one quoted span --------------------------------------------------
    def _incise(self, s: QuotedSpan) -> Optional[tuple[regex.Match, Mention]]:
        t = self.text
        if _INVERSION_HINT_RE.search(t, s.start, s.end) is None:
            return None  # no inverted pronoun (-t-il, -elle…): skip the slower full pattern
        for m in C.inverted_any_re().finditer(t, s.start, s.end):
            before = t[max(s.start, m.start() - 3) : m.start()]
            after = t[m.end() : m.end() + 3]
            if "," in before and ("," in after or "." in after[:1] or m.end() >= s.end - 1):
                mention = C.pronoun_mention(m)
                if mention:
                    return m, mention
        return None

    def _after(self, s: QuotedSpan, limit: int) -> Optional[tuple[regex.Match, Optional[Mention], str]]:
        t = self.text
        # a cue stands right after the quote: look no further than WINDOW characters (an
        # anchored match given a far end costs time in proportion to it with regex)
        limit = min(limit, s.close_end + WINDOW)
        pos = _SKIP_RE.match(t, s.close_end, limit).end()
        if pos >= limit:
            return None
        # every one of the four patterns starts with a letter (»., »). cannot match)
        for rx, where in _after_patterns() if t[pos].isalpha() else ():
            m = rx.match(t, pos, limit)
            if not m:
                continue
            if rx is C.compound_any_re() and "," not in t[s.close_end : pos]:
                continue  # «…» a rassemblé des milliers: the main verb, not an incise
            if where == "according" and m.group("cue").lower() == "pour":
                continue
            if where == "according" and m.group("cue")[:1].isupper() and "," not in t[s.close_end : m.start()]:
                continue  # «…»Selon X, … : a new (glued) sentence, not this quote's cue
            pron = C.inverted_pronoun(m)
            if pron:
                return m, C.pronoun_mention(m), where
            mention = subject_after_in(t, m.end(), min(limit, m.end() + WINDOW))
            if mention is None and where == "after":
                return m, None, where
            return m, mention, where
        # a short complement between the quote and its cue: « … » en RDC, a annoncé X
        comma = t.find(",", pos, min(limit, pos + 50))
        if comma != -1 and bisect.bisect_left(self._open_starts, pos) == bisect.bisect_left(self._open_starts, comma):
            p2 = _SKIP_RE.match(t, comma, limit).end()
            m = C.verb_group_re().match(t, p2, limit)
            if m and C.verb_kind(m) != "gerund":
                mention = C.pronoun_mention(m) if C.inverted_pronoun(m) else subject_after_in(t, m.end(), min(limit, m.end() + WINDOW))
                if mention is not None:
                    return m, mention, "after"
        return None

    def _before(self, s: QuotedSpan, sent_start: int) -> Optional[tuple[Optional[regex.Match], Optional[Mention], str]]:
        t = self.text
        end = s.open_start
        if sent_start >= end - WINDOW and not t[sent_start:end].strip(_STRIP):
            # a quote opening its paragraph after "X a déclaré :" ending the previous one
            w0 = max(0, sent_start - 200)
            k = w0 + len(t[w0:sent_start].rstrip(" \t\r\n\u00a0\u202f"))
            if k > w0 and t[k - 1] == ":":
                end = k
                sent_start = self.sents.start_of(k - 1)
        sent_start = max(sent_start, end - 4 * WINDOW)  # a run-on "sentence" is read near the quote only
        # start after the last quote that closes before this one in the same sentence
        lo = sent_start
        k = bisect.bisect_right(self._close_ends, end) - 1
        if k >= 0 and self._close_ends[k] >= sent_start:
            lo = self._close_ends[k]
        best = None
        for m in self._vgs_in(lo, end):
            best = m
        acc = None
        for m in self._accs_in(lo, end):
            if m.group("cue").lower() == "pour" and t[lo : m.start()].strip(_STRIP) and not (
                _ADVERBIAL_HEAD_RE.fullmatch(t, lo, m.start()) or _SHORT_ADVERBIAL_RE.fullmatch(t, lo, m.start())
            ):
                continue
            acc = m
        if acc is not None and (best is None or acc.start() > best.start()):
            mention = subject_after_in(t, acc.end(), min(end, acc.end() + WINDOW))
            if mention is not None:
                return acc, mention, "according"
        if best is not None and C.verb_kind(best) == "gerund":
            mention = self._gerund_subject(best, sent_start)
            if mention is not None:
                return best, mention, "before"
        if best is not None:
            pron = C.inverted_pronoun(best)
            if pron:
                return best, C.pronoun_mention(best), "before"
            mention = subject_before_in(t, max(sent_start, best.start() - WINDOW), best.start())
            if mention is None and C.verb_kind(best) != "gerund":
                # inverted subject between the verb and the quote: a déclaré le ministre : « … »
                mention = subject_after_in(t, best.end(), min(end, best.end() + WINDOW))
            if mention is None:
                # "X appelle à …, et affirme que « … »": the subject that opens the sentence
                mention = subject_at_start(t, tokens(t, sent_start, min(best.start(), sent_start + WINDOW)))
            return best, mention, "before"
        passive = _last_passive(t, lo, end)
        if passive is not None:
            # "Une volonté affirmée par Jean Castex : « … »": the agent spoke
            mention = subject_after_in(t, passive.end(), min(end, passive.end() + WINDOW))
            if mention is not None:
                return passive, mention, "before"
        stripped = t[sent_start:end].rstrip(" \u00a0\u202f")
        if stripped.endswith(":"):
            colon = sent_start + len(stripped) - 1
            mention = subject_before_in(t, max(lo, colon - WINDOW), colon)
            if mention is None:
                # "X a, quant à lui, pesté contre … : « … »": a verb we do not list
                mention = subject_at_start(t, tokens(t, lo, min(colon, lo + WINDOW)))
            if mention is not None and (mention.name or mention.description or mention.pronoun):
                return None, mention, "colon"
        return None

    # --- dialogue turns ---------------------------------------------------------------
    def _turn(self, s: QuotedSpan, turns: list[_Cand], cands: list[_Cand]) -> Optional[_Cand]:
        """A dash-opened line: its incise (— Oui, dit-il, …) names the speaker and, when it
        closes the line, is cut off; a line that is only a name is a signature (— Comité
        Nobel) that attributes the quote before it."""
        t = self.text
        body = t[s.start : s.end]
        if not _TURN_END_RE.search(body):
            head = body.split(",", 1)[0]  # "— Jean-Christophe Thiery, président du directoire"
            words = _WORD_RE.findall(body)
            np = (subject_after_in(t, s.start, s.end) or parse_np(t, tokens(t, s.start, s.start + len(head)))) if len(body) < 160 else None
            if body[:1].isupper() and len(words) <= 20 and not any(
                (w in lexicon.verbs() and lexicon.verbs()[w].form in ("finite", "gerund")) or w in COMMON_VERBS
                for w in words
                if w[:1].islower()
            ):
                if np is not None and cands and cands[-1].mention is None and t.count("\n", cands[-1].span.close_end, s.open_start) <= 3:
                    cands[-1].mention, cands[-1].where = np, "signature"
                return None
        c = _Cand(s, "direct")
        for m in list(self._vgs_in(s.start, s.end)) + list(C.inverted_any_re().finditer(t, s.start, s.end)):
            gap = t[max(s.start, m.start() - 3) : m.start()]
            if not _INCISE_BEFORE_RE.search(gap):
                continue
            if C.verb_kind(m) == "gerund":
                continue
            mention = C.pronoun_mention(m) if C.inverted_pronoun(m) else subject_after_in(t, m.end(), min(s.end, m.end() + WINDOW))
            if mention is None:
                continue
            c.cue, c.mention, c.where = m, mention, "incise"
            rest = t[mention.end : s.end]
            if not _SPEECH_RESUMES_RE.search(rest):
                # the incise closes the line: — Cela sera-t-il long ? demanda le laquais.
                c.span = self._cut_at(s, m.start())
            break
        if c.mention is None:
            inc = dialogue.turn_incise(t, s.start, s.end)
            if inc is not None:
                m, mention = inc
                c.cue, c.mention, c.where = m, mention, "incise"
                if not dialogue.speech_resumes(t, mention.end, s.end):
                    c.span = self._cut_at(s, m.start("cue"))
        if c.mention is None:
            # "Il se tourna vers elle :" then the turn: the narration's subject speaks
            mention = self._narration_colon(s.open_start)
            if mention is not None:
                c.mention, c.where = mention, "narration"
        if c.mention is None and not (turns and turns[-1].span.close_end >= s.open_start - 3):
            # the first turn of an exchange, after a paragraph of narration: its subject
            # speaks ("Marthe s'était assise près du feu." then "— Vous avez froid ?")
            mention = self._narration_before(s.open_start)
            if mention is not None:
                c.mention, c.where = mention, "narration"
        if c.mention is None and turns and _blank(t, turns[-1].span.close_end, s.open_start, " \t\r\n\u00a0"):
            # turns alternate: with no incise, the speaker of the turn before last (or four
            # turns back, …) in the exchange, the turns following one another
            k = len(turns) - 1
            while k > 0 and len(turns) - k < 8 and _blank(t, turns[k - 1].span.close_end, turns[k].span.open_start, " \t\r\n\u00a0"):
                k -= 1
            for back in range(len(turns) - 2, k - 1, -2):
                if turns[back].mention is not None:
                    c.mention, c.where = turns[back].mention, "alternation"
                    break
        return c

    def _cut_at(self, s: QuotedSpan, end: int) -> QuotedSpan:
        """The turn ``s`` ending before the incise at ``end`` (its commas and closing marks
        left out), or ``s`` itself when nothing of it would be left."""
        t = self.text
        while end > s.start and t[end - 1] in " ,\u00a0\u202f»”":
            end -= 1
        return attrs.evolve(s, end=end) if end > s.start else s

    def _narration_end(self, pos: int) -> int:
        """Where the narration before ``pos`` ends: before the spaces, line breaks and
        dialogue dash that separate it from the speech (20 characters at most)."""
        t = self.text
        k = pos
        w0 = max(0, pos - 20)
        while k > w0 and t[k - 1] in " \t\r\n\u00a0\u202f—–-":
            k -= 1
        return k

    def _narration(self, k: int, end: int, verb: bool) -> Any:
        """The subject of the narration ending at ``end`` (read from the start of the line
        that holds ``k - 1``, at most dialogue.NARRATION_WINDOW before ``k``), with its verb
        when ``verb``."""
        t = self.text
        line = t.rfind("\n", max(0, k - dialogue.NARRATION_WINDOW), k - 1) + 1
        # (the sentence before one with no subject is read in a dialogue only)
        return dialogue.narration(t, line, end, before=self.dialogue) if verb else dialogue.narrative_subject(t, line, end)

    def _narration_before(self, pos: int, verb: bool = False) -> Any:
        """The subject of the last sentence of the paragraph of narration that ends right
        before ``pos`` (a dialogue turn), when it ends like a sentence; with ``verb``, the
        sentence may end in the same paragraph (« …" opening a sentence), and its verb
        comes with the subject."""
        t = self.text
        k = self._narration_end(pos)
        if k == 0 or t[k - 1] not in ".!?…" or not (verb or "\n" in t[k:pos]):
            return None
        return self._narration(k, k, verb)

    def _narration_colon(self, pos: int, verb: bool = False) -> Any:
        """The subject of the narration that ends with a colon right before ``pos`` (only
        spaces, line breaks and a dialogue dash between): `Il se tourna vers elle :`."""
        k = self._narration_end(pos)
        if k == 0 or self.text[k - 1] != ":":
            return None
        return self._narration(k, k - 1, verb)

    def _subject_of(self, m: regex.Match, sent_start: int, limit: int) -> Optional[Mention]:
        """The subject of a cue verb: inverted after it, or before it in its clause."""
        t = self.text
        if C.inverted_pronoun(m):
            return C.pronoun_mention(m)
        head = t[sent_start : m.start()].rstrip(" ,\u00a0\u202f")
        if head.endswith(("»", '"', "”")):
            return subject_after_in(t, m.end(), min(limit, m.end() + WINDOW))
        return subject_before_in(t, max(sent_start, m.start() - WINDOW), m.start()) or subject_after_in(t, m.end(), min(limit, m.end() + WINDOW))

    def _is_term(self, s: QuotedSpan, has_cue: bool, where: str) -> bool:
        t = self.text
        if s.mark in DASHES:
            return False  # a dialogue turn is speech, however short (— Ah !)
        # only "at most 6 words?" matters below: with 7 words or more, no test holds (one
        # C-level match counts them, as _WORD_RE.finditer would)
        if _SEVEN_WORDS_RE.match(t, s.start, s.end) is not None:
            return False
        words = _WORD_RE.findall(t, s.start, s.end)
        n = len(words)
        if n == 0:
            return True
        if n <= 5 and all(w[:1].isupper() or w.isdigit() for w in words) and not _SENT_PUNCT_RE.search(t, s.start, s.end - 1):
            return True  # a name: « Mohamed R. », « Ben Laden »
        if n <= 4 and where not in ("after", "incise", "according") and _term_before(t[max(0, s.open_start - 40) : s.open_start]):
            return True
        if not has_cue and n <= 6:
            return True
        return False

    # --- the run ----------------------------------------------------------------------
    def run(self, art: Optional[Article]) -> list[Quote]:
        t = self.text
        cands: list[_Cand] = []
        turns: list[_Cand] = []
        for s in self.spans:
            if s.mark in DASHES:
                c = self._turn(s, turns, cands)
                if c is not None:
                    cands.append(c)
                    turns.append(c)
                continue
            sent_start, sent_end = self.sents.bounds(s.open_start)
            last = max(s.close_end - 1, s.open_start)
            if last >= sent_end:  # (a quote closing in its opening sentence ends with it)
                sent_end = max(sent_end, self.sents.end_of(last))
            kind = self._kind(s, sent_start)
            c = _Cand(s, kind)
            inc = self._incise(s)
            if inc:
                c.cue, c.mention, c.where = inc[0], inc[1], "incise"
            else:
                aft = self._after(s, sent_end)
                bef = None
                if aft is None or aft[1] is None:
                    bef = self._before(s, sent_start)
                if aft is not None and (aft[1] is not None or bef is None):
                    c.cue, c.mention, c.where = aft
                elif bef is not None:
                    c.cue, c.mention, c.where = bef
                if c.mention is None:
                    # « Bien, dit le vieillard, entrez. »: an incise of the narrative inside the marks
                    inc = dialogue.turn_incise(t, s.start, s.end)
                    if inc is not None:
                        c.cue, c.mention, c.where = inc[0], inc[1], "incise"
                if c.where in ("colon", "none") or (c.where == "before" and (self.dialogue or c.cue is None or C.verb_kind(c.cue) != "compound")):
                    # a narrative sentence (passé simple, imperfect) ending with a colon:
                    # "Le vieux leva les yeux : « … »" -- its subject speaks
                    found = self._narration_colon(s.open_start, verb=True)
                    if found is not None and (self.dialogue or dialogue.narrative_tense(found[1])):
                        c.mention, c.where = found[0], "narration"
                if c.where == "none" and t[s.start : s.start + 1].isupper() and t[s.end - 1 : s.end] in ".!?…":
                    # a sentence quoted after narration: "Le vieux se taisait. « … »"
                    found = self._narration_before(s.open_start, verb=True)
                    if found is not None and (self.dialogue or dialogue.narrative_tense(found[1])):
                        c.mention, c.where = found[0], "narration"
            cands.append(c)
        self._share_in_sentence(cands)
        cands = [c for c in cands if not self._is_term(c.span, c.where != "none", c.where)]
        cands.extend(self._indirect(cands))
        cands.sort(key=lambda c: c.span.start)
        out: list[_Cand] = []
        prev: Optional[_Cand] = None
        for c in cands:
            if c.mention is not None:
                c.entity = self.registry.resolve(c.mention, c.mention.start)
                if c.entity is not None:
                    c.entity.speaker = True
                c.confidence = 0.9 if c.mention.name else 0.8 if c.mention.description else 0.7
                if c.entity is None:
                    c.confidence = 0.4
            elif prev is not None and prev.entity is not None:
                # no cue: a quote that continues the previous speaker's words (but a dash
                # turn right after another one is another speaker's)
                gap = t[prev.span.close_end : c.span.open_start]
                if c.span.mark in DASHES and prev.span.mark in DASHES and not gap.strip():
                    pass
                elif gap.count("\n") <= 2 or c.where == "none":
                    c.entity = prev.entity
                    c.where = c.where if c.where != "none" else "inherited"
                    c.confidence = 0.5
            elif c.kind == "direct" and (ahead := self._speaker_ahead(c)) is not None:
                # a quote opening the story, its speaker named in the next sentence:
                # « … ». Interrogé sur France Inter, Nicolas Hulot a assuré que …
                c.mention = ahead
                c.entity = self.registry.resolve(ahead, ahead.start)
                if c.entity is not None:
                    c.entity.speaker = True
                c.where = "ahead"
                c.confidence = 0.4
            else:
                c.confidence = 0.3
            out.append(c)
            prev = c
        return self._quotes(out, art)

    def _speaker_ahead(self, c: _Cand) -> Optional[Mention]:
        """The named subject of a verb of saying in the sentence after a quote."""
        t = self.text
        start = c.span.close_end
        a = _SKIP_AFTER_QUOTE_RE.match(t, start).end()
        if a >= len(t):
            return None
        b = self.sents.end_of(a)
        if b - a > 400:
            return None
        for m in self._vgs_in(a, b):
            if C.verb_kind(m) == "gerund" or C.inverted_pronoun(m):
                continue
            mention = subject_before_in(t, max(a, m.start() - WINDOW), m.start())
            if mention is not None and mention.name and mention.type != "organisation":
                return mention
        return None

    # --- reported speech without quotation marks --------------------------------------
    def _indirect(self, quoted: list[_Cand]) -> list[_Cand]:
        t = self.text
        all_extents = [(s.open_start, s.close_end) for s in self.spans]
        out: list[_Cand] = []
        taken: list[tuple[int, int]] = []
        taken_starts: list[int] = []

        ext_starts = [x for x, _ in all_extents]
        ext_ends = [y for _, y in all_extents]
        bisect_left = bisect.bisect_left

        def free(a: int, b: int) -> bool:
            # both span lists sorted and not overlapping each other: only the neighbour
            # starting last before b can overlap [a, b)
            k = bisect_left(ext_starts, b) - 1
            if k >= 0 and ext_ends[k] > a:
                return False
            k = bisect_left(taken_starts, b) - 1
            return k < 0 or taken[k][1] <= a

        def add(a: int, b: int, cue: regex.Match, mention: Optional[Mention], need_speaker: bool = True) -> None:
            a, b = _trim(t, a, b)
            if b - a < 12 or not free(a, b) or (mention is None and need_speaker):
                return
            k = bisect_left(taken_starts, a)
            taken.insert(k, (a, b))
            taken_starts.insert(k, a)
            out.append(_Cand(QuotedSpan(a, b, a, b, ""), "indirect", cue=cue, mention=mention, where="indirect"))

        bounds = self.sents.bounds
        for m in self.vgs:
            ms, me = m.span()
            if not free(ms, me):
                continue
            sent_start, sent_end = bounds(ms)
            gerund = C.verb_kind(m) == "gerund"
            q_end = min(sent_end, me + 120)
            q = _QUE_AFTER_RE.match(t, me, q_end) if _has_qu(t, me, q_end) else None
            if q is not None and (_NE_BEFORE_RE.search(t, max(0, ms - 4), ms) or _NOT_REPORTED_QUE_RE.search(t, me, q.end())):
                q = None  # "n'accusait que lui", "dit ce qu'il voit", "écrivait pour ne songer qu'à …": no reported clause
            if q is not None:
                # X a affirmé que CONTENT.
                qe = q.end()
                end = _content_end(t, qe, sent_end)
                for g in self._vgs_in(qe, end):
                    if C.verb_kind(g) == "gerund" and t[qe : g.start()].rstrip().endswith(","):
                        end = g.start()  # "…que X, rappelant que …": the gerund opens another clause
                        break
                end = self._coordinated_end(qe, end)
                parts = [_trim(t, qe, end)]
                if not free(*parts[0]):
                    # "a affirmé que « … » et que B": the second clause, free of quoted
                    # text, is reported speech of its own
                    parts = []
                    start = qe
                    # (every match of _AND_QUE_RE holds spaces, "et", spaces, "que": a search
                    # for that alone, which sre runs from the spaces only, skips most clauses)
                    and_que = _AND_QUE_RE.finditer(t, start, end) if _AND_QUE_HINT_RE.search(t, start, end) else ()
                    for k in and_que:
                        parts.append(_trim(t, start, k.start()))
                        start = k.end()
                    parts.append(_trim(t, start, end))
                parts = [(a, b) for a, b in parts if b - a >= 12 and free(a, b)]
                if not parts:
                    continue  # a quoted clause (a affirmé que « … »): the partial quote covers it
                mention = self._subject_of(m, sent_start, ms) if _inverted(t, m) else (
                    subject_before_in(t, max(sent_start, ms - WINDOW), ms) if not gerund else self._gerund_subject(m, sent_start)
                )
                if mention is None and not gerund:
                    mention = subject_at_start(t, tokens(t, sent_start, min(ms, sent_start + WINDOW)))
                for a, b in parts:
                    add(a, b, m, mention, need_speaker=False)  # "que" after a verb of saying is reported speech
                continue
            if gerund:
                continue  # (every branch below needs a verb that is no gerund)
            lem = C.lemma(m)
            inf = _INFINITIVE_AFTER_RE.match(t, me, sent_end)
            if inf is not None and lem in _NO_INFINITIVE and _NO_INFINITIVE[lem] != inf.group("prep"):
                inf = None
            content = None
            if inf is not None:
                # X a affirmé être prêt à …  /  X appelle à mettre fin à …  /  X lui demande de …
                content = inf.start("content")
            elif lem in _CALL_VERBS:
                # X a appelé la coalition à coopérer …: the one called and what to do
                call = _OBJECT_TO_INFINITIVE_RE.match(t, me, min(sent_end, me + WINDOW))
                content = call.start("content") if call is not None else None
            elif lem in _OBJECT_VERBS:
                # X a démenti tout renforcement de …: the object is what was said
                obj = _OBJECT_NP_RE.match(t, me, min(sent_end, me + WINDOW))
                content = obj.start("content") if obj is not None else None
            if content is not None:
                end = self._coordinated_end(content, _content_end(t, content, sent_end))
                if lem in _OBJECT_VERBS and inf is None:
                    comma = t.find(",", content, end)
                    end = comma if comma != -1 else end  # a noun phrase ends at a comma
                a, b = _trim(t, content, end)
                if b - a >= 12 and free(a, b):
                    mention = self._subject_of(m, sent_start, ms) if _inverted(t, m) else (
                        subject_before_in(t, max(sent_start, ms - WINDOW), ms)
                        or subject_at_start(t, tokens(t, sent_start, min(ms, sent_start + WINDOW)))
                    )
                    add(a, b, m, mention)
                continue
            if inf is not None:
                continue
            # (every look below stays near the cue: a run-on "sentence" must not be copied
            # or scanned again for each of its cues)
            a = _clause_start(t, sent_start, ms)
            if _ends_with_comma(t, a, ms) and _addable(t, a, ms, free):
                # CONTENT, a déclaré X.  /  CONTENT, précise-t-elle.
                near_end = min(sent_end, me + 2 * WINDOW)
                if _inverted(t, m):
                    mention = C.pronoun_mention(m)
                    ok = _blank(t, me, sent_end, _STRIP) or _TAIL_OK_RE.match(t, me, near_end) is not None
                else:
                    mention = subject_after_in(t, me, min(sent_end, me + WINDOW))
                    ok = mention is not None and _blank(t, mention.end, sent_end, _STRIP + "0123456789")
                    ok = ok or (mention is not None and _TAIL_OK_RE.match(t, mention.end, min(sent_end, mention.end + 2 * WINDOW)) is not None)
                if ok:
                    lo = max(a, ms - WINDOW)
                    if lo <= a + 2:  # (a subject read from lo on starts at lo or after: past a + 2, no test to make)
                        subject = subject_before_in(t, lo, ms)
                        if subject is not None and subject.start <= a + 2 and subject.name and subject.role:
                            continue  # "Le préfet, Henri Lamotte, a annoncé X": a subject, no content
                    add(a, ms, m, mention)
        for m in self.accs:
            word = m.group("cue").lower()
            if word == "pour" and not _after_break(t, m.start()):
                continue  # (a "pour" that no sentence start or comma precedes: no source, cheaply)
            if not free(m.start(), m.end()):
                continue
            sent_start, sent_end = bounds(m.start())
            comma = t.find(",", m.end(), min(sent_end, m.end() + WINDOW))
            if _blank(t, sent_start, m.start(), _STRIP + "–—-") or _ADVERBIAL_HEAD_RE.fullmatch(t, sent_start, m.start()) or (m.start() - sent_start <= 60 and _OPENING_ADVERBIAL_RE.fullmatch(t, sent_start, m.start())):
                # selon X, CONTENT.  /  Vers 10h00, selon X, CONTENT.  /  Pour X, CONTENT.
                if comma == -1:
                    continue
                if not _title_next(t, comma + 1) and not _addable(t, comma + 1, _content_end(t, comma + 1, sent_end, before_quote=False), free):
                    continue  # (the content starts at this comma, no apposition can move it, and add() would drop it)
                src = m.end()
                ce_que = _CE_QUE_RE.match(t, src, comma)
                if ce_que is not None:
                    src = ce_que.end()  # "selon ce que rapportent des médias, …"
                mention = subject_after_in(t, src, min(comma, src + WINDOW))
                if mention is not None and mention.name and _blank(t, mention.end, comma, " ") and _title_next(t, comma + 1):
                    # "Selon Jean Dupont, porte-parole de la mairie, CONTENT": the apposition
                    # belongs to the source, the content starts after it
                    longer = subject_after_in(t, src, min(sent_end, src + WINDOW))
                    if longer is not None and longer.end > comma and longer.name and longer.name == mention.name:
                        after = _SPACES_COMMA_RE.match(t, longer.end, sent_end)
                        if after is not None:
                            mention, comma = longer, after.end() - 1
                if word == "pour" and not _opinion_holder(mention):
                    continue  # "Pour la première fois, …", "Pour la France, …": no source
                add(comma + 1, _content_end(t, comma + 1, sent_end, before_quote=False), m, mention)
            elif word == "pour":
                continue
            elif _ends_with_comma(t, sent_start, m.start()):
                # CONTENT, selon X.
                if not _addable(t, _clause_start(t, sent_start, m.start()), m.start(), free):
                    continue  # (add() would drop the clause: no source to look for)
                end = comma if comma != -1 else sent_end
                mention = subject_after_in(t, m.end(), min(end, m.end() + WINDOW))
                tail = t[mention.end : min(sent_end, mention.end + 2 * WINDOW)].strip(_STRIP) if mention is not None else ""
                if mention is not None and (not tail or _RELATIVE_TAIL_RE.match(tail) or (tail[:1] == "(" and _ASIDE_TAIL_RE.fullmatch(tail))):
                    # "…, d'après la SNCF, qui précise …": a relative on the source is no content;
                    # "…, selon Enedis (ex-ERDF).": an aside on the source neither
                    add(_clause_start(t, sent_start, m.start()), m.start(), m, mention)
            elif word == "selon" and m.group("cue")[:1].islower() and sent_end - m.end() <= _SOURCE_TAIL_MAX:
                # "CONTENT selon des responsables cités par CNN.": with no comma, only a source
                # that speaks (a name or a title) closing the sentence
                if not _addable(t, _clause_start(t, sent_start, m.start()), m.start(), free):
                    continue  # (add() would drop the clause: no source to look for)
                mention = subject_after_in(t, m.end(), min(sent_end, m.end() + WINDOW))
                if mention is None or mention.pronoun or not (mention.role or (mention.name and mention.type != "unknown")):
                    continue
                tail = t[mention.end : min(sent_end, mention.end + 2 * WINDOW)].strip(_STRIP)
                if not tail or _CITED_TAIL_RE.fullmatch(tail):
                    add(_clause_start(t, sent_start, m.start()), m.start(), m, mention)
        return out

    def _coordinated_end(self, a: int, end: int) -> int:
        """A reported clause ends where the speaker's next verb of saying is coordinated to
        the first: "X appelle à …, et affirme que …", "X a affirmé … et lui demande de …"."""
        t = self.text
        for g in self._vgs_in(a, end):
            k = _AND_BEFORE_RE.search(t, max(a, g.start() - 30), g.start())
            if k is not None:
                return k.start()
        return end

    def _gerund_subject(self, m: regex.Match, sent_start: int) -> Optional[Mention]:
        """A gerund (appelant, indiquant) shares the subject of the clause it hangs on: that
        of the last verb of saying before it outside a subordinate clause, else the subject
        opening the sentence."""
        t = self.text
        main = None
        for g in self._vgs_in(sent_start, m.start()):
            if C.verb_kind(g) == "gerund":
                continue
            if main is not None and _QUE_WORD_RE.search(t, main.end(), g.start()):
                continue  # "X a annoncé que l'usine avait développé …": inside X's reported clause
            main = g
        if main is not None and _SUBORDINATE_RE.search(t, sent_start, main.start()):
            main = None  # "l'OMS …, lorsque la Russie avait affirmé …, rappelant": not that verb
        mention = self._subject_of(main, sent_start, m.start()) if main is not None else None
        if mention is None:
            # "X a ouvert une cagnotte…, déclarant :": the subject opening the sentence
            mention = subject_at_start(t, tokens(t, sent_start, min(m.start(), sent_start + WINDOW)))
        return mention

    def _kind(self, s: QuotedSpan, sent_start: int) -> str:
        t = self.text
        # the words before the quote in its sentence (the last WINDOW characters tell)
        # (rstrip: whether the words are none or end with a colon, as strip tells)
        left = t[max(sent_start, s.open_start - WINDOW) : s.open_start].rstrip(" \t\r\n\u00a0\u202f")
        first = t[s.start : s.start + 1]
        if not left or left.endswith(":") or (first.isupper() and _SENT_PUNCT_RE.search(t, s.start, s.end)):
            return "direct"
        return "partial"

    def _share_in_sentence(self, cands: list[_Cand]) -> None:
        """Quotes of one sentence with no cue of their own share the sentence's cue: the
        next quote's with a cue, else the previous one's, else a closing "…, selon X"."""
        if all(c.where != "none" for c in cands):
            return  # (every sentence's group would be skipped below: no bounds to look up)
        groups: dict[tuple[int, int], list[int]] = {}
        for i, c in enumerate(cands):
            groups.setdefault(self.sents.bounds(c.span.open_start), []).append(i)
        for sent, idx in groups.items():
            if all(cands[i].where != "none" for i in idx):
                continue
            # the nearest cued quote after each position, then before it (one pass each way)
            after: dict[int, int] = {}
            nxt = None
            for i in reversed(idx):
                after[i] = nxt
                if cands[i].where != "none" and cands[i].mention is not None:
                    nxt = i
            closing = self._closing_source(sent)
            prv = None
            for i in idx:
                c = cands[i]
                if c.where == "none":
                    o = after[i] if after[i] is not None else prv
                    if o is not None:
                        c.cue, c.mention, c.where = cands[o].cue, cands[o].mention, "sentence"
                    elif closing is not None and closing[0].start() > c.span.close_end:
                        c.cue, c.mention, c.where = closing[0], closing[1], "sentence"
                if c.where not in ("none", "sentence") and c.mention is not None:
                    prv = i

    def _closing_source(self, sent: tuple[int, int]) -> Optional[tuple[Any, Mention]]:
        """A "…, selon X." (or d'après X) that closes the sentence, with its source."""
        t = self.text
        last = None
        for m in self._accs_in(*sent):
            if m.group("cue").lower() != "pour" and "," in t[max(sent[0], m.start() - 3) : m.start()]:
                last = m
        if last is None:
            return None
        mention = subject_after_in(t, last.end(), min(sent[1], last.end() + WINDOW))
        if mention is None:
            return None
        tail = t[mention.end : sent[1]].strip(_STRIP)
        if tail and not _RELATIVE_TAIL_RE.match(tail):
            return None
        return last, mention

    def _quotes(self, cands: list[_Cand], art: Optional[Article]) -> list[Quote]:
        t = self.text
        seen: set[str] = set()
        out: list[Quote] = []
        for c in cands:
            body = t[c.span.start : c.span.end]
            # an article body repeated twice: report each quote once (a long quote, or a
            # short one standing in the same words, is the same quote)
            key = " ".join(body.split())
            context = " ".join(t[max(0, c.span.open_start - 40) : c.span.open_start].split())
            if (len(key) > 20 and key in seen) or (key, context) in seen:
                continue
            seen.add(key)
            seen.add((key, context))
            speaker = None
            role = None
            e = c.entity
            m = c.mention
            # (_span, _speaker, _quote: the model's constructors without the attrs overhead)
            mention_span = _span(m.start, m.end, t[m.start : m.end]) if m is not None and c.where != "inherited" else None
            if e is not None:
                speaker = _speaker(e.name, mention_span, _speaker_type(e), e.gender)
                role = e.role
                if role is None and e.named and e.type == "person":
                    role = self.registry.described_role(e, c.span.open_start)
            elif m is not None and m.pronoun is None:
                speaker = _speaker(m.name or m.description, mention_span, m.type, m.gender)
                role = m.role
            elif m is not None and mention_span is not None:
                # a pronoun we could not resolve: the mention is all the text gives
                speaker = _speaker(None, mention_span, "unknown", m.gender)
            if role is None and e is not None and not e.named and e.type != "organisation":
                role = e.name  # an unnamed source: its description is its role (voisins, vicaire)
            cue = None
            if c.cue is not None:
                g = c.cue.span("cue")
                cue = _span(g[0], g[1], t[g[0] : g[1]])
            elif c.where == "colon":
                k = t.rfind(":", 0, c.span.open_start)
                cue = _span(k, k + 1, ":")
            out.append(
                _quote(body, c.span.start, c.span.end, c.kind, speaker, role, cue, art, round(c.confidence * (1.0 if c.span.balanced else 0.8), 3))
            )
        return out


_QUE_AFTER_RE = re.compile(
    r"""(?:(?:\s*+,)?\s*+
          (?:à|au|aux|dans|sur|devant|lors|auprès|pour|par|en|avec|depuis|après|durant|pendant|via    # a short complement,
           |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|ce|cette|le\s+\d+  # a date,
           |\w+ment|ensuite|aussi|encore|déjà|d['’]ailleurs|néanmoins|pourtant|cependant|toutefois|enfin|alors|surtout  # adverbs
           |même|donc|bien|plutôt|de\s+nouveau|à\s+nouveau|par\s+ailleurs|en\s+outre|quant\s+à)\b
          [^,.;:!?«»"“”]{0,80}?,?)?                                                                # (one lazy run: linear)
        \s++(?:que\b|qu['’])""",
    re.VERBOSE | re.IGNORECASE,
)
# A short adverbial opening a sentence and closed by a comma (À l'inverse, Dans ce cas,).
_SHORT_ADVERBIAL_RE = regex.compile(r"\s*(?:[\p{L}'’-]+\s+){0,3}[\p{L}'’-]+\s*,\s*")
_SKIP_AFTER_QUOTE_RE = re.compile(r"[\s.,;!?…»\"”\u00a0\u202f]*")
_QUE_WORD_RE = re.compile(r"\bqu(?:e\b|['’])", re.IGNORECASE)
_SUBORDINATE_RE = re.compile(r"\b(?:lorsque|lorsqu['’]|quand|puisque|puisqu['’]|parce\s+que|alors\s+que|tandis\s+que|si|bien\s+que|après\s+que)\b", re.IGNORECASE)
DASHES = ("—", "–")
# A dialogue line that ends like speech (a signature line "— Comité Nobel" does not).
_TURN_END_RE = re.compile(r"[.!?…»\"”)]\s*$")
# What stands before an incise inside a turn: — Oui, dit-il / — Vraiment ? demanda-t-elle
_INCISE_BEFORE_RE = re.compile(r"[,?!…;]\s*$")
# What every match of cues.inverted_any_re() holds: a hyphen and a subject pronoun.
_INVERSION_HINT_RE = re.compile(r"-(?:t-)?(?:il|elle|on|ils|elles)\b")
# Speech going on after an incise: "…, répondit le postillon ; nous allons…"
_SPEECH_RESUMES_RE = re.compile(r"[;:,]\s*[«\"]?\s*[^\W\d_]")
_RELATIVE_TAIL_RE = re.compile(r"(?:qui|dont|,)\b", re.IGNORECASE)
# What may follow an inverted subject at the end of a sentence (a déclaré X à l'AFP).
_TAIL_OK_RE = regex.compile(
    r"""\s*+(?:,\s*+)?(?:(?:à|au|aux|dans|sur|devant|lors|auprès|en|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|ce|cette|hier|de\s+sources?)\b[^,.;:!?«»"“”]{0,60})?
        (?:,\s*+(?:qui\b|\p{Ll}+ant\b)[^.;!?«»"“”]{0,300}+)?   # …, qui précise / …, confirmant une information
        [\s.!?…]*+$""",
    regex.VERBOSE | regex.IGNORECASE,
)
# A date between a verb and its complement: "a avoué ce lundi 6 mars avoir …".
_DATE = r"""(?:(?:ce|cette|le)\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|matin|soir|week-end)
            (?:\s+(?:soir|matin|\d{1,2}(?:\s+[a-zß-öø-ÿœ]+)?))?"""
_INFINITIVE = r"""(?:ne\s+pas\s+|n['’]y\s+|ne\s+|n['’])?(?:s['’]|se\s+|l['’]|y\s+|en\s+)?
        (?!(?:hier|premier|dernier|entier|janvier|février|fevrier|cher|fier|soir|noir|avenir|désir|plaisir|loisir|saphir|
             ministre|maire|membre|centre|titre|libre|autre|notre|votre|contre|entre|lettre|être\s+humain|\w+ière)\b)
        (?:être|avoir|faire|dire|[a-zß-öø-ÿœ]{3,}(?:er|ir|re|oir))\b"""
# An infinitive complement of a verb of saying: "a affirmé être prêt", "appelle à mettre fin".
_INFINITIVE_AFTER_RE = re.compile(
    r"(?:(?:\s*+,)?\s++" + _DATE + r"(?:\s*+,)?)?\s++(?P<prep>à\s+|de\s+|d['’])?(?P<content>" + _INFINITIVE + ")",
    re.VERBOSE,
)
# Verbs whose infinitive complement is no reported content, or only after one preposition
# (inviter à, demander de).
_NO_INFINITIVE = {"demander": "de ", "inviter": "à ", "remercier": None, "interroger": None, "questionner": None, "saluer": None,
                  "féliciter": None, "qualifier": None, "décrire": None}
# Verbs calling someone to do something: "a appelé la coalition à coopérer".
_CALL_VERBS = {"appeler", "inviter", "exhorter", "supplier", "implorer"}
_OBJECT_TO_INFINITIVE_RE = re.compile(
    r"(?:(?:\s*+,)?\s++" + _DATE + r"(?:\s*+,)?)?\s++(?P<content>(?:les|le|la|l['’]|ses|son|sa|leurs|leur|ces|ce|cette|tous|toutes|chaque)\b"
    r"[^,.;:!?«»\"“”]{1,80}?\s(?:à|a)\s++" + _INFINITIVE + ")",
    re.VERBOSE,
)
# Verbs whose object is what was said: "a démenti tout renforcement de …".
# (not confirmer, reconnaître, promettre: their object is as often a thing as words)
_OBJECT_VERBS = {"démentir", "nier", "réfuter", "contester", "récuser", "dénoncer", "exclure"}
_OBJECT_NP_RE = re.compile(
    r"(?:(?:\s*+,)?\s++" + _DATE + r"(?:\s*+,)?)?\s++(?P<content>(?:tout|toute|tous|toutes|la|le|les|l['’]|une?|des|son|sa|ses|leur|leurs)\s*[a-zß-öø-ÿœ]"
    r"[^,.;:!?«»\"“”]{0,40}?\s(?:de|du|des|d['’]|à|au|aux|en|contre|sur)\s)",
    re.VERBOSE,
)
# "…, et affirme", "… et lui demande": a verb of saying coordinated to the first.
_AND_BEFORE_RE = re.compile(r"(?:,|(?<!\s))\s++(?:et|puis|mais)\s++(?:(?:lui|leur|les|nous|vous|se|s['’]|l['’]|y|en|a|ont|avait|avaient)\b\s*+)*+$")
# A short adverbial of time or place opening a sentence before "selon X," (Vers 10h00, …).
_OPENING_ADVERBIAL_RE = re.compile(
    r"""\s*(?:vers|à|au|en|dans|depuis|dès|après|avant|lors|hier|ce|cette|le\s+\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)
        [\w'’\s-]{0,40},\s*""",
    re.VERBOSE | re.IGNORECASE,
)
# How far a source with no comma before it may run to the end of its sentence.
_SOURCE_TAIL_MAX = 160
# "selon ce que rapportent des médias": the source is the subject after the verb.
_CE_QUE_RE = re.compile(r"\s+ce\s+qu(?:e\s+|['’]\s*)(?:(?:a|ont|avait|avaient)\s+)?[^\W\d_]+\s+", re.IGNORECASE)
_SPACES_COMMA_RE = re.compile(r"\s*,")
# An aside in brackets after a source (Enedis (anciennement ERDF)).
_ASIDE_TAIL_RE = re.compile(r"\([^()]{0,80}\)")
# What may follow a source with no comma: "… selon des responsables cités par CNN."
_CITED_TAIL_RE = re.compile(r"(?:cité|citée|cités|citées|interrogé|interrogée|interrogés|interrogées|contacté|contactée|contactés|contactées)\s+par\s+[^,;:]{1,60}", re.IGNORECASE)
# Adverbials that may stand before "selon X," at the start of a sentence.
_ADVERBIAL_HEAD_RE = re.compile(r"\s*(?:mais|et|or|toutefois|cependant|pourtant|enfin|ainsi|par ailleurs|en outre|de plus)\s*,?\s*", re.IGNORECASE)


# The words before a finite verb form that make it a noun: "de l'annonce", "la demande de",
# "une note", "du juge"; a clitic (il l'annonce, qui le confirme) leaves it a verb.
_NOUN_DETERMINERS = ("un", "une", "du", "au", "aux", "cette", "cet", "son", "sa", "ses", "notre", "votre")
_BEFORE_NOUN_RE = re.compile(
    r"""(?:(?:^|[\W\d_])(?:""" + "|".join(_NOUN_DETERMINERS) + r""")\s+
         |(?:^|[.!?;:«»"“”(]\s*|(?:^|[\W\d_])(?:de|à|par|pour|sur|dans|après|avant|avec|sans|en|contre|vers|selon)\s+|(?:^|[\W\d_])d['’])
          (?:(?:le|la|les)\s+|l['’]))$""",
    re.VERBOSE | re.IGNORECASE,
)


def _noun_use(t: str, m: regex.Match) -> bool:
    """Is this finite "verb" a noun (l'annonce, la demande)? Reads 30 characters before it."""
    if C.verb_kind(m) != "finite":
        return False
    # what _BEFORE_NOUN_RE needs right before the verb, tested cheaply first (each test
    # only rejects, so their order does not matter): the last character of its window
    # that is no space is a letter (of a determiner) or the apostrophe of l' ...
    lo = max(0, m.start() - 30)
    k = m.start()
    while k > lo and t[k - 1].isspace():
        k -= 1
    if k == lo or not (t[k - 1].isalpha() or t[k - 1] in "'’"):
        return False
    if _inverted(t, m):
        return False
    # ... and that is an elided l' or a determiner word then spaces
    if not t.endswith(("'", "’"), 0, m.start()):
        lo = max(0, m.start() - 12)
        last = _LAST_WORD_RE.search(t, lo, m.start())
        if last is not None and last.start() > lo and last.group(1).lower() not in _WORDS_BEFORE_NOUN:
            return False  # (a word cut by the window, or none in it: the full test decides)
    return _BEFORE_NOUN_RE.search(t, max(0, m.start() - 30), m.start()) is not None


_LAST_WORD_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\s+$")  # from a word's start only: linear
_WORDS_BEFORE_NOUN = frozenset(_NOUN_DETERMINERS) | {"le", "la", "les"}  # the words _BEFORE_NOUN_RE ends with


# Where cues.passive_re() can end: "par" (any case) before a space.
_PAR_RE = re.compile(r"[pP][aA][rR](?=\s)")


@functools.lru_cache(maxsize=None)
def _participle_max() -> int:
    return max(len(w) for w in C._lists()["participle"])


def _last_passive(t: str, lo: int, end: int) -> Optional[regex.Match]:
    """The last match of ``C.passive_re().finditer(t, lo, end)`` when "par" or "PAR" is in
    ``t[lo:end]`` (None otherwise), read near each "par"
    from the right only: a match is a participle, spaces and "par" (matches cannot
    overlap), so the one ending at a "par" starts within the participle's length before
    the spaces before it (one more character: its look-behind sees the same text)."""
    if t.find("par", lo, end) == -1 and t.find("PAR", lo, end) == -1:
        return None  # (as _before always did: no passive then, even with "Par")
    pars = [m.start() for m in _PAR_RE.finditer(t, lo, end)]
    rx = C.passive_re()
    reach = _participle_max() + 2
    for j in reversed(pars):
        k = j
        while k > lo and t[k - 1].isspace():  # (isspace takes every \s of regex)
            k -= 1
        last = None
        for m in rx.finditer(t, max(lo, k - reach), min(end, j + 4)):
            last = m
        if last is not None and last.end() == j + 3:
            return last
    return None


@functools.lru_cache(maxsize=None)
def _after_patterns() -> tuple:
    """The cues _after tries right after a closing mark, in order."""
    return ((C.according_re(), "according"), (C.verb_group_re(), "after"), (C.inverted_any_re(), "after"), (C.compound_any_re(), "after"))


_NEXT_WORD_RE = re.compile(r"\s*([\w-]+)")


def _title_next(t: str, i: int) -> bool:
    """Does a title (porte-parole, ministre) open the words at ``i``?"""
    w = _NEXT_WORD_RE.match(t, i, i + 40)
    return w is not None and w.group(1).lower() in lexicon.titles()


def _after_break(t: str, i: int) -> bool:
    """Does a sentence start or a comma come right before ``i`` (spaces aside)?"""
    before = t[max(0, i - 3) : i].rstrip()
    return (not before and i <= 3) or (before[-1:] in ".,!?…\n\"»”" and before != "")


def _opinion_holder(mention: Optional[Mention]) -> bool:
    """Whether "Pour X," opening a sentence gives X's opinion: X is a person (a full name,
    a first name we know, a title), not a time, a place or a country."""
    if mention is None or mention.pronoun:
        return False
    if mention.type == "person" and not mention.plural:
        return True
    return bool(mention.name) and mention.type != "organisation" and len(mention.name.split()) >= 2


def _trim(t: str, a: int, b: int) -> tuple[int, int]:
    return trim(t, a, b, _STRIP)


def _content_end(t: str, a: int, sent_end: int, before_quote: bool = True) -> int:
    """Where a reported clause ends: its sentence's end, or before a trailing incise, or
    (``before_quote``) before the speaker's words quoted after it; never more than
    MAX_CONTENT characters on (a "sentence" with no punctuation may run on)."""
    end = min(sent_end, a + MAX_CONTENT)
    m = (_TRAILING_INCISE_RE if before_quote else _TRAILING_CUE_RE).search(t, a, end)
    return m.start() if m else end


# The longest reported clause, in characters: real ones are a few hundred at most.
MAX_CONTENT = 2000


# A reported clause ends before a trailing incise (", a-t-il …", ", selon …") or before the
# speaker's own words that follow it: "a assuré qu'il restait : « Je suis là »".
_TRAILING_CUE_RE = re.compile(r",\s*(?:a-t-(?:il|elle|on)|ont-(?:ils|elles)|selon)\b")
_TRAILING_INCISE_RE = re.compile(_TRAILING_CUE_RE.pattern + r"|[:,]\s*+[«“\"]")
# A restrictive "ne … que" (n'accusait que lui), "ce que" (dit ce qu'il voit), a conjunction
# (bien que, pour que) or a relative (des gens qui savent que) is no reported clause.
_NE_BEFORE_RE = re.compile(r"\bn(?:e\s+|['’])$", re.IGNORECASE)
_NOT_REPORTED_QUE_RE = re.compile(
    r"\b(?:ne|n['’]|ce|bien|alors|même|tandis|pendant|après|avant|dès|depuis|pour)\s*qu(?:e\b|['’])$|\b(?:ne|qui)\b",  # bien que, pour que: conjunctions
    re.IGNORECASE,
)
# "que A et que B": the second "que" opens a second reported clause.
_AND_QUE_RE = re.compile(r"(?:,|(?<!\s))\s++et\s++qu(?:e\b|['’])", re.IGNORECASE)
_AND_QUE_HINT_RE = re.compile(r"\s[eE][tT]\s+[qQ][uU](?:[eE]\b|['’])")  # (e, t, q, u: no other case folds)


def _has_qu(t: str, a: int, b: int) -> bool:
    """Could _QUE_AFTER_RE match in ``t[a:b]``? Every match of it ends with spaces then
    "que"/"qu'" (any case: q, u and e have no other case folds), all inside the bounds;
    a search for that alone skips most windows ("quelque", "politique", "qui") cheaply."""
    for qu in _QU_CASES:
        k = t.find(qu, a + 1, b)  # (str.find: far cheaper than a regex scan of every character)
        while k != -1:
            if t[k - 1].isspace() and _E_OR_APOSTROPHE_RE.match(t, k + 2, b):  # (isspace: the \s of re)
                return True
            k = t.find(qu, k + 1, b)
    return False


_QU_CASES = ("qu", "Qu", "QU", "qU")
_E_OR_APOSTROPHE_RE = re.compile(r"[eE]\b|['’]")


def _addable(t: str, a: int, b: int, free: Any) -> bool:
    """Whether _indirect's add() would keep ``t[a:b]`` (trimmed) given a speaker: at least
    12 characters, free of quoted text and of clauses taken. Tested before a speaker is
    looked for, the look-up being the costly part."""
    # _trim(t, a, b) without copying t[a:b] (a whole sentence, most often): the first
    # character not in _STRIP, then back from the end to the last one (str.strip)
    if a < b and t[a] in _STRIP:
        first = _NOT_STRIP_RE.search(t, a, b)
        if first is None:
            return False  # (nothing left: shorter than 12)
        a = first.start()
    while b > a and t[b - 1] in _STRIP:
        b -= 1
    return b - a >= 12 and free(a, b)


_NOT_STRIP_RE = re.compile("[^" + re.escape(_STRIP) + "]")


def _inverted(t: str, m: regex.Match) -> bool:
    """``bool(cues.inverted_pronoun(m))`` for a verb group: its pattern puts a hyphen before
    every inverted pronoun (-t-il, -elle), so a group with no hyphen has none (cheaply)."""
    return t.find("-", m.start(), m.end()) != -1 and bool(C.inverted_pronoun(m))


def _clause_start(t: str, sent_start: int, limit: int) -> int:
    """Start of the reported clause before a trailing cue: the sentence start, or
    MAX_CONTENT characters before the cue in a run-on "sentence"."""
    return max(sent_start, limit - MAX_CONTENT)


def _ends_with_comma(t: str, a: int, b: int) -> bool:
    """Does ``t[a:b]`` end with a comma (spaces aside)? Reads only its last 80 characters,
    without copying them: the last comma there, then only spaces (str.rstrip)."""
    k = t.rfind(",", max(a, b - 80), b)
    return k != -1 and (k + 1 == b or t[k + 1 : b].isspace())


def _blank(t: str, a: int, b: int, chars: str) -> bool:
    """Is ``t[a:b]`` made of ``chars`` only? Stops at the first other character."""
    return _not_in_re(chars).search(t, a, b) is None


@functools.lru_cache(maxsize=None)
def _not_in_re(chars: str) -> "re.Pattern[str]":
    return re.compile("[^" + re.escape(chars) + "]")


def _speaker_type(e: Entity) -> str:
    if e.type == "person":
        return "person"
    if e.type == "organisation" or e.plural:
        return "organisation"
    return "unknown"
