"""extract(): the rule-based pipeline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from . import coref
from . import dates
from . import frames
from . import gazetteer
from . import mentions
from .attribution import attribute
from .confidence import statement_confidence
from .document import MASK
from .document import Doc
from .document import Quote
from .document import build
from .meetings import meeting_confidence
from .meetings import meetings as find_meetings
from .people import Registry
from .people import scan
from .proposals import proposal_confidence
from .proposals import proposals as find_proposals
from .quotes import classify
from .quotes import source_text
from .types import ActorItem
from .types import Extraction
from .types import KnownActor
from .types import MeetingItem
from .types import ProposalItem
from .types import StatementItem

VERSION = "0.8.1"
# Longer input is cut here (at the last paragraph break before it, when there is one) with a warning on
# the result: a news article is far shorter, and the rules' cost must stay bounded per call.
MAX_CHARS = 100_000


def bound_text(text: str, limit: int = MAX_CHARS) -> tuple[str, list[str]]:
    """The text cut to at most limit characters, and the warnings saying so."""
    if len(text) <= limit:
        return text, []
    cut = text.rfind("\n", limit // 2, limit)
    kept = text[: cut if cut > 0 else limit]
    return kept, [f"text cut from {len(text)} to {len(kept)} characters (limit {limit})"]


def as_written(doc: Doc, phrase: str) -> str:
    """A phrase read from the masked text with the quoted words it spans put back ("what it called a
    '░░░░░ ░░░░░'" -> "... 'final deal'"): the rules read the masked copy, readers get the article's words."""
    if MASK not in phrase:
        return phrase
    at = doc.masked.find(phrase)
    return doc.text[at : at + len(phrase)] if at >= 0 else phrase


def _statement_date(doc: Doc, q: Quote, pub: dt.date | None) -> tuple[dt.date | None, str | None]:
    if pub is None:
        return None, None
    sent = doc.sentence_at(q.start - 1) or doc.sentence_at(q.start)
    spans = []
    if sent:
        spans.append((sent.start, sent.end))
    if q.how == "colon" and q.para > 0:
        ps, pe = doc.paras[q.para - 1]
        spans.append((max(ps, pe - 200), pe))
    for a, b in spans:
        for h in frames.dates_in(doc, a, b):
            if not h.date or h.precision not in ("day", "week"):
                continue
            d = (h.by_tense(pub, -1) if h.kind == "weekday" else None) or h.date  # a statement is past
            if d <= pub:
                return d, h.precision
    return None, None


# "Prime Minister Jane Roe", "Foreign Minister Jan Kowalski" inside a quotation: a person named there
_QUOTED_TITLED_NAME = re.compile(
    r"\b((?:[A-Z][a-z]+\s+)?(?:(?:Prime|Foreign|Defen[cs]e|Deputy|Vice)\s+)?(?:President|Minister|Chancellor|"
    r"Premier|Secretary|Ambassador|Envoy|King|Emir))\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b"
)


def _people_quoted_with_title(doc: Doc, known: set[str]) -> list[ActorItem]:
    """People named with a title inside quotation marks, which the narrative stages never read (their
    words are masked): listed as actors only, so they never become a speaker or a party."""
    out: list[ActorItem] = []
    for q in doc.quotes:
        for m in _QUOTED_TITLED_NAME.finditer(doc.text, q.start, q.end):
            name = m.group(2)
            if (
                name in known
                or any(name.split()[-1] == k.split()[-1] for k in known)
                or gazetteer.country_of_place(name)
            ):
                continue
            words = m.group(1).split()
            iso = gazetteer.country_of_place(words[0]) if len(words) > 1 else None
            if iso is None:
                # the one country the quote names before the title ("the Israeli delegation ... Prime Minister X")
                named = {
                    gazetteer.country_of_place(w) for w in re.findall(r"[A-Z][\w\-]+", doc.text[q.start : m.start()])
                }
                named.discard(None)
                iso = named.pop() if len(named) == 1 else None
            known.add(name)
            out.append(ActorItem(name=name, kind="person", country=iso, title=m.group(1)))
    return out


def _statements(doc: Doc, pub: dt.date | None) -> list[StatementItem]:
    """The direct quotations that are statements, with their source as written and its clean name."""
    statements: list[StatementItem] = []
    for q in doc.quotes:
        if not q.statement:
            continue
        sp = q.speaker
        speaker = desc = None
        source = None
        if sp is not None:
            if sp.kind == "person":
                speaker = sp.person.name if sp.person else sp.name
                source = source_text(doc, sp.span)
            elif sp.kind == "body":
                speaker = sp.name
                source = source_text(doc, sp.span, body=True)
            elif sp.kind == "desc":
                desc = sp.desc
                speaker = sp.desc
            elif sp.kind == "pronoun":
                desc = sp.desc
        d, prec = _statement_date(doc, q, pub)
        sent = doc.sentence_at(q.start)
        sentence = doc.text[sent.start : sent.end].strip() if sent else doc.para_text(q.para)
        quote = q.text.strip()
        quote = re.sub(r"[,;:]$", "", quote).strip()
        statements.append(
            StatementItem(
                speaker=source or speaker,
                quote=quote,
                kind="direct",
                date=d,
                date_precision=prec,
                speaker_desc=desc,
                sentence=sentence,
                speaker_name=speaker,
                confidence=statement_confidence(q),
            )
        )
    return statements


def _actors(doc: Doc) -> list[ActorItem]:
    """The people with evidence, titled people named inside quotations, then the states named."""
    actors: list[ActorItem] = []
    for p in doc.coref.people:
        if p.evidence <= 0:
            continue
        actors.append(
            ActorItem(
                name=p.name,
                kind="person",
                country=p.country,
                title=as_written(doc, p.title),
                aliases=sorted(a for a in p.aliases if a != p.name),
            )
        )
    actors.extend(_people_quoted_with_title(doc, {a.name for a in actors}))
    for state in doc.coref.states():
        if state.key != "EU":
            name = gazetteer.country_display(state.key) or state.mentions[0].text
            actors.append(ActorItem(name=name, kind="state", country=state.key))
    return actors


def read_document(text: str, pub: dt.date | None, known_actors: Iterable[KnownActor] = ()) -> Doc:
    """Stages 1-3 on one text: its layout (paragraphs, quotations, sentences), the dates, the people scan, the
    typed mentions (doc.mentions) and the entities and coreference links (doc.coref). The later stages read
    only the Doc."""
    doc = build(text)
    doc.date_hits = dates.find_dates(doc.masked, pub)
    reg = Registry(doc, known_actors)
    scan(doc, reg)
    doc.mentions = mentions.build(doc, reg)
    doc.coref = coref.build(doc, reg, doc.mentions)
    return doc


def extract(text: str, published: dt.date | str | None = None, known_actors: Iterable[KnownActor] = ()) -> Extraction:
    pub = dates.to_date(published)
    text, warnings = bound_text(text or "")
    doc = read_document(text, pub, known_actors)
    classify(doc)
    attribute(doc)

    statements = _statements(doc, pub)
    actors = _actors(doc)

    meetings = [
        MeetingItem(
            kind=m.kind,
            status=m.status,
            location=m.location,
            date=m.date,
            date_precision=m.precision if m.date else None,
            participants=m.participants,
            sentence=m.sentence,
            confidence=meeting_confidence(m),
        )
        for m in find_meetings(doc, pub)
    ]
    proposals = [
        ProposalItem(
            proposer=p.proposer,
            summary=as_written(doc, p.summary),
            status=p.status,
            date=p.date,
            date_precision=p.precision if p.date else None,
            sentence=p.sentence,
            confidence=proposal_confidence(p),
        )
        for p in find_proposals(doc, pub)
    ]
    return Extraction(
        title=doc.title,
        text=text,
        actors=actors,
        statements=statements,
        meetings=meetings,
        proposals=proposals,
        version=VERSION,
        warnings=warnings,
    )
