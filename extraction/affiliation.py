"""A person's country from the context that describes that person, not from the nearest country word.

Each rule is a small function over one article's Doc and people Registry; `refine(doc, reg)` runs them in
order after people.scan() has found the people and its fallback guesses. A rule only replaces a country
that is missing or was a weak guess (`country_weak`), and marks what it sets as strong, so a later rule
never undoes an earlier, better-grounded one. No state outside the call.
"""

from __future__ import annotations

import re
from typing import Protocol

from . import gazetteer
from .model import Doc
from .model import Person
from .model import person_at

# Titles that in English-language news name one country's office (general knowledge, not article words).
NATIONAL_TITLES = {
    "secretary of state": "US",  # the UK's are "Secretary of State for ..."
    "trade representative": "US",
    "brexit secretary": "GB",
    "foreign secretary": "GB",
    "home secretary": "GB",
    "chancellor of the exchequer": "GB",
}
# each with its regex: the title right before the name, a lower-case word or initial allowed between
_NATIONAL_TITLE_RES = [
    (title, iso, re.compile(r"\b" + re.escape(title) + r"\s+(?:[a-z.]+\s+)?$"))
    for title, iso in NATIONAL_TITLES.items()
]

# Words that may stand between "and" and a listed person's name: "and chief trade negotiator NAME"
_TITLE_RUN_RE = re.compile(r"\band\s+((?:[\w\-]+\s+){1,4})$")
_SEP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")
_COUNTRY_POSS_RE = re.compile(
    r"\b(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?:’s|'s)\s+((?:[a-z][\w\-]*\s+){0,3}"
    r"(?:negotiator|envoy|minister|president|chief|spokes\w+|representative|official|"
    r"leader|commissioner|secretary|ambassador|mediator))\b"
)


class Registry(Protocol):
    """What the rules read and add to of the people scan (people.Registry, which runs them)."""

    people: list[Person]
    country_mentions: list[tuple[int, int, str, str]]  # start, end, iso, surface

    def add(self, name: str, start: int, end: int, *, evidence: int = ...) -> Person: ...

    def mentions_sorted(self) -> list[tuple[int, int, Person]]: ...


class _Person(Protocol):
    name: str
    title: str
    country: str | None
    country_weak: bool
    mentions: list


def _open(p: _Person) -> bool:
    """May a rule set this person's country? Only when it is missing or a weak guess."""
    return not p.country or p.country_weak


def _set(p: _Person, iso: str | None) -> None:
    if iso:
        p.country, p.country_weak = iso, False


def _first(p: _Person) -> tuple[int, int]:
    return min(p.mentions) if p.mentions else (0, 0)


def _title_prefix_text(doc: Doc, start: int, width: int = 60) -> str:
    """The text of the clause just before a mention (up to the previous sentence break)."""
    seg = doc.masked[max(0, start - width) : start]
    cut = max(seg.rfind(". "), seg.rfind("\n"))
    return seg[cut + 1 :] if cut >= 0 else seg


# ------------------------------------------------------------------------------------------------ rules


def national_title(doc: Doc, p: _Person) -> str | None:
    """'Secretary of State NAME', 'Brexit Secretary NAME': an office only one country has."""
    for s, _ in p.mentions[:3]:
        before = _title_prefix_text(doc, s).lower()
        for title, iso, title_re in _NATIONAL_TITLE_RES:
            if title in before and title_re.search(before):
                return iso
    t = (p.title or "").lower().strip()
    for title, iso in NATIONAL_TITLES.items():
        if t.endswith(title):
            return iso
    return None


_NAME = r"[A-Z][\w’'\-]+(?:\s+(?:al|el|bin|de|van|von|da)?\s*[A-Z][\w’'\-]+){1,3}"
_NAME_LIST_RE = re.compile(r"\s+(" + _NAME + r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r")+)")


def respective_lists(doc: Doc, reg: Registry) -> dict[int, str]:
    """'the Foreign Ministers of C1, C2 and C3 N1, N2 and N3': the n-th name takes the n-th country.
    Names of the list not yet known are added (the list itself marks them as people).
    Returns {id(person): iso}."""
    out: dict[int, str] = {}
    cms = sorted(reg.country_mentions)
    i = 0
    while i < len(cms):
        group = [cms[i]]
        while i + 1 < len(cms) and _SEP_RE.fullmatch(doc.masked[group[-1][1] : cms[i + 1][0]]):
            i += 1
            group.append(cms[i])
        i += 1
        if len(group) < 2 or not re.search(
            r"\b(?:of|from)\s+(?:the\s+)?$", doc.masked[max(0, group[0][0] - 12) : group[0][0]]
        ):
            continue
        m = _NAME_LIST_RE.match(doc.masked, group[-1][1])
        if not m:
            continue
        spans = []
        pos = m.start(1)
        for part in re.split(r"(,\s*(?:and\s+)?|\s+and\s+)", m.group(1)):
            if part and not _SEP_RE.fullmatch(part):
                spans.append((pos, pos + len(part), part))
            pos += len(part)
        if len(spans) != len(group) or any(gazetteer.country_of_place(n) for _, _, n in spans):
            continue
        people = [person_at(reg.people, a, b) or reg.add(n, a, b, evidence=2) for a, b, n in spans]
        if len({id(p) for p in people}) == len(people):
            for p, c in zip(people, group, strict=True):
                out[id(p)] = c[2]
    return out


def origin_in_appositive(doc: Doc, p: _Person) -> str | None:
    """'NAME, an expert on ... from Egypt's institute': where the person comes from, said in the appositive."""
    s, e = _first(p)
    m = re.match(r",\s*(?:a|an|the)\s+([^,;.\n]{0,100})", doc.masked[e : e + 120])
    if not m:
        return None
    fm = re.search(r"\bfrom\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}?)(?:’s|'s)?(?=[\s,.;]|$)", m.group(1))
    if fm:
        return gazetteer.country_of_place(fm.group(1))
    return None


def host_of_visit(doc: Doc, p: _Person) -> str | None:
    """'travel to C to meet (with) Prime Minister NAME': the titled host belongs to the country visited."""
    for s, _ in p.mentions[:2]:
        before = _title_prefix_text(doc, s, 120)
        m = re.search(
            r"\b(?:to|in)\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})\s+(?:to\s+)?(?:meet|meeting|see|"
            r"hold talks|talk)\s+(?:with\s+)?(?:(?:the\s+)?[\w\-.]+\s+){1,4}$",
            before,
        )
        if m:
            tail = before[m.end(1) :]
            if any(w.lower() in gazetteer.TITLE_CORE for w in re.findall(r"[\w\-]+", tail)):
                iso = gazetteer.country_of_place(m.group(1))
                if iso:
                    return iso
    return None


def listed_after_and(doc: Doc, reg: Registry, p: _Person) -> str | None:
    """'China's Commerce Minister A and chief trade negotiator B': B shares A's country when only
    lower-case role words stand between "and" and B's name and A's country is grounded."""
    s, _ = _first(p)
    m = _TITLE_RUN_RE.search(doc.masked[max(0, s - 60) : s])
    if not m:
        return None
    words = m.group(1).split()
    if not words or words[-1] not in gazetteer.TITLE_CORE or not all(w.islower() for w in words):
        return None  # a capitalised office ("and Prime Minister B") may be the other side's
    and_pos = s - len(m.group(0))
    for _a, b, o in reg.mentions_sorted():
        if o is not p and 0 <= and_pos - b <= 1 and o.country and not o.country_weak:
            return o.country
    return None


def role_named_next(doc: Doc, p: _Person) -> str | None:
    """'... the EU's chief negotiator has said.' followed by a paragraph that names 'NAME said': the
    description introduced before the name is the same person."""
    s, _ = _first(p)
    if (p.title or "").strip().lower().rstrip(".") not in ("", "mr", "mrs", "ms", "dr"):
        return None  # a person introduced with a title is described there
    sent = doc.sentence_at(s)
    k = doc.index_of(sent) if sent is not None else -1
    if sent is None or k < 0:
        return None
    if k == 0:
        return None
    prev = doc.sentences[k - 1]
    seg = doc.masked[prev.start : prev.end]
    m = _COUNTRY_POSS_RE.search(seg)
    if not m or not re.search(r"\b(?:has|have|had)?\s*(?:said|says|told|added|stated)\b", seg[m.end() :]):
        return None
    if re.match(r"\s+[A-Z]", seg[m.end() :]):
        return None  # the description is a title before a name: "the EU's envoy Jane Roe"
    return gazetteer.country_of_place(m.group(1))


_INSURGENT_TITLE_RE = re.compile(r"\b(?:rebel|insurgent|opposition|armed\s+group)\b", re.I)
_LEADER_TITLE_RE = re.compile(r"\b(?:president|prime\s+minister|premier|king|emir|chancellor)\b", re.I)


def insurgent_against_leader(doc: Doc, reg: Registry, p: _Person) -> str | None:
    """'talks between <demonym> President A and rebel leader B': a rebel or opposition leader named with
    no country of their own opposes the head of state or government named before them in that sentence,
    and belongs to that state."""
    if not _INSURGENT_TITLE_RE.search(p.title or ""):
        return None
    s, _ = _first(p)
    sent = doc.sentence_at(s)
    if sent is None:
        return None
    leaders = {
        o.country
        for o in reg.people
        if o is not p
        and o.country
        and not o.country_weak
        and _LEADER_TITLE_RE.search(o.title or "")
        and any(sent.start <= a < s for a, _b in o.mentions)
    }
    return leaders.pop() if len(leaders) == 1 else None


_SINGLE_OFFICES = (
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "president",
    "chancellor",
    "king",
    "queen",
)


def _grounded(doc: Doc, reg: Registry, p: _Person) -> bool:
    """Is the person's country said in their first sentence (not inside what they are reported to say)?"""
    if p.country and not p.country_weak:
        return True
    s, e = _first(p)
    sent = doc.sentence_at(s)
    if sent is None:
        return False
    for c in reg.country_mentions:
        if sent.start <= c[0] < sent.end and c[2] == p.country:
            between = doc.masked[min(e, c[1]) : max(s, c[0])]
            if not re.search(r"\b(?:said|says|told|added|warned|stressed|insisted)\b", between):
                return True
    return False


def one_office_per_country(doc: Doc, reg: Registry, p: _Person) -> str | None:
    """A weak guess that gives a person the country whose same office is held by someone else named
    ("President A" of C already in the article): the headline's other country instead."""
    title = (p.title or "").lower().strip()
    office = next((o for o in _SINGLE_OFFICES if title.endswith(o)), None)
    if not office or not p.country:
        return None
    holder = next(
        (
            o
            for o in reg.people
            if o is not p
            and o.country == p.country
            and (o.title or "").lower().strip().endswith(office)
            and _grounded(doc, reg, o)
        ),
        None,
    )
    if holder is None or _grounded(doc, reg, p):
        return None
    head_end = doc.paras[0][1] if doc.paras else 0
    others = {c[2] for c in reg.country_mentions if c[0] < head_end and c[2] not in (p.country, "EU")}
    return next(iter(others)) if len(others) == 1 else None


# ------------------------------------------------------------------------------------------------ pass


def refine(doc: Doc, reg: Registry) -> None:
    """Apply the rules in order of how directly they describe the person."""
    lists = respective_lists(doc, reg)
    for p in reg.people:
        if id(p) in lists:
            _set(p, lists[id(p)])
    for p in reg.people:
        if not _open(p):
            continue
        for rule in (national_title, origin_in_appositive, host_of_visit, role_named_next):
            iso = rule(doc, p)
            if iso:
                _set(p, iso)
                break
    for p in reg.people:
        if _open(p):
            _set(p, listed_after_and(doc, reg, p) or insurgent_against_leader(doc, reg, p))
    for p in reg.people:
        if _open(p):
            _set(p, one_office_per_country(doc, reg, p))
