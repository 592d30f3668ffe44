"""The place slot of a meeting frame (stage 4): where a sentence puts its meeting ("in X", "at the X
Palace", "the resort city of X", "X will host", "visited X") and, over the article's frames, a country
venue made a city and a series' single place given to its rounds told without one.

location_in reads the stage-2 state and place mentions (doc.mentions) after a word of place: which words
of place make a venue ("in", "at", "scheduled for"; "to" only after a word of travel; not "the embassy
in") is this slot's rule, what the name is (a country, city, town, capital, seat) is stage 2's. No state
outside one call."""

from __future__ import annotations

import bisect
import re

from . import gazetteer
from .document import Doc
from .frames import EventFrame
from .frames import clause_starts
from .people import _poss

_NOT_PLACES = (
    {
        "Congress",
        "Parliament",
        "Senate",
        "Reuters",
        "Geneva Conventions",
        "Christmas",
        "Easter",
        "Ramadan",
        "English",
        "French",
        "Arabic",
        "Russian",
        "Spanish",
        "Chinese",
        "Person",
        "Person Of",
        "Victory",
        "Mobile",
        "Reading",
        "Bath",
        "Nice",
        "Split",
        "Of",
        "The",
    }
    | gazetteer.WEEKDAY_NAMES
    | gazetteer.MONTH_NAMES
)


TRAVEL_BEFORE = re.compile(
    r"\b(?:visit\w*|trip|travel\w*|fl(?:y|ew|ying)|go(?:es|ing)?|went|come|came|coming|"
    r"return\w*|arriv\w*|head\w*|invit\w+|back|journey|mission|delegation|tour\w*)\b[^,;]{0,25}$",
    re.I,
)
NOT_A_VENUE_BEFORE = re.compile(
    r"\b(?:embassy|embassies|consulate|mission|office|offices|correspondent|bureau|"
    r"based|born|headquartered|stationed|troops|forces|"
    r"situation|conflict|crisis|war|fighting|violence|dispute|settlement|peace|ceasefire|"
    r"truce|offensive|attacks?|strikes?|clashes)\s*$",
    re.I,
)  # the topic, not the venue


HOST_BEFORE = re.compile(
    r"\bhost(?:s|ed|ing)?\s+(?:(?:the|a|an|its|their|this|next|[\w’'\-]+(?:’s|'s))\s+)?"
    r"(?:[\w’'\-]+\s+){0,3}$",
    re.I,
)


def host_place(doc: Doc, a: int, ts: int) -> str | None:
    """ "Indonesia ... will host the bloc's annual summit": the host state (or city) is the venue."""
    m = HOST_BEFORE.search(doc.masked, max(a, ts - 60), ts)
    if not m:
        return None
    if re.search(r"\b(?:for|thank\w*|after|by)\s+$", doc.masked[max(a, m.start() - 12) : m.start()]):
        return None  # "thanked X for hosting the talks": X is the host, named elsewhere
    # the host is the sentence's subject: its first words
    hosts = [
        c
        for c in doc.mentions.between("state", a, m.start())
        if re.fullmatch(r"\s*(?:The\s+)?", doc.masked[a : c.start])
    ]
    if not hosts:
        return None
    surface = hosts[0].text
    if surface in gazetteer.gaz().demonym:
        return None  # "the Egyptian side hosted": no place named
    return surface if (gazetteer.is_country_name(surface) or gazetteer.city_country(surface)) else None


def location_in(doc: Doc, a: int, b: int, trig_s: int, trig_e: int) -> str | None:

    seg = doc.masked[a:b]
    best = None
    best_d = (2, 0)
    starts = clause_starts(doc, a, b)
    own = bisect.bisect_right(starts, trig_s) - 1

    def rank(pos: int) -> tuple[int, int]:
        # a place in the trigger's own clause first ("ended in X, but they may meet again in Y")
        return (0 if bisect.bisect_right(starts, pos) - 1 == own else 1, abs(pos - trig_s))

    # "in Istanbul", "at a facility in the South African capital", "in Addis Ababa"
    for m in re.finditer(
        r"\b(?:in|at|to|near|outside|inside|(?<=scheduled )for|(?<=planned )for|(?<=slated )for|(?<=set )for)\s+"
        r"(?:the\s+)?(?P<place>(?:[A-Z][\w\-’'.]*\s?){1,3})",
        seg,
    ):
        if NOT_A_VENUE_BEFORE.search(seg[max(0, m.start() - 30) : m.start()]):
            continue  # "China's embassy in Washington": where the embassy is, not the meeting
        if m.group(0).startswith("to") and not TRAVEL_BEFORE.search(seg[max(0, m.start() - 40) : m.start()]):
            continue  # "shipments of engines to China": a destination of goods, not a venue
        cand = _venue_named(doc, a + m.start("place"), m.group("place").split())
        if cand and cand not in ("US", "U.S."):
            d = rank(a + m.start())
            if d < best_d:
                best, best_d = cand, d
    for pos, cand in _appositive_places(seg):
        d = rank(a + pos)
        if d < best_d:
            best, best_d = cand, d
    if best:
        return best
    # a city used as a modifier: "the new Istanbul meeting"
    mod = re.search(
        r"(?<![\w\-])(?:The\s+|the\s+)?([A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)\s+$", doc.masked[max(a, trig_s - 40) : trig_s]
    )
    if mod and gazetteer.city_country(mod.group(1)) and not gazetteer.gaz().demonym.get(mod.group(1)):
        return mod.group(1)
    # a named building as the venue: "the brief meeting at Ortega Palace" (no town named in the sentence)
    v = BUILDING_VENUE.search(seg, max(0, trig_s - a - 60), min(len(seg), trig_e - a + 60))
    return v.group("venue") if v else None


def _venue_named(doc: Doc, pos: int, words: list[str]) -> str | None:
    """The venue the state or place mention at pos names (the longest one there): a country, a city or
    town, a seat of government with its city ("Kremlin, Moscow"), a demonym before "capital" as that
    capital; none when the run of capitalised words (words) begins with a word that is no place here
    ("Geneva Conventions", "Nice", a weekday)."""
    named = [c for k in ("state", "place") for c in doc.mentions.between(k, pos, pos + 1)]
    if not named:
        return None
    c = max(named, key=lambda c: c.end)
    for n in range(len(words), 0, -1):
        written = " ".join(words[:n])
        name = _poss(written.rstrip(".,"))[0]
        if name in _NOT_PLACES:
            return None
        if name == c.text:
            break
    else:
        return None
    if c.form == "seat":
        return f"{name}, {gazetteer.SEAT_CITY[name]}" if name in gazetteer.SEAT_CITY else None
    if c.form == "demonym":
        capital = re.match(r"\s*capital\b", doc.masked[pos + len(written) : pos + len(written) + 12])
        return (gazetteer.gaz().iso_capital.get(c.key) or gazetteer.country_display(c.key)) if capital else None
    return name


BUILDING_VENUE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<venue>(?:[A-Z][\w\-’']*\s){1,3}(?:Palace|House|Hall|Hotel|"
    r"Centre|Center|Residence|Castle|Villa|Pavilion|Lodge|Manor|Building))\b"
)


def is_building(place: str) -> bool:
    return (
        bool(
            re.search(
                r"\s(?:Palace|House|Hall|Hotel|Centre|Center|Residence|Castle|Villa|Pavilion|Lodge|Manor|"
                r"Building)$",
                place,
            )
        )
        and "," not in place
    )


# "in the resort city of X", "in the Angolan capital, X", "at the U.S. capital Washington": a place
# described before it is named; particles of Arabic and Romance names stay in ("Sharm el-Sheikh").
APPOSITIVE_PLACE = re.compile(
    r"\b(?:in|at|to|near|outside)\s+(?:the\s+)?(?:[\w.’'\-]+\s+){0,3}?"
    r"(?:capital|city|town|resort|port|village|region|province|enclave|district)(?:\s+city)?(?:\s+of)?,?\s+"
    r"(?P<place>[A-Z][\w’'\-]*(?:\s+(?:(?:el|al|es|ash|ad|de|da|do|du|la|le)[\-\s])?[A-Z][\w’'\-]*){0,2}"
    r"|[A-Z][\w’'\-]*\s+(?:el|al|es|ash|ad|de|da|du|la|le)-[A-Z][\w’'\-]*)"
)


def _place_name(name: str) -> str | None:
    """The gazetteer's reading of a place name, trying the name without apostrophes ("Ba’qubah")."""
    for cand in (name, re.sub(r"[’']", "", name)):
        if gazetteer.city_country(cand) or gazetteer.town_country(cand) or gazetteer.is_country_name(cand):
            return name
    return None


def _appositive_places(seg: str) -> list[tuple[int, str]]:
    """(offset, place) for the places named after a description in seg, longest known name first."""
    out = []
    for m in APPOSITIVE_PLACE.finditer(seg):
        words = m.group("place").split()
        for k in range(len(words), 0, -1):
            nm = " ".join(words[:k]).rstrip(".,")
            if _place_name(nm) and nm not in _NOT_PLACES:
                out.append((m.start(), nm))
                break
    return out


VISITED_RUN = re.compile(r"\s+(?:to\s+)?(?:the\s+)?(?=[A-Z])")


def visited_place(doc: Doc, te: int) -> str | None:
    """ "visited Baku", "a visit to Cairo", "trip to Doha": the country or city visited (the state or place
    mention right after the trigger ending at te; not a seat or a demonym)."""
    vm = VISITED_RUN.match(doc.masked, te, te + 40)
    if not vm:
        return None
    named = [c for k in ("state", "place") for c in doc.mentions.between(k, vm.end(), vm.end() + 1)]
    named = [c for c in named if c.form in ("name", "capital", "city", "town")]
    return max(named, key=lambda c: c.end).text if named else None


def same_place(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if a == b:
        return True
    if is_building(a) or is_building(b):
        return True  # a palace or hotel lies in the town named elsewhere
    ca = gazetteer.city_country(a) or gazetteer.country_of_place(a)
    cb = gazetteer.city_country(b) or gazetteer.country_of_place(b)
    if ca and cb and ca == cb and (gazetteer.is_country_name(a) or gazetteer.is_country_name(b)):
        return True
    return False


def city_within(city: str, country: str) -> bool:
    """A city of that country: ("Kuala Lumpur", "Malaysia")."""
    if not gazetteer.is_country_name(country) or gazetteer.is_country_name(city):
        return False
    iso = gazetteer.country_of_place(country)
    return bool(iso) and (gazetteer.city_country(city) or gazetteer.country_of_place(city)) == iso


def refine_country_venues(doc: Doc, items: list[EventFrame]) -> None:
    """A venue given only as a country becomes the city when the article places a meeting in a city of
    that country elsewhere (same kind group), or the dateline's city is in that country."""
    for m in items:
        if not m.place or m.place_weak or not gazetteer.is_country_name(m.place):
            continue
        cities = [
            o.place
            for o in items
            if o is not m
            and o.place
            and not o.place_weak
            and (o.kind == "call") == (m.kind == "call")
            and o.phase == m.phase
            and city_within(o.place, m.place)
        ]
        if len(set(cities)) == 1:
            m.place = cities[0]
        elif not cities and doc.dateline and city_within(doc.dateline, m.place):
            m.place = doc.dateline


def inherit_single_venue(items: list[EventFrame]) -> None:
    """Rounds of one process told without a place happen where the article puts all its other meetings of
    that kind, when it names one such place for at least two of them ("both teams met for a day of
    talks, from ...")."""
    for m in items:
        if m.place:
            continue
        placed = [o.place for o in items if o.place and not o.place_weak and o.kind == m.kind]
        cities = {p for p in placed if not gazetteer.is_country_name(p)}
        # "in Mexico" and "in Mexico City" name one place
        places = {p for p in placed if not (gazetteer.is_country_name(p) and any(city_within(c, p) for c in cities))}
        if len(places) == 1 and len(placed) >= 2 and m.kind != "call":  # a series, not one other event
            m.place, m.place_weak = places.pop(), True
