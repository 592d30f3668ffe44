"""People and bodies: name spotting with title/appositive cues, coreference of surnames, countries."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer
from .affiliation import refine as refine_countries
from .document import MASK
from .document import Doc
from .model import PREFIXED_RE
from .model import Person
from .model import tok_keys
from .types import KnownActor

Tok = tuple[int, int, str]  # start, end, word

_POST_ALT = "|".join(sorted(gazetteer.POST_VERBS, key=len, reverse=True))
_AFTER_VERB_RE = re.compile(
    r"\s*(?:,[^,]{0,80},\s*)?(?:also\s+|later\s+|then\s+|has\s+|had\s+|reportedly\s+)?(?:" + _POST_ALT + r")\b"
)
# a run of masked (quoted) characters is one token: it is never part of a name, a particle or a place name,
# and the rules look at the tokens that follow a capitalised word only while they may continue a name
TOKEN_RE = re.compile(MASK + r"+|(?:[A-Za-z]\.){2,}|[^\W_][\w'’\-]*[\w]|[^\W_]|[^\w\s]")
PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "de",
    "da",
    "van",
    "von",
    "der",
    "du",
    "la",
    "le",
    "dos",
    "del",
    "di",
    "ben",
    "abu",
    "bint",
    "ter",
    "den",
    "st.",
    "das",
    "do",
    "della",
    "dei",
    "ould",
    "ag",
    "bou",
}


def name_tok(tok: str) -> bool:
    """A token that can stand inside a personal name: capitalised or a prefixed name ("al-Burhan")."""
    return tok[:1].isupper() or bool(PREFIXED_RE.match(tok))


# honorifics and titles written short, with a dot: "Mr. Roe", "Sen. Roe"; never a name themselves
SHORT_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen"})
DOTTED_TITLES = SHORT_TITLES | {"Lt", "Col", "St", "Jr", "Prof", "Rev", "Adm", "Capt", "Sgt"}

STOP_CAPS = (
    {
        "By",
        "For",
        "Or",
        "Nor",
        "These",
        "Those",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "They",
        "He",
        "She",
        "You",
        "Who",
        "Where",
        "Which",
        "Shortly",
        "Last",
        "Next",
        "Tomorrow",
        "Background",
        "Context",
        "Latest",
        "Sources",
        "Both",
        "Each",
        "Some",
        "Many",
        "Most",
        "All",
        "Several",
        "Such",
        "Other",
        "Another",
        "Former",
        "Senior",
        "Top",
        "Chief",
        "Deputy",
        "Acting",
        "New",
        "Only",
        "Just",
        "Not",
        "No",
        "Yes",
        "Here",
        "There",
        "Unlike",
        "Like",
        "Moreover",
        "Furthermore",
        "Nevertheless",
        "Nonetheless",
        "Already",
        "Perhaps",
        "Maybe",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "God",
        "Allah",
        "Christmas",
        "Easter",
        "Ramadan",
        "Eid",
        "Internet",
        "Netflix",
        "YouTube",
        "Google",
        "Watch",
        "Read",
        "Click",
        "Photo",
        "Video",
        "Getty",
        "Images",
        "Reuters",
        "Correction",
        "Update",
        "Editor",
        "Note",
        "Advertisement",
        "Share",
        "Comments",
        "Democrats",
        "Republicans",
        "Democrat",
        "Republican",
        "Democratic",
        "Government",
        "Ministry",
        "Minister",
        "President",
        "Secretary",
        "Chairman",
        "Prime",
        "Foreign",
        "Defense",
        "Defence",
        "State",
        "Security",
        "National",
        "Council",
        "Union",
        "Party",
        "Army",
        "Forces",
        "Senate",
        "House",
        "Congress",
        "Parliament",
        "Court",
        "Supreme",
        "It’s",
        "It's",
        "Let",
        "Please",
        "Thank",
        "Thanks",
        "Dear",
        "OK",
        "Well",
        "Oh",
        "Hello",
        "Hi",
        "Sir",
        "Madam",
        "Lady",
        "Lord",
        "Ladies",
        "Gentlemen",
        "America",
        "Americans",
        "Europe",
        "Africa",
        "Asia",
        "Middle",
        "East",
        "West",
        "North",
        "South",
        "Western",
        "Eastern",
        "Northern",
        "Southern",
        "Central",
        "Black",
        "White",
        "Green",
        "Independent",
        "Liberal",
        "Conservative",
        "Labour",
        "Labor",
        "Catholic",
        "Muslim",
        "Christian",
        "Jewish",
        "Islamic",
        "Arab",
        "Kurdish",
        "Sunni",
        "Shia",
        "Shiite",
        "English",
        "Spanish",
        "Latino",
        "Hispanic",
        "African",
        "Asian",
        "European",
        "Obamacare",
        "Medicare",
        "Medicaid",
        "Brexit",
        "Election",
        "Day",
        "Clintons",
        "Trumps",
        "Covid",
        "COVID",
        "Olympics",
    }
    | gazetteer.FUNCTION_CAPS
    | SHORT_TITLES
    | gazetteer.SENTENCE_CAPS
)
TITLE_MODS = {
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "prime",
    "vice",
    "deputy",
    "state",
    "national",
    "security",
    "top",
    "senior",
    "former",
    "acting",
    "chief",
    "special",
    "assistant",
    "first",
    "crown",
    "supreme",
    "executive",
    "general",
    "press",
    "white",
    "house",
    "energy",
    "trade",
    "justice",
    "economy",
    "health",
    "intelligence",
    "military",
    "armed",
    "forces",
    "affairs",
    "external",
    "home",
    "of",
    "the",
    "for",
    "presidential",
    "democratic",
    "republican",
    "opposition",
    "party",
    "high",
    "lead",
    "principal",
    "permanent",
    "head",
    "u.n.",
    "un",
    "nato",
    "eu",
    "au",
    "majority",
    "minority",
    "senate",
    "irrigation",
    "water",
    "oil",
    "information",
    "development",
    "agriculture",
    "education",
    "culture",
    "labour",
    "labor",
    "transport",
    "commerce",
    "industry",
    "environment",
    "treasury",
    "communications",
    "campaign",
    "policy",
    "veteran",
    "longtime",
    "then",
    "newly",
    "elected",
    "appointed",
    "outgoing",
    "incoming",
    "current",
    "interim",
    "caretaker",
    "regional",
    "federal",
    "provincial",
    "local",
    "government",
    "government's",
    "team",
    "staff",
    "joint",
    "army",
    "navy",
    "air",
    "force",
    "naval",
    "rebel",
    "militia",
    "tribal",
    "religious",
    "spiritual",
    "political",
    "nuclear",
    "economic",
    "legal",
    "media",
    "communication",
    "chief-of-staff",
    "de",
    "facto",
    "self-declared",
    "self-styled",
    "so-called",
    "exiled",
    "ousted",
    "late",
    "slain",
    "jailed",
    "imprisoned",
    "detained",
    "independent",
    "green",
    "libertarian",
    "democrat",
    "conservative",
    "liberal",
    "gop",
    "progressive",
    "populist",
    "nationalist",
    "far-right",
    "far-left",
    "right-wing",
    "left-wing",
    "hardline",
    "moderate",
    "presumptive",
    "vice-presidential",
    "gubernatorial",
    "mayoral",
    "congressional",
    "senatorial",
    "party's",
    "ruling",
    "main",
    "leading",
    "key",
    "fellow",
    "sitting",
    "retired",
    "ex",
    "ex-",
    "one-time",
    "onetime",
    "erstwhile",
}
_INSTITUTION_HEADS = {
    "commission",
    "council",
    "bank",
    "court",
    "assembly",
    "parliament",
    "agency",
    "committee",
    "union",
    "league",
    "federation",
    "fund",
    "authority",
    "ministry",
    "government",
    "army",
    "party",
    "organization",
    "organisation",
    "alliance",
    "navy",
    "police",
    "tribunal",
}
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m", "they": "p", "we": "p", "i": "s"}


@dataclass
class Body:
    name: str  # as the article gives it: "Egypt's irrigation ministry"
    head: str  # "ministry"
    country: str | None
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[Tok]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN_RE.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _poss(tok: str) -> tuple[str, bool]:
    last = tok[-1:]
    if last == "s":
        if len(tok) > 3 and tok[-2] in "’'":
            return tok[:-2], True
        return tok, False
    if last in "’'" and len(tok) > 2:
        return tok[:-1], True
    return tok, False


class Registry:
    """The people and bodies of one article."""

    def __init__(self, doc: Doc, known: Iterable[KnownActor] = ()) -> None:
        self.doc = doc
        self.people: list[Person] = []
        self.bodies: list[Body] = []
        self.known = list(known or ())
        self.main_country: str | None = None
        self.country_mentions: list[tuple[int, int, str, str]] = []  # start, end, iso, surface
        # members of a list of titled people that share the first member's country (ids and pending starts)
        self.list_joined: set = set()
        self._all_keys: set[str] | None = None  # union of the people's keys (None: rebuild on next use)

    def has_key(self, tok: str) -> bool:
        """Is tok a name token (or its unprefixed form) of someone already registered?"""
        if self._all_keys is None:
            self._all_keys = {k for p in self.people for k in p.keys}
        return tok in self._all_keys

    # ------------------------------------------------------------------ lookup
    def find(self, name: str) -> Person | None:
        name_toks = name.split()
        for p in self.people:
            if p.name == name or name in p.aliases:
                return p
        if len(name_toks) == 1:
            tok = name_toks[0]
            hits = [p for p in self.people if tok in p.keys and len(tok) > 1] if self.has_key(tok) else []
            if len(hits) == 1:
                return hits[0]
            if hits:
                last = [p for p in hits if p.ends_with(tok)]
                if len(last) >= 1:
                    return last[0]
                return hits[0]
        else:
            for p in self.people:
                if len(p.tokens) == 1 and p.tokens[0] in name_toks:
                    return p
                if p.ends_with(name_toks[-1]) and name_toks[0] == p.tokens[0]:
                    return p
        return None

    def add(
        self,
        name: str,
        start: int,
        end: int,
        title: str = "",
        country: str | None = None,
        evidence: int = 1,
        gender: str | None = None,
        country_weak: bool = False,
    ) -> Person:
        p = self.find(name)
        toks = name.split()
        if p is None:
            p = Person(name, toks, country, title, gender, evidence=evidence, country_weak=country_weak)
            self.people.append(p)
            if self._all_keys is not None:
                self._all_keys.update(p.keys)
        else:
            if len(toks) > len(p.tokens) and (
                p.tokens[-1] in toks or p.tokens[0] in toks or any(p.tokens[-1] in tok_keys(t) for t in toks)
            ):
                p.aliases.add(p.name)
                p.name, p.tokens = name, toks
                self._all_keys = None  # the old name's keys may be gone
            elif name != p.name:
                p.aliases.add(name)
            if country and (not p.country or (p.country_weak and not country_weak)):
                p.country, p.country_weak = country, country_weak
            if title and not p.title:
                p.title = title
            if gender and not p.gender:
                p.gender = gender
            p.evidence += evidence
        if (start, end) not in p.mentions:
            p.mentions.append((start, end))
        return p

    def mentions_sorted(self) -> list[tuple[int, int, Person]]:
        out = [(s, e, p) for p in self.people for s, e in p.mentions]
        out.sort(key=lambda x: x[0])
        return out


# ---------------------------------------------------------------------- scanning


def _known_index(known: Iterable[KnownActor]) -> dict[str, KnownActor]:
    idx: dict[str, KnownActor] = {}
    for k in known:
        for n in (k.name, *k.aliases):
            if n:
                idx[n] = k
    return idx


def _capitalised_runs(toks: list[Tok], upper: list[int]) -> list[tuple[int, int]]:
    """Runs of tokens that may make a name: capitalised words joined by name particles ("bin", "von der"),
    "of" after a title word ("Minister of Foreign Affairs"), honorifics with a dot ("Mr.") and middle
    initials; (first, last) token indices. upper: the indices of the capitalised tokens, in order."""
    n = len(toks)
    seqs: list[tuple[int, int]] = []
    i = 0  # the first token not yet in a run
    for i0 in upper:
        if i0 < i or toks[i0][2] == "I":
            continue
        i = i0
        j = i
        while j + 1 < n:
            ns, _, nt = toks[j + 1]
            if ns - toks[j][1] > 1:
                break
            if name_tok(nt) and not toks[j][2].endswith(("’s", "'s")):
                j += 1
                continue
            if nt in PARTICLES and not toks[j][2].endswith(("’s", "'s")):
                # "bin Salman", "von der Leyen", "da Silva", "de la Cruz": one or two particles
                k2 = j + 1
                while k2 < n and k2 - j <= 2 and toks[k2][2] in PARTICLES and toks[k2][0] - toks[k2 - 1][1] <= 1:
                    k2 += 1
                if (
                    k2 < n
                    and toks[k2][0] - toks[k2 - 1][1] <= 1
                    and name_tok(toks[k2][2])
                    and toks[k2][2][:1].isupper()
                ):
                    j = k2
                    continue
            if (
                nt in ("of",)
                and j + 2 < n
                and _is_cap(toks[j + 2][2])
                and toks[j][2].lower() in gazetteer.TITLE_CORE | TITLE_MODS
            ):
                j += 2
                continue
            if nt == "." and toks[j][2] in DOTTED_TITLES and j + 2 < n and _is_cap(toks[j + 2][2]):
                j += 2
                continue
            if nt == "." and len(toks[j][2]) == 1 and j + 2 < n and _is_cap(toks[j + 2][2]) and j > i:
                j += 2  # middle initial
                continue
            break
        seqs.append((i, j))
        i = j + 1
    return seqs


def scan(doc: Doc, reg: Registry) -> None:
    text = doc.masked
    known_idx = _known_index(reg.known)
    toks = tokens(text)
    upper = [k for k, (_s, _e, t) in enumerate(toks) if t[0].isupper()]  # (tokens are never empty)
    # country mentions (outside quotes)
    _scan_countries(doc, reg, toks, upper)
    seqs = _capitalised_runs(toks, upper)
    for i, j in seqs:
        _classify(doc, reg, toks, i, j, known_idx)
    # known actors anywhere (outside quotes)
    for name, k in known_idx.items():
        if getattr(k, "kind", "") != "person":
            continue
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            p = reg.add(k.name, m.start(), m.end(), title=k.title or "", country=k.country, evidence=2)
            p.known = True
    # second pass: every later mention of a known surname/given name
    _surname_mentions(doc, reg, toks)
    _bodies(doc, reg)
    _fill_countries(doc, reg)
    refine_countries(doc, reg)


@lru_cache(maxsize=1)
def _first_words() -> frozenset:
    """First words of every country, demonym, capital and seat name (a pure cached lookup)."""
    g = gazetteer.gaz()
    return frozenset(k.split()[0] for table in (g.country_name, g.demonym, g.capital, g.seat) for k in table)


@lru_cache(maxsize=1)
def _place_first_words() -> frozenset:
    """First words of every name gazetteer.country_of_place knows (a pure cached lookup)."""
    return frozenset(k.split()[0] for k in gazetteer.gaz().place if k.split())


def _scan_countries(doc: Doc, reg: Registry, toks: list[Tok], upper: list[int]) -> None:
    """Country, demonym, capital and seat names among the tokens; upper: the capitalised tokens' indices."""
    g = gazetteer.gaz()
    firsts = _first_words()
    n = len(toks)
    i = 0  # the first token not yet in a mention
    for i0 in upper:
        t = toks[i0][2]
        if i0 < i or (t not in firsts and _poss(t)[0] not in firsts):
            continue
        i = i0
        hit = None
        for span in (3, 2, 1):
            if i + span > n:
                continue
            words = [toks[k][2] for k in range(i, i + span)]
            base, _ = _poss(words[-1])
            words = words[:-1] + [base]
            name = " ".join(words)
            iso = g.country_name.get(name) or g.demonym.get(name) or g.capital.get(name) or g.seat.get(name)
            if iso:
                hit = (toks[i][0], toks[i + span - 1][1], iso, name, span)
                break
        if hit:
            reg.country_mentions.append(hit[:4])
            i += hit[4]
        else:
            i += 1
    # the main country: the most often named, the first named on a tie
    counts: dict[str, int] = {}
    for c in reg.country_mentions:
        counts[c[2]] = counts.get(c[2], 0) + 1
    if counts:
        first: dict[str, int] = {}
        for n_, c in enumerate(reg.country_mentions):
            first.setdefault(c[2], n_)
        reg.main_country = max(counts, key=lambda k: (counts[k], -first[k]))


def _country_in_words(words: list[str]) -> str | None:
    return _country_in_word_tuple(tuple(words))


@lru_cache(maxsize=8192)
def _country_in_word_tuple(words: tuple[str, ...]) -> str | None:
    """The first country, demonym, capital, seat or movement named in the words (longest names first)."""
    g = gazetteer.gaz()
    for span in (3, 2, 1):
        for k in range(len(words) - span + 1):
            ws = words[k : k + span]
            base, _ = _poss(ws[-1])
            name = " ".join((*ws[:-1], base))
            iso = (
                g.country_name.get(name)
                or g.demonym.get(name)
                or g.capital.get(name)
                or g.seat.get(name)
                or gazetteer.movement_country(name)
            )
            if iso:
                return iso
    return None


ROLE_NOUNS = {"counterpart", "counterparts", "co-chair", "co-chairs", "successor", "predecessor", "deputy"}
_REPORT_AFTER_RE = re.compile(
    r"\s+(?:(?:also|later|then|has|had)\s+)?(?:said|says|told|added|confirmed|insisted|"
    r"stressed|warned|announced|replied|noted|explained|argued|tweeted|wrote)\b"
)


def _lone_surname_subject(doc: Doc, toks: list[Tok], i: int) -> bool:
    """'On his way out, Roe confirmed ...': a lone capitalised word that is the subject of a reporting verb
    in a sentence or next sentence that speaks of the subject as "he"/"she" (organisations are "it")."""
    s, e, t = toks[i]
    if (
        t in STOP_CAPS
        or len(t) < 4
        or not t[1:].islower()
        or gazetteer.country_of_place(t)
        or gazetteer.city_country(t)
        or t.lower() in gazetteer.TITLE_CORE
        or t.lower() in gazetteer.ORG_NAME_HEADS
    ):
        return False
    if not _REPORT_AFTER_RE.match(doc.masked, e):
        return False
    sent = doc.sentence_at(s)
    k = doc.index_of(sent) if sent is not None else -1
    if sent is None or k < 0:
        return False
    around = doc.masked[sent.start : doc.sentences[min(k + 1, len(doc.sentences) - 1)].end]
    return bool(re.search(r"\b(?:he|she|his|her|He|She|His|Her)\b", around))


def _in_titlecase_headline(doc: Doc, pos: int) -> bool:
    if not doc.paras or pos >= doc.paras[0][1]:
        return False
    words = re.findall(r"[A-Za-z][\w’'\-]*", doc.text[doc.paras[0][0] : doc.paras[0][1]])
    long_ = [w for w in words if len(w) >= 4]
    return len(long_) >= 3 and sum(w[0].isupper() for w in long_) >= 0.8 * len(long_)


def _opens_place(words: list[str], k: int) -> bool:
    """'South' in "South Sudanese President X": the first word of a multiword country or demonym."""
    for span in (3, 2):
        if k + span <= len(words):
            last, _ = _poss(words[k + span - 1])
            if gazetteer.country_of_place(" ".join(words[k : k + span - 1] + [last])):
                return True
    return False


def _title_name(words: list[str], k_: int) -> bool:
    """An English word that is a name here: right after a title and before another capitalised token."""
    return (
        k_ + 1 <= len(words) - 1
        and words[k_] in STOP_CAPS
        and words[k_].isalpha()
        and len(words[k_]) <= 5
        and words[k_ + 1][:1].isupper()
        and words[k_ + 1] not in STOP_CAPS
        and words[k_ + 1].lower() not in gazetteer.TITLE_CORE
        and not gazetteer.country_of_place(_poss(words[k_ + 1])[0])
    )


def _skip_function_words(words: list[str]) -> int:
    """How many sentence-initial function words ("The", "On", ...) open a capitalised run."""
    k0 = 0
    while (
        k0 <= len(words) - 1
        and words[k0] in STOP_CAPS
        and words[k0] not in ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen")
        and words[k0].lower() not in gazetteer.TITLE_CORE
        and words[k0].lower() not in TITLE_MODS
        and not _opens_place(words, k0)
    ):
        k0 += 1
    return k0


def _read_title_prefix(words: list[str], k0: int) -> tuple[int, list[str], str | None, bool, str | None]:
    """Demonyms, countries, honorifics and titles before a name: (index of the name's first word, title
    words, country, whether a title was seen, gender from an honorific)."""
    last = len(words) - 1
    place_firsts = _place_first_words()
    title_words: list[str] = []
    country = None
    k = k0
    has_title = False
    gender = None
    while k <= last:
        w = words[k]
        base, poss = _poss(w)
        lw = base.lower()
        # multiword country/demonym (only where one can begin: a place's first word, or "the")
        found = False
        may_open = w in place_firsts or base in place_firsts or w == "the"
        for span in (3, 2, 1) if may_open else ():
            if k + span - 1 <= last:
                cand = words[k : k + span]
                b2, _ = _poss(cand[-1])
                name = " ".join(cand[:-1] + [b2])
                iso = gazetteer.country_of_place(name)
                if iso and (k + span <= last):
                    country = country or iso
                    k += span
                    found = True
                    break
        if found:
            continue
        if (
            lw
            in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "prof", "rev", "adm", "capt", "sgt")
            or w == "."
        ):
            has_title = has_title or w != "."
            if lw in ("mrs", "ms"):
                gender = "f"
            elif lw == "mr":
                gender = "m"
            if w != ".":
                title_words.append(w + ".")
            k += 1
            continue
        after_of = k > 0 and words[k - 1] == "of" and bool(title_words)
        if (
            base.isupper()
            and 2 <= len(base) <= 5
            and base.isalpha()
            and not poss
            and k < last
            and (words[k + 1].lower() in gazetteer.TITLE_CORE or words[k + 1].lower() in TITLE_MODS)
        ):
            title_words.append(w)  # an agency's acronym before the title: "CIA Director", "IAEA chief"
            k += 1
            continue
        if lw in _INSTITUTION_HEADS and not poss and k < last and words[k + 1].lower() in gazetteer.TITLE_CORE:
            title_words.append(w)  # "Commission President", "Council chairman", "Bank Governor"
            k += 1
            continue
        if lw in gazetteer.TITLE_CORE or (
            lw in TITLE_MODS
            and k < last
            and (words[k + 1].lower() in gazetteer.TITLE_CORE or words[k + 1].lower() in TITLE_MODS or after_of)
        ):
            if poss:
                break  # "Ortega's" style possessive is not a title
            if lw in gazetteer.TITLE_CORE:
                has_title = True
                if lw in gazetteer.FEMALE_HONORIFICS:
                    gender = "f"
                elif lw in gazetteer.MALE_HONORIFICS:
                    gender = "m"
            title_words.append(w)
            k += 1
            continue
        break
    return k, title_words, country, has_title, gender


def _possessor_country(reg: Registry, words: list[str]) -> str | None:
    """The country of the (last) known person named in a possessive among the words: "Putin's adviser"."""
    country = None
    for w in words:
        b, ps = _poss(w)
        if ps:
            other = reg.find(b)
            if other and other.country:
                country = other.country
    return country


def _context_country(
    doc: Doc,
    reg: Registry,
    first_start: int,
    start: int,
    before_words: list[str],
    after: str,
    titled: bool,
) -> str | None:
    """A person's country from the words attached to the name when the title gave none: the words before
    ("Iran's", "Putin's adviser", "its adviser"), a list of titled people, the appositive after."""
    country = None
    ctx = _attached_ctx(before_words[-6:])
    country = _country_in_words([w for w in ctx if w != ","])
    if country is None and titled:
        # a coordinated list of titled people shares the first title's country adjective:
        # "U.S. Treasury Secretary A, Commerce Secretary B and Trade Representative C"
        country = _list_country(doc, reg, first_start)
    if country is None:
        country = _possessor_country(reg, ctx)
    if country is None and any(w.lower() in ("its", "their") for w in ctx):
        # "X was represented by its adviser, NAME": the country that is the clause's subject
        sent = doc.sentence_at(start)
        if sent:
            prior = [c for c in reg.country_mentions if sent.start <= c[0] < start]
            if prior:
                country = prior[0][2]
    if country is None and after.lstrip().startswith(",") and not re.match(r"\s*,\s*(?:who|which|whose)\b", after):
        app = re.split(r"[;.]|,\s*(?:said|told|who)\b", after.lstrip()[1:], maxsplit=1)[0]
        if re.search(r"\b(?:said|says|told|added|stated)\b", app):
            app = ""  # "NAME signed it, Russian Foreign Minister X said": the next clause's subject
        aws = re.findall(r"[\w’'\-.]+", app)
        # a place where the person is ("speaking in Beirut", "the envoy to Cairo") is not their country
        aws = [
            w
            for k_, w in enumerate(aws)
            if not (
                k_
                and aws[k_ - 1].lower() in ("in", "at", "to", "from", "near", "visiting", "outside", "inside", "into")
            )
        ]
        country = _country_in_words(aws)
        am = re.search(
            r"\b(?:adviser|advisor|aide|assistant|spokes\w+|counsel|chief of staff)\s+to\s+(?:the\s+)?"
            r"(?:[a-z]+\s+){0,2}((?:[A-Z][\w\-’']*\s?){1,3})",
            app,
        )
        if country is None and am:
            # "foreign policy adviser to Aliyev": the country of the person advised
            other = reg.find(_poss(am.group(1).strip())[0])
            if other and other.country:
                country = other.country
        if country is None:
            country = _possessor_country(reg, aws)
    return country


def _lowercase_title_before(before_words: list[str]) -> tuple[bool, str, bool]:
    """A lower-case title or role right before a name ("envoy NAME", "adviser, NAME"): (found, the title run
    such as "press secretary" or "acting prime minister", whether it is a title proper and not after a comma)."""
    bw = list(before_words[-4:])
    if not bw:
        return False, "", False
    tail = [w.lower().rstrip(".") for w in bw if w != ","]
    found = bool(tail) and (tail[-1] in gazetteer.TITLE_CORE or tail[-1] in ROLE_NOUNS)
    run = ""
    if found:
        plain = before_words[-6:-1] if bw[-1] == "," else before_words[-5:]
        if "," in plain:
            plain = plain[len(plain) - plain[::-1].index(",") :]
        run_ = [tail[-1]]
        for w in reversed(plain[:-1]):
            if w.islower() and (w in TITLE_MODS or w in gazetteer.TITLE_CORE) and w not in ("of", "the", "for"):
                run_.insert(0, w)
            else:
                break
        run = " ".join(run_)
    return found, run, bw[-1] != "," and bool(tail) and tail[-1] in gazetteer.TITLE_CORE


_APPOSITIVE_START_RE = re.compile(
    r"\s*,\s*(?:the|a|an|its|his|her|their|who|whose|\d+|[A-Z][\w.]*(?:’s|'s)|[a-z][\w-]*\s+(?:of|for|to|at)\b|"
    r"(?:former|senior|chief|top|deputy|acting|secretary|president|head|leader|minister|spokes\w+|adviser|advisor|envoy|negotiator|director|chairman|ambassador|member|founder|executive|editor|professor|analyst|author)\b|"
    r"(?:[A-Z][\w\-]+\s+){0,3}(?:Adviser|Advisor|Minister|Secretary|Director|Ambassador|Envoy|Chairman|Negotiator)\b)"
)


def _appositive_role(after: str) -> str | None:
    """The appositive after a name when it describes a person (", the AU's envoy", ", 56,", ", who ..."), else None."""
    if not _APPOSITIVE_START_RE.match(after):
        return None
    app = re.split(r"[,.;]", after.lstrip()[1:], maxsplit=1)[0]
    aw = app.lower().split()
    if any(w.strip("’'s") in gazetteer.TITLE_CORE or w in gazetteer.PERSON_ROLES for w in aw) or re.match(
        r"\s*(who|\d+)\b", app
    ):
        return app
    return None


def _bare_name(doc: Doc, core_words: list[str], start: int, end: int, sent_start: int) -> bool:
    """A bare two- or three-word capitalised name in running text with no other evidence: accepted when it
    looks like "Given Surname" and stands where a person's name stands (after a lower-case word that is not
    a determiner or preposition, or opening a sentence before a verb)."""
    text = doc.masked
    looks_common = re.search(
        r"(?:ing|al|ed|ly|ic|ous|ive|ian|ese|ist|ism|ity|tion|ment|ness)$", core_words[0].lower()
    ) or any("-" in w and w.split("-")[1][:1].isupper() and not PREFIXED_RE.match(w) for w in core_words)
    if (
        len(core_words) <= 3
        and not looks_common
        and not any(w.lower() in gazetteer.ORG_NAME_HEADS or w.lower() in TITLE_MODS for w in core_words)
        and not any(gazetteer.city_country(w) for w in core_words)
    ):
        s_at = doc.sentence_at(start)
        sstart = s_at.start if s_at else sent_start
        prevw = re.findall(r"[\w’'\-]+|,", text[max(sstart, start - 30) : start])
        pw = prevw[-1].lower() if prevw else ""
        nxt = re.match(r"\s*([\w’'\-]+)", text[end : end + 30])
        nw = nxt.group(1).lower() if nxt else ""
        if (
            not pw
            and re.match(
                r"\s+(?:is|was|has|had|will|would|says|said|told|tells|added|wrote|tweeted|"
                r"[a-z]+ed|[a-z]+s)\b",
                text[end : end + 20],
            )
            and len(core_words) in (2, 3)
        ):
            return True  # "Jane Roe is ..." at the start of a sentence
        if (
            pw
            and pw
            not in (
                "the",
                "a",
                "an",
                "this",
                "that",
                "its",
                "their",
                "his",
                "her",
                "our",
                "of",
                "in",
                "on",
                "at",
                "to",
                "from",
                "into",
            )
            and pw[0].islower()
            and nw not in gazetteer.ORG_NAME_HEADS
        ):
            return True
    return False


_LETTERS_RE = re.compile(r"[A-Za-z’'\-]+")
_OF_BEFORE_RE = re.compile(r"\bof\s+(?:the\s+)?$")
_SPACED_DOT_RE = re.compile(r"\s+\.\s*")
_WORDS_COMMAS_RE = re.compile(r"[\w’'\-.]+|,")
_PLURAL_POSS_RE = re.compile(r"s[’']\s")
_GOVERNMENT_OF_RE = re.compile(r"\b(?:government|administration|regime|cabinet)\s+of\s+$")
_MIDDLE_INITIAL_RE = re.compile(r"[A-Z][a-z]+ [A-Z]\. [A-Z][\w’'\-]+")


def _not_a_person_name(name: str, core_words: list[str], has_title: bool, titled_name: bool) -> bool:
    """Capitalised runs that are not a person's name whatever their context: an all-capitals heading, an
    organisation ("the ...", "... Movement"), a place or country word with no title, a stop word, an acronym."""
    if (
        len(core_words) >= 2
        and all(w.isupper() for w in core_words if w.isalpha())
        and not all(len(w) <= 2 for w in core_words)
    ):
        return True  # an all-capitals heading ("DOCTORS DON'T WANT ..."), not a name
    lower_core = [w.lower() for w in core_words]
    if any(
        w in gazetteer.ORG_NAME_HEADS and not (w in ("al", "el") and n_ + 2 < len(lower_core) + 1 and n_ > 0)
        for n_, w in enumerate(lower_core[1:], 1)
    ) or lower_core[0] in ("the",):
        return True
    if (gazetteer.country_of_place(name) or gazetteer.city_country(name)) and not has_title:
        return True
    if any(
        w in STOP_CAPS and w not in ("May", "Black", "White", "Green") and not (n_ == 0 and titled_name)
        for n_, w in enumerate(core_words)
    ):
        return True
    if any(w.isupper() and len(w) > 1 and "." not in w for w in core_words) and len(core_words) == 1:
        return True  # acronym
    return any(gazetteer.country_of_place(w) for w in core_words if w[0].isupper()) and not has_title


def _cue_evidence(
    text: str, before: str, before_words: list[str], after: str, start: int, end: int, core_words: list[str], poss: bool
) -> tuple[int, str | None, bool]:
    """What the words around a name say of it being a person's: the evidence points of a lower-case role
    before or an appositive role after (either also gives the title, the role before first), a name set off
    by commas after its role, a reporting verb after, a possessive, "the government of NAME". Returns the
    points, that title (or None) and whether the role before was a title."""
    evidence = 0
    cue_title = None
    # lowercase title just before: "envoy Paul Mercer", "adviser, Karim Al-Saadi"
    role_before, run_before, titled_before = _lowercase_title_before(before_words)
    if role_before:
        evidence += 2
        cue_title = run_before
    app = _appositive_role(after)
    if app is not None:
        evidence += 2
        if cue_title is None:
            cue_title = app.strip()
    if (
        after.lstrip().startswith(",")
        and before.rstrip().endswith(",")
        and any(w.lower() in gazetteer.TITLE_CORE or w.lower() in ROLE_NOUNS for w in before_words[-9:-1])
    ):
        evidence += 2  # "the leader of the movement, NAME, signed": a name set off after its role
    if _AFTER_VERB_RE.match(after):
        evidence += 1 if len(core_words) >= 2 else 0
    if (poss or _PLURAL_POSS_RE.match(text, end - 1, end + 2)) and len(core_words) >= 2:
        evidence += 1  # "Jane Roe's plan", "Ann Mathews' plan"
    if len(core_words) >= 2 and _GOVERNMENT_OF_RE.search(text[max(0, start - 30) : start]):
        evidence += 1  # "the government of NAME"
    return evidence, cue_title, titled_before


def _classify(doc: Doc, reg: Registry, toks: list[Tok], i: int, j: int, known_idx: dict[str, KnownActor]) -> None:
    text = doc.masked
    if i == j:
        # a lone capitalised word is a person only as a known surname/alias
        w = _poss(toks[i][2])[0]
        if w not in known_idx and not reg.has_key(w) and not _lone_surname_subject(doc, toks, i):
            return
    words = [t for _, _, t in toks[i : j + 1]]
    # a word that is also an English word is a name right after a title and before another
    # capitalised token: "spokesperson He Yadong", "Vice Premier He Lifeng"
    prev_w = _LETTERS_RE.findall(text, max(0, toks[i][0] - 25), toks[i][0])
    prev_title = bool(prev_w) and prev_w[-1].islower() and prev_w[-1] in gazetteer.TITLE_CORE
    k0 = 0 if prev_title and _title_name(words, 0) else _skip_function_words(words)
    # prefix: demonyms, countries, titles
    k, title_words, country, has_title, gender = _read_title_prefix(words, k0)
    core_toks = toks[i + k : j + 1]
    if not core_toks:
        return
    if title_words and j == i + k and _OF_BEFORE_RE.search(text[max(0, toks[i + k][0] - 9) : toks[i + k][0]]):
        return  # "Minister of Irrigation": a portfolio, not a name
    if _in_titlecase_headline(doc, toks[i][0]) and j - (i + k) >= 2:
        return  # "Roe and Doe Sign Peace Accord": a headline's capitals do not delimit a name
    core_words = [t for _, _, t in core_toks]
    last, poss = _poss(core_words[-1])
    core_words[-1] = last
    start = core_toks[0][0]
    end = core_toks[-1][0] + len(last)
    name = " ".join(core_words)
    if "." in name:
        name = _SPACED_DOT_RE.sub(". ", name).replace(" .", ".")
    if name in known_idx:
        kk = known_idx[name]
        if getattr(kk, "kind", "") == "person":
            p = reg.add(
                kk.name, start, end, title=kk.title or " ".join(title_words), country=kk.country or country, evidence=2
            )
            p.known = True
        return
    titled_name = (bool(title_words) or prev_title) and _title_name(words, k)
    if _not_a_person_name(name, core_words, has_title, titled_name):
        return
    # evidence
    sent_start = doc.masked.rfind("\n", 0, start) + 1
    before = text[max(sent_start, start - 60) : toks[i + k0][0] if k0 < len(words) else start]
    before_words = _WORDS_COMMAS_RE.findall(before)
    after = text[end : end + 90]
    evidence, cue_title, titled_before = _cue_evidence(text, before, before_words, after, start, end, core_words, poss)
    if has_title:
        evidence += 2
    if cue_title is not None and not title_words:
        title_words = [cue_title]
    has_title = has_title or titled_before
    existing = reg.find(name)
    if existing is not None:
        evidence += 2
    if len(core_words) == 1 and existing is None and not has_title:
        if not (i == j and _lone_surname_subject(doc, toks, i)):
            return
        evidence += 1
    if (
        evidence == 0
        and _MIDDLE_INITIAL_RE.fullmatch(name)
        and not any(w.lower() in gazetteer.ORG_NAME_HEADS for w in core_words)
    ):
        evidence = 1  # "Lawrence B. Cummings": a middle initial marks a person's name
    if len(core_words) >= 2 and all(w[0].isupper() for w in core_words) and evidence == 0:
        if _bare_name(doc, core_words, start, end, sent_start):
            evidence = 1
    if evidence <= 0:
        return
    title = " ".join(title_words).strip(" ,")
    # country from the words before: "Iran's Foreign Minister", "Putin's adviser", "the AU's envoy"
    weak = False
    if not country:
        country = _context_country(
            doc, reg, toks[i + k0][0], start, before_words, after, has_title and bool(title_words)
        )
    p_ = reg.add(name, start, end, title=title, country=country, evidence=evidence, gender=gender, country_weak=weak)
    joined = reg.list_joined
    if joined and ("pending", toks[i + k0][0]) in joined:
        joined.add(id(p_))


_VENUE_PREPS = (
    "in",
    "at",
    "to",
    "from",
    "near",
    "visiting",
    "outside",
    "inside",
    "into",
    "for",
    "on",
    "via",
    "with",
    "against",
)  # a venue, or the other side of talks or a deal, is not one's country
_REPORTING = {"said", "says", "told", "added", "stated", "wrote", "tweeted", "according"}


def _attached_ctx(ctx: list[str]) -> list[str]:
    """The words before a name that may describe the person: the clause after the last comma
    (unless the comma directly precedes the name: "Kuwait's adviser, NAME"), without places
    introduced as venues ("officials in London on Monday, President X")."""
    if ctx and ctx[-1] == "," and not (len(ctx) > 1 and ctx[-2][:1].islower()):
        return []  # "A, Commerce Secretary B": a list, not "Kuwait's adviser, NAME"
    if "," in ctx[:-1]:
        cut = len(ctx) - 1 - ctx[:-1][::-1].index(",")
        ctx = ctx[cut:]
    for k in range(len(ctx) - 1, -1, -1):
        if ctx[k].lower() in _REPORTING:
            ctx = ctx[k + 1 :]  # '"...," said deputy speaker NAME': the words before "said" are another clause
            break
    for k in range(len(ctx) - 1, 0, -1):
        if ctx[k] == "and" and ctx[k - 1][:1].isupper():
            ctx = ctx[k + 1 :]  # "Peruvian President A and Prime Minister B": A's adjective is A's
            break
    out = []
    skip = False
    for w in ctx:
        lw = w.lower()
        if lw in _VENUE_PREPS:
            skip = True
            continue
        if skip and (w[:1].isupper() or lw in ("the",)):
            continue
        skip = False
        out.append(w)
    return out


def _list_country(doc: Doc, reg: Registry, start: int) -> str | None:
    """The country of the previous member of a list of titled people joined by a comma, or by "and"
    when that member itself followed a comma (a list of three or more)."""
    head = doc.masked[max(0, start - 8) : start]
    m_and = re.search(r"\band\s+$", head)
    if not (head.rstrip().endswith(",") or m_and):
        return None
    sep = doc.masked.rfind("and", 0, start) if m_and else doc.masked.rfind(",", 0, start)
    prev = None
    for p in reg.people:
        for _s, e in p.mentions:
            if 0 <= sep - e <= 2 and p.title:
                prev = p
    if prev is None or not prev.country or prev.country_weak:
        return None
    joined = reg.list_joined
    if m_and and not doc.masked[max(0, sep - 2) : sep].strip().endswith(",") and id(prev) not in joined:
        # "and" joins only a list of three or more: the previous member followed a comma itself
        return None
    joined.add(("pending", start))
    return prev.country


def _surname_mentions(doc: Doc, reg: Registry, toks: list[Tok]) -> None:
    index: dict[str, list[Person]] = {}
    for p in reg.people:
        for t in p.tokens:
            if len(t) > 1 and t.lower() not in PARTICLES and not t.endswith("."):
                for kk in tok_keys(t):
                    index.setdefault(kk, []).append(p)
        for a in p.aliases:
            index.setdefault(a, []).append(p)
    # the mentions found so far, for overlap tests by bisection (a mention added below lies inside its own
    # token, so it never overlaps a later token)
    spans = sorted(m for p in reg.people for m in p.mentions)
    span_starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)

    def covered(a0: int, b0: int) -> bool:
        lo, hi = bisect.bisect_left(span_starts, a0 - longest), bisect.bisect_left(span_starts, b0)
        return any(spans[k][1] > a0 for k in range(lo, hi))

    # the token forms whose base (_poss) is a key: the key itself, possessives and plural possessives
    forms = {f for k in index for f in (k, k + "’s", k + "'s", k + "’", k + "'") if _poss(f)[0] == k}
    for s, t in [(s, t) for s, _e, t in toks if t in forms]:
        base = _poss(t)[0]
        cands = index[base]
        p = cands[0]
        if len(cands) > 1:
            lasts = [c for c in cands if c.ends_with(base)]
            p = lasts[0] if lasts else cands[0]
        if not covered(s, s + len(base)):
            p.mentions.append((s, s + len(base)))
    for p in reg.people:
        p.mentions.sort()
        # merge overlapping full-name spans
        merged: list[tuple[int, int]] = []
        for s, e in p.mentions:
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        p.mentions = merged


BODY_RE = re.compile(
    r"(?P<np>(?:(?:the|a|an|its|their)\s+)?"
    r"(?:(?P<owner>(?:[A-Z][\w\-]*\s){0,3}[A-Z][\w\-.]*(?:’s|'s)|[A-Z][\w\-]+)\s+)?"
    r"(?:(?:[a-z][\w\-]*)\s+){0,3}"
    r"(?P<head>ministry|government|presidency|kremlin|Kremlin|embassy|delegation|council|committee|commission|"
    r"department|cabinet|parliament|army|military|administration|authorities|agency|opposition|campaign|"
    r"office|White House|State Department|Foreign Ministry|Defence Ministry|Defense Ministry|spokesman|spokeswoman|spokesperson))\b"
)


_BODY_HEAD_RE = re.compile(  # (the lookahead: the heads' first letters, to pass over other positions fast)
    r"(?=[a-zKMSW])\b(?:ministry|government|presidency|[Kk]remlin|embassy|delegation|council|committee|"
    r"commission|department|cabinet|parliament|army|military|administration|authorities|"
    r"agency|opposition|campaign|office|White House|State Department|Ministry|"
    r"spokesman|spokeswoman|spokesperson)\b"
)


def _bodies(doc: Doc, reg: Registry) -> None:
    text = doc.masked
    for hm in _BODY_HEAD_RE.finditer(text):
        a = max(0, hm.start() - 80)
        m = None
        for m0 in BODY_RE.finditer(text, a, hm.end()):
            if m0.end() == hm.end():
                m = m0
                break
        if m is None:
            continue
        np = m.group("np")
        head = m.group("head").split()[-1].lower()
        owner = m.group("owner")
        country = None
        if owner:
            ob, _ = _poss(owner.split()[-1])
            country = gazetteer.country_of_place(" ".join(owner.split()[:-1] + [ob])) or gazetteer.country_of_place(ob)
        name = re.sub(r"^(?:the|a|an|its|their)\s+", "", np)
        reg.bodies.append(Body(name=name, head=head, country=country, start=m.start("np"), end=m.end()))


def _fill_countries(doc: Doc, reg: Registry) -> None:
    """People without a country: nearest country mention in their first sentence, else the article's."""
    for p in reg.people:
        if p.country:
            continue
        # "ministry spokeswoman NAME": the country of the body named earlier ("Cambodia's foreign ministry")
        for s, _e in p.mentions[:1]:
            before = re.findall(r"[A-Za-z’'\-]+", doc.masked[max(0, s - 50) : s])[-4:]
            for w in reversed(before):
                if w.lower() in gazetteer.STATE_BODY_HEADS:
                    b = next(
                        (b for b in reversed(reg.bodies) if b.head == w.lower() and b.country and b.end <= s), None
                    )
                    if b:
                        p.country = b.country
                    break
        if p.country:
            continue
        for s, e in p.mentions:
            sent = doc.sentence_at(s)
            if not sent:
                continue
            cands = [
                c
                for c in reg.country_mentions
                if sent.start <= c[0] < sent.end
                and not re.search(
                    r"\b(?:in|at|to|from|near|visiting|outside|inside|into|with|against)\s+(?:the\s+)?$",
                    doc.masked[max(0, c[0] - 12) : c[0]],
                )  # a place where one is, not one's country
                and not _describes_other(doc, reg, c, p)
                and not (
                    c[0] > e
                    and re.search(
                        r"\b(?:said|says|told|added|warned|stressed|insisted|cited|quoted|according|reported)\b",
                        doc.masked[e : c[0]],
                    )
                )
            ]  # in what the person said
            if cands:
                c = min(cands, key=lambda c: abs(c[0] - s))
                p.country, p.country_weak = c[2], True
                break
        if not p.country:
            # only an unambiguous headline or article country; else null rather than a guess
            head_end = doc.paras[0][1] if doc.paras else 0
            hcs = {
                c[2]
                for c in reg.country_mentions
                if c[0] < head_end
                and not re.search(r"\b(?:in|at|to|from|near|into)\s+(?:the\s+)?$", doc.masked[max(0, c[0] - 12) : c[0]])
            }  # not a venue
            dateline_iso = gazetteer.gaz().capital.get(doc.dateline or "") or gazetteer.gaz().seat.get(
                doc.dateline or ""
            )
            if len(hcs) == 1:
                p.country = next(iter(hcs))
            elif dateline_iso and (not hcs or dateline_iso in hcs):
                # officials quoted under a capital's dateline mostly belong to it
                p.country = dateline_iso
            elif not hcs and len({c[2] for c in reg.country_mentions}) == 1:
                p.country = reg.main_country
            elif hcs:
                # a weak guess scores and reads better than none: the headline's first party
                p.country = next(c[2] for c in reg.country_mentions if c[2] in hcs)
            else:
                p.country = _dominant_country(reg)  # one country named far more often than any other
            p.country_weak = True


def _dominant_country(reg: Registry) -> str | None:
    counts: dict[str, int] = {}
    for c in reg.country_mentions:
        if c[2] != "EU":
            counts[c[2]] = counts.get(c[2], 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if ranked and ranked[0] >= 3 and (len(ranked) == 1 or ranked[0] >= 1.5 * ranked[1]):
        return max(counts, key=lambda k: counts[k])
    return None


def _describes_other(doc: Doc, reg: Registry, c: tuple[int, int, str, str], p: Person) -> bool:
    """A demonym or country that describes other people: "Chinese officials", or the title adjective
    of another named person ("Chinese President Xi Jinping")."""
    after = doc.masked[c[1] : c[1] + 60]
    if (
        not re.match(r"(?:’s|'s)", after)
        and re.match(r"\s+[a-z]", after)
        and re.search(
            r"\b(?:meet|meets|met|meeting|hosted|hosts|receive[sd]?|against|(?:talks|call|negotiations|dialogue) with)\s+(?:the\s+|a\s+)?$",
            doc.masked[max(0, c[0] - 30) : c[0]],
        )
    ):
        return True  # "will meet Chinese officials": the other side
    m = re.match(r"(?:(?:’s|'s)?\s+[A-Z][\w.\-]*){1,4}", after)
    if m:
        for o in reg.people:
            if o is not p and any(c[1] < s <= c[1] + m.end() for s, e in o.mentions):
                return True
    return False
