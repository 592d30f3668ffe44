"""The proposer slot of a proposal frame (stage 4): who made a proposal. The subject actor of the clause
before the verb (a person from doc.coref, a state mention, "X's ministry", a generic body such as "the
opposition", a named international body), the head of a state's delegation speaking for the state, the
owner named in the object ("a U.S. demand", "his proposal", "an EU-backed deal"), and, over the article,
a bare "the government" named as the article names it elsewhere. No state outside one call."""

from __future__ import annotations

import re

from . import gazetteer
from .document import Doc
from .frames import EventFrame
from .people import Person
from .people import _poss
from .speakers import Speaker
from .speakers import speaker_from_np_before

Actor = tuple[str, str]  # (display proposer, merge key)


# A title that makes a person the voice of a state's side in a negotiation.
DELEGATE_TITLE = re.compile(r"\b(?:delegation|negotiating\s+team|negotiation\s+team|negotiators?)\b", re.I)


def person_actor(p: Person) -> tuple[str, str]:
    """(display proposer, merge key) of a person; the head of a state's delegation proposes for the state
    ("X, the head of C's negotiating team, proposed ...")."""
    if p.country and not p.country_weak and DELEGATE_TITLE.search(p.title or ""):
        return gazetteer.country_display(p.country) or p.name, p.country
    return p.name, (p.country or p.name)


def actor_of(sp: Speaker) -> tuple[str, str] | None:
    """(display proposer, merge key)"""
    if sp is None or sp.kind in ("none",):
        return None
    if sp.person is not None:
        return person_actor(sp.person)
    name = sp.name or sp.desc
    if not name:
        return None
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    if name.lower() in ("they", "we", "i", "he", "she", "it"):
        return None
    base = re.sub(r"^(?:the|The)\s+", "", name)
    iso = gazetteer.country_of_place(base)
    if iso:
        # a demonym or a capital stands for the state: "Jakarta proposed" -> Indonesia
        stands_for_state = (
            base in gazetteer.gaz().demonym
            or gazetteer.gaz().iso_capital.get(iso) == base
            or base in gazetteer.gaz().capital
        )
        return (gazetteer.country_display(iso) or base) if stands_for_state and not gazetteer.is_country_name(
            base
        ) else base, iso
    # "Egypt's foreign ministry", "Ukrainian officials" -> country key
    words = base.split()
    for w in words:
        b, _ = _poss(w)
        iso = gazetteer.country_of_place(b)
        if iso:
            return name, iso
    if len(words) > 5:
        return None
    return name, base.lower()


_INTRO_RE = re.compile(
    r"\s*(?:(?:On|In|At|By|After|Before|Last|This|Earlier|Later|However|But|And|Meanwhile|"
    r"Separately|Still|Yet|So|Also|Then|Now|Shortly|Since|Under|With)\b[^,]{0,70},\s*)?"
)
_GENERIC_BODY_RE = re.compile(
    r"\b(?:the\s+)?(opposition|government|rebels|junta|mediators|delegation|"
    r"administration|regime|militants|insurgents|separatists)\b",
    re.I,
)


# a named international body: "the Intergovernmental Authority on Development", "the African Union"
ORG_NAME_RE = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w\-]+\s+){1,4}(?:Authority|Union|Organi[sz]ation|Council|Commission|"
    r"Community|League|Alliance|Bloc|Forum|Front|Movement|Nations)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})?)"
)
_CLAUSE_CUT = re.compile(
    r"(?:,\s*(?:saying|adding|noting|arguing|insisting|while|but|as|although)\b|\bthat\b|;|"
    r"\b(?:said|says|told|warned|added|insisted|claimed|argued)\b)"
)


def subject_actor(doc: Doc, a: int, b: int, local: bool = False) -> tuple[str, str] | None:
    """The actor that is the subject of a clause running from a to a verb at b: the actor adjacent to the
    verb, else the first actor of the clause (local: of the innermost clause before b)."""
    if local:
        cuts = [m.end() for m in _CLAUSE_CUT.finditer(doc.masked, a, b)]
        if cuts:
            inner = doc.masked[cuts[-1] : b]
            if re.fullmatch(r"\s*(?:it|they|we)\s+(?:\w+\s+){0,2}", inner):
                # "Georgia said it had presented ...": the pronoun is the reporting subject
                return subject_actor(doc, a, cuts[-1])
            a = cuts[-1]
    seg = doc.masked[a:b]
    m = _INTRO_RE.match(seg)
    off = a + (m.end() if m else 0)
    cands = [(s, e, person_actor(p)) for s, e, p in doc.coref.people_between(off, b) if e <= b]
    for c in doc.mentions.between("state", off, b):
        s, e, iso, surface = c.start, c.end, c.key, c.text
        if e <= b:
            if re.search(
                r"\b(?:in|at|to|from|near|across|inside|outside|into)\s+(?:the\s+)?$", doc.masked[max(off, s - 12) : s]
            ):
                continue  # "talks in Indonesia": a place, not an actor
            after = doc.masked[e : e + 40]
            bm = re.match(
                r"(?:’s|'s)?\s+((?:[a-z]+\s+){0,2}(?:ministry|government|delegation|forces|army|military|"
                r"officials|negotiators|authorities|administration|side|team|presidency|leadership))\b",
                after,
            )
            stands = surface in gazetteer.gaz().demonym or (
                surface in gazetteer.gaz().capital and not gazetteer.is_country_name(surface)
            )
            name = (gazetteer.country_display(iso) or surface) if stands else surface  # "Lima proposed" -> Peru
            if bm:
                name = doc.masked[s : e + bm.end()]
                e = e + bm.end()
            cands.append((s, e, (name, iso)))
    for gm in _GENERIC_BODY_RE.finditer(doc.masked, off, b):
        if not any(s <= gm.start() < e for s, e, _ in cands):
            cands.append((gm.start(), gm.end(), (gm.group(1).lower(), gm.group(1).lower())))
    for om in ORG_NAME_RE.finditer(doc.masked, off, b):
        if not any(s <= om.start() < e for s, e, _ in cands):
            name = om.group(1).strip()
            cands.append((om.start(1), om.end(1), (name, name.lower())))
    if not cands:
        return None
    cands.sort()
    last = cands[-1]
    between = doc.masked[last[1] : b]
    if re.fullmatch(
        r"[\s,]*(?:(?:has|had|have|also|then|later|reportedly|formally|quickly|officially|already|"
        r"which|who|,)\s*)*",
        between,
    ):
        return last[2]
    return cands[0][2]


def person_np(doc: Doc, a: int, b: int) -> tuple[str, str] | None:
    sp = speaker_from_np_before(doc, a, b)
    return actor_of(sp) if sp.kind == "person" else None


_OWNED_NOUN = r"(?:\w+\s+)?(?:proposal|proposals|plan|offer|initiative|demand|demands|request|requests|roadmap|draft|conditions|terms)\b"


def owner_of_noun(doc: Doc, obj_start: int, obj_np: str) -> Speaker | None:
    """Whose proposal the object names: "a U.S. demand", "an Iranian plan" (a country or demonym before the
    noun) or "his proposal" (the pronoun's antecedent)."""
    m = re.match(
        r"\s*(?:(?:a|an|the)\s+(?:new\s+|latest\s+|fresh\s+)?|(?:new|fresh|latest)\s+)((?:[A-Z][\w.\-]*\s){1,3})"
        + _OWNED_NOUN,
        obj_np,
    )
    if m:
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            iso = gazetteer.country_of_place(" ".join(words[:k]))
            if iso:
                return Speaker(gazetteer.country_display(iso) or " ".join(words[:k]), "body")
    m = re.match(r"\s*(his|her)\s+" + _OWNED_NOUN, obj_np)
    if m:
        p = doc.coref.pronouns.get(obj_start + m.start(1))
        if p is not None:
            return Speaker(p.name, "person", p)
    return None


BACKED_RE = re.compile(
    r"\b(?P<owner>(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*)-(?:backed|brokered|sponsored|mediated|"
    r"drafted|proposed|led)\s+(?:[\w\-]+\s+){0,2}?(?:deal|agreement|plan|proposal|accord|"
    r"initiative|framework|roadmap|ceasefire|truce|talks|process)\b"
)


def backer_of(doc: Doc, obj_np: str) -> Speaker | None:
    """ "an EU-backed deal", "the Qatar-brokered truce": the backer made the proposal."""
    m = BACKED_RE.search(obj_np[:100])
    if not m:
        return None
    name = m.group("owner")
    p = doc.coref.find(name)
    if p is not None:
        return Speaker(p.name, "person", p)
    iso = gazetteer.country_of_place(name)
    if iso or re.fullmatch(r"[A-Z]{2,6}", name):  # a state, or a body's acronym ("EU", "AU")
        return Speaker(gazetteer.country_display(iso) if iso and iso != "EU" else name, "body")
    return None


GENERIC_BODIES = (
    "opposition",
    "government",
    "rebels",
    "junta",
    "administration",
    "regime",
    "militants",
    "insurgents",
    "separatists",
    "mediators",
    "delegation",
)


def name_generic_bodies(doc: Doc, items: list[EventFrame]) -> None:
    """A bare "the opposition" / "the government" as proposer takes the name the article gives it
    elsewhere: "the opposition Civic Alliance", "Colombia's government" / "the Colombian government"."""
    for p in items:
        word = p.proposer.lower()
        if word not in GENERIC_BODIES:
            continue
        m = re.search(r"\b(?:the\s+)?" + word + r"\s+((?:[A-Z][\w\-]+\s?){1,4})", doc.masked)
        if m and not gazetteer.country_of_place(m.group(1).strip()):
            p.proposer = p.key = m.group(1).strip()
            continue
        m = re.search(r"\b([A-Z][\w\-]+)(?:’s|'s)?\s+" + word + r"\b", doc.masked)
        iso = gazetteer.country_of_place(m.group(1)) if m else None
        if iso:
            p.proposer, p.key = f"{gazetteer.country_display(iso)} {word}", iso
