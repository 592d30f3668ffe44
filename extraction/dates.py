"""Date expressions resolved against the publication date (own regexes; no per-token dateparser)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
    "couple of": 2,
    "a couple of": 2,
}

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_NUM_RE = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a couple of)"

# a day range "27-28 June" / "27-8 June" is read as its first day
DATE_RE = re.compile(
    r"(?P<md>\b(?P<md_m>" + _MONTH_RE + r")\s+(?P<md_d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>(?:19|20)\d{2})\b)?)"
    r"|(?P<dm>\b(?P<dm_d>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<dm_m>"
    + _MONTH_RE
    + r")(?:,?\s+(?P<dm_y>(?:19|20)\d{2})\b)?)"
    r"|(?P<iso>\b(?P<iso_y>(?:19|20)\d{2})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b)"
    r"|(?P<wd>\b(?:(?P<wd_mod>last|next|this|coming|on|past|previous)\s+)?(?P<wd_day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?:\s+(?P<wd_part>morning|afternoon|evening|night))?)"
    r"|(?P<ago>\b(?P<ago_n>"
    + _NUM_RE
    + r")\s+(?P<ago_u>days?|weeks?|months?|years?)\s+(?P<ago_dir>ago|earlier|before|later|from now|hence)\b)"
    r"|(?P<inn>\b(?:in|within)\s+(?P<inn_n>" + _NUM_RE + r")\s+(?P<inn_u>days?|weeks?|months?)(?:'|’)?(?:\s+time)?\b)"
    r"|(?P<rel>\b(?:(?P<rel_mod>last|next|this|coming|past|previous|later\s+this|earlier\s+this|early\s+next|late\s+last|earlier\s+in\s+the|later\s+in\s+the|end\s+of\s+the|end\s+of\s+this|end\s+of\s+next)\s+)(?P<rel_u>week|month|year|weekend)\b)"
    r"|(?P<simple>\b(?:yesterday|today|tomorrow|tonight)\b)"
    r"|(?P<mon>\b(?:(?P<mon_mod>early|mid|late|mid-|early-|late-|in|by|until|since|from|last|next|this)[\s-]+)(?P<mon_m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d{1,2}(?:st|nd|rd|th)?\b)(?:\s+(?P<mon_y>(?:19|20)\d{2})|\s+(?P<mon_rel>last|next|this)\s+year\b)?)"
    r"|(?P<year>\b(?:in|since|by|until|of)\s+(?P<year_y>(?:19|20)\d{2})\b)",
    re.IGNORECASE,
)

FUTURE_CUES = re.compile(
    r"\b(will|would|shall|next|coming|upcoming|due|scheduled|set\s+to|set\s+for|plans?|planned|planning|"
    r"expected|to\s+be\s+held|is\s+to|are\s+to|going\s+to|proposed|propose|proposing|suggest\w*|"
    r"invit\w+|later|tomorrow|intends?|aims?|hopes?|agreed\s+to|ready\s+to|could|may|might|should|"
    r"is\s+to\s+meet|are\s+to\s+meet|to\s+meet|to\s+hold|to\s+resume|to\s+visit|to\s+travel|"
    r"to\s+discuss|to\s+brief|on\s+track)\b",
    re.I,
)
PAST_CUES = re.compile(
    r"\b(said|says|told|met|held|took\s+place|occurred|happened|was|were|had|has\s+been|have\s+been|"
    r"ended|began|opened|closed|concluded|signed|agreed|announced|visited|spoke|talked|discussed|"
    r"confirmed|reported|stated|warned|added|called|accused|rejected|refused|submitted|proposed|"
    r"presented|handed|delivered|arrived|left|returned|launched|started|finished|last|ago|earlier|"
    r"yesterday|\w+ed)\b",
    re.I,
)


@dataclass
class DateHit:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str | None  # day | month | year
    kind: str  # explicit | weekday | relative
    # what a later stage needs to read the day again by another tense: a weekday's name and modifier as
    # written ("Monday", "last"); an explicit day's (month, day), with or without a year in the text
    weekday: str = ""
    modifier: str = ""
    month_day: tuple[int, int] | None = None

    def by_tense(self, pub: dt.date, direction: int) -> dt.date | None:
        """The day read by a tense (1: coming, -1: past): a weekday as the coming or last such day, a day
        without its year in the nearest year that way; any other hit keeps its date."""
        if self.weekday:
            return resolve_weekday(self.weekday, pub, direction, self.modifier)
        if self.month_day:
            return _nearest_year(pub, *self.month_day, direction) or self.date
        return self.date


def to_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        try:
            import dateparser  # sparing use: only for an odd published string

            d = dateparser.parse(str(value))
            return d.date() if d else None
        except Exception:
            return None


def _num(s: str) -> int:
    s = s.lower().strip()
    if s.isdigit():
        return int(s)
    return NUMBERS.get(s, 1)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(pub: dt.date, month: int, day: int, direction: int = 0) -> dt.date | None:
    cands = [c for c in (_safe_date(pub.year + k, month, day) for k in (-1, 0, 1)) if c]
    if not cands:
        return None
    if direction < 0:
        past = [c for c in cands if c <= pub]
        if past and (pub - max(past)).days < 300:
            return max(past)
    elif direction > 0:
        fut = [c for c in cands if c >= pub]
        if fut and (min(fut) - pub).days < 300:
            return min(fut)
    return min(cands, key=lambda c: abs((c - pub).days))


def tense_of(context: str) -> int:
    """+1 future, -1 past, 0 unknown (for the words around a date expression)."""
    if FUTURE_CUES.search(context):
        return 1
    if PAST_CUES.search(context):
        return -1
    return 0


def resolve_weekday(day_name: str, pub: dt.date, direction: int, modifier: str = "") -> dt.date:
    target = WEEKDAYS.index(day_name.lower())
    modifier = (modifier or "").lower()
    if modifier in ("next", "coming"):
        direction = 1
    elif modifier in ("last", "past", "previous"):
        direction = -1
    delta = (target - pub.weekday()) % 7
    if direction > 0:
        if delta == 0:
            delta = 7 if modifier in ("next", "coming") else 0
            if modifier == "":
                delta = 7
        return pub + dt.timedelta(days=delta)
    back = (pub.weekday() - target) % 7
    if back == 0 and modifier in ("last", "past", "previous"):
        back = 7
    return pub - dt.timedelta(days=back)


_WORD_RE = re.compile(r"\w+")
_KEYS = (
    set(MONTHS)
    | set(WEEKDAYS)
    | {
        "ago",
        "earlier",
        "before",
        "later",
        "hence",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "weekend",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
        "now",
    }
)


_ANCHOR_PREFIXES = sorted({k[:3] for k in _KEYS} | {"19", "20"})  # how an anchor word begins, lower-cased
_WORD_CHAR_RE = re.compile(r"\w")


def _is_anchor(w: str) -> bool:
    return w.lower() in _KEYS or (len(w) == 4 and w.isdigit() and w[:2] in ("19", "20"))


def _anchor_words(text: str) -> list[tuple[int, int]]:
    """The spans of the words _matches tries dates around, in order: a key word in any case or a year."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lower-cases to two: positions differ, read every word
        return [m.span() for m in _WORD_RE.finditer(text) if _is_anchor(m.group())]
    # only the places where an anchor's first letters stand (str.find is much faster than reading every word)
    starts = set()
    for prefix in _ANCHOR_PREFIXES:
        k = low.find(prefix)
        while k >= 0:
            starts.add(k)
            k = low.find(prefix, k + 1)
    out = []
    for k in sorted(starts):
        if k and _WORD_CHAR_RE.match(text, k - 1):
            continue  # not the start of a word
        m = _WORD_RE.match(text, k)
        if m and _is_anchor(m.group()):
            out.append(m.span())
    return out


def _matches(text: str) -> Iterator[re.Match[str]]:
    """DATE_RE matches, tried only around anchor words (much faster than scanning every position): from each
    of the four words before an anchor, the farthest first, then from the anchor itself."""
    rev = text[::-1]  # the words before a position are the words after it in the reversed text
    n = len(text)
    covered = -1
    for s, e in _anchor_words(text):
        if s < covered:
            continue
        before = [n - wm.end() for _, wm in zip(range(4), _WORD_RE.finditer(rev, n - s))]
        found = None
        for st in [*reversed(before), s]:
            if st < covered:
                continue
            m = DATE_RE.match(text, st)
            if m and m.end() >= e:
                found = m
                break
        if found:
            covered = found.end()
            yield found


def _ago(m: re.Match[str], pub: dt.date) -> tuple[dt.date | None, str | None]:
    """ "two weeks ago", "three days later": that day (a month or year: its first day)."""
    d: dt.date | None = None
    prec: str | None = None
    n = _num(m.group("ago_n"))
    unit = m.group("ago_u").lower().rstrip("s")
    sign = -1 if m.group("ago_dir").lower() in ("ago", "earlier", "before") else 1
    if unit == "day":
        d, prec = pub + sign * dt.timedelta(days=n), "day"
    elif unit == "week":
        d, prec = pub + sign * dt.timedelta(days=7 * n), "day"
    elif unit == "month":
        mm = pub.month - 1 + sign * n
        d, prec = dt.date(pub.year + mm // 12, mm % 12 + 1, 1), "month"
    else:
        d, prec = dt.date(pub.year + sign * n, 1, 1), "year"
    return d, prec


def _in_n(m: re.Match[str], pub: dt.date) -> tuple[dt.date | None, str | None]:
    """ "in two weeks", "within five days": the day it points to; longer spans their month."""
    d: dt.date | None = None
    prec: str | None = None
    n = _num(m.group("inn_n"))
    unit = m.group("inn_u").lower().rstrip("s")
    if (unit == "day" and n <= 10) or (unit == "week" and n <= 3):
        # "in two weeks": the day it points to (a month would put the 1st in the wrong week)
        d, prec = pub + dt.timedelta(days=n if unit == "day" else 7 * n), "day"
    elif unit in ("day", "week"):
        days = n if unit == "day" else 7 * n
        t = pub + dt.timedelta(days=days)
        d, prec = dt.date(t.year, t.month, 1), "month"
    else:
        mm = pub.month - 1 + n
        d, prec = dt.date(pub.year + mm // 12, mm % 12 + 1, 1), "month"
    return d, prec


def _relative_period(m: re.Match[str], pub: dt.date) -> tuple[dt.date | None, str | None]:
    """ "last week", "next month", "this weekend", "earlier this week", "last year"."""
    d: dt.date | None = None
    prec: str | None = None
    mod = re.sub(r"\s+", " ", (m.group("rel_mod") or "").lower())
    unit = m.group("rel_u").lower()
    if unit in ("week", "weekend"):
        if mod in ("last", "past", "previous", "late last", "earlier in the"):
            d, prec = pub - dt.timedelta(days=7), "week"  # the same weekday a week before
            if unit == "weekend":
                d, prec = pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7), "day"
        elif mod in ("next", "coming", "early next", "end of next"):
            # the middle (Wednesday) of the next calendar week: from a Sunday, "next week" starts tomorrow
            d, prec = pub + dt.timedelta(days=7 - pub.weekday() + 2), "week"
            if unit == "weekend":
                d, prec = pub + dt.timedelta(days=(5 - pub.weekday()) % 7 or 7), "day"
        else:  # this week / later this week
            d = prec = None
            if mod == "earlier this" and unit == "week" and pub.weekday() > 0:
                # the middle of the days of this week before publication
                d, prec = (
                    pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=pub.weekday() // 2),
                    "week",
                )
            if unit == "weekend":
                d, prec = pub + dt.timedelta(days=(5 - pub.weekday()) % 7), "day"
    elif unit == "month":
        if mod in ("last", "past", "previous", "late last"):
            mm = pub.month - 2
        elif mod in ("next", "coming", "early next", "end of next"):
            mm = pub.month
        else:
            mm = pub.month - 1
        d, prec = dt.date(pub.year + mm // 12, mm % 12 + 1, 1), "month"
    else:
        yr = (
            pub.year - 1
            if mod in ("last", "past", "previous", "late last")
            else (pub.year + 1 if mod in ("next", "coming", "early next", "end of next") else pub.year)
        )
        d, prec = dt.date(yr, 1, 1), "year"
    return d, prec


# "two weeks ago", "in two weeks", "last week": the match group of each and the function that reads it
_RELATIVE_READERS = (("ago", _ago), ("inn", _in_n), ("rel", _relative_period))


def find_dates(text: str, pub: dt.date | None, direction_for: Callable[[int, int], int] | None = None) -> list[DateHit]:
    """All date expressions in text. direction_for(start, end) -> +1/-1/0 gives the tense around a hit;
    by default it is read from the words of the text around it."""
    hits: list[DateHit] = []
    for m in _matches(text):
        s, e = m.span()
        raw = m.group(0)
        d = None
        prec = None
        kind = "explicit"
        weekday = modifier = ""
        month_day = None

        def direction(s: int = s, e: int = e) -> int:
            if direction_for is not None:
                return direction_for(s, e)
            lo = max(0, s - 80)
            left = text[lo:s]
            left = re.split(r"[.;!?]\s", left)[-1]
            right = re.split(r"[.;!?](?:\s|$)", text[e : e + 60])[0]
            return tense_of(left + " " + right)

        if m.group("md") or m.group("dm"):
            mon = MONTHS[(m.group("md_m") or m.group("dm_m")).lower().rstrip(".")]
            day = int(m.group("md_d") or m.group("dm_d"))
            year = m.group("md_y") or m.group("dm_y")
            if day < 1 or day > 31:
                continue
            month_day = (mon, day)
            if year:
                d = _safe_date(int(year), mon, day)
            elif pub:
                d = _nearest_year(pub, mon, day, direction())
            prec = "day"
        elif m.group("iso"):
            d = _safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
            prec = "day"
        elif m.group("wd"):
            kind = "weekday"
            weekday, modifier = m.group("wd_day") or "", m.group("wd_mod") or ""
            if pub:
                d = resolve_weekday(m.group("wd_day"), pub, direction(), m.group("wd_mod") or "")
            prec = "day"
        elif reader := next((read for group, read in _RELATIVE_READERS if m.group(group)), None):
            kind = "relative"
            if pub:
                d, prec = reader(m, pub)
        elif m.group("simple"):
            kind = "relative"
            w = raw.lower()
            if pub:
                off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
                d, prec = pub + dt.timedelta(days=off), "day"
        elif m.group("mon"):
            mon = MONTHS[m.group("mon_m").lower()]
            mod = (m.group("mon_mod") or "").lower().strip("-")
            if (
                mod in ("in", "by", "until", "since", "from")
                and not m.group("mon_y")
                and m.group("mon_m").lower() == "may"
                and re.match(r"(?:’s|'s|\s+[A-Z])", text[m.end() : m.end() + 3])
            ):
                continue  # "in May's cabinet": the person, not the month (lowercase "may" is dropped below)
            if m.group("mon_m")[0].islower():
                continue
            y: int | None = int(m.group("mon_y")) if m.group("mon_y") else None
            if y is None and pub and m.group("mon_rel"):  # "in February last year"
                y = pub.year + {"last": -1, "next": 1, "this": 0}[m.group("mon_rel").lower()]
            if y is None and pub:
                if mod == "last":
                    y = pub.year if mon < pub.month else pub.year - 1
                elif mod == "next":
                    y = pub.year if mon > pub.month else pub.year + 1
                else:
                    dirn = direction()
                    c = _nearest_year(pub, mon, 1, dirn)
                    y = c.year if c else pub.year
                    if dirn == 0 and abs(mon - pub.month) <= 6:
                        y = pub.year
            if y:
                d, prec = dt.date(y, mon, 1), "month"
            kind = "relative"
        elif m.group("year"):
            d, prec = dt.date(int(m.group("year_y")), 1, 1), "year"
        hits.append(DateHit(s, e, raw, d, prec, kind, weekday, modifier, month_day))
    return hits
