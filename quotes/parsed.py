"""Parse-backed attribution: the regex engine's quotes, improved with a dependency parse.

Written once over the internal view of ``quotes.parse`` (fed by the stanza processor or
the spaCy component). Stages, over one article:

1. the regex engine runs as usual (``quotes.extract``): quote marks, cues, speakers,
   coreference;
2. **cue verbs**: a quote the regex engine left without a speaker, whose cue is a verb,
   takes the verb's subject in the parse (the ``nsubj`` before it, or after it when
   inverted). A speaker the engine found stands: on the dev gold, where the parse's
   subject disagreed with it, the parse was wrong in nearly every case (docs/accuracy.md);
3. **uncued quotes**: a quote with no cue takes the verb of saying that governs it in the
   parse (``X a dit que « … »``) or hangs on it (``« … », a déclaré X``);
4. **indirect speech**: every verb of saying (the lemmas of ``quotes/data/cues.tsv``) with
   a complement clause (``ccomp``; ``xcomp`` for ``a affirmé être prêt``; the object for
   the verbs of :data:`OBJECT_CONTENT`) that holds no quotation mark gives an indirect
   quote: the clause without its ``que``, the verb as cue, the subject as speaker.

A speaker found in the parse is the PER/ORG entity of the subject phrase (else the
phrase without its determiner), made canonical by the speakers the regex engine resolved
elsewhere in the article (``Lavrov`` -> ``Sergueï Lavrov``). A pronoun subject keeps the
regex speaker (its coreference), else the nearest earlier speaker of its gender.

Where the parse gives nothing (no parse, no subject, a verb the parser did not see) the
regex result stands. Offsets always index the caller's text.
"""

from __future__ import annotations

import functools
from typing import Any, Optional

import attrs

from .extract import extract
from .lexicon import fold, titles, verbs
from .model import Article, Quote, Span, Speaker
from .parse import ParsedDoc

# Verbs whose object noun phrase is itself the reported content ("a démenti tout
# renforcement"), and verbs whose object is content only when a clause hangs on it ("a
# annoncé le début d'une opération visant à reprendre ..."): on the dev gold, a bare
# object of annoncer/proposer is mostly not speech ("a annoncé sa candidature").
OBJECT_CONTENT = frozenset({"démentir", "nier", "écarter", "exclure", "avouer", "admettre"})
OBJECT_CONTENT_WITH_CLAUSE = frozenset({
    "annoncer", "confirmer", "reconnaître", "dénoncer", "promettre", "réclamer", "exiger",
    "revendiquer", "proposer", "suggérer",
})
SUBJECT_PRONOUNS = {"il": ("m", False), "elle": ("f", False), "ils": ("m", True), "elles": ("f", True)}
# Phrases that designate the last person named, as a pronoun does.
DEMONSTRATIVES = {"ce dernier": "il", "cette derniere": "elle", "celui-ci": "il", "celle-ci": "elle"}
QUOTE_MARKS = "«»“”„‹›\""
DETERMINERS = {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos"}
HONORIFICS = {"m.", "mme", "mlle", "dr", "me", "mgr", "pr"}
# Relations below a subject that are not part of the speaker's noun phrase.
_NOT_IN_NP = {"acl:relcl", "acl", "punct", "parataxis", "cc", "conj", "dep"}
MIN_CONTENT = 12  # characters, as the regex engine's indirect speech


@functools.lru_cache(maxsize=None)
def saying_lemmas() -> frozenset[str]:
    """The lemmas of the verbs of saying (``quotes/data/cues.tsv``)."""
    return frozenset(v.lemma for v in verbs().values())


def extract_parsed(parsed: ParsedDoc, *, article: Any = None, quotes: Optional[list[Quote]] = None) -> list[Quote]:
    """The quotes of ``parsed.text``: the regex engine's, improved by the parse."""
    base = extract(parsed.text, article=article) if quotes is None else quotes
    return attribute(parsed, base, article=article)


def attribute(parsed: ParsedDoc, quotes: list[Quote], *, article: Any = None) -> list[Quote]:
    """``quotes`` (the regex engine's, over ``parsed.text``) improved by the parse."""
    if not parsed.has_parse or not parsed.tokens:
        return list(quotes)
    return _Attributor(parsed, quotes, Article.coerce(article)).run()


class _Attributor:
    def __init__(self, parsed: ParsedDoc, quotes: list[Quote], art: Optional[Article]):
        self.p = parsed
        self.t = parsed.text
        self.quotes = list(quotes)
        self.art = art if art is not None else next((q.article for q in quotes if q.article), None)
        self.saying = saying_lemmas()
        # the speakers the regex engine resolved, to make parse names canonical
        self.known: list[tuple[Speaker, Optional[str], int]] = [
            (q.speaker, q.role, q.start) for q in quotes if q.speaker is not None and q.speaker.name
        ]
        # the extents of the quoted spans, marks included
        self.quoted = [(q.start - 1, q.end + 1) for q in quotes if q.kind != "indirect"]

    # --- the run ----------------------------------------------------------------------
    def run(self) -> list[Quote]:
        out = [self._improve(q) for q in self.quotes]
        out = self._indirect(out)
        out.sort(key=lambda q: (q.start, q.end))
        return out

    # --- stage 2 and 3: the quotes the regex found ------------------------------------
    def _improve(self, q: Quote) -> Quote:
        verb = self._cue_verb(q.cue) if q.cue is not None else None
        cue = q.cue
        if verb is None and q.cue is None and q.kind != "indirect":
            verb = self._governing_verb(q)
            if verb is not None:
                cue = self._verb_span(verb)
        if verb is None:
            return q
        subj = self.subject(verb)
        if subj is None:
            return q if cue is q.cue else attrs.evolve(q, cue=cue)
        a, b = self.p.span(subj)
        if q.speaker is not None or (a < q.end and q.start < b) or self._in_quoted(a, b):
            # the regex speaker stands (measured on the dev gold, the parse's subject of a
            # cue verb the regex already attributed is more often wrong than right)
            return q if cue is q.cue else attrs.evolve(q, cue=cue)
        found = self.speaker_of(subj, q.start)
        if found is None:
            return q if cue is q.cue else attrs.evolve(q, cue=cue)
        speaker, role = found
        return attrs.evolve(q, speaker=speaker, role=role, cue=cue, confidence=0.6 if speaker.type == "unknown" else 0.7)

    def _cue_verb(self, cue: Span) -> Optional[int]:
        """The verb token of a cue (``a déclaré`` -> ``déclaré``), None for ``selon``, ``:``."""
        idx = self.p.tokens_in(cue.start, cue.end)
        verbs_ = [i for i in idx if self.p.tokens[i].upos == "VERB"]
        saying = [i for i in verbs_ if self.p.tokens[i].lemma in self.saying]
        if saying:
            return saying[-1]
        return verbs_[-1] if verbs_ else None

    def _governing_verb(self, q: Quote) -> Optional[int]:
        """A verb of saying outside the quote that the quote hangs on (``X a dit :
        « … »``), or that hangs on the quote (``« … », a déclaré X``), in its sentence."""
        inside = set(self.p.tokens_in(q.start, q.end))
        if not inside:
            return None
        sent = self.p.sentence_of(min(inside))
        tops = [i for i in sorted(inside) if self.p.tokens[i].head is None or self.p.tokens[i].head not in inside]
        for i in tops:
            j, steps = self.p.tokens[i].head, 0
            while j is not None and steps < 3 and sent.first <= j < sent.last:
                if j not in inside and self._saying(j):
                    return j
                j, steps = self.p.tokens[j].head, steps + 1
        for i in tops:
            for k in self.p.children[i]:
                tok = self.p.tokens[k]
                if k not in inside and tok.deprel in ("parataxis", "conj", "ccomp", "advcl") and self._saying(k):
                    return k
        return None

    def _verb_span(self, v: int) -> Span:
        """The verb with its auxiliaries and clitics: ``a déclaré``, ``précise-t-elle``."""
        idx = [v] + [k for k in self.p.children[v] if self.p.tokens[k].deprel.startswith("aux") or self.p.tokens[k].text.startswith("-")]
        idx = [k for k in idx if abs(k - v) <= 3]
        a, b = self.p.span(idx)
        return Span(a, b, self.t[a:b])

    def _active(self, v: int) -> bool:
        """False for a passive (``a été reconnue``) or a bare participle (``accusée de``)."""
        rels = {self.p.tokens[k].deprel for k in self.p.children[v]}
        if "aux:pass" in rels or "nsubj:pass" in rels:
            return False
        form = verbs().get(self.p.tokens[v].text.lower())
        return not (form is not None and form.form == "participle" and not any(r.startswith("aux") for r in rels))

    def _saying(self, i: int) -> bool:
        tok = self.p.tokens[i]
        return tok.upos == "VERB" and tok.lemma in self.saying

    # --- subjects and speakers ---------------------------------------------------------
    def subject(self, v: int) -> Optional[list[int]]:
        """The tokens of the subject phrase of verb ``v``: its ``nsubj`` (before or after
        it), else the subject of the verb it depends on (``a tenu à préciser``, ``…, disant
        que``, a second conjunct)."""
        j, steps = v, 0
        while j is not None and steps < 3:
            for k in self.p.children[j]:
                tok = self.p.tokens[k]
                if tok.deprel in ("nsubj", "nsubj:outer") and tok.text not in ("-t", "t"):
                    head = self.p.tokens[j].head
                    if fold(tok.text) == "qui" and self.p.tokens[j].deprel == "acl:relcl" and head is not None:
                        k = head  # "X, qui a affirmé que": X
                    return self._np(k) or None
            tok = self.p.tokens[j]
            if tok.deprel.split(":")[0] not in ("xcomp", "conj", "advcl", "dep", "acl"):
                return None
            j, steps = tok.head, steps + 1
        return None

    def _np(self, h: int) -> list[int]:
        """The noun phrase headed by ``h``, without relative clauses, punctuation, or
        what a comma starts after the head's name (an apposition is kept only when the
        head has no name of its own)."""
        out = [h]
        stack = [k for k in self.p.children[h]]
        while stack:
            k = stack.pop()
            rel = self.p.tokens[k].deprel
            if rel in _NOT_IN_NP and not (rel == "conj" and self._apposition(h, k)):
                continue
            out.append(k)
            stack.extend(self.p.children[k])
        out.sort()
        # a noun phrase is contiguous: keep the run around the head
        run = [h]
        for k in reversed([k for k in out if k < h]):
            if k == run[0] - 1:
                run.insert(0, k)
        for k in [k for k in out if k > h]:
            if k == run[-1] + 1 or (k == run[-1] + 2 and self.p.tokens[run[-1] + 1].deprel == "punct"):
                run.extend(range(run[-1] + 1, k + 1))
        # no verb inside a speaker's phrase: "X est pointé du doigt par Y" is no subject
        verbal = [k for k in run if k != h and self.p.tokens[k].upos in ("VERB", "AUX")]
        run = [k for k in run if all(k > x for x in verbal if x < h) and all(k < x for x in verbal if x > h)]
        while run and self.p.tokens[run[0]].upos == "PUNCT":
            run.pop(0)
        while run and self.p.tokens[run[-1]].upos == "PUNCT":
            run.pop()
        return run

    def _apposition(self, h: int, k: int) -> bool:
        """``le porte-parole du Kremlin, Dmitri Peskov``: a name parsed as a conjunct."""
        return self.p.tokens[k].ent == "PER" and self.p.tokens[k].upos == "PROPN" and not any(
            self.p.tokens[c].deprel == "cc" for c in self.p.children[k]
        )

    def _is_pronoun(self, subj: list[int]) -> bool:
        return len(subj) == 1 and self.p.tokens[subj[0]].upos == "PRON"

    def speaker_of(self, subj: list[int], at: int) -> Optional[tuple[Speaker, Optional[str]]]:
        """The speaker (and role) a subject phrase designates."""
        a, b = self.p.span(subj)
        mention = Span(a, b, self.t[a:b])
        word = None
        if self._is_pronoun(subj):
            word = fold(self.p.tokens[subj[0]].text.lstrip("-"))
        elif len(subj) == 2:
            word = DEMONSTRATIVES.get(" ".join(fold(self.p.tokens[i].text) for i in subj))
        if word is not None:
            # the regex engine's coreference is not reachable from here: the nearest
            # earlier speaker of the pronoun's gender
            if word not in SUBJECT_PRONOUNS:
                return None
            gender, _plural = SUBJECT_PRONOUNS[word]
            for sp, role, start in reversed(self.known):
                if start < at and sp.gender in (None, gender) and sp.type != "unknown":
                    return attrs.evolve(sp, mention=mention), role
            return None
        head = self._head_of(subj)
        ents = [e for e in self.p.entities if a <= e.start and e.end <= b and e.label in ("PER", "ORG") and self._names_head(e, head)]
        ent = next((e for e in ents if e.label == "PER"), None) or (ents[0] if ents else None)
        if ent is None:
            # a country or a city as the subject: "Ankara a affirmé", "la Russie a annoncé"
            locs = [e for e in self.p.entities if a <= e.start and e.end <= b and e.label == "LOC"]
            if locs and self._strip_det(subj) == list(range(locs[0].first, locs[0].last)):
                ent = locs[0]
        if ent is not None:
            name = self.t[ent.start : ent.end]
            name = _strip_honorific(name)
            kind = "person" if ent.label == "PER" else "organisation"
            role = self._role(subj, ent)
            known = self._canonical(name, kind)
            if known is not None:
                sp, krole = known
                return attrs.evolve(sp, mention=mention), krole or role
            return Speaker(name=name, mention=mention, type=kind), role
        # no name: the description without its determiner ("porte-parole du ministère")
        toks = self._strip_det(subj)
        if not toks or all(self.p.tokens[i].upos in ("PRON", "DET", "PUNCT", "NUM") for i in toks):
            return None
        head = self.p.tokens[self._head_of(toks)]
        if head.upos != "PROPN" and not self._is_title(toks):
            return None  # "la situation révèle", "ce projet prévoit": not a source
        x, y = self.p.span(toks)
        desc = self.t[x:y]
        known = self._by_role(desc)
        if known is not None:
            sp, krole = known
            return attrs.evolve(sp, mention=mention), krole
        title = titles().get(fold(head.text)) or titles().get(head.lemma.lower())
        kind = "unknown" if title is None else ("person" if title.type == "person" else "organisation")
        return Speaker(name=desc, mention=mention, type=kind, gender=title.gender if title and kind == "person" else None), None

    def _names_head(self, e: Any, head: int) -> bool:
        """Whether entity ``e`` names the head of its phrase: it holds the head, or stands
        in apposition to it (``le ministre Sergueï Lavrov``), not as its complement
        (``l'avocate de Benoît Hamon``)."""
        if e.first <= head < e.last:
            return True
        root = next((i for i in range(e.first, e.last) if not e.first <= (self.p.tokens[i].head or -1) < e.last), e.first)
        tok = self.p.tokens[root]
        if any(self.p.tokens[c].deprel == "case" for c in self.p.children[root]):
            return False
        return tok.deprel.split(":")[0] in ("appos", "flat", "nmod", "conj", "compound", "nsubj")

    def _is_title(self, toks: list[int]) -> bool:
        """Whether a noun of the phrase is a role or source noun (``quotes/data/titles.tsv``)."""
        known = titles()
        return any(
            self.p.tokens[i].upos in ("NOUN", "PROPN") and (fold(self.p.tokens[i].text) in known or self.p.tokens[i].lemma.lower() in known or self.p.tokens[i].text.lower() in known)
            for i in toks
        )

    def _head_of(self, subj: list[int]) -> int:
        inside = set(subj)
        return next((i for i in subj if self.p.tokens[i].head not in inside), subj[0])

    def _strip_det(self, toks: list[int]) -> list[int]:
        out = list(toks)
        while out and (self.p.tokens[out[0]].upos in ("DET", "PUNCT") or fold(self.p.tokens[out[0]].text) in DETERMINERS):
            out.pop(0)
        return out

    def _role(self, subj: list[int], ent: Any) -> Optional[str]:
        """The description before a name in its phrase (``le préfet du Cantal Henri
        Lamotte`` -> ``préfet du Cantal``), without determiner and trailing comma."""
        before = [i for i in self._strip_det(subj) if i < ent.first]
        while before and self.p.tokens[before[-1]].upos == "PUNCT":
            before.pop()
        if not before or self.p.tokens[before[0]].upos != "NOUN":
            return None
        x, y = self.p.span(before)
        return self.t[x:y]

    def _canonical(self, name: str, kind: str) -> Optional[tuple[Speaker, Optional[str]]]:
        """The regex engine's speaker with this name or its last word (``Lavrov`` ->
        ``Sergueï Lavrov``), the fullest such name; else the fullest PER entity of the
        article ending with the same word."""
        last = fold(name.split()[-1]) if name.split() else ""
        best = None
        for sp, role, _ in self.known:
            words = sp.name.split()
            if words and (fold(sp.name) == fold(name) or (kind == "person" and fold(words[-1]) == last)):
                if best is None or len(sp.name) > len(best[0].name):
                    best = (sp, role)
        if best is not None:
            return best
        if kind == "person":
            fullest = name
            for e in self.p.entities:
                if e.label == "PER":
                    other = _strip_honorific(self.t[e.start : e.end])
                    if other.split() and fold(other.split()[-1]) == last and len(other) > len(fullest) and len(other.split()) <= 4:
                        fullest = other
            if fullest != name:
                return Speaker(name=fullest, type="person"), None
        return None

    def _by_role(self, desc: str) -> Optional[tuple[Speaker, Optional[str]]]:
        """A named speaker whose role is this description (``le ministre`` after ``le
        ministre de l'Intérieur Gérald Darmanin``)."""
        d = fold(desc)
        for sp, role, _ in reversed(self.known):
            if role and (fold(role) == d or fold(role).startswith(d + " ")) and sp.type == "person":
                return sp, role
        return None

    # --- stage 4: indirect speech ------------------------------------------------------
    def _indirect(self, quotes: list[Quote]) -> list[Quote]:
        taken = [(q.start, q.end) for q in quotes]
        cues = {(q.cue.start, q.cue.end) for q in quotes if q.cue is not None}
        # an article body scraped twice: each quote once, as the regex engine does
        seen = {" ".join(q.text.split()) for q in quotes}
        out = list(quotes)
        for v, tok in enumerate(self.p.tokens):
            if not self._saying(v) or self._in_quoted(tok.start, tok.end):
                continue
            if tok.deprel in ("acl", "amod") or not self._active(v):
                continue  # a participle describing a noun, a passive: "accusée de", "a été reconnue"
            content = self._content(v)
            if content is None:
                continue
            a, b = content
            if b - a < MIN_CONTENT or any(ch in self.t[a:b] for ch in QUOTE_MARKS):
                continue
            key = " ".join(self.t[a:b].split())
            if any(x < b and a < y for x, y in taken) or key in seen:
                continue
            cue = self._verb_span(v)
            if any(x < cue.end and cue.start < y for x, y in cues):
                continue
            subj = self.subject(v)
            if subj is None:
                continue
            found = self.speaker_of(subj, a)
            if found is None:
                continue
            speaker, role = found
            taken.append((a, b))
            seen.add(key)
            out.append(
                Quote(
                    text=self.t[a:b], start=a, end=b, kind="indirect", speaker=speaker, role=role,
                    cue=cue, article=self.art, confidence=0.7 if speaker.type == "person" else 0.6,
                )
            )
        return out

    def _content(self, v: int) -> Optional[tuple[int, int]]:
        """The reported clause of a verb of saying, without ``que`` and edge punctuation."""
        lemma = self.p.tokens[v].lemma
        kids = self.p.children[v]
        comp = next((k for k in kids if self.p.tokens[k].deprel == "ccomp"), None)
        if comp is None:
            # "a affirmé vouloir", "a affirmé être prêt" (an adjective with its copula)
            comp = next((k for k in kids if self.p.tokens[k].deprel == "xcomp" and k > v and (
                self.p.tokens[k].upos == "VERB"
                or any(self.p.tokens[c].deprel == "cop" and c < k for c in self.p.children[k]))), None)
        if comp is None and lemma in OBJECT_CONTENT | OBJECT_CONTENT_WITH_CLAUSE | {"appeler"}:
            comp = next((k for k in kids if self.p.tokens[k].deprel == "obj" and self.p.tokens[k].upos in ("NOUN", "PROPN") and k > v), None)
            if comp is not None and lemma == "appeler":
                # "a appelé la coalition à coopérer": the object and its infinitive
                if not any(self.p.tokens[k].deprel == "xcomp" and k > comp for k in kids):
                    return None
            elif comp is not None and lemma not in OBJECT_CONTENT:
                if not any(self.p.tokens[i].upos == "VERB" for i in self.p.subtree(comp)):
                    return None
        if comp is None or comp < v:
            return None
        sub = self.p.subtree(comp)
        if self.p.tokens[comp].deprel == "obj" and lemma == "appeler":
            sub = sorted(set(sub) | set(self.p.subtree(next(k for k in kids if self.p.tokens[k].deprel == "xcomp" and k > comp))))
        sent = self.p.sentence_of(v)
        sub = [i for i in sub if sent.first <= i < sent.last and i > v]
        # no "que", "de", "à" before the clause, no punctuation at its edges
        while sub and (self.p.tokens[sub[0]].deprel == "mark" or self.p.tokens[sub[0]].upos == "PUNCT"):
            sub.pop(0)
        if not sub:
            return None
        # the clause runs from its first word over gaps of a few words that are not a
        # verb of saying (a parenthesis the parser hung elsewhere; not an incise)
        inside = set(sub)
        run = [sub[0]]
        for i in sub[1:]:
            gap = range(run[-1] + 1, i)
            if len(gap) > 4 or any(self._saying(g) for g in gap):
                break
            if self._saying(i) and self.p.tokens[run[-1]].text == ",":
                break  # ", disant que ...": another verb of saying starts another clause
            run.extend(gap)
            run.append(i)
        while run and (self.p.tokens[run[-1]].upos == "PUNCT" or run[-1] not in inside):
            run.pop()
        if not run:
            return None
        a, b = self.p.span(run)
        # a clause stays in the paragraph of its verb
        newline = self.t.find("\n", self.p.tokens[v].end, b)
        if newline != -1:
            b = newline
            while b > a and self.t[b - 1] in " \t\r,;:":
                b -= 1
        if a >= b:
            return None
        return a, b

    def _in_quoted(self, a: int, b: int) -> bool:
        return any(x < b and a < y for x, y in self.quoted)


def _strip_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[0]) in HONORIFICS:
        words.pop(0)
    return " ".join(words)
