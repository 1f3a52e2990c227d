"""Stage 4: coreference within an article.

Turns a speaker ``Mention`` into a canonical speaker: `M. Lavrov` and `Lavrov` become the
fullest name the article gives (`Sergueï Lavrov`); `il`/`elle` the nearest earlier speaker
or named person of that gender; a definite description (`le chef de la diplomatie russe`,
`la porte-parole`, `le parquet`) the earlier speaker whose role or description it
designates (with the equivalent titles of ``data/equivalent_titles.tsv``). Unnamed
sources stay what they are (`source proche de l'enquête`).
"""

from __future__ import annotations

import bisect
import functools
from typing import Optional

import attrs
import regex

from . import lexicon
from .lexicon import fold
from .speakers import NAME_PARTICLES, Mention, role_after, role_before
from .text import tokens


@attrs.define
class Entity:
    name: str  # canonical: full name, or description without determiner
    type: str = "unknown"
    gender: Optional[str] = None
    roles: list[str] = attrs.field(factory=list)
    positions: list[int] = attrs.field(factory=list)
    named: bool = True
    plural: bool = False
    speaker: bool = False
    variants: dict[str, int] = attrs.field(factory=dict)

    @property
    def role(self) -> Optional[str]:
        return max(self.roles, key=len) if self.roles else None


@functools.lru_cache(maxsize=None)
def _person_re() -> regex.Pattern:
    """A person's name: an honorific or a known first name, then capitalised words."""
    return regex.compile(
        r"""
        (?:(?P<hon>\L<hon>)[ \u00a0]+)?
        (?P<name>
          (?(hon)\p{Lu}[\p{L}'’.-]*|\L<first>)
          (?:[ \u00a0]+(?:(?:\L<particles>)[ \u00a0]+|(?:al|el|ben|bin)-)?\p{Lu}[\p{L}'’-]*\.?)+
        | (?(hon)\p{Lu}[\p{L}'’-]+)
        )
        (?![\p{L}])
        """,
        regex.VERBOSE,
        hon=[h for h in lexicon.honorifics()],
        first=sorted(lexicon.first_names()),
        particles=sorted(NAME_PARTICLES),
    )


_ROLE_BEFORE_RE = regex.compile(
    r"(?:\b(?:le|la|l['’]|un|une|son|sa|du|de\s+la|au|à\s+la)\s+)([\p{Ll}][\p{L}'’ -]*?(?:\s+(?:de|du|des|d['’]|de\s+la|de\s+l['’])\s*[\p{L}'’ -]+?)*)\s*,?\s*$"
)


class Registry:
    """The speakers and named persons of one article, in text order."""

    def __init__(self, text: str):
        self.text = text
        self.entities: list[Entity] = []
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_name: dict[str, Entity] = {}
        self._events: list[tuple[int, Entity]] = []  # (position, entity), sorted on demand
        self._sorted = True
        self._scan_persons()

    # --- building -------------------------------------------------------------------
    def _scan_persons(self) -> None:
        hon = lexicon.honorifics()
        for m in _person_re().finditer(self.text):
            name = m.group("name").strip()
            if name.endswith(".") and len(name.split()[-1]) > 2:
                name = name[:-1]
            toks = name.split()
            if len(toks) < 2 and not m.group("hon"):
                continue
            gender = hon.get(m.group("hon")) if m.group("hon") else None
            t = self.text
            role = role_before(t, tokens(t, max(0, m.start() - 160), m.start())) or role_after(
                t, tokens(t, m.end(), min(len(t), m.end() + 160))
            )
            if len(toks) >= 2:
                e = self.add_person(name, m.start("name"), gender, role)
            else:
                e = self.find_surname(name, m.start())
                if e is None:
                    e = self.add_person(name, m.start("name"), gender)
                else:
                    self._note(e, m.start("name"))
                    if gender and not e.gender:
                        e.gender = gender
                    if role and role not in e.roles:
                        e.roles.append(role)

    def add_person(self, name: str, pos: int, gender: Optional[str] = None, role: Optional[str] = None) -> Entity:
        key = fold(name)
        e = self.by_name.get(key)
        if e is None:
            # a longer form of a known name (Le Drian -> Jean-Yves Le Drian) or a shorter one
            e = self._longer_or_shorter(name)
        if e is None:
            e = Entity(name=name, type="person", gender=gender)
            self.entities.append(e)
            self.by_name[key] = e
            toks = name.split()
            for t in toks[1:]:
                if t.lower() not in NAME_PARTICLES:
                    self.by_surname.setdefault(fold(t), []).append(e)
            if len(toks) > 1 and "-" not in toks[-1]:
                pass
        elif len(name) > len(e.name) and fold(name).endswith(fold(e.name)):
            e.name = name
        elif name != e.name and len(name.split()) == len(e.name.split()) >= 2:
            # spelling variants: keep the one the article uses most
            e.variants[name] = e.variants.get(name, 0) + 1
            if e.variants[name] > e.variants.get(e.name, 1):
                e.name = name
        if gender and not e.gender:
            e.gender = gender
        if role and role not in e.roles:
            e.roles.append(role)
        self._note(e, pos)
        return e

    def _longer_or_shorter(self, name: str) -> Optional[Entity]:
        """A known person this name also designates: a longer or shorter form of it, or
        a transliteration variant (Sergeï / Sergueï Lavrov: same surname and initial)."""
        f = fold(name)
        fw = f.split()
        for e in self.entities:
            if e.type != "person" or not e.named:
                continue
            g = fold(e.name)
            gw = g.split()
            if len(fw) >= 2 and (g.endswith(" " + f) or f.endswith(" " + g)):
                return e
            if len(fw) >= 2 and len(gw) >= 2 and fw[-1] == gw[-1] and fw[0][0] == gw[0][0]:
                return e
        return None

    def _note(self, e: Entity, pos: int) -> None:
        e.positions.append(pos)
        self._events.append((pos, e))
        self._sorted = False

    def find_surname(self, word: str, pos: int) -> Optional[Entity]:
        cands = self.by_surname.get(fold(word).split()[-1])
        if not cands:
            return None
        before = [e for e in cands if e.positions and min(e.positions) <= pos]
        return (before or cands)[0]

    # --- resolving ------------------------------------------------------------------
    def resolve(self, m: Mention, pos: int) -> Optional[Entity]:
        """The entity a mention designates, registering new ones."""
        if m.pronoun:
            return self._pronoun(m, pos)
        if m.name:
            if m.type == "organisation" and not m.honorific:
                return self._org(m.name, pos, m)
            if len(m.name.split()) == 1 or m.honorific:
                e = self.find_surname(m.name, pos) if len(m.name.split()) == 1 else self._longer_or_shorter(m.name)
                if e is not None:
                    self._note(e, pos)
                    if m.gender and not e.gender:
                        e.gender = m.gender
                    if m.role and m.role not in e.roles:
                        e.roles.append(m.role)
                    return e
                if len(m.name.split()) == 1 and not m.honorific and m.type != "person":
                    return self._org(m.name, pos, m)
            return self.add_person(m.name, pos, m.gender, m.role)
        if m.description:
            return self._description(m, pos)
        return None

    def _org(self, name: str, pos: int, m: Mention) -> Entity:
        key = fold(name)
        e = self.by_name.get(key)
        if e is None:
            e = Entity(name=name, type=m.type if m.type != "unknown" else "unknown", gender=m.gender, plural=m.plural)
            self.entities.append(e)
            self.by_name[key] = e
        self._note(e, pos)
        return e

    def _description(self, m: Mention, pos: int) -> Entity:
        desc = m.description or ""
        words = desc.split()
        definite = fold(m.text).startswith(("le ", "la ", "les ", "l'", "ce ", "cette ", "cet "))
        if definite:
            e = self._designated(desc, pos, m)
            if e is not None:
                self._note(e, pos)
                return e
        key = fold(desc)
        e = self.by_name.get(key)
        if e is None:
            e = Entity(name=desc, type=m.type, gender=m.gender, named=False, plural=m.plural)
            if m.role:
                e.roles.append(m.role)
            self.entities.append(e)
            self.by_name[key] = e
        self._note(e, pos)
        return e

    def _designated(self, desc: str, pos: int, m: Mention) -> Optional[Entity]:
        f = fold(desc)
        best: Optional[tuple[int, Entity]] = None
        for p, e in self._ordered():
            if p >= pos:
                break
            if e.plural != m.plural:
                continue
            if m.gender and e.gender and m.gender != e.gender:
                continue
            forms = [fold(r) for r in e.roles] + ([fold(e.name)] if not e.named else [])
            if any(_designates(f, r) for r in forms):
                best = (p, e)
        return best[1] if best else None

    def _pronoun(self, m: Mention, pos: int) -> Optional[Entity]:
        if m.pronoun == "on":
            return None
        best = None
        for p, e in self._ordered():
            if p >= pos:
                break
            if m.plural != e.plural:
                continue
            if e.type == "organisation" and not e.speaker:
                continue
            if m.gender and e.gender and m.gender != e.gender:
                continue
            if not e.speaker and e.type != "person":
                continue
            best = e
        if best is not None:
            if m.gender and not best.gender:
                best.gender = m.gender
            self._note(best, pos)
        return best

    def _ordered(self) -> list[tuple[int, Entity]]:
        if not self._sorted:
            self._events.sort(key=lambda pe: pe[0])
            self._sorted = True
        return self._events


def _designates(desc: str, role: str) -> bool:
    """Does a description (folded) designate the holder of a role (folded)?"""
    if desc == role or role.startswith(desc + " ") or role.endswith(" " + desc) or desc in role:
        return True
    for pat, title in lexicon.equivalent_titles():
        m = pat.match(desc)
        if m:
            t = title
            for k, v in m.groupdict().items():
                t = t.replace(f"(?P={k})", regex.escape(v))
            if regex.search(t, role):
                return True
    return False
