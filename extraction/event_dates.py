"""The time slot of a meeting frame (stage 4): the day a sentence gives its meeting (pick_date: a date
in the trigger's own clause first, read by the meeting's tense; never a report's day, a deadline, the
start of a state, a subordinate clause's or an appositive's day, nor for a coming meeting the day it was
agreed), a day told relative to another ("a day after the call"), and, over the article's frames, the
lead's day for the main held meeting told without one. The dates are the stage-2 date hits of the
sentence (frames.dates_in: the stage-2 date mentions' hits). No state outside one call."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from . import dates
from .document import Doc
from .frames import EventFrame
from .frames import clause_starts
from .frames import dates_in
from .frames import one_of

# "said on Monday": the day of the report, not of the meeting
REPORTING_VERBS = tuple(
    "said says told confirmed announced reported stated added wrote tweeted posted noted explained".split()
)
REPORT_BEFORE_DATE = re.compile(r"\b" + one_of(REPORTING_VERBS) + r"\s*(?:on\s+)?$", re.I)
# "X and Y put out a joint statement on Tuesday about the talks": the day of the statement, not of the talks
STATEMENT_VERBS = tuple(
    "issued released published said announced confirmed told reported tweeted posted stated".split()
)
REPORT_AFTER_DATE = re.compile(r"\s*,?\s*" + one_of(STATEMENT_VERBS) + r"\b", re.I)
DEADLINE_BEFORE = re.compile(
    r"\b(?:deadline|since|until|till|by|before|expir\w+)\s+(?:of\s+|on\s+)?(?:the\s+|an?\s+)?$", re.I
)
DEADLINE_AFTER = re.compile(r"\s*(?:deadline|cutoff|cut-off)\b", re.I)
SUBORDINATE_BETWEEN = re.compile(r"\b(?:after|before|following|since|when|as)\b")


def _date_of_something_else(text: str, h: dates.DateHit, ts: int, te: int, a: int) -> bool:
    """A deadline ("an August 12 deadline", "by Friday"), the start of a state ("since February") or the
    day of an event in a subordinate clause after the meeting noun ("talks come after a truce ... on
    Sunday") is not the meeting's day."""
    before = text[max(a, h.start - 30) : h.start]
    if (
        DEADLINE_BEFORE.search(before)
        or DEADLINE_AFTER.match(text, h.end)
        or re.match(r"(?:since|until|by)\b", h.text, re.I)
    ):
        return True
    if h.start >= te and SUBORDINATE_BETWEEN.search(text[te : h.start]):
        return True
    return _in_appositive(text, h, ts, a)


APPOSITIVE_OPEN = re.compile(r",\s+(?:a|an|the|who|which|whose)\b[^,;]*$")


def _in_appositive(text: str, h: dates.DateHit, ts: int, a: int) -> bool:
    """ "X, a key figure in brokering the deal last week, is facilitating the meeting": a day inside an
    appositive that does not hold the meeting noun belongs to the appositive."""
    m = APPOSITIVE_OPEN.search(text, max(a, h.start - 100), h.start)
    if not m:
        return False
    close = text.find(",", h.end, h.end + 80)
    return close >= 0 and not (m.start() <= ts < close)


AGREE_BEFORE_DATE = re.compile(
    r"\b(agreed|decided|voted|vowed|pledged|promised|offered|proposed|resolved|"
    r"committed|planned)\s*(?:on\s+)?$",
    re.I,
)


def meeting_phrase_end(doc: Doc, te: int, limit: int) -> int:
    """End of a meeting phrase with its place: 'meet in Washington' -> after 'Washington'."""
    m = re.match(r"(?:\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w\-’'.]*\s?){1,3})?", doc.masked[te:limit])
    return te + (len(m.group(0).rstrip()) if m else 0)


AHEAD_THIS_WEEK = re.compile(r"(?:later\s+|end\s+of\s+)?this\s+week", re.I)


def _ahead_this_week(h: dates.DateHit) -> bool:
    """ "this week", "later this week": no day of its own (dates.py gives none), read by a coming meeting."""
    return bool(AHEAD_THIS_WEEK.fullmatch(h.text))


def rest_of_week(pub: dt.date) -> dt.date:
    """The middle of the days left in the publication's week (Monday to Sunday); on a Sunday the day itself."""
    return pub + dt.timedelta(days=(7 - pub.weekday()) // 2)


def pick_date(
    doc: Doc,
    hits: list[dates.DateHit],
    trig_s: int,
    trig_e: int,
    a: int,
    b: int,
    direction: int,
    other_triggers: list[int],
    other_ends: list[int] | tuple[int, ...] = (),
    reporting: bool = False,
    pub: dt.date | None = None,
) -> tuple[dt.date | None, str | None]:
    """The day of the meeting whose trigger is trig_s..trig_e, read by its direction (1: coming, -1: past);
    a coming meeting "this week" is the middle of the rest of that week (precision week). reporting=True:
    only the date of a reporting verb earlier in the trigger's own clause ("X said on Saturday he had
    spoken to Y by phone" -> Saturday)."""

    starts = clause_starts(doc, a, b)
    own = bisect.bisect_right(starts, trig_s) - 1
    best = None
    for h in hits:
        if not (a <= h.start < b) or (h.date is None and not (direction == 1 and pub and _ahead_this_week(h))):
            continue
        lo, hi = sorted((trig_e, h.start)) if h.start >= trig_e else sorted((h.end, trig_s))
        if any(lo <= t < hi for t in other_triggers):
            continue
        before = doc.masked[max(a, h.start - 30) : h.start]
        ci = bisect.bisect_right(starts, h.start) - 1
        if reporting:
            if not (
                REPORT_BEFORE_DATE.search(before)
                and h.end <= trig_s
                and ci == own
                and not any(h.end <= t < trig_s for t in other_triggers)
            ):
                continue
        elif REPORT_BEFORE_DATE.search(before) or REPORT_AFTER_DATE.match(doc.masked, h.end):
            continue
        if not reporting and _date_of_something_else(doc.masked, h, trig_s, trig_e, a):
            continue
        elif (
            direction == 1
            and h.end <= trig_s
            and AGREE_BEFORE_DATE.search(before)
            and re.match(r"\s*to\s", doc.masked[h.end : h.end + 5])
        ):
            continue  # "agreed on Tuesday to resume talks": the day of the agreement, not of the coming talks
        if ci != own:
            # a date in another clause belongs to that clause's own meeting, if it has one
            c_end = starts[ci + 1] if ci + 1 < len(starts) else b
            if any(starts[ci] <= t < c_end for t in other_triggers):
                continue
        dist = h.start - trig_e if h.start >= trig_e else trig_s - h.end
        if ci == own and any(0 <= h.start - t_e < min(dist, 40) for t_e in other_ends):
            continue  # "will meet in Washington next Tuesday, ... after talks in Almaty last month"
        rank = (0 if ci == own else 1, 0 if h.precision == "day" else 1, dist)
        if best is None or rank < best[0]:
            best = (rank, h)
    if best is None:
        return None, None
    h = best[1]
    if h.date is None and pub:
        return rest_of_week(pub), "week"  # "will meet later this week"
    if h.kind == "weekday" and pub:
        return h.by_tense(pub, direction), "day"
    if h.month_day and "-" not in h.text and pub and not re.search(r"(19|20)\d\d", h.text):
        return h.by_tense(pub, direction), "day"  # "March 3" without a year: the nearest by the tense
    if (
        h.precision == "month"
        and pub
        and h.date
        and re.match(r"(?:in|by|until|since|from|early|mid|late)[\s-]+[A-Z]", h.text)
        and not re.search(r"(19|20)\d\d", h.text)
    ):
        # a bare month read by the meeting's tense: held "in May" said in March is last May
        if direction == -1 and (h.date.year, h.date.month) > (pub.year, pub.month):
            return h.date.replace(year=h.date.year - 1), "month"
        if direction == 1 and (h.date.year, h.date.month) < (pub.year, pub.month):
            return h.date.replace(year=h.date.year + 1), "month"
    return h.date, h.precision


def _lead_date(doc: Doc, pub: dt.date | None) -> dt.date | None:
    """The day the lead paragraph gives (the first body paragraph), never after publication."""
    if len(doc.paras) < 2:
        return None
    a, b = doc.paras[1]
    first = doc.sentence_at(a)
    if first is not None and first.para == 1:
        a = first.start  # after a dateline ("CITY, Dec 20 -"), which is the filing day
    days = [
        h
        for h in dates_in(doc, a, b)
        if h.date
        and h.precision == "day"
        and (pub is None or h.date <= pub)
        and not re.match(r"[\s,]*(?:\d{4})?\s*[;:\-–—]", doc.masked[h.end : h.end + 8])
    ]  # "19 Mar 2023; AGENCY:"
    return days[0].date if days else None


ONGOING = re.compile(r"\b(?:since|ongoing|going on|in process|under way|underway|continu\w+)\b", re.I)


def date_from_lead(doc: Doc, items: list[EventFrame], pub: dt.date | None) -> None:
    """A news story opens with its main event: the first held meeting told in the headline or the first
    two body paragraphs without a day of its own happened on the lead's day, else on publication day."""
    lead_end = doc.paras[min(2, len(doc.paras) - 1)][1] if doc.paras else 0
    for m in items:
        if m.pos >= lead_end:
            return
        if m.phase != "past" or m.kind == "call":
            continue
        if m.date is None and not ONGOING.search(m.sentence):
            m.date = _lead_date(doc, pub) or pub
            m.precision = "day" if m.date else None
        return


# "two days after the call" (a number word of dates.NUMBERS; "the day after": one)
REL_TO_EVENT = re.compile(
    r"\b(a|one|the|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+"
    r"(after|before)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[a-z][\w\-]*\s+){0,3}$"
)


def relative_to_reference(doc: Doc, a: int, ts: int, pub: dt.date | None) -> dt.date | None:
    """ "said on Friday, a day after a phone call with X": the call is a day before the reference date
    (the nearest date earlier in the sentence, else the publication day)."""
    m = REL_TO_EVENT.search(doc.masked[max(a, ts - 70) : ts])
    if not m:
        return None
    rel_start = max(a, ts - 70) + m.start()
    ref = None
    for h in dates_in(doc, a, rel_start):
        if h.end <= rel_start and h.date is not None and h.precision == "day":
            ref = h.date
    if ref is None:
        ref = pub
    if ref is None:
        return None
    n = dates.NUMBERS.get(m.group(1), 1) * (7 if m.group(2).startswith("week") else 1)
    return ref - dt.timedelta(days=n) if m.group(3) == "after" else ref + dt.timedelta(days=n)
