"""Meeting frames (talks, calls, summits, visits) from the narrative, text outside quotation marks.

meetings() is the pipeline: each sentence's triggers (_sentence_triggers, _kind_of, _not_a_meeting) open
EventFrames (frames.py) whose slots small units fill in turn: status and time (_fill_status_and_time:
_status, then event_dates.pick_date and relative_to_reference), place (_fill_place: the rules of
venues.py), parties (_fill_parties: _parties, _call_pair, _leaders_meeting, read from doc.mentions and
doc.coref); a frame with neither day nor place that refers back is dropped (_no_event_of_its_own). The
frames of one event are then merged (_events_of: _merge_meetings, _drop_superseded_plans,
_absorb_into_called_off) and completed from the article (event_dates.date_from_lead, venues.inherit_single_venue).
No state outside one call."""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from . import gazetteer
from .document import Doc
from .document import Sentence
from .event_dates import date_from_lead
from .event_dates import meeting_phrase_end
from .event_dates import pick_date
from .event_dates import relative_to_reference
from .frames import EventFrame
from .frames import clause_starts
from .frames import dates_in
from .frames import one_of
from .mentions import Mention
from .people import Person
from .venues import city_within
from .venues import host_place
from .venues import inherit_single_venue
from .venues import is_building
from .venues import location_in
from .venues import refine_country_venues
from .venues import same_place
from .venues import visited_place

# ------------------------------------------------------------------------------ meetings

TRIGGER_RE = re.compile(
    # every trigger opens with a lower-case letter: the lookahead passes over the other positions fast
    r"(?=[a-z])(?:"
    r"\b(?P<call>phone call|telephone call|video call|phone conversation|telephone conversation|"
    r"phone talks?|telephone talks?|video conference|videoconference|call with|"
    r"(?:spoke|spoken|talked|speak|talk)\s+(?:\w+ly\s+)?(?:by|over|on)\s+(?:the\s+|a\s+)?(?:tele)?phone|phoned|"
    r"(?:spoke|spoken|talked)\s+(?:with|to)\s+(?:[\w’'\-.]+\s+){1,5}?(?:by|over|on)\s+(?:the\s+)?(?:tele)?phone|telephoned|held a call|calls? between|"
    r"spoke (?:by|over|on) (?:a |the )?(?:hotline|video ?link)|hotline (?:call|conversation|talks)|"
    r"(?:tele)?phone exchanges?|"
    r"(?P<fut_call>(?:speak|talk) (?:with|to)(?= [A-Z])|call(?= (?:his|her|their|the|[A-Z])))|"
    r"(?:zoom|video|virtual|online) (?:meeting|conference|summit))\b"
    r"|\b(?P<summit>summit|summits|leader-level meeting|leaders' meeting)\b"
    r"|\b(?P<signing>signed)\b"
    r"|\b(?P<visit>visit(?:ed|ing|s)?(?= to| [A-Z])|state visit|trip to|(?P<fut_return>return|travel|fly) to(?= (?:the )?[A-Z]))\b"
    r"|\b(?P<talks>(?:(?:first|second|third|fourth|fifth|sixth|new|next|another|final|latest|fresh|further|last)\s+)?"
    r"round\s+of\s+(?:the\s+)?(?:peace\s+|direct\s+|indirect\s+)?(?:talks|negotiations|discussions|consultations)|"
    r"(?:first|second|third|fourth|fifth|sixth|new|next|another|final|latest|fresh|further) round|talks|negotiations|meeting|meetings|meet|met|meets|"
    r"talked|in discussions with|held discussions|peace conference|conference|negotiating table|"
    r"(?:held|had|hold|holds|holding|began|begun|started|opened)\s+(?:an?\s+|their\s+)?(?:[\w\-]+\s+){0,3}?discussions?)\b"
    r")"
)
# "to speak with X", "will call his counterparts": the bare verb is a call only after these
FUTURE_BEFORE = re.compile(r"(?:\bto|\bwould|\bwill|’ll|'ll) $")
NOT_HAPPEN = r"\s+(?:take\s+place|go\s+ahead|happen)"  # "will not take place", "won't go ahead"
CANCEL_RE = re.compile(
    r"\b(cancel(?:l?ed|s|ing|lation)?|called off|call off|scrapped|scrap|axed|"
    r"(?:will|would)\s+not" + NOT_HAPPEN + r"|(?:won[’']t|no\s+longer)" + NOT_HAPPEN + r")\b",
    re.I,
)
POSTPONE_RE = re.compile(
    r"\b(postpone[ds]?|postponing|postponement|delayed|delay|put off|pushed back|"
    r"rescheduled|deferred|adjourned)\b",
    re.I,
)
PROPOSE_CUE = re.compile(
    r"\b(propos\w*|suggest\w*|offer(?:ed|s|ing)?\s+to|invit\w+|called for|calls? for|future|"
    r"request\w*|demand\w*|"
    r"potential|possible|ready to|open to|openness|willing|would like|wants? to|"
    r"pushing for|pushed for|urg\w+|seek\w*|sought|push for|further|new round|should|must|ought to|"
    r"next step|idea of)\b",
    re.I,
)
SCHEDULE_CUE = re.compile(
    r"\b(will|shall|to be held|is to|are to|was to|were to|due to|due in|set to|set for|"
    r"scheduled|planned|plans?\s+to|planning|expected to|expected|agreed to|agree to|"
    r"upcoming|next|would|to meet|to resume|to hold|resume|later this|"
    r"are going to|is going to|ahead of|run-up to|lead-up to|in preparation for|"
    r"prepar\w+ for|to start|to begin|to launch|to open|to continue|to attend)\b",
    re.I,
)
HELD_CUE = re.compile(
    r"\b(met|held|hold(?:s)?|took place|occurred|ended|began|opened|concluded|talked|spoke|"
    r"visited|after|following|during|signed|wrapped up|hosted|attended|attending|"
    r"stalled|collapsed|failed|broke down|yielded|produced|ago|yesterday|currently|"
    r"earlier|last|first round|was|were|had|has been|have been|since)\b",
    re.I,
)
# a plan told in the past: "the summit was meant to seal the deal", "the talks were to open on Monday"
PLANNED_BEFORE = (
    r"(?:was|were)\s+(?:meant|supposed|due|set|scheduled|expected|planned)\s+to|"
    r"(?:was|were)\s+to\s+(?:be|take|have|meet|hold|open|start|begin|resume|convene)"
)
RIGHT_VERB_CUE = re.compile(
    r"\b(?P<off>(?:was|were|has been|have been|had been) (?:postponed|cancell?ed|called off|delayed|put off|scrapped))\b"
    r"|\b(?P<held>took place|occurred|ended|began|opened|concluded|were held|was held|stalled|collapsed|"
    r"failed|broke down|yielded|produced|wrapped up|went|lasted|had|has|have)\b"
    r"|\b(?P<sched>will|would|are to|is to|are due|is due|are set|is set|are scheduled|is scheduled|"
    r"are expected|is expected|are planned|is planned|could|may|might|" + PLANNED_BEFORE + r")\b",
    re.I,
)
AHEAD_WORDS = {"ahead of", "run-up to", "lead-up to", "in preparation for"}
RIGHT_PROPOSED = re.compile(
    r"\s*(?:(?:that|which)\s+(?:[\w’'\-.]+\s+){1,4}?(?:has\s+|have\s+|had\s+)?(?:just\s+|also\s+)?"
    r"(?:proposed|suggested|offered|called for|floated)|(?:proposed|suggested|offered|floated)\s+by)\b",
    re.I,
)
MODAL_LEFT = re.compile(
    r"\b(?:will|would|shall|could|may|might|to|’ll|'ll)\s+(?:\w+ly\s+|also\s+|again\s+|soon\s+)?$", re.I
)
LEADERS_AFTER = re.compile(
    r"\s+(?:between|of|among)\s+(?:the\s+)?(?:two\s+|both\s+|three\s+|their\s+)?"
    r"(?:countries[’']\s+|nations[’']\s+|\w+\s+)?(?:presidents|leaders|heads\s+of\s+state|"
    r"heads\s+of\s+government|prime\s+ministers)\b"
)
REPORT_TAIL = re.compile(
    r",\s*([^,]{2,80}?)\s+(?:said|says|told\s+\w+|announced|reported|confirmed|added|stated)"
    r"(?:\s+(?:on\s+)?\w+)?(?:\s*,\s*(?:a|an|one|two|three|the|hours|days|shortly)\s+[\w\s]{0,12}?"
    r"(?:after|before)\b[^.;!?]*)?\s*[.!?]?\s*$"
)
MAYBE_LEFT = re.compile(r"\b(?:may|might|could|should|must|can)\s+(?:\w+ly\s+|also\s+|soon\s+|still\s+)?$", re.I)
ASKED_TO = re.compile(
    r"\b(?:urg\w+|call(?:ed|s)?\s+on|ask(?:ed|s)?|invit\w+|press(?:ed|es)?|encourag\w+)\s+"
    r"(?:[\w’'\-.]+\s+){1,6}?to\s+[^.;]*$",
    re.I,
)


def _right_context(text: str, trig_e: int, s_end: int) -> tuple[str, str, str]:
    """The words after a meeting trigger: (the rest of the sentence, its first phrase of up to 16 words, up to
    24 words), looking past a parenthetical ("The summit, originally set for March 20, was postponed")."""
    right = text[trig_e:s_end]
    right_np = re.split(r"[,;:]|\b(?:who|but|and then)\b", right, maxsplit=1)[0]
    paren = re.match(r"\s*,[^,;:]{0,90},\s*((?:\w+\s+){0,3}\w+)", right)
    if paren and not right_np.strip():  # "The summit, originally set for March 20, was postponed"
        right_np = paren.group(1)
    right_long = " ".join(right_np.split()[:24])
    right_np = " ".join(right_np.split()[:16])
    return right, right_np, right_long


def _called_off(window_l: str, right: str, right_long: str) -> str | None:
    """cancelled / postponed from the words around the trigger, also past "between A and B, set for X,"."""
    if CANCEL_RE.search(window_l + " " + right_long):
        return "cancelled"
    # "A summit between A and B, originally set for Thursday, has been postponed"
    pm2 = re.match(r"\s+(?:between|with|of|among|in|at)\s[^,;:]{0,100},[^,;:]{0,90},\s*((?:\w+\s+){0,3}\w+)", right)
    far = pm2.group(1) if pm2 else ""
    if CANCEL_RE.search(far):
        return "cancelled"
    if POSTPONE_RE.search(window_l + " " + right_long + " " + far):
        return "postponed"
    return None


def _left_cue(text: str, s_start: int, s_end: int, window_l: str) -> str | None:
    """The status the nearest cue before the meeting noun gives ("proposed", "will hold", "held", "ahead of")."""
    cues = []
    for rx, st in ((PROPOSE_CUE, "proposed"), (SCHEDULE_CUE, "scheduled"), (HELD_CUE, "held")):
        for m in rx.finditer(window_l):
            if st == "held" and MODAL_LEFT.search(window_l[: m.start()]):
                st2 = "scheduled"  # "will hold a new round", "to attend the summit"
            else:
                st2 = st
            cues.append((m.end(), st2, m.group(0).lower()))
    if re.search(r"\b(will|would|to)\s+$", window_l):
        return "scheduled"
    if MAYBE_LEFT.search(window_l):
        return "proposed"  # "they may meet again"
    if cues:
        cues.sort()
        end, st, word = cues[-1]
        if (
            st == "scheduled"
            and re.search(r"\bpropos|suggest|invit|offer", window_l, re.I)
            and word in ("to meet", "to hold", "resume", "would")
        ):
            return "proposed"
        if word in AHEAD_WORDS and not re.search(
            r"\b(?:has|have|is|are|will|would|plans?|planning|to be|scheduled|"
            r"planned|slated|due|upcoming)\b",
            re.split(r"\b(?:that|which|who)\b", text[s_start:s_end])[0],
            re.I,
        ):
            return "held"  # "Ahead of Friday's meeting, X unveiled ...": told after the event
        return st
    return None


def _asked_for(text: str, s_start: int, trig_s: int) -> bool:
    """A meeting the sentence asks for: the last item of a list ("calls for a ceasefire, ... and a meeting
    between A and B") or "X urged A and B to ... meet"."""
    left_all = text[s_start:trig_s]
    if re.search(r"(?:,|\band)\s+(?:an?|the)\s+(?:\w+\s+){0,2}$", left_all):
        asks = list(
            re.finditer(r"\b(?:calls? for|called for|propos\w*|demand\w*|seek\w*|urg\w+|wants?)\b", left_all, re.I)
        )
        if asks:
            return True
    # "X urged A and B to continue negotiating and meet in Y": asked for, not held
    if ASKED_TO.search(text[s_start:trig_s]):
        return True
    return False


def _tense_status(text: str, s_start: int, trig_s: int, right_np: str, whole: str) -> str:
    """held / scheduled from the tense of the clause, then of the sentence."""
    clause_l = re.split(r"[;:]", text[s_start:trig_s])[-1]
    for seg in (clause_l + " " + right_np, whole):
        fut = re.search(r"\b(will|would|next|due to|scheduled|expected|plans? to|to be held|are to|is to)\b", seg, re.I)
        past = re.search(r"\b(signed|agreed|met|held|ended|began|was|were|had|\w{3,}ed)\b", seg)
        if past and not fut:
            return "held"
        if fut and not past:
            return "scheduled"
    return "held"


# an adjective on the meeting noun that says its phase: "an anticipated meeting", "the planned US-Peru summit",
# "a possible visit"; it outranks a verb telling news about that meeting ("... has sparked concerns")
PHASE_ADJECTIVE = re.compile(
    r"\b(?:an?|the|their|its|his|her|this|that)\s+(?:much-|long-|widely\s+|eagerly\s+)?"
    r"(?:(?P<sched>upcoming|planned|expected|anticipated|awaited|forthcoming|scheduled|rescheduled|impending|"
    r"coming)|(?P<prop>proposed|possible|potential|mooted|prospective|hoped-for|suggested))\s+"
    r"(?:(?!(?:of|to|for|in|at|on|by|with|and|or|that|which|who)\b)[\w\-’'.]+\s+){0,3}$",
    re.I,
)
# verbs after the noun that outrank PHASE_ADJECTIVE: the meeting itself took place or was called off
PHASE_OVERRIDING_VERB = re.compile(
    r"\b(?:took place|occurred|ended|began|opened|concluded|were held|was held|been held|wrapped up|went ahead|"
    r"lasted|stalled|collapsed|broke down|yielded|produced)\b",
    re.I,
)


def _phase_adjective(text: str, s_start: int, trig_s: int, right_np: str) -> str | None:
    """scheduled / proposed from an adjective on the meeting noun, unless a verb after says it took place."""
    m = PHASE_ADJECTIVE.search(text, max(s_start, trig_s - 80), trig_s)
    if not m or PHASE_OVERRIDING_VERB.search(right_np):
        return None
    return "scheduled" if m.group("sched") else "proposed"


def _status(doc: Doc, s_start: int, s_end: int, trig_s: int, trig_e: int, trig_text: str) -> str:
    text = doc.masked
    window_l = text[max(s_start, trig_s - 70) : trig_s]
    window_l = re.split(r"[;:,]", window_l)[-1]
    right, right_np, right_long = _right_context(text, trig_e, s_end)
    whole = text[s_start:s_end]
    off = _called_off(window_l, right, right_long)
    if off:
        return off
    low = trig_text.lower()
    if _attended_in_past(text, s_start, trig_s):
        return "held"
    if low in ("met", "talked", "visited", "phoned", "telephoned") or low.startswith(
        ("spoke", "talked", "held", "began", "begun", "started", "opened")
    ):
        if not re.search(r"\b(will|would|to|could|may)\s+(?:\w+\s+)?$", window_l, re.I):
            return "held"
    phase = _phase_adjective(text, s_start, trig_s, right_np)
    if phase:
        return phase
    # a relative clause or participle naming who proposed it: "talks that Moscow has proposed for Monday"
    if RIGHT_PROPOSED.match(right_np):
        return "proposed"
    # a finite verb after the meeting noun
    rm = RIGHT_VERB_CUE.search(right_np)
    if rm:
        if rm.group("off"):
            return "cancelled" if re.search(r"cancel|called off|scrapped", rm.group(0)) else "postponed"
        if rm.group("held"):
            return "held"
        if rm.group("sched"):
            return "scheduled"
    # the nearest cue before the noun
    cue = _left_cue(text, s_start, s_end, window_l)
    if cue:
        return cue
    if _asked_for(text, s_start, trig_s):
        return "proposed"
    return _tense_status(text, s_start, trig_s, right_np, whole)


# "the meeting", "the planned meetings": one mentioned before (not "that he would meet")
BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?!(?:he|she|it|they|we|i|you|would|will|could|"
    r"should|may|might|must|to|had|has|have|was|were|is|are)\b)[a-z\-]+\s+){0,2}$"
)
# "the next round of talks", "a new meeting": a further event, not one mentioned before
NEW_EVENT_WORD = re.compile(r"(?:first|second|third|fourth|fifth|sixth|new|next|another|final|fresh|further)\b", re.I)
AT_MEETING = re.compile(r"\b(?:at|during|in)\s+(?:a|an|the|their|its)\s+(?:[\w\-]+\s+){0,3}$", re.I)
FUTURE_IN_CLAUSE = re.compile(
    r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|going\s+to|next|upcoming|"
    r"expected|scheduled|plans?|planned|due)\b",
    re.I,
)
PAST_MAIN_VERB = re.compile(
    r"\b(?:agreed|decided|signed|said|announced|reached|discussed|approved|was|were|"
    r"had|made|[a-z]{3,}ed)\b"
)


def _attended_in_past(text: str, a: int, ts: int) -> bool:
    """ "X and Y agreed on Z at a four-way meeting": something done at a meeting, in the past tense, tells
    that the meeting was held."""
    left = text[a:ts]
    m = AT_MEETING.search(left)
    if not m:
        return False
    before = left[: m.start()]
    return bool(PAST_MAIN_VERB.search(before)) and not FUTURE_IN_CLAUSE.search(before)


_LEAD_NOUN_RE = re.compile(r"(\s*)(Talks|Negotiations|Meetings?|Summits?|Discussions)\b")


def _sentence_triggers(doc: Doc, sent: Sentence) -> list[re.Match[str]]:
    """The meeting triggers of a sentence ("talks", "met", "a phone call", ...), a sentence-initial noun
    included; a future call or return only after a future word, a signing only between two parties."""
    seg = doc.masked[sent.start : sent.end]
    lead = _LEAD_NOUN_RE.match(seg)
    if lead:  # a sentence-initial meeting noun
        seg = seg[: lead.end(1)] + seg[lead.end(1)].lower() + seg[lead.end(1) + 1 :]
    return [
        m
        for m in TRIGGER_RE.finditer(seg)
        if (
            not (m.group("fut_call") or m.group("fut_return"))
            or FUTURE_BEFORE.search(seg, max(0, m.start() - 8), m.start())
        )
        and (
            not m.group("signing")
            or _signing_meeting(doc, sent.start, sent.end, sent.start + m.start(), sent.start + m.end())
        )
    ]


def _kind_of(m: re.Match[str]) -> str:
    """call / summit / visit / talks from the trigger group that matched; a signing ceremony is a summit."""
    if m.group("signing"):
        return "summit"  # "A and B signed in X on Tuesday an agreement": a signing ceremony (kept above)
    return "call" if m.group("call") else "summit" if m.group("summit") else "visit" if m.group("visit") else "talks"


# "if its demands were met", "get your needs met": the demands are satisfied, nobody meets
MET_SATISFIED = re.compile(
    r"\b(?:demands?|needs?|requirements?|targets?|criteria|expectations|conditions?|goals?|obligations?|"
    r"standards?|deadlines?|terms)\s+(?:(?:are|were|was|is|be|been|being|have|has|had|get|got|not|fully|"
    r"all|finally|still|largely|partly|partially)\s+){0,3}$",
    re.I,
)
# "the plan was met with scepticism": a reaction ("was met at the airport by X" stays a meeting)
MET_WITH_REACTION = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
# "a meeting point for families", "the meeting room": the noun names a place, not an event
MEETING_AS_PLACE = re.compile(r"[\s-]+(?:place|point|spot|room|hall|house|ground|venue)s?\b", re.I)


def _non_meeting_word(text: str, sent_start: int, ts: int, te: int, low: str) -> bool:
    """A meeting word in a sense that is no meeting: a compound ("a meet-and-greet", "a meet-up"), a place
    ("a meeting point"), demands satisfied ("if its demands are met") or a reaction ("was met with anger")."""
    after = text[te : te + 12]
    if low in ("meet", "met") and after.startswith("-"):
        return True
    if low == "meeting" and MEETING_AS_PLACE.match(after):
        return True
    if low != "met":
        return False
    before = text[max(sent_start, ts - 60) : ts]
    if MET_SATISFIED.search(before):
        return True
    return bool(re.match(r"\s+with\b", after) and MET_WITH_REACTION.search(before))


def _not_a_meeting(text: str, sent_start: int, ts: int, te: int, low: str, kind: str) -> bool:
    """Common non-meeting uses of a trigger word: "meet the demands", "meeting the targets", "he talks",
    "news conference"."""
    if _non_meeting_word(text, sent_start, ts, te, low):
        return True
    after = text[te : te + 25]
    before = text[max(sent_start, ts - 25) : ts]
    if low in ("meet", "meets") and re.match(
        r"\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w\-]+\s+(?:or\s+|and\s+)?){0,3}"
        r"(?:demands?|needs?|requirements?|targets?|criteria|threshold|expectations|"
        r"deadlines?|goals?|standards?|obligations?|conditions?|bar|quotas?|"
        r"challenges?|costs?|payroll|criterion|benchmarks?)\b",
        text[te : te + 60],
    ):
        return True
    if low == "meeting" and re.match(
        r"\s+(?:the\s+)?(?:demands?|needs?|requirements?|targets?|threshold|expectations|deadline|goals?|standards?)\b",
        after,
    ):
        return True
    if (
        low == "talks"
        and re.match(r"\s+(?:about|of)\s+(?:a|an)\b", after) is None
        and re.search(r"\b(?:he|she|it|who|which)\s+$", before)
    ):
        return True  # "he talks"
    if kind == "talks" and low in ("conference",) and re.search(r"\b(news|press)\s+$", before):
        return True
    return False


def _parties(
    doc: Doc,
    sent: Sentence,
    ts: int,
    te: int,
    loc: str | None,
    sent_countries: list[Mention],
    sent_people: list[Person],
) -> list[str]:
    """The states and people a meeting sentence names as its parties, minus the venue and the source of a
    trailing ", X said" or an opening "According to X,"."""
    text = doc.masked
    parts: list[str] = []
    # the source of a trailing ", Kazakhstan's foreign ministry said on Tuesday" is not a party
    # when the sentence names two parties of its own
    src = REPORT_TAIL.search(text, max(te, sent.start), sent.end)
    src_span = (src.start(1), src.end(1)) if src else (-1, -1)
    acc = re.match(r"\s*According to\s+([^,]{2,80}),", text[sent.start : sent.end])
    if not src and acc:
        src_span = (sent.start + acc.start(1), sent.start + acc.end(1))  # "According to X, ...": the source
    src_always = bool(not src and acc)
    n_other = len({c.key for c in sent_countries if not src_span[0] <= c.start < src_span[1] and c.text != loc})
    for c in sent_countries:
        if (n_other >= 2 or src_always) and src_span[0] <= c.start < src_span[1]:
            continue
        if sent.start <= c.start < sent.end:
            nm = gazetteer.country_display(c.key)
            if loc and c.text == loc:
                continue  # the venue ("in Brussels") is not a party
            if nm and nm not in parts and nm != loc:
                parts.append(nm)
    for p in sent_people:
        if (
            (n_other >= 2 or src_always)
            and any(src_span[0] <= s < src_span[1] for s, _ in p.mentions)
            and not any(sent.start <= s < sent.end and not src_span[0] <= s < src_span[1] for s, _ in p.mentions)
        ):
            continue  # the source of a trailing ", President X said" is not a party either
        if src and src.end(1) < ts:
            pass
        elif src and all(s >= src.end(1) or not sent.start <= s < sent.end for s, _ in p.mentions):
            continue  # named only in the ", a day after a call with X" tail: that event's party
        if any(sent.start <= s < sent.end for s, _ in p.mentions) and p.name not in parts:
            parts.append(p.name)
    return parts


def _fill_status_and_time(
    f: EventFrame,
    doc: Doc,
    hits: list[dates.DateHit],
    sent: Sentence,
    trigs: list[re.Match[str]],
    word: str,
    pub: dt.date | None,
) -> None:
    """A meeting frame's status and its time (date and precision) in its sentence; hits are the sentence's."""
    text = doc.masked
    ts, te = f.trigger
    low = word.lower()
    others = [o for o in trigs if sent.start + o.start() != ts]
    other_triggers = [sent.start + o.start() for o in others]
    status = _status(doc, sent.start, sent.end, ts, te, word)
    direction = 1 if status in ("proposed", "scheduled", "postponed") else -1
    d, prec = pick_date(
        doc,
        hits,
        ts,
        te,
        sent.start,
        sent.end,
        direction,
        other_triggers,
        [meeting_phrase_end(doc, sent.start + o.end(), sent.end) for o in others],
        pub=pub,
    )
    rule = "pick_date"
    rel = relative_to_reference(doc, sent.start, ts, pub)
    if rel is not None:
        d, prec, rule = rel, "day", "relative_to_reference"
        if pub and d < pub and status in ("proposed", "scheduled"):
            status = "held"
    if d is None and f.kind == "call" and status == "held":
        # a call with no date of its own, reported in the same clause: the reporting day
        d, prec = pick_date(doc, hits, ts, te, sent.start, sent.end, -1, other_triggers, reporting=True, pub=pub)
        rule = "reporting_day"
    if d is None and pub and (low == "in discussions with" or CURRENTLY.search(text[max(sent.start, ts - 40) : ts])):
        d, prec, rule = pub, "day", "ongoing_on_publication_day"
    f.status = status
    f.precision = prec
    f.fill("date", d, rule)


CURRENTLY = re.compile(r"\bcurrently\b")


def _leaders_noun(text: str, a: int, ts: int, te: int) -> bool:
    """ "a meeting of the two presidents", "the leaders' meeting": a summit."""
    return bool(LEADERS_AFTER.match(text, te) or LEADERS_BEFORE.search(text[max(a, ts - 25) : ts]))


LEADERS_BEFORE = re.compile(r"\b(?:leaders|presidents)[’']\s*$")


def _fill_place(f: EventFrame, doc: Doc, si: int, sent: Sentence, low: str) -> None:
    """Where: the place visited, else a venue named in the sentence ("in X", "at the X Palace", "X will
    host"), else, for a held meeting told in the lead, the dateline's city (weak)."""
    ts, te = f.trigger
    text = doc.masked
    if f.kind == "visit" and (
        low.startswith("visit") or re.match(r"\s+to\b", text[te : te + 4]) or low.endswith(" to")
    ):
        f.fill("place", visited_place(doc, te), "visited_place")
    if f.kind == "call" or f.place is not None:
        return
    f.fill("place", location_in(doc, sent.start, sent.end, ts, te), "location_in")
    if f.place is None:
        f.fill("place", host_place(doc, sent.start, ts), "host_place")
    first_body = 1 if len(doc.paras) > 1 else 0
    if f.place is None and doc.dateline and sent.para == first_body and f.status == "held" and si <= 3:
        f.fill("place", doc.dateline, "dateline")
        f.place_weak = True


def _no_event_of_its_own(text: str, sent: Sentence, f: EventFrame, low: str) -> bool:
    """A meeting noun with neither day nor place that refers back to one told before ("before the
    meeting"), names the activity in general ("pressure for negotiations") or is an item of a plan's list
    ("a roadmap for a ceasefire, talks, ... and a possible meeting of leaders")."""
    if f.date is not None or f.place is not None:
        return False
    ts, te = f.trigger
    if (
        BACK_REFERENCE.search(text[max(sent.start, ts - 25) : ts])
        and not NEW_EVENT_WORD.match(low)
        and not re.match(r"\s+(?:between|with|of|among)\s", text[te : te + 25])
    ):
        return True
    if _generic_mention(text, sent.start, ts, te, low):
        return True
    return bool(LIST_ITEM_OF_PLAN.search(text, sent.start, ts)) and not re.match(
        r"\s+(?:between|with)\s", text[te : te + 10]
    )


def _fill_parties(
    f: EventFrame, doc: Doc, sent: Sentence, low: str, sent_countries: list[Mention], sent_people: list[Person]
) -> None:
    """Who: the sentence's states and people (minus venue and source), a call's two sides, the two people a
    group subject stands for ("the two presidents"), or the two leaders a meeting is of (a summit)."""
    ts, te = f.trigger
    parts = _parties(doc, sent, ts, te, f.place, sent_countries, sent_people)
    rule = "sentence"
    if f.kind == "call":
        pair = _call_pair(doc, sent.start, sent.end, ts, te)
        if pair:
            parts, rule = pair, "call_pair"
    group = _group_subject(doc, sent.start, ts)
    if group:
        parts, rule = group + [p for p in parts if p not in group], "group_subject"
    f.leaders = f.kind == "summit" and low in ("meeting", "meetings")  # "a meeting of the presidents"
    if f.kind in ("talks", "summit") and low in ("meeting", "meetings", "summit", "summits", "talks"):
        leaders = _leaders_meeting(doc, te, sent.end)
        if leaders:
            f.kind, parts, f.leaders, rule = "summit", leaders, True, "leaders_meeting"
    f.fill("parties", parts[:6], rule)


# "The two presidents spoke by phone", "the two foreign ministers also met": a group named before
GROUP_SUBJECT = re.compile(
    r"\b[Tt]he\s+two\s+(?P<role>leaders|presidents|prime\s+ministers|heads\s+of\s+state|foreign\s+ministers)\b"
)
GROUP_ROLE = {"prime ministers": "prime minister", "foreign ministers": "foreign minister", "presidents": "president"}


def _group_subject(doc: Doc, a: int, ts: int) -> list[str]:
    """The two people a group subject before the trigger stands for ("The two presidents spoke by phone"):
    of the people named before with that role (any leader's title for "leaders" and "heads of state"), the
    first of each state; none unless there are two, the group is in the trigger's clause and no one else is
    named between them."""
    g = GROUP_SUBJECT.search(doc.masked, a, ts) if doc.masked.find(" two ", a, ts) >= 0 else None
    if g is None or g.start() < clause_starts(doc, a, ts)[-1] or doc.coref.people_between(g.end(), ts):
        return []  # (the last clause starting before the trigger is the trigger's)
    role = GROUP_ROLE.get(" ".join(g.group("role").split()))
    named = sorted(
        (min(s_ for s_, _ in p.mentions), i, p)
        for i, p in enumerate(doc.coref.people)
        if p.mentions
        and p.title
        and (re.search(r"\b" + role + r"$", p.title.strip(), re.I) if role else LEADER_TITLE.match(p.title.strip()))
    )
    picked: list[Person] = []
    for start, _, p in named:
        if start < g.start() and not any(q.country and q.country == p.country for q in picked):
            picked.append(p)
    return [p.name for p in picked[:2]] if len(picked) >= 2 else []


def _trigger_frame(
    doc: Doc,
    si: int,
    sent: Sentence,
    trigs: list[re.Match[str]],
    m: re.Match[str],
    hits: list[dates.DateHit],
    pub: dt.date | None,
    scope: tuple[list[Mention], list[Person]],
) -> EventFrame | None:
    """One trigger's frame: kind, status and time, place, parties; None for a word that is no meeting here
    or a meeting told before."""
    text = doc.masked
    ts, te = sent.start + m.start(), sent.start + m.end()
    word = m.group(0)
    low = word.lower()
    kind = _kind_of(m)
    if _not_a_meeting(text, sent.start, ts, te, low, kind):
        return None
    f = EventFrame(kind, "", (ts, te), doc.text[sent.start : sent.end].strip())
    _fill_status_and_time(f, doc, hits, sent, trigs, word, pub)
    if kind == "talks" and low in ("meeting", "meetings") and _leaders_noun(text, sent.start, ts, te):
        f.kind = "summit"
    _fill_place(f, doc, si, sent, low)
    if _no_event_of_its_own(text, sent, f, low):
        return None
    if f.precision == "year":
        f.date, f.precision = None, None  # "since last year": a year is no meeting's date
        f.filled_by.pop("date", None)
    _fill_parties(f, doc, sent, low, *scope)
    f.days = _days_long(text, sent.start, ts)
    return f


def _sentence_frames(doc: Doc, si: int, sent: Sentence, pub: dt.date | None) -> list[EventFrame]:
    """The meeting frames of one sentence, one per trigger that tells a meeting."""
    if sent.para == 0 and len(doc.masked[sent.start : sent.end].split()) < 15:
        return []  # a short headline repeats the body in the present tense
    trigs = _sentence_triggers(doc, sent)
    if not trigs:
        return []
    # the sentence's own mentions and dates, found by bisection: the scan stays linear in the article's length
    scope = (doc.mentions.between("state", sent.start, sent.end), doc.coref.people_in(sent.start, sent.end))
    sent_hits = dates_in(doc, sent.start, sent.end)
    frames = (_trigger_frame(doc, si, sent, trigs, m, sent_hits, pub, scope) for m in trigs)
    return [f for f in frames if f is not None]


def _events_of(doc: Doc, frames: list[EventFrame], pub: dt.date | None) -> list[EventFrame]:
    """One frame per event: the sentence frames merged, then completed from the rest of the article."""
    refine_country_venues(doc, frames)
    merged = _drop_superseded_plans(_merge_meetings(frames))
    date_from_lead(doc, merged, pub)
    inherit_single_venue(merged)
    return _absorb_into_called_off(merged)


def meetings(doc: Doc, pub: dt.date | None) -> list[EventFrame]:
    """The article's meetings: the frames of every sentence (trigger -> status and time -> place ->
    parties), merged into events."""
    frames = [f for si, sent in enumerate(doc.sentences) for f in _sentence_frames(doc, si, sent, pub)]
    return _events_of(doc, frames, pub)


# a title naming the leader himself ("Russian President", "Prime Minister"), not "aide to President"
LEADER_TITLES = ("president", "prime minister", "premier", "chancellor", "king", "emir", "leader", "supreme leader")
LEADER_TITLE = re.compile(r"^(?:[\w.\-]+\s+){0,2}?" + one_of(LEADER_TITLES) + "$", re.I)
TWO_LEADERS = re.compile(
    r"\s+(?:between|of)\s+(?:the\s+)?(?:two|both)\s+(?:countries[’']\s+|nations[’']\s+|sides[’']\s+)?"
    r"(?:presidents|leaders|heads\s+of\s+state)\b",
    re.I,
)


TWO_SUBJECTS = re.compile(
    r"(?:^|[.;:]\s*|\bthat\s+|,\s+)[A-Z][^;:]{0,120}?\s+and\s+(?:[\w’'.\-]+,?\s+){0,10}?"
    r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*(?:,\s*)?\s+(?:have\s+|had\s+|also\s+|jointly\s+)?$"
)


def _signing_meeting(doc: Doc, a: int, b: int, ts: int, te: int) -> bool:
    """A signing is a meeting when two named parties are its subject and the clause names where."""
    if not TWO_SUBJECTS.search(doc.masked[a:ts]):
        return False
    if re.search(r"\b(?:not|never|yet to|refused to|would|will|to)\s+$", doc.masked[max(a, ts - 12) : ts]):
        return False
    return bool(re.match(r"\s+(?:(?:in|at)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?[A-Z])", doc.masked[te : te + 60]))


def _leaders_meeting(doc: Doc, te: int, b: int) -> list[str] | None:
    """The two leaders a meeting is of: named ("a meeting between President A and President B") or, for
    "a meeting of the two presidents", the leaders the article names (one per state where it can)."""
    m = re.match(r"\s+between\s+([^,;.]{3,120}?)\s+and\s+([^,;.]{3,120})", doc.masked[te:b])
    if m:
        named: list[str] = []
        for g in (1, 2):
            gs, ge = te + m.start(g), te + m.end(g)
            counterpart = g == 2 and re.search(r"\bcounterpart\b", doc.masked[gs:ge])  # "and his counterpart X"
            for p in doc.coref.people:
                if any(gs <= s_ < ge for s_, _ in p.mentions) and (
                    (p.title and LEADER_TITLE.match(p.title.strip())) or (counterpart and named)
                ):
                    named.append(p.name)
                    break
        if len(named) == 2:
            return named
    if not TWO_LEADERS.match(doc.masked[te:b]):
        return None
    leaders = sorted(
        (
            (min(s_ for s_, _ in p.mentions), i, p)
            for i, p in enumerate(doc.coref.people)
            if p.mentions and p.title and LEADER_TITLE.match(p.title.strip())
        ),
        key=lambda t: t[:2],
    )
    picked: list = []
    for _, _, p in leaders:
        if not any(q.country and q.country == p.country for q in picked):
            picked.append(p)
    if len(picked) < 2:
        picked = [p for _, _, p in leaders][:2]
    return [p.name for p in picked[:2]] if len(picked) >= 2 else None


# "pressure for peace negotiations", "ready for dialogue and negotiations": the activity in general
GENERIC_LEFT = re.compile(
    r"\b(?:for|of|on|about|toward|towards|into|and|in|to)\s+(?:(?:peace|direct|political|"
    r"further|more|serious|meaningful|substantive|genuine|side|bilateral|informal|separate)\s+)?$",
    re.I,
)


# the last item of a list that says what a plan or document contains ("sets out X's roadmap for a, b and c")
LIST_ITEM_OF_PLAN = re.compile(
    r"\b(?:roadmap|road map|plan|proposal|document|memorandum|draft|framework|blueprint)\s+"
    r"(?:for|on|with)\s+[^.;]*,[^.;]*\band\s+(?:an?\s+|the\s+)?(?:possible\s+|potential\s+|"
    r"eventual\s+|future\s+)?(?:[\w\-]+\s+){0,2}$"
)


def _generic_mention(text: str, a: int, ts: int, te: int, low: str) -> bool:
    """A meeting noun used for the activity in general, with no determiner, day or place of its own
    ("pressure for negotiations"), or a bare item of a list ("a roadmap for a ceasefire, negotiations, ...")."""
    if low not in ("talks", "negotiations", "discussions", "dialogue", "meetings"):
        return False
    if re.search(r",\s*$", text[max(a, ts - 3) : ts]) and re.match(r"\s*(?:,|and\b|or\b)", text[te : te + 5]):
        return True
    left = text[max(a, ts - 40) : ts]
    if not GENERIC_LEFT.search(left):
        return False
    return not re.match(r"\s+(?:between|with|among|in|at|on)\s", text[te : te + 10])


_DAY_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def _days_long(text: str, a: int, ts: int) -> int:
    """ "two-day talks", "a three-day summit": the days a meeting lasts, else 1."""
    m = re.search(r"\b(two|three|four|five|[2-5])-day\s+(?:[\w\-]+\s+)?$", text[max(a, ts - 30) : ts], re.I)
    return _DAY_WORDS[m.group(1).lower()] if m else 1


OLD_PLAN = re.compile(r"\b(?:originally|initially|first)\s+(?:planned|scheduled|set|slated|due|meant)\b", re.I)


def _drop_superseded_plans(items: list[EventFrame]) -> list[EventFrame]:
    """ "The meeting was originally planned for Monday in X": the old plan of a meeting the article reports
    as moved; it is no event of its own unless it was postponed or cancelled."""
    upcoming = [m for m in items if m.phase == "up" and not OLD_PLAN.search(m.sentence)]
    if not upcoming:
        return items
    return [m for m in items if not (OLD_PLAN.search(m.sentence) and m.phase != "off")]


def _absorb_into_called_off(items: list[EventFrame]) -> list[EventFrame]:
    """One event told as planned, then cancelled or postponed: the frames of that event join it, and its
    status is the one it ended with."""
    if not any(m.phase == "off" for m in items):
        return items
    kept = []
    for m in items:
        target = _called_off_event(m, items)
        if target is None:
            kept.append(m)
            continue
        if not target.place and m.place:
            target.place, target.place_weak = m.place, m.place_weak
        if target.kind == "talks" and m.kind == "summit":
            target.kind = "summit"
        for p in m.parties:
            if p not in target.parties:
                target.parties.append(p)
    return kept


PAST_PLAN = re.compile(r"\b(?:" + PLANNED_BEFORE + r")\b|" + OLD_PLAN.pattern, re.I)


def _called_off_event(m: EventFrame, items: list[EventFrame]) -> EventFrame | None:
    """The postponed or cancelled event a frame tells: one of the same day and a compatible place; for a
    plan told in the past with no day of its own ("the summit was meant to seal the deal"), the one
    called-off event of its kind group and place."""
    if m.phase == "off":
        return None
    offs = [
        o
        for o in items
        if o is not m and o.phase == "off" and (o.kind == "call") == (m.kind == "call") and same_place(o.place, m.place)
    ]
    same_day = next((o for o in offs if o.date and o.precision == "day" and m.date == o.date), None)
    if same_day is not None or m.date is not None or not PAST_PLAN.search(m.sentence):
        return same_day
    return offs[0] if len(offs) == 1 else None


_SUBJ_VERB = re.compile(
    r"\s+(?:said|says|told|spoke|speaks|held|holds|had|has|announced|wrote|tweeted|called|"
    r"phoned|telephoned|added|confirmed|will|would)\b"
)


def _call_pair(doc: Doc, a: int, b: int, ts: int, te: int) -> list | None:
    """ "X ... a phone call with Y": the parties are the subject X and Y, not everyone in the sentence."""
    wm = re.match(r"\s+with\s+", doc.masked[te : te + 12])
    if not wm:
        return None
    ws = te + wm.end()
    other = None
    for s, _e, p in doc.coref.people_between(ws, ws + 41):
        if re.fullmatch(r"(?:[A-Z][\w.’'\-]*\s+|[a-z]+\s+){0,4}", doc.masked[ws:s]):
            other = (p.name, s)
            break
    if other is None:
        for c in doc.mentions.between("state", ws, ws + 13):
            if re.fullmatch(r"(?:the\s+)?", doc.masked[ws : c.start]):
                other = (gazetteer.country_display(c.key) or c.text, c.start)
                break
    if other is None:
        return None
    subj = None
    for s, e, p in doc.coref.people_between(a, ts):
        if p.name != other[0] and _SUBJ_VERB.match(doc.masked, e) and (subj is None or s > subj[1]):
            subj = (p.name, s)
    if subj is None:
        return None
    return [subj[0], other[0]]


def _merge_meetings(items: list[EventFrame]) -> list[EventFrame]:
    merged: list[EventFrame] = []
    for m in items:
        target = None
        for o in merged:
            if (o.kind == "call") != (m.kind == "call"):
                continue
            if (
                (o.leaders != m.leaders)
                and m.phase == "up"
                and not (
                    (o.place and m.place and not o.place_weak and not m.place_weak)
                    or (o.date and m.date and o.date == m.date)
                )
            ):
                continue  # the leaders' meeting asked for is not the delegations' round
            if o.phase != m.phase:
                continue
            la = None if o.place_weak else o.place
            lb = None if m.place_weak else m.place
            if not same_place(la, lb):
                continue
            if o.date and m.date and o.date != m.date:
                gap = abs((o.date - m.date).days)
                if "week" in (o.precision, m.precision) and "year" not in (o.precision, m.precision):
                    # "next week" (the same weekday a week on) and a day of that week, or another week
                    if gap > 6:
                        continue
                elif o.precision != "day" or m.precision != "day":
                    if o.date.year != m.date.year or o.date.month != m.date.month:
                        continue
                elif not (la and lb and gap <= 14 and o.phase == "past") and not (
                    gap < max(o.days, m.days) and o.phase == "past"
                ):
                    continue  # (talks over days: "two-day talks ending Saturday" and "the talks Friday")
            target = o
            break
        if target is None:
            merged.append(m)
            continue
        o = target
        if (
            (o.place is None or o.place_weak or is_building(o.place))
            and m.place
            and not m.place_weak
            and not is_building(m.place)
        ):
            o.place, o.place_weak = m.place, False  # a town or country rather than a building
        elif o.place is None and m.place:
            o.place, o.place_weak = m.place, m.place_weak
        elif o.place and m.place and not m.place_weak and city_within(m.place, o.place):
            o.place = m.place  # "talks in Malaysia" ... "the meeting in Kuala Lumpur"
        if o.date is None or (o.precision != "day" and m.precision == "day" and m.date):
            if m.date:
                o.date, o.precision = m.date, m.precision
        if o.kind == "talks" and m.kind in ("summit", "visit"):
            o.kind = m.kind
        if o.status == "scheduled" and m.status == "proposed" and o.phase == "up":
            pass
        for p in m.parties:
            if p not in o.parties:
                o.parties.append(p)
    return merged


# Confidence: shares of predicted meetings found right on the development cases (realnews + public,
# extraction 0.7.0, bench/calibration.py, which counts an item right when score.py's matching finds a
# gold item for it): with a day and a place 35/37, a place only ~0.9, the rest ~0.85.


def meeting_confidence(m: EventFrame) -> float:
    """How often a meeting like this one is right: a day and a named place make it likelier."""
    has_day = m.date is not None and m.precision == "day"
    has_place = bool(m.place) and not m.place_weak
    conf = 0.95 if has_day and has_place else 0.9 if has_place else 0.85
    if m.place_weak:
        conf -= 0.05  # the place was taken from the dateline or the article's other meetings
    if m.kind == "visit":
        conf -= 0.15
    return round(conf, 2)
