"""Stage 2: the typed mentions of one document, built once per extract() call.

A mention is a span of the text with a type: a person, a body (named by a common noun: "the foreign
ministry", "Iceland's delegation"; or by a proper name with a collective head: "the Free Valley
Movement", "the Council of Elders"), a state (a country's name, or a demonym, capital or seat of government standing for
it), a place (a city or town named after "in", "at the", "visit", "the city of" ...), a bloc (a supranational body or alliance: "the
European Union", "ASEAN"), a date or time expression; and the pronouns
the coreference stage (coref.py) resolves.

The mentions are read from what the earlier stages found (people.scan's Registry, dates.find_dates),
so that the later stages look them up here instead of scanning the text again. Nothing is kept
outside one call: a Mentions belongs to one Doc.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import gazetteer
from .model import Doc
from .model import Mention
from .model import Mentions
from .people import Registry
from .people import _poss

# ------------------------------------------------------------------------------------------------ rules

# (the lookahead passes over the positions where no pronoun can start faster than \b and the alternation do)
_PRONOUN_RE = re.compile(
    r"(?=[hHsStTiI])\b(?:he|she|He|She|his|her|His|Her|him|they|They|them|their|Their|it|It|its|Its)\b"
)
# a word of place, then a capitalised run of up to three words: "in X", "at the X talks", "visit X", "the city of
# X", "scheduled for X" (no leading \b: the regex runs several times faster without one; the word start is
# checked after)
_PLACE_BEFORE_RE = re.compile(
    r"(?:in(?:side|to)?|at|to|f(?:or|rom)|near|outside|visit(?:ed|s|ing)?(?:\s+to)?|(?:city|capital)\s+of)"
    r"\s+(?:the\s+)?([A-Z][\w\-’'.]*(?:\s?[A-Z][\w\-’'.]*){0,2})"
)  # (factored by first letters, no lookbehind: as fast as the shorter list of words it replaced)
# "for" is a word of place only after these ("talks scheduled for Geneva", not "for Chile")
_FOR_PLACE_RE = re.compile(r"(?:scheduled|planned|slated|set) $")
# after a town's name: ", <Country>" ("in Kolding, Denmark")
_COUNTRY_AFTER_RE = re.compile(r",\s+(?:the\s+)?[A-Z]")


# the gender and number of each pronoun as _PRONOUN_RE finds it
_GENDER = {
    **dict.fromkeys(("he", "He", "his", "His", "him"), "m"),
    **dict.fromkeys(("she", "She", "her", "Her"), "f"),
    **dict.fromkeys(("it", "It", "its", "Its"), "n"),
    **dict.fromkeys(("they", "They", "them", "their", "Their"), "p"),
}


def state_form(surface: str) -> str:
    """How a state is named: by its "name", a "demonym", its "capital" or a "seat" of government."""
    g = gazetteer.gaz()
    if surface in g.country_name:
        return "name"
    if surface in g.demonym:
        return "demonym"
    return "capital" if surface in g.capital else "seat"


def person_mentions(reg: Registry) -> list[Mention]:
    """Every span the scan gave a person, keyed by the person's full name."""
    out = []
    text = reg.doc.text
    for p in reg.people:
        for s, e in p.mentions:
            written = text[s:e]
            out.append(Mention("person", s, e, written, p.name, p.country, "name" if written == p.name else "short"))
    return out


def body_mentions(reg: Registry) -> list[Mention]:
    """The bodies named by a common noun ("Egypt's irrigation ministry", "the delegation"), keyed by their
    head word; form "common"."""
    return [Mention("body", b.start, b.end, b.name, b.head, b.country, "common") for b in reg.bodies]


# movements, parties, fronts, councils... named by a proper name ending in their head: "the Free Valley
# Movement", "the National Unity Party", "the Council of Elders"
_COLLECTIVE_HEADS = (
    "Movement|Front|Group|Party|Alliance|Coalition|Council|Committee|Organi[sz]ation|Union|League|Brigades?|"
    "Army|Forces|Federation|Association|Militia|Congress"
)
_HEAD_RE = re.compile(r"(?:" + _COLLECTIVE_HEADS + r")\b")  # the word start is checked after (faster)
# the capitalised words before a head ("Free Valley ", "Council of ") and an "of <Name>" after it
_WORDS_BEFORE_RE = re.compile(r"(?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,5}$")
_OF_AFTER_RE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}")
_LEADING = frozenset({"The", "A", "An"})
_STATE_AND_RE = re.compile(r"((?:[A-Z][\w’'\-]*\s+){0,2}?[A-Z][\w’'\-]*)\s+and\s+(?:the\s+)?")


def proper_body_mentions(doc: Doc, people: list[Mention]) -> list[Mention]:
    """Bodies named by a proper name with a collective head word ("the Free Valley Movement", "the Council
    of Elders"), keyed by that head in lower case; form "proper". A run that is a person's name is not one."""
    text = doc.masked
    out: list[Mention] = []
    for h in _HEAD_RE.finditer(text):
        if (h.start() and text[h.start() - 1].isalnum()) or (out and h.start() < out[-1].end):
            continue  # inside a word; or "Council of the Nationalist Front": one name
        w0 = max(0, h.start() - 100)
        before = _WORDS_BEFORE_RE.search(text, w0, h.start())
        a = before.start() if before else h.start()
        joined = _STATE_AND_RE.match(text, a, h.start())
        if joined and gazetteer.country_of_place(joined.group(1)):
            a = joined.end()  # "Chile and the Free Valley Movement": two parties, the body is the second
        after = _OF_AFTER_RE.match(text, h.end())
        b = after.end() if after else h.end()
        words = text[a:b].split()
        while words and (words[0] in _LEADING or words[0] in gazetteer.FUNCTION_CAPS):
            a = text.index(words[1], a + len(words[0])) if len(words) > 1 else b
            words = words[1:]
        if len(words) < 2 or any(p.start < b and a < p.end for p in people):
            continue
        out.append(Mention("body", a, b, " ".join(words), h.group().lower(), None, "proper"))
    return out


def state_mentions(reg: Registry) -> list[Mention]:
    """Country names, demonyms, capitals and seats of government, each standing for its state (ISO key)."""
    return [
        Mention("state", s, e, surface, iso, iso, state_form(surface)) for s, e, iso, surface in reg.country_mentions
    ]


def place_name(words: list[str], text: str, at: int, end: int) -> tuple[str, str, str] | None:
    """The longest known place name the capitalised words at `at` begin with: (name, ISO code, form). A
    "city" (also written without its apostrophes: "Ba’qubah"), or a smaller "town" when ", <Country>" follows
    it or it is the whole run (which ends by `end`). The name drops a possessive ("Geneva's") and a trailing
    full stop."""
    for n in range(len(words), 0, -1):
        written = " ".join(words[:n])
        name = _poss(written.rstrip(".,"))[0]
        iso = gazetteer.city_country(name)
        if iso is None and ("’" in name or "'" in name):
            iso = gazetteer.city_country(name.replace("’", "").replace("'", ""))
        if iso is not None:
            return name, iso, "city"
        if n == len(words) or _COUNTRY_AFTER_RE.match(text, at + len(written), end):
            iso = gazetteer.town_country(name)
            if iso is not None:
                return name, iso, "town"
    return None


def place_mentions(doc: Doc, states: list[Mention]) -> list[Mention]:
    """Cities and towns named after a word of place ("in X", "at the X talks", "visit X", "the city of X")
    that are no state mention (place_name reads the name; a town only in "<town>, <Country>" or alone)."""
    covered = sorted((m.start, m.end) for m in states)
    starts = [a for a, _ in covered]
    ends = [s.end for s in doc.sentences]
    out = []
    text = doc.masked
    for m in _PLACE_BEFORE_RE.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue  # "within X", "Toronto X": not the word "in" / "to"
        if text.startswith("for", m.start()) and not _FOR_PLACE_RE.search(text, max(0, m.start() - 10), m.start()):
            continue
        a = m.start(1)
        k = bisect.bisect_right(ends, a)
        end = ends[k] if k < len(ends) else len(text)
        words = text[a : min(m.end(1), end)].split()  # (a run of capitalised words ends with its sentence)
        found = place_name(words, text, a, end)
        if found is None:
            continue
        k = bisect.bisect_right(starts, a) - 1
        if k < 0 or covered[k][1] <= a:
            name, iso, form = found
            out.append(Mention("place", a, a + len(name), name, iso, iso, form))
    return out


@lru_cache(maxsize=1)
def _bloc_re() -> re.Pattern[str]:
    """Every written name of a bloc, the longest first (a pure cached pattern)."""
    names = sorted(gazetteer.bloc_names(), key=len, reverse=True)
    firsts = "".join(sorted({n[0] for n in names}))  # the lookahead skips most positions faster than \b does
    return re.compile(r"(?=[" + firsts + r"])\b(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def bloc_mentions(doc: Doc) -> list[Mention]:
    """Supranational bodies and alliances by name ("the European Union", "ASEAN", "NATO"), keyed by their
    short name (gazetteer.BLOCS); form "name" for a name of several words, "short" for one word ("NATO")."""
    names = gazetteer.bloc_names()
    out = []
    for m in _bloc_re().finditer(doc.masked):
        key = names[m.group()]
        form = "name" if " " in m.group() else "short"
        out.append(Mention("bloc", m.start(), m.end(), m.group(), key, "EU" if key == "EU" else None, form))
    return out


def date_mentions(doc: Doc) -> list[Mention]:
    """The date and time expressions dates.find_dates found ("on Monday", "last August 13", "next week"), each
    with its DateHit (the event stage reads a weekday or a date without a year by the meeting's tense)."""
    return [
        Mention("date", h.start, h.end, h.text, h.date.isoformat() if h.date else "", None, h.precision or h.kind, h)
        for h in doc.date_hits or ()
    ]


def pronoun_mentions(doc: Doc) -> list[Mention]:
    """he, she, they, it and their other cases (key: m, f, p or n)."""
    return [
        Mention("pronoun", m.start(), m.end(), w, _GENDER[w])
        for m in _PRONOUN_RE.finditer(doc.masked)
        if (w := m.group())
    ]


def build(doc: Doc, reg: Registry) -> Mentions:
    """All typed mentions of the document, from the people scan and the date hits already made."""
    persons = person_mentions(reg)
    states = state_mentions(reg)
    named = persons + body_mentions(reg) + proper_body_mentions(doc, persons) + states
    items = named + place_mentions(doc, states) + bloc_mentions(doc) + date_mentions(doc) + pronoun_mentions(doc)
    return Mentions(items)
