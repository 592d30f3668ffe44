"""The document model: the data every extraction stage reads and fills, in one module below the stages.

One `Doc` per extract() call: stage 1 (document.py) fills its text, paragraphs, quotations (`Quote`) and
sentences (`Sentence`); stage 2 (mentions.py) its typed mentions (`Mentions` of `Mention`); stage 3
(coref.py, with the people scan of people.py and its `Person`s) its entities and links (`Coref`, `Entity`);
stage 4 each statement's attribution frame (`AttributionFrame`: the source mention and the `Speaker`,
attribution.py). The stage modules import these classes from here and never each other's to type a
parameter, so the module graph has no cycle. Nothing here outlives one call.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from typing import Protocol

from .dates import DateHit

# ------------------------------------------------------------------------------------------------ people

# a lower-case prefix glued to a capitalised name: "al-Burhan", "el-Sisi", "bin-Salman", "d'Estaing"
PREFIXED_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ud|bin|ibn|abu|ben|bou|ould|d|l)[-’'‑]([A-Z][\w’'\-]*)$")


_CAP_PREFIXED_RE = re.compile(r"(?:Al|El)[-’'‑]([A-Z][\w’'\-]*)$")


@lru_cache(maxsize=8192)
def tok_keys(tok: str) -> tuple[str, ...]:
    """The forms a name token is referred to by: "al-Burhan" -> ("al-Burhan", "Burhan", "Al-Burhan")
    (a pure cached lookup)."""
    m = PREFIXED_RE.match(tok)
    if m:
        return tok, m.group(1), tok[:1].upper() + tok[1:]
    m = _CAP_PREFIXED_RE.match(tok)
    if m:
        return tok, m.group(1), tok[:1].lower() + tok[1:]
    return (tok,)


@lru_cache(maxsize=4096)
def _name_keys(tokens: tuple[str, ...]) -> frozenset[str]:
    """The keys of a name's tokens (a pure cached lookup: the tokens are the whole input)."""
    return frozenset(k for t in tokens for k in tok_keys(t))


@dataclass
class Person:
    name: str
    tokens: list[str]
    country: str | None = None
    title: str = ""
    gender: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    known: bool = False
    evidence: int = 0
    country_weak: bool = False

    @property
    def keys(self) -> frozenset[str]:
        """Its name tokens and their unprefixed forms ("al-Burhan" -> also "Burhan")."""
        return _name_keys(tuple(self.tokens))

    def ends_with(self, tok: str) -> bool:
        return tok in tok_keys(self.tokens[-1])


def person_at(people: list[Person], start: int, end: int) -> Person | None:
    """The first of the people (in their order) with a mention overlapping [start, end)."""
    for p in people:
        for s, e in p.mentions:
            if s < end and start < e:
                return p
    return None


# ---------------------------------------------------------------------------------------------- speakers


@dataclass
class Speaker:
    name: str | None
    kind: str  # person | body | desc | pronoun | none
    person: Person | None = None
    desc: str | None = None
    span: tuple[int, int] | None = None  # the name's mention at the attribution (for pronouns only "they")


@dataclass
class AttributionFrame:
    """Who said one quote: quote -> source mention -> speaker, and the rules that chose them."""

    mention: Speaker  # the source as the finding rule matched it (its span when written at the quote)
    speaker: Speaker  # who spoke: the mention itself, or what a resolving rule read it as
    rule: str  # the finding rule's name ("post", "pre", "para-prev", ...; confidence.BY_PATH's keys)
    resolved_by: str = ""  # the resolving rule that re-read the mention, if one did

    @property
    def path(self) -> str:
        """The rules in the order they applied: "post", "post+issuer_of_document"."""
        return f"{self.rule}+{self.resolved_by}" if self.resolved_by else self.rule


# ---------------------------------------------------------------------------------------- stage 1 layout


@dataclass
class Quote:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or paragraph end)
    para: int
    closed: bool = True
    continues: bool = False  # this quote continues a quote left open in the previous paragraph
    open_end: bool = False  # left open at the end of its paragraph
    text: str = ""
    statement: bool = False
    single: bool = False  # in single quotation marks ('...')
    frame: AttributionFrame | None = None  # stage 4: who said it and which rules chose them (attribution.py)

    @property
    def speaker(self) -> Speaker | None:
        """Who said it, when a rule found a source."""
        return self.frame.speaker if self.frame is not None else None

    @property
    def how(self) -> str:
        """The rules that chose the speaker ("post", "pre+person_of_description"), "" when none did."""
        return self.frame.path if self.frame is not None else ""


@dataclass
class Sentence:
    start: int
    end: int
    para: int


# --------------------------------------------------------------------------------- stages 2 and 3 results


@dataclass(frozen=True, slots=True)
class Mention:
    """One typed span. key is the normalised identity: a person's full name, a body's head word, a state's
    or place's ISO code, a date's ISO date ("" when it has none), a pronoun's gender and number (m, f, p,
    n). form says how it is written: a state by its "name", "demonym", "capital" or "seat"; a person by
    their "name" or a "short" part of it; a place as a "city" or a smaller "town"; a date by its precision. A date mention keeps the DateHit it was
    read from (hit: its kind, weekday or explicit, lets the event stage re-read it by the meeting's tense)."""

    kind: str
    start: int
    end: int
    text: str  # as written (a state's or body's name without a possessive 's)
    key: str
    country: str | None = None
    form: str = ""
    hit: DateHit | None = field(default=None, compare=False, repr=False)


@dataclass
class Mentions:
    """The document's mentions, sorted by position, with one sorted list per kind."""

    items: list[Mention] = field(default_factory=list)
    _by_kind: dict[str, list[Mention]] = field(default_factory=dict, repr=False)
    _starts: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.items.sort(key=lambda m: m.start)  # stable: equal starts keep the order they were found in
        for m in self.items:
            self._by_kind.setdefault(m.kind, []).append(m)
        self._starts = {k: [m.start for m in ms] for k, ms in self._by_kind.items()}

    def of(self, kind: str) -> list[Mention]:
        """The mentions of one kind, by position (the list itself: do not change it)."""
        return self._by_kind.get(kind, [])

    def between(self, kind: str, lo: int, hi: int) -> list[Mention]:
        """The mentions of one kind starting in [lo, hi)."""
        starts = self._starts.get(kind, [])
        ms = self._by_kind.get(kind, [])
        return ms[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]


@dataclass(eq=False)
class Entity:
    """One person, body or state and its mentions in order. key: the person's name, the body's name, the
    state's ISO code."""

    kind: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    person: Person | None = None


class NameIndex(Protocol):
    """What stage 3 asks the people scan (people.Registry): the person a name stands for."""

    def find(self, name: str) -> Person | None: ...


# nouns that stand for any organisation named before: "the group said"
_GENERIC_BODY_NOUNS = frozenset({"group", "organisation", "organization"})


@dataclass
class Coref:
    """The entities of one document and the links of its referring words."""

    registry: NameIndex | None = None  # the scan's people (people.Registry), looked up by name (find)
    people: list[Person] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # every person mention (start, end, person) by start; equal starts in the registry's order of people
    person_spans: list[tuple[int, int, Person]] = field(default_factory=list)
    _person_starts: list[int] = field(default_factory=list, repr=False)
    pronouns: dict[int, Person] = field(default_factory=dict)  # pronoun start -> the person it stands for
    _bodies: list[Mention] = field(default_factory=list, repr=False)  # named by a common noun, by end
    _proper_bodies: list[Mention] = field(default_factory=list, repr=False)  # named by a proper name, by end
    _blocs: list[Mention] = field(default_factory=list, repr=False)  # supranational bodies, by position

    def find(self, name: str) -> Person | None:
        """The person a name (full, surname, given name or alias) stands for."""
        return self.registry.find(name) if self.registry is not None else None

    def states(self) -> list[Entity]:
        """The states, in the order they are first named."""
        return [e for e in self.entities if e.kind == "state"]

    def people_between(self, lo: int, hi: int) -> list[tuple[int, int, Person]]:
        """The person mentions starting in [lo, hi)."""
        starts = self._person_starts
        return self.person_spans[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]

    def people_in(self, lo: int, hi: int) -> list[Person]:
        """The people with a mention starting in [lo, hi), in the registry's order."""
        named = {id(p) for _s, _e, p in self.people_between(lo, hi)}
        return [p for p in self.people if id(p) in named] if named else []

    def person_at(self, start: int, end: int) -> Person | None:
        return person_at(self.people, start, end)

    def last_person_before(self, pos: int, gender: str | None = None, floor: int = 0) -> Person | None:
        """The person named last in [floor, pos) (a mention ending by pos), of that gender or of none known;
        of two named at one place, the first registered."""
        spans = self.person_spans
        k = bisect.bisect_left(self._person_starts, pos) - 1
        best: Person | None = None
        best_s = -1
        while k >= 0:
            s, e, p = spans[k]
            if s < floor or (best is not None and s < best_s):
                break
            if e <= pos and not (gender and p.gender and p.gender != gender):
                best, best_s = p, s
            k -= 1
        return best

    def pronoun_referent(self, pos: int, gender: str) -> Person | None:
        """The person a he/she at pos stands for: its link, else the last person of that gender, else the
        last person named before it."""
        p = self.pronouns.get(pos)
        if p is None:
            p = self.last_person_before(pos, gender=gender) or self.last_person_before(pos)
        return p

    def body_for(self, head: str, pos: int) -> Mention | None:
        """ "the ministry" at pos: the latest body of that head ending by pos that is more than the bare word;
        else the latest body of that head named by a proper name ("the party" -> "the National Unity
        Party"), and for "the group" or "the organisation" the latest body named by a proper name."""
        best = None
        for b in self._bodies:
            if b.end > pos:
                break
            if b.key == head and b.text.lower() not in ("the " + head, head):
                best = b
        if best is None:
            for b in self._proper_bodies:
                if b.end > pos:
                    break
                if b.key == head or head in _GENERIC_BODY_NOUNS:
                    best = b
        return best

    def bloc_before(self, pos: int) -> Mention | None:
        """ "the bloc" at pos: the latest supranational body or alliance named before it (EU, ASEAN, AU, NATO)."""
        best = None
        for b in self._blocs:
            if b.end > pos:
                break
            best = b
        return best

    def bloc_name(self, key: str) -> str:
        """A bloc's name as the article writes it at its fullest ("European Union" rather than "EU")."""
        return max((b.text for b in self._blocs if b.key == key), key=len, default=key)

    def titled_person(self, role: str, before: int) -> Person | None:
        """ "the president said", "the foreign minister said" with no state: the one person named before
        `before` whose title has those words; None when there are none or several."""
        pattern = re.compile(r"\b" + re.escape(role) + r"\b")
        found = [
            p
            for p in self.people
            if pattern.search((p.title or "").lower()) and any(e <= before for _s, e in p.mentions)
        ]
        return found[0] if len(found) == 1 else None

    def described_person(self, iso: str, role: str, before: int, after: int) -> Person | None:
        """ "the <state's> <role>" said before `before`: the person of that state named last before it, one
        whose title has the role first; else the first of that state named in the 600 characters after
        `after`."""
        cands = []
        for p in self.people:
            if p.country != iso:
                continue
            named = [s for s, e in p.mentions if e <= before]
            if named:
                cands.append((role in (p.title or "").lower(), max(named), p))
        if cands:
            return max(cands, key=lambda c: (c[0], c[1]))[2]
        later = [
            (min(s for s, e in p.mentions if s > after), p)
            for p in self.people
            if p.country == iso and any(after < s < after + 600 for s, e in p.mentions)
        ]
        return min(later, key=lambda a: a[0])[1] if later else None


# ------------------------------------------------------------------------------------------- the document


@dataclass
class Doc:
    text: str
    title: str
    paras: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    masked: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    dateline: str | None = None
    date_hits: list[DateHit] | None = None  # date expressions of the masked text, set once by extract()
    mentions: Mentions = field(default_factory=Mentions)  # stage 2, set once by extract() after people.scan
    coref: Coref = field(default_factory=Coref)  # stage 3, likewise

    def para_text(self, i: int) -> str:
        s, e = self.paras[i]
        return self.text[s:e]

    def _sentence_starts(self) -> list[int]:
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = [s.start for s in self.sentences]
            self.__dict__["_starts"] = starts
        return starts

    def index_of(self, sent: Sentence) -> int:
        """The position of one of this Doc's sentences in `sentences` (by bisection), -1 if it is none of them."""
        starts = self._sentence_starts()
        i = bisect.bisect_left(starts, sent.start)
        while i < len(starts) and starts[i] == sent.start:
            if self.sentences[i] == sent:
                return i
            i += 1
        return self.sentences.index(sent) if sent in self.sentences else -1

    def sentence_at(self, pos: int) -> Sentence | None:
        if not self.sentences:
            return None
        starts = self._sentence_starts()
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        if s.start <= pos < s.end:
            return s
        return s if i == len(self.sentences) - 1 and pos >= s.start else (s if pos < s.end else None)
