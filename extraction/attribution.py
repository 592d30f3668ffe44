"""Attribution frames, second stage: a found source mention is resolved to the entity that spoke.

quotes.attribute() finds, for each quotation, the mention written as its source ("the statement said",
"the U.S. president said", "Lausanne, Switzerland, said"). Some of those mentions are not speakers but
refer to one: a document stands for its issuer, a description for the person it describes, a place in a
prepositional phrase for the subject it interrupts, an embedded subject ("He said the two sides agreed
on a '...'") for the reporter of the whole sentence. Each rule below is a small function taking the
quote's sentence context and returning a better Speaker or None; `refine()` applies them in order.
No state outside one call.
"""

from __future__ import annotations

import re

from . import gazetteer
from .document import Doc
from .document import Quote
from .people import Person
from .speakers import REFERENCE_WORDS
from .speakers import SPEECH_RE
from .speakers import Speaker
from .speakers import clause_subject
from .speakers import speaker_from_np_before

# Words for groups or events that an embedded clause may take as its subject but that do not speak.
NON_SPEAKERS = {
    "sides",
    "side",
    "parties",
    "truce",
    "agreement",
    "deal",
    "talks",
    "meeting",
    "round",
    "ceasefire",
    "development",
    "breakthrough",
    "countries",
    "plan",
    "proposal",
}
# Nouns for one person in a role, beyond the gazetteer's titles: "the U.S. diplomat said"
PERSON_NOUNS = {"diplomat", "official", "negotiator", "envoy", "leader", "mediator", "politician", "lawmaker"}
_ISSUED_BY_RE = re.compile(
    r"\b(?:statement|document|communiqu[eé]|declaration|letter|release|readout|text)\s+"
    r"(?:(?:issued|released|published|signed|sent|posted)\s+)?by\s+(?:the\s+)?"
    r"((?:[A-Z][\w\-.’']*[ ]+(?:of[ ]+(?:the[ ]+)?)?){0,5}[A-Z][\w\-’']*)"
)
_SAID_IN_RE = re.compile(
    r"(?:the\s+)?((?:[A-Z][\w\-.’']*[ ]+(?:of[ ]+(?:the[ ]+)?)?){0,5}[A-Z][\w\-’']*)\s+"
    r"(?:said|says|announced|added|stated)\s+in\s+a\s+(?:joint\s+)?(?:written\s+)?statement"
)
_JOINT_RE = re.compile(r"\bjoint\s+(?:statement|communiqu[eé]|declaration)\b")
_PREP_BEFORE_RE = re.compile(r"\b(?:in|at|from|to|near|outside|inside|into|with|on|of)\s+(?:the\s+)?$")


def _speaker(
    name: str | None,
    kind: str,
    person: Person | None = None,
    desc: str | None = None,
    span: tuple[int, int] | None = None,
) -> Speaker:
    return Speaker(name, kind, person, desc=desc, span=span)


def _head(sp: Speaker) -> str:
    words = re.findall(r"[\w’'\-]+", (sp.name or sp.desc or "").lower())
    return words[-1] if words else ""


def _sentence_before(doc: Doc, q: Quote, back: int = 0) -> str:
    """The text of the quote's sentence (and `back` sentences before it) up to the end of the sentence."""
    sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
    k = doc.index_of(sent) if sent is not None else -1
    if sent is None or k < 0:
        return ""
    first = doc.sentences[max(0, k - back)]
    return doc.masked[first.start : sent.end]


def body_name(name: str) -> str:
    """'Azerbaijani Foreign Ministry' -> "Azerbaijan's Foreign Ministry": a body named by its state's
    adjective is written with the state's name, so one body has one name across articles."""
    name = name.strip().rstrip(".")
    words = re.sub(r"^(?:the|The)\s+", "", name).split()
    for n in (2, 1):
        if len(words) > n:
            iso = gazetteer.gaz().demonym.get(" ".join(words[:n]))
            country = gazetteer.country_display(iso) if iso and iso != "EU" else None
            if country and len(country.split()) <= 2:
                return f"{country}'s " + " ".join(words[n:])
    return name


# ------------------------------------------------------------------------------------------------ rules


def issuer_of_document(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'the statement by the X Ministry said', 'the document says' after 'X said in a statement' or a
    joint statement: the issuer (or the joint statement itself) speaks, not the word "statement"."""
    if sp.kind not in ("body", "desc") or _head(sp) not in REFERENCE_WORDS:
        return None
    here = _sentence_before(doc, q)
    m = _ISSUED_BY_RE.search(here)
    if m:
        return _speaker(body_name(m.group(1)), "body")
    if _head(sp) in ("tweet", "post", "message", "letter"):
        sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
        if sent:
            subj = clause_subject(doc, sent.start, sent.end)
            if subj.kind == "person":
                return subj
    before = doc.masked[max(0, q.start - 2500) : q.start]
    found = [(m.start(), body_name(m.group(1))) for m in _ISSUED_BY_RE.finditer(before)]
    found += [(m.start(), body_name(m.group(1))) for m in _SAID_IN_RE.finditer(before)]
    joint = [m.start() for m in _JOINT_RE.finditer(before + here)]
    if joint and (not found or joint[-1] > found[-1][0]):
        return _speaker("joint statement", "body", desc="joint statement")
    if found:
        return _speaker(max(found)[1], "body")
    return None


def person_of_description(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'the U.S. president said', 'said the U.S. diplomat': the person of that country named before,
    preferring one whose title has the description's head noun."""
    text = (sp.desc or sp.name or "").strip()
    if sp.kind == "body" and sp.span:
        tail = re.match(r"\.?\s+([a-z][\w\-]+)", doc.masked[sp.span[1] : sp.span[1] + 30])
        if tail and (tail.group(1) in gazetteer.PERSON_ROLES or tail.group(1) in gazetteer.TITLE_CORE):
            text = text + " " + tail.group(1)  # "the U.S. diplomat" cut at the abbreviation's dot
    m = re.match(r"(?:the\s+)?(.+?)\s+([a-z][\w\-]+)$", text)
    if not m or sp.kind not in ("desc", "body"):
        return None
    mods = m.group(1).replace("’s", "").replace("'s", "").split()
    iso = None
    for n in range(len(mods), 0, -1):  # "EU's chief negotiator": the country opens the modifiers
        iso = gazetteer.country_of_place(" ".join(mods[:n]).rstrip(".")) or gazetteer.country_of_place(
            " ".join(mods[:n])
        )
        if iso:
            break
    role = m.group(2)
    if not iso and m.group(1).endswith(("U.S", "U.K", "U.N")):
        iso = gazetteer.country_of_place(m.group(1) + ".")
    if not iso or not (role in gazetteer.PERSON_ROLES or role in gazetteer.TITLE_CORE or role in PERSON_NOUNS):
        return None
    sent = _sentence_before(doc, q)
    at = sent.find(m.group(1) + " " + role) if m.group(1) else -1
    prev_word = re.search(r"([a-z]+)\s+$", sent[max(0, at - 20) : at]) if at >= 0 else None
    if prev_word and prev_word.group(1) != "the":
        return None  # "the former first lady and U.S. senator": a longer description, kept as written
    # "..., the EU's chief negotiator has said." and the next paragraph names him: the first one after
    p = doc.coref.described_person(iso, role, q.start, q.end)
    return _speaker(p.name, "person", p) if p is not None else None


def subject_past_a_place(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'X, reading ... at a press conference in Lausanne, Switzerland, said': a place in a prepositional
    phrase is never the source; the sentence's subject is."""
    if (
        sp.kind != "body"
        or not sp.span
        or not (gazetteer.country_of_place(sp.name or "") or gazetteer.city_country(sp.name or ""))
    ):
        return None
    s = sp.span[0]
    before = doc.masked[max(0, s - 40) : s]
    if not (
        _PREP_BEFORE_RE.search(before)
        or re.search(r"\b(?:in|at|from|to|near)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?,\s*$", before)
    ):
        return None
    sent = doc.sentence_at(s)
    if sent is None:
        return None
    subj = clause_subject(doc, sent.start, s)
    if subj.kind == "person":
        return subj
    # "NAME, reading from ... in CITY, COUNTRY, said": the first person named, set off by a comma
    for a, b, p in doc.coref.people_between(sent.start, s)[:1]:
        if re.match(r"\s*,", doc.masked[b : b + 3]):
            return _speaker(p.name, "person", p, span=(a, b))
    return None


def outer_reporter(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'He said the two sides had agreed on a "..."': the quote belongs to the reporter of the sentence,
    not to the subject of the reported clause."""
    if sp.kind not in ("body", "desc") or _head(sp) not in NON_SPEAKERS | REFERENCE_WORDS:
        return None
    sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
    if sent is None:
        return None
    pre = doc.masked[sent.start : q.start]
    for vm in SPEECH_RE.finditer(pre):
        if vm.group(0).startswith(":"):
            continue
        subj = speaker_from_np_before(doc, sent.start, sent.start + vm.start())
        if subj.kind == "person":
            return subj
        break
    return None


def person_of_bare_title(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'"...," the president said' with no state named: the one person named before with that title."""
    if sp.kind != "desc" or not sp.desc:
        return None
    words = re.sub(r"^the\s+", "", sp.desc.strip().lower()).split()
    if not words or len(words) > 3 or not all(w.isalpha() for w in words):
        return None
    if words[-1] not in gazetteer.TITLE_CORE and words[-1] not in gazetteer.PERSON_ROLES:
        return None
    p = doc.coref.titled_person(" ".join(words), q.start)
    return _speaker(p.name, "person", p) if p is not None else None


RULES = (issuer_of_document, person_of_description, person_of_bare_title, subject_past_a_place, outer_reporter)


def refine(doc: Doc, quotes: list[Quote]) -> None:
    """Re-resolve each quote's source mention with the first rule that applies."""
    for q in quotes:
        sp = q.speaker
        if sp is None:
            continue
        for rule in RULES:
            better = rule(doc, q, sp)
            if better is not None:
                q.speaker = better
                q.how = (q.how + "+" if q.how else "") + rule.__name__
                break
