"""Proposal frames (proposals, requests, promises, agreements and their outcomes) from the narrative.

proposals() is the pipeline: in each body sentence a proposal verb (PROP_VERB_RE) opens an EventFrame
(frames.py, kind "proposal") unless it makes none (_not_a_proposal); its status comes from the verb
(_verb_status), its proposer from the rules of proposers.py (the clause's subject, the owner of the object
noun, the passive agent; for an outcome, whose proposal it is, or it closes an earlier open frame:
_outcome_proposer), what was proposed from the object (_summary) and its day (_proposal_date). Outcomes
told later in the sentence or, with no object, in the next sentences close earlier frames; owned nouns
("Moscow's proposal") add frames; the frames are merged (_merge_proposals). No state outside one call."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import gazetteer
from .document import Doc
from .document import Sentence
from .event_dates import REPORT_BEFORE_DATE
from .frames import EventFrame
from .frames import dates_in
from .frames import one_of
from .meetings import TRIGGER_RE
from .proposers import Actor
from .proposers import actor_of
from .proposers import backer_of
from .proposers import name_generic_bodies
from .proposers import owner_of_noun
from .proposers import person_actor
from .proposers import person_np
from .proposers import subject_actor
from .speakers import Speaker
from .speakers import speaker_from_np_after

PROP_VERB_RE = re.compile(
    # the lookahead (the verbs' first letters) passes over the other positions fast
    r"(?=[acdefhiloprstuvw])(?:"
    r"\b(?P<promised>(?:would|will)\s+(?:soon\s+)?(?:submit|present|send|deliver|hand over|put forward|table|unveil)|"
    r"promised to (?:submit|present|send|deliver|hand over|put forward|table|unveil)|pledged to (?:submit|present)|"
    r"(?:had\s+|has\s+|have\s+)?(?:promised|pledged|vowed|committed)\s+(?:not\s+)?to(?=\s+(?:not\s+)?[a-z]))\b"
    r"|\b(?P<submitted>submitted|handed over|handed|delivered|sent|presented|tabled|laid out|unveiled)\b"
    r"|\b(?P<proposed>proposed|proposes|propose|put forward|puts forward|offered|offers|suggested|floated|"
    r"came up with|drew up|drafted|pushed for|pressed for|called for|calls for|demanded|demands|requested|"
    r"(?:is|are|was|were|remains?|remained)\s+open\s+to(?=\s+(?:discuss|negotiat|talk|consider|hold|resum)\w*)|"
    r"asked for|urged(?=\s+(?:[^\s.;]+\s+){1,12}?to\s))\b"
    r"|\b(?P<accepted>accepted|accepts|agreeing\s+to|agreed(?:\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\s+to|agreed on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)|agree to|endorsed|approved|signed|welcomed the (?:proposal|plan|offer|initiative))\b"
    r"|\b(?P<rejected>rejected|rejects|refused|refuses|turned down|dismissed|spurned|declined)\b"
    r"|\b(?P<withdrawn>withdrew|withdrawn|pulled out of|retracted)\b"
    r")"
)
PROP_NOUN_RE = re.compile(
    r"\b(proposal|proposals|plan|peace plan|offer|initiative|document|roadmap|road map|requests?|timetable|"
    r"memo|memorandum|draft|framework|deal|agreement|accord|ceasefire proposal|demand|demands|"
    r"peace proposal|terms|conditions|blueprint|resolution|truce|ceasefire|treaty|settlement|compromise)\b"
)
MODAL_BEFORE = re.compile(
    r"\b(must|should|need to|needs to|has to|have to|urged\s+\w+\s+to|could|might|may|"
    r"if|whether|not|never|yet to|refus\w+ to|fail\w* to|wants?\s+\w+\s+to)\s+(?:also\s+|still\s+|first\s+)?$",
    re.I,
)
PROPOSAL_OBJECT_HINT = re.compile(
    r"\b(proposal|plan|offer|initiative|document|roadmap|memo|draft|framework|deal|agreement|accord|"
    r"ceasefire|truce|treaty|talks|meeting|round|summit|terms|conditions|demand|compromise|settlement|resolution|"
    r"that|to\b|easing|lifting|exchange|swap|release|withdrawal|referendum|election|encounter|"
    r"sanctions|corridor|pause|moratorium|mechanism|solution|formula|schedule|timetable|arrangement|visit|"
    r"re-?establish|restor|reopen|normali[sz]|resum|relations|ties)",
    re.I,
)


# "called for calm", "asked for more time": no proposal
NOT_PROPOSED_THINGS = tuple(
    "time calm restraint patience help support clarification information details comment".split()
)
NOT_A_PROPOSAL_OBJECT = re.compile(r"\s*(?:more\s+|additional\s+|some\s+)?" + one_of(NOT_PROPOSED_THINGS) + r"\b", re.I)
# an appeal, not a proposal: "urged both sides to use the chance for peace", "to show restraint"
APPEAL_ONLY = re.compile(
    r"\bto\s+(?:(?:use|seize|grab)\s+(?:the|this)\s+(?:chance|opportunity|moment)|"
    r"(?:show|exercise)\s+(?:\w+\s+)?restraint|refrain\b|remain\s+calm|keep\s+calm|de-?escalate)",
    re.I,
)
MEETING_AGREED = re.compile(r"\s*(?:meet|hold\s+(?:talks|a\s+meeting|meetings)|talk)\b", re.I)


def _list_subject(text: str, a: int, vs: int) -> int:
    """How many coordinated names make the subject right before the verb ("A, B and C agreed" -> 3)."""
    m = re.search(
        r"((?:(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*\s*,\s*)*(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*"
        r"\s*,?\s+and\s+(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)\s+(?:have\s+|has\s+|had\s+)?$",
        text[a:vs],
    )
    if not m:
        return 1
    return len(re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group(1).strip()))


# verbs that name a proposal only with a proposal-like object ("called for talks", not "called for calm")
ASK_VERBS = {
    "offered",
    "offers",
    "suggested",
    "pushed for",
    "pressed for",
    "called for",
    "calls for",
    "demanded",
    "demands",
    "requested",
    "asked for",
    "urged",
}


_DET = r"(?:a|an|the|its|their|his|her|our|what|some|new|fresh|further|two|three|several)"
RECIPIENT_RE = re.compile(
    r"\s*(?:over\s+)?(?:to\s+(?:the\s+[\w’'\-.]+\s+(?:[\w’'\-.]+\s+){0,3}?|(?:[A-Z][\w’'\-.]*\s+){1,4})"
    r"|(?:the\s+)?(?:[A-Z][\w’'\-.]*\s+){1,4}|(?:him|her|them|us|me|it)\s+)(?=" + _DET + r"\b)"
)
GIVE_VERBS = re.compile(
    r"^(?:submitted|handed|handed over|delivered|sent|presented|gave|given|offered|offers|"
    r"promised|will\b.*|would\b.*|promised to .*|pledged to .*)$",
    re.I,
)


def _summary(doc: Doc, sent_start: int, vs: int, obj_np: str) -> str:
    """What was proposed: the verb's object without its recipient ("handed Moscow a document" -> "a
    document"); for a relative clause ("talks that Moscow has proposed for Monday") the antecedent."""
    verb = PROP_VERB_RE.match(doc.masked, vs)
    vw = verb.group(0) if verb else ""
    obj = obj_np
    if GIVE_VERBS.match(vw):
        rm = RECIPIENT_RE.match(obj)
        if rm and not re.match(r"\s*(?:" + _DET + r")\b", obj, re.I):
            obj = obj[rm.end() :]
    obj = obj.strip()
    if not obj or re.match(r"(?:for|on|in|at|by|to|with|last|this|next|earlier|later|yesterday|today)\b", obj, re.I):
        left = doc.masked[sent_start:vs]
        rel = re.search(
            r"(?:^|[,;(]|\b(?:of|for|on|to|about|ahead of|after|before)\s)\s*(?P<np>(?:a|an|the)\s[^,;()]{2,80}?)"
            r"\s+(?:that|which)\s+(?:[\w’'\-.]+\s+){1,4}?(?:has\s+|have\s+|had\s+)?(?:just\s+|also\s+)?$",
            left,
        )
        if rel:
            return rel.group("np").strip()[:160]
    return obj[:160]


def _not_a_proposal(text: str, sent: Sentence, m: re.Match[str], status: str, obj_np: str) -> bool:
    """Verb uses that make no proposal: after a modal ("may propose"), without a proposal-like object,
    "agreed to meet", an agreement of three or more parties, signing something that is no agreement,
    refusing something that is no proposal."""
    vs = sent.start + m.start()
    before = text[max(sent.start, vs - 40) : vs]
    if MODAL_BEFORE.search(before):
        return True
    if not PROPOSAL_OBJECT_HINT.search(obj_np[:120]) and status != "proposed":
        return True
    if status in ("submitted",) and not PROP_NOUN_RE.search(obj_np[:80]):
        return True
    if (
        status == "proposed"
        and m.group(0).lower() in ASK_VERBS
        and (
            not PROPOSAL_OBJECT_HINT.search(obj_np[:80])
            or NOT_A_PROPOSAL_OBJECT.match(obj_np)
            or APPEAL_ONLY.search(obj_np[:80])
        )
    ):
        return True
    if status in ("accepted", "promised") and MEETING_AGREED.match(obj_np):
        return True  # "agreed to meet in X": a meeting frame, not a proposal
    if status == "accepted" and _list_subject(text, sent.start, vs) >= 3:
        return True  # "A, B, C and D agreed to ...": an agreement reached, no one proposer
    if (
        status == "accepted"
        and m.group(0).lower() == "signed"
        and not re.search(
            r"\b(agreement|deal|accord|treaty|truce|ceasefire|memorandum|declaration|plan|roadmap)\b",
            obj_np[:80],
        )
    ):
        return True
    if (
        status == "rejected"
        and not PROP_NOUN_RE.search(obj_np[:80])
        and not re.search(r"\b(to|the idea|calls?)\b", obj_np[:30])
    ):
        return True
    return False


def _proposal_date(
    doc: Doc, sent: Sentence, vs: int, ve: int, summary: str, pub: dt.date | None
) -> tuple[dt.date | None, str | None, str]:
    """The day a proposal was made (near its verb, not "proposed for Monday", not a reporting date), and the
    summary without that date."""
    text = doc.masked
    d, prec = None, None
    clause_end = sent.start + len(text[sent.start : sent.end])
    for h in dates_in(doc, vs - 40, clause_end):
        if h.date and h.precision in ("day", "week"):
            mid = text[min(ve, h.end) : max(vs, h.start)]
            if TRIGGER_RE.search(mid) or "," in mid:
                continue
            if h.start >= ve and re.search(r"\b(?:for|until|by|before)\s+(?:next\s+|this\s+|on\s+)?$", mid):
                continue  # "proposed for Monday": the date of what is proposed, not of the proposal
            if REPORT_BEFORE_DATE.search(text[max(sent.start, h.start - 30) : h.start]):
                continue
            d, prec = h.date, h.precision
            if h.kind == "weekday" and pub:
                d = h.by_tense(pub, -1)  # a proposal is told after it was made
            # the proposal's own date is not part of what was proposed: "a ceasefire on Friday"
            tail = re.search(r"\s+(?:on\s+)?" + re.escape(text[h.start : h.end].strip()) + r"\s*$", summary)
            if tail and h.start >= ve and len(summary[: tail.start()].split()) >= 2:
                summary = summary[: tail.start()].rstrip(" ,")
            break
    return d, prec, summary


def _outcomes_in_sentence(text: str, sent: Sentence, found: list[EventFrame]) -> list[EventFrame]:
    """A proposal refused or accepted later in its own sentence ("X proposed ..., a demand the government
    refused", "... and Y has agreed to the request")."""
    # a proposal refused later in the same sentence: "X proposed ..., a demand the government refused"
    if len(found) >= 2:
        opens = [f for f in found if f.status in ("proposed", "submitted", "promised")]
        closes = [f for f in found if f.status in ("rejected",)]
        if (
            opens
            and closes
            and closes[0].pos > opens[0].pos
            and re.search(r"\b(demand|proposal|offer|plan|idea)\b[^.]*", text[opens[0].pos : closes[0].pos])
        ):
            opens[0].status = "rejected"
            found = [f for f in found if f not in closes]
    for f in found:
        if f.status not in ("proposed", "submitted", "promised"):
            continue
        rest = text[f.pos : sent.end]
        cm = re.search(
            r",\s*(?:(?:a|an|the)\s+(?:demand|proposal|offer|plan|idea|suggestion|move|step)\s+(?:that\s+|which\s+)?|which\s+|something\s+)"
            r"[^,;]*?\b(?P<v>refused|rejected|turned down|dismissed|accepted|welcomed|agreed to|endorsed|approved|withdrew|withdrawn)\b",
            rest,
        )
        if not cm:
            cm = LATER_OUTCOME.search(rest)
        if cm:
            v = cm.group("v")
            f.status = (
                "rejected"
                if v in ("refused", "rejected", "turned down", "dismissed")
                else ("withdrawn" if v.startswith("withdr") else "accepted")
            )
    return found


def _owned_noun_proposals(doc: Doc, told: list[EventFrame]) -> list[EventFrame]:
    """Possessive/"by" noun mentions: "Moscow's proposal", "the proposal by Ilse Marrow"; not one whose
    sentence already has a frame of that proposer ("Peru accepted Chile's proposal": the acceptance is
    Chile's proposal)."""
    out: list[EventFrame] = []
    for pos, name, summary in _owned_proposal_nouns(doc.masked):
        in_sent = doc.sentence_at(pos)
        if in_sent is None or in_sent.para == 0:
            continue
        p = doc.coref.find(name)
        sp = Speaker(p.name, "person", p) if p else Speaker(name, "body")
        actor = actor_of(sp)
        if actor is None:
            continue
        if not p and not gazetteer.country_of_place(name) and not _owner_name(name):
            continue
        if any(f.key == actor[1] and in_sent.start <= f.pos < in_sent.end for f in told):
            continue
        f = EventFrame(
            "proposal", "proposed", (pos, pos), doc.text[in_sent.start : in_sent.end].strip(), summary=summary
        )
        _fill_proposer(f, actor, "owned_noun")
        out.append(f)
    return out


CLOSING = ("accepted", "rejected", "withdrawn")
PROPOSAL_BY = re.compile(
    r"\b(?:proposal|plan|offer|initiative|demand|deal|draft|roadmap|framework)\s+"
    r"(?:(?:put forward|drafted|drawn up|presented|submitted|made|offered|brokered|tabled|"
    r"floated|proposed|sent)\s+)?(?:by|from)\s+"
)
POSSESSIVE_PROPOSAL = re.compile(
    r"((?:[A-Z][\w\-]*\s){0,3}[A-Z][\w\-]*)(?:’s|'s)\s+(?:\w+\s+)?(?:proposal|plan|offer|initiative|demand|request|bid)s?\b"
)
PASSIVE_NOUN_BEFORE = re.compile(
    r"\b(?:proposal|plan|offer|initiative|deal|draft|roadmap|framework|document|terms|ceasefire|truce)\s+$"
)
OBJECT_END = re.compile(r"[,;](?!\d{3})|(?<!\b[A-Z])\.|\b(?:while|but|because|after)\b")  # "U.S.", "1,000" are no end


def _verb_status(m: re.Match[str]) -> str:
    """The status a proposal verb gives: the name of its group in PROP_VERB_RE."""
    return next(k for k in ("promised", "submitted", "proposed", "accepted", "rejected", "withdrawn") if m.group(k))


def _whose_proposal(doc: Doc, ve: int, sent: Sentence, obj_np: str) -> tuple[Speaker | None, str, str, bool]:
    """Whose proposal an accepted or refused object names: "a proposal by X", "X's proposal" ("Beijing's
    request to lift restrictions" -> what was asked for becomes the object), "a U.S. demand", "an EU-backed
    deal". (speaker or None, object, rule, named by "by")."""
    by = PROPOSAL_BY.search(obj_np)
    if by:
        return speaker_from_np_after(doc, ve + by.end() - 1, sent.end), obj_np, "proposal_by", True
    sp, rule = None, "owner_of_noun"
    pm = POSSESSIVE_PROPOSAL.search(obj_np)
    if pm:
        sp, rule = Speaker(pm.group(1), "body"), "possessive"
        rest_ = obj_np[pm.end() :]
        if re.match(r"\s+to\s+[a-z]", rest_):
            obj_np = rest_.strip()  # "Beijing's request to lift restrictions": what was asked for
    else:
        sp = owner_of_noun(doc, ve, obj_np)
    if sp is None:
        sp, rule = backer_of(doc, obj_np), "backer"
    return sp, obj_np, rule, False


def _outcome_proposer(
    doc: Doc, sent: Sentence, vs: int, ve: int, status: str, obj_np: str, before: list[EventFrame]
) -> tuple[Actor | None, str, str] | None:
    """An acceptance, refusal or withdrawal: closes the earlier open proposal it refers to ("turned down the
    Russian offer", "Israel rejected the proposal"; None then), else (proposer, object, rule) of the
    proposal it names, for a refusal with none named the sentence's other subject."""
    sp, obj_np, rule, by = _whose_proposal(doc, ve, sent, obj_np)
    actor_subj = subject_actor(doc, sent.start, vs, local=True) or person_np(doc, sent.start, vs)
    anaphoric = ANAPHORIC_PROPOSAL.match(obj_np)
    if sp is not None and not by and anaphoric:
        # "Aliyev turned down the Russian offer": closes Moscow's earlier open proposal
        own = actor_of(sp)
        own_key = own[1] if own else None
        if _close_latest(before, status, lambda f: own_key is not None and f.key == own_key):
            return None
    if sp is None and anaphoric:
        # "Israel rejected the proposal": the latest proposal made by someone else closes
        subj_key = actor_subj[1] if actor_subj else None
        if _close_latest(before, status, lambda f: subj_key is None or f.key != subj_key):
            return None
    if sp is None and status == "rejected":
        # the sentence's subject/speaker when it is not the one refusing
        fv = re.search(r"\s(?:[a-z]+ed|said|says|blamed|accused|told)\b", doc.masked[sent.start : sent.end])
        first = subject_actor(doc, sent.start, sent.start + fv.start()) if fv else None
        if not (first and actor_subj and first[1] != actor_subj[1]):
            return None
        sp, rule = Speaker(first[0], "body"), "other_subject"
    if sp is None and status == "accepted" and anaphoric:
        return None  # "X signed the agreement" with no proposal before it: X accepted, X did not propose
    if sp is None:
        return actor_subj, obj_np, "subject"
    return actor_of(sp), obj_np, rule


def _close_latest(before: list[EventFrame], status: str, whose: Callable[[EventFrame], bool]) -> bool:
    """Give the latest open proposal that passes whose() this outcome; False when there is none."""
    earlier = [f for f in before if f.is_open and whose(f)]
    if earlier:
        earlier[-1].status = status
    return bool(earlier)


def _passive_proposer(doc: Doc, sent: Sentence, vs: int, ve: int, obj_np: str) -> tuple[Actor | None, str, str]:
    """Passive "the plan put forward by the EU": the agent proposed it, what it proposed is the noun phrase
    before the verb ("The two discussed a bridging proposal" -> "a bridging proposal")."""
    text = doc.masked
    by_ = re.match(r"\s*by", obj_np)
    assert by_ is not None  # PASSIVE_NOUN_BEFORE and "by" matched before the call
    actor = actor_of(speaker_from_np_after(doc, ve + by_.end(), sent.end))
    if actor is None:
        return None, obj_np, "passive_agent"
    left_np = text[sent.start : vs].rstrip()
    antes = list(re.finditer(r"(?:\b[Tt]he|\b[Aa]n?|[A-Z][\w\-]*(?:’s|'s))\s[^,;]{0,60}$", left_np))
    # the nearest determiner
    dets = [
        d_.start()
        for d_ in re.finditer(r"\b(?:[Tt]he|[Aa]n?)\s|[A-Z][\w\-]*(?:’s|'s)\s", left_np)
        if len(left_np) - d_.start() <= 62 and not re.search(r"[,;]", left_np[d_.start() :])
    ]
    return actor, left_np[dets[-1] :] if dets else (antes[0].group(0) if antes else ""), "passive_agent"


PRONOUN_BEFORE_VERB = re.compile(r"\b(he|she)\s+(?:\w+ly\s+|also\s+|had\s+|has\s+)?$", re.I)


def _subject_proposer(doc: Doc, sent: Sentence, vs: int) -> tuple[Actor | None, str]:
    """Who proposes, promises or submits: the clause's subject actor; "an agreement he proposed": the
    pronoun's antecedent, or nobody."""
    w0 = max(sent.start, vs - 20)
    pron = PRONOUN_BEFORE_VERB.search(doc.masked[w0:vs])
    if pron:
        p_ = doc.coref.pronouns.get(w0 + pron.start(1))
        return (person_actor(p_) if p_ is not None else None), "pronoun"
    return subject_actor(doc, sent.start, vs, local=True) or person_np(doc, sent.start, vs), "subject"


def _verb_frame(
    doc: Doc,
    sent: Sentence,
    m: re.Match[str],
    pub: dt.date | None,
    before: list[EventFrame],
    found: list[EventFrame],
) -> EventFrame | None:
    """One proposal verb's frame: status from the verb, proposer, what was proposed and when; None when the
    verb makes no proposal here or closes one told before (before: the frames of the earlier sentences,
    found: of this one)."""
    text = doc.masked
    vs, ve = sent.start + m.start(), sent.start + m.end()
    status = _verb_status(m)
    obj_np = OBJECT_END.split(text[ve : sent.end], maxsplit=1)[0]
    if _not_a_proposal(text, sent, m, status, obj_np):
        return None
    if status in CLOSING:
        got = _outcome_proposer(doc, sent, vs, ve, status, obj_np, before + found)
        if got is None:
            return None
        actor, obj_np, rule = got
    elif re.match(r"\s*by\s", obj_np) and PASSIVE_NOUN_BEFORE.search(text[sent.start : vs]):
        # inside "X accepted the plan put forward by Y" the acceptance already stands for it
        if any(f.status in CLOSING and f.pos < vs for f in found):
            return None
        actor, obj_np, rule = _passive_proposer(doc, sent, vs, ve, obj_np)
    else:
        actor, rule = _subject_proposer(doc, sent, vs)
    if actor is None:
        return None
    summary = _summary(doc, sent.start, vs, obj_np)
    d, prec, summary = _proposal_date(doc, sent, vs, ve, summary, pub)
    f = EventFrame("proposal", status, (vs, ve), doc.text[sent.start : sent.end].strip(), d, prec, summary=summary)
    _fill_proposer(f, actor, rule)
    return f


def _fill_proposer(f: EventFrame, actor: Actor, rule: str) -> None:
    f.key = actor[1]
    f.fill("proposer", actor[0], rule)


def _sentence_proposals(doc: Doc, sent: Sentence, pub: dt.date | None, before: list[EventFrame]) -> list[EventFrame]:
    """The proposal frames of one sentence, with the outcomes the sentence itself tells applied."""
    found: list[EventFrame] = []
    for m in PROP_VERB_RE.finditer(doc.masked[sent.start : sent.end]):
        f = _verb_frame(doc, sent, m, pub, before, found)
        if f is not None:
            found.append(f)
    if before or found:  # something to close
        _bare_outcomes(doc, sent, before, found)
    found = _owner_from_relative_clause(doc.masked, found)
    return _outcomes_in_sentence(doc.masked, sent, found)


BARE_OUTCOME_WORDS = ("accepted", "agreed", "consented", "refused", "rejected", "declined")
# an outcome verb that ends its clause: "Peru agreed on Tuesday.", "Lima later accepted.", "Quito refused it,
# officials said."
BARE_OUTCOME = re.compile(
    r"\b(?P<v>" + "|".join(BARE_OUTCOME_WORDS) + r")(?:\s+it)?"
    r"(?:\s+(?:on\s+)?(?:" + "|".join(sorted(gazetteer.WEEKDAY_NAMES)) + r"|yesterday|today|later|too|as\s+well))?"
    r"\s*(?=[.;!?]|,\s*(?:[\w’'\-]+\s+){0,5}(?:said|says|told|added)\b|$)"
)
BARE_ACCEPT = ("accepted", "agreed", "consented")


def _bare_outcomes(doc: Doc, sent: Sentence, before: list[EventFrame], found: list[EventFrame]) -> None:
    """The outcome told after the proposal, with no object of its own ("Chile proposed a prisoner exchange.
    Peru agreed on Tuesday.", "... and Peru agreed."): the latest open proposal told before it in the same
    or the previous paragraph by someone other than the verb's subject takes it."""
    seg = doc.masked[sent.start : sent.end]
    if not any(w in seg for w in BARE_OUTCOME_WORDS):
        return  # (a substring test is faster than the regex)
    for m in BARE_OUTCOME.finditer(seg):
        vs = sent.start + m.start()
        if MODAL_BEFORE.search(doc.masked[max(sent.start, vs - 40) : vs]):
            continue  # "has not agreed", "may refuse"
        subj = subject_actor(doc, sent.start, vs, local=True) or person_np(doc, sent.start, vs)
        status = "accepted" if m.group("v") in BARE_ACCEPT else "rejected"

        def recent_other(f: EventFrame, subj_key: str | None = subj[1] if subj else None, vs: int = vs) -> bool:
            ps = doc.sentence_at(f.pos)
            return (
                f.pos < vs and ps is not None and ps.para >= sent.para - 1 and (subj_key is None or f.key != subj_key)
            )

        _close_latest(before + found, status, recent_other)


def proposals(doc: Doc, pub: dt.date | None) -> list[EventFrame]:
    """The article's proposals: the frames of every body sentence's proposal verbs (outcomes closing the
    earlier ones), the proposals named by an owned noun ("Moscow's proposal"), merged."""
    frames: list[EventFrame] = []
    for sent in doc.sentences:
        if sent.para != 0:
            frames.extend(_sentence_proposals(doc, sent, pub, frames))
    frames.extend(_owned_noun_proposals(doc, frames))
    _name_vague_documents(doc, frames)
    name_generic_bodies(doc, frames)
    return _merge_proposals(frames)


# (no leading \b: a plain alternation of words runs faster; the word start is checked after, _word_start)
OWNED_NOUN = re.compile(r"(?:proposal|plan|offer|initiative)s?\b")
OWNER_BEFORE = re.compile(r"(?P<owner>(?:[A-Z][\w\-]*\s){0,3}[A-Z][\w\-]*)(?:’s|'s|(?<=s)’|(?<=s)')\s+(?:\w+\s+)?$")
BY_AFTER = re.compile(r"\s+(?:by|from)\s+(?P<by>(?:[A-Z][\w\-]*\s?){1,4})")
# "the request of the Peruvian envoys for a new round": a side named by its demonym asked for something
REQUEST_OF_SIDE = re.compile(
    r"(?:request|demand|proposal|offer|call)[’'\"”]?\s+(?:of|from)\s+(?:the\s+)?(?P<who>[A-Z][\w\-]+)\s+"
    r"(?:officials|side|delegation|government|negotiators|leadership|authorities)\s+for\b"
)


def _word_start(text: str, i: int) -> bool:
    """Whether a word starts at i (what a leading \\b would check)."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


def _owned_proposal_nouns(text: str) -> list[tuple[int, str, str]]:
    """(offset, owner, what was asked for when the text says it) of "Moscow's proposal", "the plan by Jane
    Roe", "the request of the Peruvian envoys for a new round": the owner regexes run only next to a
    proposal noun, not at every capital letter of the article."""
    out: list[tuple[int, str, str]] = []
    for n in OWNED_NOUN.finditer(text):
        if not _word_start(text, n.start()):
            continue  # "counterproposal"
        m = OWNER_BEFORE.search(text, max(0, n.start() - 100), n.start())
        if m:
            out.append((m.start(), m.group("owner").strip(), ""))
            continue
        b = BY_AFTER.match(text, n.end())
        if b and b.group("by").strip():
            out.append((n.start(), b.group("by").strip(), ""))
    for r in REQUEST_OF_SIDE.finditer(text):
        if _word_start(text, r.start()) and r.group("who") in gazetteer.gaz().demonym:
            asked = re.split(r"[.;,]", text[r.end() : r.end() + 160], maxsplit=1)[0].strip()
            out.append((r.start(), r.group("who"), asked))
    return out


_NOT_OWNERS = {
    "The",
    "This",
    "That",
    "Its",
    "Their",
    "His",
    "Her",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Week",
    "Year",
} | gazetteer.WEEKDAY_NAMES


def _owner_name(name: str) -> bool:
    """ "Jane Roe's proposal", "the Security Council's plan": a name of two to four capitalised words owns
    the proposal even when no other rule knew it as a person or body."""
    words = name.split()
    return 2 <= len(words) <= 4 and not any(w in _NOT_OWNERS for w in words) and not gazetteer.city_country(name)


VAGUE_DOC = re.compile(
    r"\s*(?:a|an|the|its|their)\s+(?:new\s+|written\s+|formal\s+)?(?:document|paper|text|"
    r"proposal|draft)(?:\s+of\s+(?:its|their|his|her)\s+own)?\s*$",
    re.I,
)
SETS_OUT = re.compile(
    r"\s*(?:It|The\s+(?:document|paper|text|proposal|draft))\s+(?:sets\s+out|outlines|lays\s+out|"
    r"contains|describes|proposes|calls\s+for)\s+(?P<np>[^,;.]{3,120})"
)


def _name_vague_documents(doc: Doc, items: list[EventFrame]) -> None:
    """ "Ukraine handed Moscow a document of its own. It sets out Kyiv's roadmap for a ceasefire, ...": the
    next sentence says what the document is."""
    for p in items:
        if not VAGUE_DOC.fullmatch(p.summary or ""):
            continue
        sent = doc.sentence_at(p.pos)
        if sent is None:
            continue
        m = SETS_OUT.match(doc.masked, sent.end)
        nxt = doc.sentence_at(sent.end + 1)
        if m and nxt is not None and nxt.para == sent.para:
            p.summary = doc.text[m.start("np") : m.end("np")].strip()


ANAPHORIC_PROPOSAL = re.compile(
    r"\s*(?:the|this|that|these|those|such\s+an?)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:proposal|proposals|plan|offer|initiative|demand|demands|deal|draft|terms|roadmap|"
    r"document|memorandum|idea|suggestion|timetable|schedule|roadmap|agreement|accord|"
    r"treaty|ceasefire|truce)\b(?!\s+(?:by|from|of|for|to)\b)"
)


# an outcome told later in the sentence: "X proposed Y as a venue and Z has agreed to the request"
LATER_OUTCOME = re.compile(
    r"\b(?:and|but)\s+(?:the\s+)?(?:[A-Z][\w\-’']*\s+){1,3}(?:has\s+|have\s+|had\s+|later\s+|quickly\s+)*"
    r"(?P<v>accepted|agreed to|endorsed|approved|rejected|refused|turned down|dismissed)\s+"
    r"(?:the|this|that|it|its|their)\b"
)
OWNER_CLAUSE = re.compile(
    r"\b(?:agreement|plan|deal|proposal|initiative|accord|framework|roadmap|ceasefire|truce)\s+"
    r"(?:that\s+|which\s+)?(?:[\w’'\-.]+\s+){1,3}$"
)


def _owner_from_relative_clause(text: str, found: list[EventFrame]) -> list[EventFrame]:
    """ "A and B signed the plan, an agreement he proposed": the acceptance is of the proposer's plan, and
    the relative clause is no second proposal."""
    out = list(found)
    for p in found:
        if not p.is_open:
            continue
        closing = [c for c in out if c.status in ("accepted", "rejected") and c.pos < p.pos]
        if closing and OWNER_CLAUSE.search(text[closing[-1].pos : p.pos]):
            c = closing[-1]
            c.proposer, c.key = p.proposer, p.key
            out.remove(p)
    return out


_STOP = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "and",
    "with",
    "its",
    "their",
    "his",
    "her",
    "that",
    "this",
    "new",
    "by",
    "from",
    "own",
    "which",
    "is",
    "be",
    "as",
}
_VAGUE = re.compile(
    r"\s*(?:(?:a|an|the|its|their|this|that)\s+)?(?:new\s+|own\s+|formal\s+)?"
    r"(?:proposal|proposals|plan|offer|document|idea|initiative|request)s?\s*$",
    re.I,
)


def _content_words(summary: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", summary.lower()) if w not in _STOP and len(w) > 2}


def _same_thing(a: str, b: str) -> bool:
    """Two summaries of one actor's open proposals tell one proposal: one is empty or vague ("the proposal"),
    or they share half the content words of the shorter; "a memorandum" and "a second round of talks" are two."""
    if not a or not b or _VAGUE.fullmatch(a) or _VAGUE.fullmatch(b):
        return True
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def _merge_proposals(items: list[EventFrame]) -> list[EventFrame]:
    merged: list[EventFrame] = []
    for it in items:
        t = None
        for o in merged:
            if (
                o.key == it.key
                and o.is_open == it.is_open
                and (o.is_open or o.status == it.status)
                and _same_thing(o.summary, it.summary)
            ):
                t = o
                break
        if t is None:
            merged.append(it)
            continue
        if not t.summary and it.summary:
            t.summary = it.summary
        if t.date is None and it.date:
            t.date, t.precision = it.date, it.precision
        # a country or body name is a better proposer than one of its people
        if gazetteer.country_of_place(it.proposer) and not gazetteer.country_of_place(t.proposer):
            t.proposer = it.proposer
    return merged


# Confidence: shares of predicted proposals found right by ../shared/eval/score.py on the development
# cases (realnews + public, extraction 0.7.0): open or refused 10/10, accepted 5/6, submitted 1/2; a
# proposer of several words (a person or a body rather than a state) 7/9. Small samples.


def proposal_confidence(p: EventFrame) -> float:
    """How often a proposal like this one is right: a state proposing an open or refused proposal most."""
    conf = {
        "proposed": 0.95,
        "promised": 0.9,
        "rejected": 0.95,
        "withdrawn": 0.85,
        "accepted": 0.9,
        "submitted": 0.6,
    }.get(p.status, 0.7)
    if len(p.proposer.split()) > 1:
        conf -= 0.1
    return round(conf, 2)
