"""Meetings and proposals from the narrative (text outside quotation marks)."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from . import dates as D
from . import gazetteer as G
from .document import Doc
from .people import Registry, _poss
from .quotes import Speaker, speaker_from_np_before, speaker_from_np_after

# ------------------------------------------------------------------------------ meetings

TRIGGER_RE = re.compile(
    r"\b(?P<call>phone call|telephone call|video call|phone conversation|telephone conversation|"
    r"phone talks?|telephone talks?|video conference|videoconference|call with|spoke (?:\w+ly\s+)?by (?:tele)?phone|"
    r"spoke on the (?:tele)?phone|spoke over the phone|phoned|"
    r"(?:spoke|spoken|talked)\s+(?:with|to)\s+(?:[\w’'\-.]+\s+){1,5}?(?:by|over|on)\s+(?:the\s+)?(?:tele)?phone|telephoned|held a call|calls? between|"
    r"spoke (?:by|over|on) (?:a |the )?(?:hotline|video ?link)|hotline (?:call|conversation|talks)|"
    r"(?:(?<=to )|(?<=would )|(?<=will )|(?<=’ll )|(?<='ll ))(?:speak|talk) (?:with|to)(?= [A-Z])|"
    r"(?:(?<=to )|(?<=would )|(?<=will )|(?<=’ll )|(?<='ll ))call(?= (?:his|her|their|the|[A-Z]))|"
    r"(?:zoom|video|virtual|online) (?:meeting|conference|summit))\b"
    r"|\b(?P<summit>summit|summits|leader-level meeting|leaders' meeting)\b"
    r"|\b(?P<signing>signed)\b"
    r"|\b(?P<visit>visit(?:ed|ing|s)?(?= to| [A-Z])|state visit|trip to)\b"
    r"|\b(?P<talks>(?:(?:first|second|third|fourth|fifth|sixth|new|next|another|final|latest|fresh|further|last)\s+)?"
    r"round\s+of\s+(?:the\s+)?(?:peace\s+|direct\s+|indirect\s+)?(?:talks|negotiations|discussions|consultations)|"
    r"(?:first|second|third|fourth|fifth|sixth|new|next|another|final|latest|fresh|further) round|talks|negotiations|meeting|meetings|meet|met|meets|"
    r"talked|in discussions with|held discussions|peace conference|conference|negotiating table|"
    r"(?:held|had|hold|holds|holding)\s+(?:an?\s+|their\s+)?(?:[\w\-]+\s+){0,3}?discussions?)\b"
)
CANCEL_RE = re.compile(r"\b(cancel(?:l?ed|s|ing|lation)?|called off|call off|scrapped|scrap|axed|"
                       r"(?:will|would)\s+not\s+(?:take\s+place|go\s+ahead|happen)|"
                       r"(?:won[’']t|no\s+longer)\s+(?:take\s+place|go\s+ahead|happen))\b", re.I)
POSTPONE_RE = re.compile(r"\b(postpone[ds]?|postponing|postponement|delayed|delay|put off|pushed back|"
                         r"rescheduled|deferred|adjourned)\b", re.I)
PROPOSE_CUE = re.compile(r"\b(propos\w*|suggest\w*|offer(?:ed|s|ing)?\s+to|invit\w+|called for|calls? for|future|"
                         r"request\w*|demand\w*|"
                         r"potential|possible|ready to|open to|openness|willing|would like|wants? to|"
                         r"pushing for|pushed for|urg\w+|seek\w*|sought|push for|further|new round|should|must|ought to|"
                         r"next step|idea of)\b", re.I)
SCHEDULE_CUE = re.compile(r"\b(will|shall|to be held|is to|are to|was to|were to|due to|due in|set to|set for|"
                          r"scheduled|planned|plans?\s+to|planning|expected to|expected|agreed to|agree to|"
                          r"upcoming|next|would|to meet|to resume|to hold|resume|later this|"
                          r"are going to|is going to|ahead of|run-up to|lead-up to|in preparation for|"
                          r"prepar\w+ for|to start|to begin|to launch|to open|to continue|to attend)\b", re.I)
HELD_CUE = re.compile(r"\b(met|held|hold(?:s)?|took place|occurred|ended|began|opened|concluded|talked|spoke|"
                      r"visited|after|following|during|signed|wrapped up|hosted|attended|attending|"
                      r"stalled|collapsed|failed|broke down|yielded|produced|ago|yesterday|currently|"
                      r"earlier|last|first round|was|were|had|has been|have been|since)\b", re.I)
RIGHT_VERB_CUE = re.compile(
    r"\b(?P<off>(?:was|were|has been|have been|had been) (?:postponed|cancell?ed|called off|delayed|put off|scrapped))\b"
    r"|\b(?P<held>took place|occurred|ended|began|opened|concluded|were held|was held|stalled|collapsed|"
    r"failed|broke down|yielded|produced|wrapped up|went|lasted|had|has|have)\b"
    r"|\b(?P<sched>will|would|are to|is to|are due|is due|are set|is set|are scheduled|is scheduled|"
    r"are expected|is expected|are planned|is planned|could|may|might)\b",
    re.I)
AHEAD_WORDS = {"ahead of", "run-up to", "lead-up to", "in preparation for"}
RIGHT_PROPOSED = re.compile(
    r"\s*(?:(?:that|which)\s+(?:[\w’'\-.]+\s+){1,4}?(?:has\s+|have\s+|had\s+)?(?:just\s+|also\s+)?"
    r"(?:proposed|suggested|offered|called for|floated)|(?:proposed|suggested|offered|floated)\s+by)\b", re.I)
MODAL_LEFT = re.compile(r"\b(?:will|would|shall|could|may|might|to|’ll|'ll)\s+(?:\w+ly\s+|also\s+|again\s+|soon\s+)?$", re.I)
LEADERS_AFTER = re.compile(r"\s+(?:between|of|among)\s+(?:the\s+)?(?:two\s+|both\s+|three\s+|their\s+)?"
                           r"(?:countries[’']\s+|nations[’']\s+|\w+\s+)?(?:presidents|leaders|heads\s+of\s+state|"
                           r"heads\s+of\s+government|prime\s+ministers)\b")
REPORT_TAIL = re.compile(r",\s*([^,]{2,80}?)\s+(?:said|says|told\s+\w+|announced|reported|confirmed|added|stated)"
                         r"(?:\s+(?:on\s+)?\w+)?(?:\s*,\s*(?:a|an|one|two|three|the|hours|days|shortly)\s+[\w\s]{0,12}?"
                         r"(?:after|before)\b[^.;!?]*)?\s*[.!?]?\s*$")
REPORT_BEFORE_DATE = re.compile(
    r"\b(said|says|told|confirmed|announced|reported|stated|added|wrote|tweeted|posted|noted|explained)\s*(?:on\s+)?$",
    re.I)

# "X and Y on Tuesday issued a joint statement about the talks": the day of the statement, not of the talks
REPORT_AFTER_DATE = re.compile(r"\s*,?\s*(?:issued|released|published|said|announced|confirmed|told|reported|"
                               r"tweeted|posted|stated)\b", re.I)
DEADLINE_BEFORE = re.compile(r"\b(?:deadline|since|until|till|by|before|expir\w+)\s+(?:of\s+|on\s+)?(?:the\s+|an?\s+)?$", re.I)
DEADLINE_AFTER = re.compile(r"\s*(?:deadline|cutoff|cut-off)\b", re.I)
SUBORDINATE_BETWEEN = re.compile(r"\b(?:after|before|following|since|when|as)\b")


def _date_of_something_else(text: str, h, ts: int, te: int, a: int) -> bool:
    """A deadline ("an August 12 deadline", "by Friday"), the start of a state ("since February") or the
    day of an event in a subordinate clause after the meeting noun ("talks come after a truce ... on
    Sunday") is not the meeting's day."""
    before = text[max(a, h.start - 30):h.start]
    if DEADLINE_BEFORE.search(before) or DEADLINE_AFTER.match(text, h.end) or re.match(r"(?:since|until|by)\b", h.text, re.I):
        return True
    return h.start >= te and bool(SUBORDINATE_BETWEEN.search(text[te:h.start]))


AGREE_BEFORE_DATE = re.compile(r"\b(agreed|decided|voted|vowed|pledged|promised|offered|proposed|resolved|"
                               r"committed|planned)\s*(?:on\s+)?$", re.I)


@dataclass
class _Meeting:
    kind: str
    status: str
    location: Optional[str]
    loc_weak: bool
    date: Optional[dt.date]
    precision: Optional[str]
    participants: list[str]
    sentence: str
    pos: int
    specific: bool = True
    days: int = 1  # how many days the meeting lasted ("two-day talks")
    leaders: bool = False  # a meeting of the leaders themselves ("a meeting of the two presidents")


def _phase(status: str) -> str:
    return {"proposed": "up", "scheduled": "up", "held": "past", "postponed": "off", "cancelled": "off"}[status]


_NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
               "Saturday", "Sunday", "Congress", "Parliament", "Senate", "Reuters", "Geneva Conventions",
               "Christmas", "Easter", "Ramadan", "English", "French", "Arabic", "Russian", "Spanish", "Chinese",
               "Person", "Person Of", "Victory", "Mobile", "Reading", "Bath", "Nice", "Split", "Of", "The"}


TRAVEL_BEFORE = re.compile(r"\b(?:visit\w*|trip|travel\w*|fl(?:y|ew|ying)|go(?:es|ing)?|went|come|came|coming|"
                           r"return\w*|arriv\w*|head\w*|invit\w+|back|journey|mission|delegation|tour\w*)\b[^,;]{0,25}$",
                           re.I)
NOT_A_VENUE_BEFORE = re.compile(r"\b(?:embassy|embassies|consulate|mission|office|offices|correspondent|bureau|"
                                r"based|born|headquartered|stationed|troops|forces|"
                                r"situation|conflict|crisis|war|fighting|violence|dispute|settlement|peace|ceasefire|"
                                r"truce|offensive|attacks?|strikes?|clashes)\s*$", re.I)  # the topic, not the venue


HOST_BEFORE = re.compile(r"\bhost(?:s|ed|ing)?\s+(?:(?:the|a|an|its|their|this|next|[\w’'\-]+(?:’s|'s))\s+)?"
                         r"(?:[\w’'\-]+\s+){0,3}$", re.I)


def _host_place(doc: Doc, reg: Registry, a: int, ts: int) -> Optional[str]:
    """"Indonesia ... will host the bloc's annual summit": the host state (or city) is the venue."""
    m = HOST_BEFORE.search(doc.masked, max(a, ts - 60), ts)
    if not m:
        return None
    if re.search(r"\b(?:for|thank\w*|after|by)\s+$", doc.masked[max(a, m.start() - 12):m.start()]):
        return None  # "thanked X for hosting the talks": X is the host, named elsewhere
    # the host is the sentence's subject: its first words
    hosts = [c for c in reg.country_mentions if a <= c[0] < m.start() and re.fullmatch(r"\s*(?:The\s+)?", doc.masked[a:c[0]])]
    if not hosts:
        return None
    s, e, iso, surface = hosts[0]
    if surface in G.gaz().demonym:
        return None  # "the Egyptian side hosted": no place named
    return surface if (G.is_country_name(surface) or G.city_country(surface)) else None


def _location_in(doc: Doc, reg: Registry, a: int, b: int, trig_s: int, trig_e: int) -> Optional[str]:
    import bisect
    seg = doc.masked[a:b]
    best = None
    best_d = (2, 0)
    starts = _clauses(doc, a, b)
    own = bisect.bisect_right(starts, trig_s) - 1

    def rank(pos: int) -> tuple[int, int]:
        # a place in the trigger's own clause first ("ended in X, but they may meet again in Y")
        return (0 if bisect.bisect_right(starts, pos) - 1 == own else 1, abs(pos - trig_s))
    # "in Istanbul", "at a facility in the South African capital", "in Addis Ababa"
    for m in re.finditer(r"\b(?:in|at|to|near|outside|inside|(?<=scheduled )for|(?<=planned )for|(?<=slated )for|(?<=set )for)\s+"
                         r"(?:the\s+)?(?P<place>(?:[A-Z][\w\-’'.]*\s?){1,3})", seg):
        if NOT_A_VENUE_BEFORE.search(seg[max(0, m.start() - 30):m.start()]):
            continue  # "China's embassy in Washington": where the embassy is, not the meeting
        if m.group(0).startswith("to") and not TRAVEL_BEFORE.search(seg[max(0, m.start() - 40):m.start()]):
            continue  # "shipments of engines to China": a destination of goods, not a venue
        place = m.group("place").strip()
        words = place.split()
        cand = None
        for span in range(len(words), 0, -1):
            nm = " ".join(words[:span]).rstrip(".,")
            nm0, _ = _poss(nm)
            if nm0 in _NOT_PLACES:
                break
            if nm0 in G.SEAT_CITY:
                cand = f"{nm0}, {G.SEAT_CITY[nm0]}"
                break
            nxt = seg[m.start("place") + len(" ".join(words[:span])):][:30]
            if G.city_country(nm0) or G.is_country_name(nm0) or G.city_country(re.sub(r"[’']", "", nm0)) or (
                    G.town_country(nm0) and (re.match(r",\s+(?:the\s+)?[A-Z]", nxt) or span == len(words))):
                cand = nm0
                break
            iso = G.gaz().demonym.get(nm0)
            if iso and re.match(r"\s*capital\b", seg[m.start("place") + len(" ".join(words[:span])):][:12]):
                cand = G.gaz().iso_capital.get(iso) or G.country_display(iso)
                break
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
    m = re.search(r"(?<![\w\-])(?:The\s+|the\s+)?([A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)\s+$", doc.masked[max(a, trig_s - 40):trig_s])
    if m and G.city_country(m.group(1)) and not G.gaz().demonym.get(m.group(1)):
        return m.group(1)
    return None


# "in the resort city of X", "in the Angolan capital, X", "at the U.S. capital Washington": a place
# described before it is named; particles of Arabic and Romance names stay in ("Sharm el-Sheikh").
APPOSITIVE_PLACE = re.compile(
    r"\b(?:in|at|to|near|outside)\s+(?:the\s+)?(?:[\w.’'\-]+\s+){0,3}?"
    r"(?:capital|city|town|resort|port|village|region|province|enclave|district)(?:\s+city)?(?:\s+of)?,?\s+"
    r"(?P<place>[A-Z][\w’'\-]*(?:\s+(?:(?:el|al|es|ash|ad|de|da|do|du|la|le)[\-\s])?[A-Z][\w’'\-]*){0,2}"
    r"|[A-Z][\w’'\-]*\s+(?:el|al|es|ash|ad|de|da|du|la|le)-[A-Z][\w’'\-]*)")


def _place_name(name: str) -> Optional[str]:
    """The gazetteer's reading of a place name, trying the name without apostrophes ("Sana’a")."""
    for cand in (name, re.sub(r"[’']", "", name)):
        if G.city_country(cand) or G.town_country(cand) or G.is_country_name(cand):
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


CLAUSE_BOUNDARY = re.compile(
    r";|,?\s+but\s|,\s+(?:and|while|whereas|saying|adding)\s"
    r"|\s+and\s+(?=(?:then\s+|also\s+|later\s+|subsequently\s+)?(?:[a-z]{3,}ed|said|met|held|spoke|told|made|"
    r"gave|sent|took|went|put|set|will|would|has|have|had|is|are|was|were)\b)")


def _clauses(doc: Doc, a: int, b: int) -> list[int]:
    """Start offsets of the clauses of the sentence a..b (coordinated main clauses, 'but', ';')."""
    return [a] + [m.end() for m in CLAUSE_BOUNDARY.finditer(doc.masked, a, b)]


def _loc_end(doc: Doc, te: int, limit: int) -> int:
    """End of a meeting phrase with its place: 'meet in Washington' -> after 'Washington'."""
    m = re.match(r"(?:\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w\-’'.]*\s?){1,3})?", doc.masked[te:limit])
    return te + (len(m.group(0).rstrip()) if m else 0)


def _pick_date(doc: Doc, hits, trig_s: int, trig_e: int, a: int, b: int, direction: int, other_triggers,
               other_ends=(), reporting: bool = False, pub: Optional[dt.date] = None) -> tuple:
    """reporting=True: only the date of a reporting verb earlier in the trigger's own clause
    ("X said on Saturday he had spoken to Y by phone" -> Saturday)."""
    import bisect
    starts = _clauses(doc, a, b)
    own = bisect.bisect_right(starts, trig_s) - 1
    best = None
    for h in hits:
        if not (a <= h.start < b) or h.date is None:
            continue
        lo, hi = sorted((trig_e, h.start)) if h.start >= trig_e else sorted((h.end, trig_s))
        if any(lo <= t < hi for t in other_triggers):
            continue
        before = doc.masked[max(a, h.start - 30):h.start]
        ci = bisect.bisect_right(starts, h.start) - 1
        if reporting:
            if not (REPORT_BEFORE_DATE.search(before) and h.end <= trig_s and ci == own
                    and not any(h.end <= t < trig_s for t in other_triggers)):
                continue
        elif REPORT_BEFORE_DATE.search(before) or REPORT_AFTER_DATE.match(doc.masked, h.end):
            continue
        if not reporting and _date_of_something_else(doc.masked, h, trig_s, trig_e, a):
            continue
        elif direction == 1 and h.end <= trig_s and AGREE_BEFORE_DATE.search(before) and re.match(r"\s*to\s", doc.masked[h.end:h.end + 5]):
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
    if h.kind == "weekday" and pub:
        m = D.DATE_RE.match(doc.masked, h.start)
        mod = (m.group("wd_mod") or "") if m else ""
        d = D.resolve_weekday(m.group("wd_day"), pub, direction, mod) if m and m.group("wd_day") else h.date
        return d, "day"
    if h.kind == "explicit" and "-" not in h.text and pub and not re.search(r"(19|20)\d\d", h.text):
        m = D.DATE_RE.match(doc.masked, h.start)
        if m and (m.group("md") or m.group("dm")):
            mon = D.MONTHS[(m.group("md_m") or m.group("dm_m")).lower().rstrip(".")]
            day = int(m.group("md_d") or m.group("dm_d"))
            d = D._nearest_year(pub, mon, day, direction) or h.date
            return d, "day"
    if h.precision == "month" and pub and re.match(r"(?:in|by|until|since|from|early|mid|late)[\s-]+[A-Z]", h.text) \
            and not re.search(r"(19|20)\d\d", h.text):
        # a bare month read by the meeting's tense: held "in May" said in March is last May
        if direction == -1 and (h.date.year, h.date.month) > (pub.year, pub.month):
            return h.date.replace(year=h.date.year - 1), "month"
        if direction == 1 and (h.date.year, h.date.month) < (pub.year, pub.month):
            return h.date.replace(year=h.date.year + 1), "month"
    return h.date, h.precision


MAYBE_LEFT = re.compile(r"\b(?:may|might|could|should|must|can)\s+(?:\w+ly\s+|also\s+|soon\s+|still\s+)?$", re.I)
ASKED_TO = re.compile(r"\b(?:urg\w+|call(?:ed|s)?\s+on|ask(?:ed|s)?|invit\w+|press(?:ed|es)?|encourag\w+)\s+"
                      r"(?:[\w’'\-.]+\s+){1,6}?to\s+[^.;]*$", re.I)


def _status(doc: Doc, s_start: int, s_end: int, trig_s: int, trig_e: int, trig_text: str) -> tuple[str, bool]:
    text = doc.masked
    window_l = text[max(s_start, trig_s - 70):trig_s]
    window_l = re.split(r"[;:,]", window_l)[-1]
    right = text[trig_e:s_end]
    right_np = re.split(r"[,;:]|\b(?:who|but|and then)\b", right, maxsplit=1)[0]
    paren = re.match(r"\s*,[^,;:]{0,90},\s*((?:\w+\s+){0,3}\w+)", right)
    if paren and not right_np.strip():  # "The summit, originally set for March 20, was postponed"
        right_np = paren.group(1)
    right_long = " ".join(right_np.split()[:24])
    right_np = " ".join(right_np.split()[:16])
    whole = text[s_start:s_end]
    if CANCEL_RE.search(window_l + " " + right_long):
        return "cancelled", True
    # "A summit between A and B, originally set for Thursday, has been postponed"
    pm2 = re.match(r"\s+(?:between|with|of|among)\s[^,;:]{0,100},[^,;:]{0,90},\s*((?:\w+\s+){0,3}\w+)", right)
    far = pm2.group(1) if pm2 else ""
    if CANCEL_RE.search(far):
        return "cancelled", True
    if POSTPONE_RE.search(window_l + " " + right_long + " " + far):
        return "postponed", True
    low = trig_text.lower()
    if _attended_in_past(text, s_start, trig_s):
        return "held", True
    if low in ("met", "talked", "visited", "phoned", "telephoned") or low.startswith("spoke") or low.startswith("held"):
        if not re.search(r"\b(will|would|to|could|may)\s+(?:\w+\s+)?$", window_l, re.I):
            return "held", True
    # a relative clause or participle naming who proposed it: "talks that Moscow has proposed for Monday"
    if RIGHT_PROPOSED.match(right_np):
        return "proposed", True
    # a finite verb after the meeting noun
    rm = RIGHT_VERB_CUE.search(right_np)
    if rm:
        if rm.group("off"):
            return ("cancelled" if re.search(r"cancel|called off|scrapped", rm.group(0)) else "postponed"), True
        if rm.group("held"):
            return "held", True
        if rm.group("sched"):
            return "scheduled", True
    # the nearest cue before the noun
    cues = []
    for rx, st in ((PROPOSE_CUE, "proposed"), (SCHEDULE_CUE, "scheduled"), (HELD_CUE, "held")):
        for m in rx.finditer(window_l):
            if st == "held" and MODAL_LEFT.search(window_l[:m.start()]):
                st2 = "scheduled"  # "will hold a new round", "to attend the summit"
            else:
                st2 = st
            cues.append((m.end(), st2, m.group(0).lower()))
    if re.search(r"\b(will|would|to)\s+$", window_l):
        return "scheduled", True
    if MAYBE_LEFT.search(window_l):
        return "proposed", True  # "they may meet again"
    if cues:
        cues.sort()
        end, st, word = cues[-1]
        if st == "held" and word in ("was", "were", "had", "has been", "have been", "last", "since", "earlier"):
            # weak past cue; a stronger one nearer?
            pass
        if st == "scheduled" and re.search(r"\bpropos|suggest|invit|offer", window_l, re.I) and word in ("to meet", "to hold", "resume", "would"):
            return "proposed", True
        if word in AHEAD_WORDS and not re.search(r"\b(?:has|have|is|are|will|would|plans?|planning|to be|scheduled|"
                                                 r"planned|slated|due|upcoming)\b",
                                                 re.split(r"\b(?:that|which|who)\b", text[s_start:s_end])[0], re.I):
            return "held", False  # "Ahead of Friday's meeting, X unveiled ...": told after the event
        return st, True
    # the last item of a list the sentence asks for: "calls for a ceasefire, ... and a meeting between A and B"
    left_all = text[s_start:trig_s]
    if re.search(r"(?:,|\band)\s+(?:an?|the)\s+(?:\w+\s+){0,2}$", left_all):
        asks = list(re.finditer(r"\b(?:calls? for|called for|propos\w*|demand\w*|seek\w*|urg\w+|wants?)\b", left_all, re.I))
        if asks:
            return "proposed", True
    # "X urged A and B to continue negotiating and meet in Y": asked for, not held
    if ASKED_TO.search(text[s_start:trig_s]):
        return "proposed", False
    # the tense of the clause, then of the sentence
    clause_l = re.split(r"[;:]", text[s_start:trig_s])[-1]
    for seg in (clause_l + " " + right_np, whole):
        fut = re.search(r"\b(will|would|next|due to|scheduled|expected|plans? to|to be held|are to|is to)\b", seg, re.I)
        past = re.search(r"\b(signed|agreed|met|held|ended|began|was|were|had|\w{3,}ed)\b", seg)
        if past and not fut:
            return "held", False
        if fut and not past:
            return "scheduled", False
    return "held", False


# "the meeting", "the planned meetings": one mentioned before (not "that he would meet")
BACK_REFERENCE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:(?!(?:he|she|it|they|we|i|you|would|will|could|"
                            r"should|may|might|must|to|had|has|have|was|were|is|are)\b)[a-z\-]+\s+){0,2}$")
# "the next round of talks", "a new meeting": a further event, not one mentioned before
NEW_EVENT_WORD = re.compile(r"(?:first|second|third|fourth|fifth|sixth|new|next|another|final|fresh|further)\b", re.I)
AT_MEETING = re.compile(r"\b(?:at|during|in)\s+(?:a|an|the|their|its)\s+(?:[\w\-]+\s+){0,3}$", re.I)
FUTURE_IN_CLAUSE = re.compile(r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|going\s+to|next|upcoming|"
                              r"expected|scheduled|plans?|planned|due)\b", re.I)
PAST_MAIN_VERB = re.compile(r"\b(?:agreed|decided|signed|said|announced|reached|discussed|approved|was|were|"
                            r"had|made|[a-z]{3,}ed)\b")


def _attended_in_past(text: str, a: int, ts: int) -> bool:
    """"X and Y agreed on Z at a four-way meeting": something done at a meeting, in the past tense, tells
    that the meeting was held."""
    left = text[a:ts]
    m = AT_MEETING.search(left)
    if not m:
        return False
    before = left[:m.start()]
    return bool(PAST_MAIN_VERB.search(before)) and not FUTURE_IN_CLAUSE.search(before)


def _lead_date(doc: Doc, hits, pub: Optional[dt.date]) -> Optional[dt.date]:
    """The day the lead paragraph gives (the first body paragraph), never after publication."""
    if len(doc.paras) < 2:
        return None
    a, b = doc.paras[1]
    first = doc.sentence_at(a)
    if first is not None and first.para == 1:
        a = first.start  # after a dateline ("CITY, Dec 20 -"), which is the filing day
    days = [h for h in hits if a <= h.start < b and h.date and h.precision == "day" and (pub is None or h.date <= pub)
            and not re.match(r"[\s,]*(?:\d{4})?\s*[;:\-–—]", doc.masked[h.end:h.end + 8])]  # "19 Mar 2023; AGENCY:"
    return days[0].date if days else None


ONGOING = re.compile(r"\b(?:since|ongoing|going on|in process|under way|underway|continu\w+)\b", re.I)


def _date_from_lead(doc: Doc, items: list[_Meeting], hits, pub: Optional[dt.date]) -> None:
    """A news story opens with its main event: the first held meeting told in the headline or the first
    two body paragraphs without a day of its own happened on the lead's day, else on publication day."""
    lead_end = doc.paras[min(2, len(doc.paras) - 1)][1] if doc.paras else 0
    for m in items:
        if m.pos >= lead_end:
            return
        if _phase(m.status) != "past" or m.kind == "call":
            continue
        if m.date is None and not ONGOING.search(m.sentence):
            m.date = _lead_date(doc, hits, pub) or pub
            m.precision = "day" if m.date else None
        return


def meetings(doc: Doc, reg: Registry, pub: Optional[dt.date]) -> list[_Meeting]:
    out: list[_Meeting] = []
    text = doc.masked
    hits_all = doc.date_hits if doc.date_hits is not None else D.find_dates(text, pub)
    first_body = 1 if len(doc.paras) > 1 else 0
    cm = sorted(reg.country_mentions, key=lambda c: c[0])
    cm_starts = [c[0] for c in cm]
    people_index = sorted((s_, i) for i, p in enumerate(reg.people) for s_, _ in p.mentions)
    for si, sent in enumerate(doc.sentences):
        seg = text[sent.start:sent.end]
        if sent.para == 0 and len(seg.split()) < 15:
            continue  # a short headline repeats the body in the present tense
        lead = re.match(r"(\s*)(Talks|Negotiations|Meetings?|Summits?|Discussions)\b", seg)
        if lead:  # a sentence-initial meeting noun
            seg = seg[:lead.end(1)] + seg[lead.end(1)].lower() + seg[lead.end(1) + 1:]
        trigs = [m for m in TRIGGER_RE.finditer(seg) if not m.group("signing") or _signing_meeting(
            doc, reg, sent.start, sent.end, sent.start + m.start(), sent.start + m.end())]
        if not trigs:
            continue
        trig_positions = [sent.start + m.start() for m in trigs]
        # the sentence's own mentions, found by bisection: the scan stays linear in the article's length
        sent_countries = [cm[i] for i in range(bisect.bisect_left(cm_starts, sent.start),
                                                bisect.bisect_left(cm_starts, sent.end))]
        sent_people = _people_in(people_index, reg, sent.start, sent.end)
        for m in trigs:
            ts, te = sent.start + m.start(), sent.start + m.end()
            word = m.group(0)
            kind = "call" if m.group("call") else "summit" if m.group("summit") else "visit" if m.group("visit") else "talks"
            low = word.lower()
            if m.group("signing"):
                kind = "summit"  # "A and B signed in X on Tuesday an agreement": a signing ceremony (kept above)
            # filters for the common non-meeting uses
            after = text[te:te + 25]
            before = text[max(sent.start, ts - 25):ts]
            if low in ("meet", "meets") and re.match(r"\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w\-]+\s+(?:or\s+|and\s+)?){0,3}"
                                                     r"(?:demands?|needs?|requirements?|targets?|criteria|threshold|expectations|"
                                                     r"deadlines?|goals?|standards?|obligations?|conditions?|bar|quotas?|"
                                                     r"challenges?|costs?|payroll|criterion|benchmarks?)\b", text[te:te + 60]):
                continue
            if low == "meeting" and re.match(r"\s+(?:the\s+)?(?:demands?|needs?|requirements?|targets?|threshold|expectations|deadline|goals?|standards?)\b", after):
                continue
            if low == "talks" and re.match(r"\s+(?:about|of)\s+(?:a|an)\b", after) is None and re.search(r"\b(?:he|she|it|who|which)\s+$", before):
                continue  # "he talks"
            if kind == "talks" and low in ("conference",) and re.search(r"\b(news|press)\s+$", before):
                continue
            # an immediately following meeting trigger governs the same event ("round of talks" handled by regex)
            status, strong = _status(doc, sent.start, sent.end, ts, te, word)
            direction = 1 if status in ("proposed", "scheduled", "postponed") else -1
            # clause bounds for date/location: the sentence
            d, prec = _pick_date(doc, hits_all, ts, te, sent.start, sent.end, direction,
                                 [p for p in trig_positions if p != ts],
                                 [_loc_end(doc, sent.start + o.end(), sent.end) for o in trigs if sent.start + o.start() != ts],
                                 pub=pub)
            rel = _relative_to_reference(doc, hits_all, sent.start, ts, pub)
            if rel is not None:
                d, prec = rel, "day"
                if pub and d < pub and status in ("proposed", "scheduled"):
                    status = "held"
            if d is None and kind == "call" and status == "held":
                # a call with no date of its own, reported in the same clause: the reporting day
                d, prec = _pick_date(doc, hits_all, ts, te, sent.start, sent.end, -1,
                                     [p for p in trig_positions if p != ts], reporting=True, pub=pub)
            if low in ("in discussions with",) or re.search(r"\bcurrently\b", text[max(sent.start, ts - 40):ts]):
                if d is None and pub:
                    d, prec = pub, "day"
            if kind == "talks" and low in ("meeting", "meetings") and (
                    LEADERS_AFTER.match(text, te) or re.search(r"\b(?:leaders|presidents)[’']\s*$", before)):
                kind = "summit"  # "a meeting of the two presidents"
            loc = None
            loc_weak = False
            if kind == "visit" and (low.startswith("visit") or re.match(r"\s+to\b", text[te:te + 4]) or low.endswith(" to")):
                # "visited Baku", "a visit to Cairo", "trip to Doha": the place visited
                vm = re.match(r"\s+(?:to\s+)?(?:the\s+)?((?:[A-Z][\w\-’']*\s?){1,3})", text[te:te + 40])
                if vm:
                    vwords = vm.group(1).split()
                    for k_ in range(len(vwords), 0, -1):
                        cand = _poss(" ".join(vwords[:k_]))[0]
                        if G.city_country(cand) or G.is_country_name(cand):
                            loc = cand
                            break
            if kind != "call" and loc is None:
                loc = _location_in(doc, reg, sent.start, sent.end, ts, te) or _host_place(doc, reg, sent.start, ts)
                if loc is None and doc.dateline and sent.para == first_body and status == "held" and si <= 3:
                    loc, loc_weak = doc.dateline, True
            if d is None and loc is None and BACK_REFERENCE.search(before) \
                    and not NEW_EVENT_WORD.match(low) \
                    and not re.match(r"\s+(?:between|with|of|among)\s", after):
                continue  # "before the meeting": refers back to a meeting already mentioned
            if d is None and loc is None and _generic_mention(text, sent.start, ts, te, low):
                continue
            if prec == "year":
                d, prec = None, None  # "since last year": a year is no meeting's date
            parts = []
            # the source of a trailing ", Kazakhstan's foreign ministry said on Tuesday" is not a party
            # when the sentence names two parties of its own
            src = REPORT_TAIL.search(text, max(te, sent.start), sent.end)
            src_span = (src.start(1), src.end(1)) if src else (-1, -1)
            acc = re.match(r"\s*According to\s+([^,]{2,80}),", text[sent.start:sent.end])
            if not src and acc:
                src_span = (sent.start + acc.start(1), sent.start + acc.end(1))  # "According to X, ...": the source
            src_always = bool(not src and acc)
            n_other = len({c[2] for c in sent_countries if not src_span[0] <= c[0] < src_span[1] and c[3] != loc})
            for c in sent_countries:
                if (n_other >= 2 or src_always) and src_span[0] <= c[0] < src_span[1]:
                    continue
                if sent.start <= c[0] < sent.end:
                    nm = G.country_display(c[2])
                    if loc and c[3] == loc:
                        continue  # the venue ("in Brussels") is not a party
                    if nm and nm not in parts and nm != loc:
                        parts.append(nm)
            for p in sent_people:
                if (n_other >= 2 or src_always) and any(src_span[0] <= s < src_span[1] for s, _ in p.mentions) and not any(
                        sent.start <= s < sent.end and not src_span[0] <= s < src_span[1] for s, _ in p.mentions):
                    continue  # the source of a trailing ", President X said" is not a party either
                if src and src.end(1) < ts:
                    pass
                elif src and all(s >= src.end(1) or not sent.start <= s < sent.end for s, _ in p.mentions):
                    continue  # named only in the ", a day after a call with X" tail: that event's party
                if any(sent.start <= s < sent.end for s, _ in p.mentions) and p.name not in parts:
                    parts.append(p.name)
            if kind == "call":
                pair = _call_pair(doc, reg, sent.start, sent.end, ts, te)
                if pair:
                    parts = pair
            leaders_of = kind == "summit" and low in ("meeting", "meetings")  # "a meeting of the presidents"
            if kind in ("talks", "summit") and low in ("meeting", "meetings", "summit", "summits", "talks"):
                leaders = _leaders_meeting(doc, reg, te, sent.end)
                if leaders:
                    kind, parts, leaders_of = "summit", leaders, True
            out.append(_Meeting(kind, status, loc, loc_weak, d, prec, parts[:6], doc.text[sent.start:sent.end].strip(), ts,
                                days=_days_long(text, sent.start, ts), leaders=leaders_of))
    _refine_country_venues(doc, out)
    merged = _drop_superseded_plans(_merge_meetings(out))
    _date_from_lead(doc, merged, hits_all, pub)
    _inherit_single_venue(merged)
    return _absorb_into_called_off(merged)


# a title naming the leader himself ("Russian President", "Prime Minister"), not "aide to President"
LEADER_TITLE = re.compile(r"^(?:[\w.\-]+\s+){0,2}?(?:president|prime minister|premier|chancellor|king|emir|leader|"
                          r"supreme leader)$", re.I)
TWO_LEADERS = re.compile(r"\s+(?:between|of)\s+(?:the\s+)?(?:two|both)\s+(?:countries[’']\s+|nations[’']\s+|sides[’']\s+)?"
                         r"(?:presidents|leaders|heads\s+of\s+state)\b", re.I)


TWO_SUBJECTS = re.compile(r"(?:^|[.;:]\s*|\bthat\s+|,\s+)[A-Z][^;:]{0,120}?\s+and\s+(?:[\w’'.\-]+,?\s+){0,10}?"
                          r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*(?:,\s*)?\s+(?:have\s+|had\s+|also\s+|jointly\s+)?$")


def _signing_meeting(doc: Doc, reg: Registry, a: int, b: int, ts: int, te: int) -> bool:
    """A signing is a meeting when two named parties are its subject and the clause names where."""
    if not TWO_SUBJECTS.search(doc.masked[a:ts]):
        return False
    if re.search(r"\b(?:not|never|yet to|refused to|would|will|to)\s+$", doc.masked[max(a, ts - 12):ts]):
        return False
    return bool(re.match(r"\s+(?:(?:in|at)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?[A-Z])", doc.masked[te:te + 60]))


def _leaders_meeting(doc: Doc, reg: Registry, te: int, b: int) -> Optional[list[str]]:
    """The two leaders a meeting is of: named ("a meeting between President A and President B") or, for
    "a meeting of the two presidents", the leaders the article names (one per state where it can)."""
    m = re.match(r"\s+between\s+([^,;.]{3,120}?)\s+and\s+([^,;.]{3,120})", doc.masked[te:b])
    if m:
        named = []
        for g in (1, 2):
            gs, ge = te + m.start(g), te + m.end(g)
            counterpart = g == 2 and re.search(r"\bcounterpart\b", doc.masked[gs:ge])  # "and his counterpart X"
            for p in reg.people:
                if any(gs <= s_ < ge for s_, _ in p.mentions) and (
                        (p.title and LEADER_TITLE.match(p.title.strip())) or (counterpart and named)):
                    named.append(p.name)
                    break
        if len(named) == 2:
            return named
    if not TWO_LEADERS.match(doc.masked[te:b]):
        return None
    leaders = sorted(((min(s_ for s_, _ in p.mentions), i, p) for i, p in enumerate(reg.people)
                      if p.mentions and p.title and LEADER_TITLE.match(p.title.strip())), key=lambda t: t[:2])
    picked: list = []
    for _, _, p in leaders:
        if not any(q.country and q.country == p.country for q in picked):
            picked.append(p)
    if len(picked) < 2:
        picked = [p for _, _, p in leaders][:2]
    return [p.name for p in picked[:2]] if len(picked) >= 2 else None


# "pressure for peace negotiations", "ready for dialogue and negotiations": the activity in general
GENERIC_LEFT = re.compile(r"\b(?:for|of|on|about|toward|towards|into|and|in|to)\s+(?:(?:peace|direct|political|"
                          r"further|more|serious|meaningful|substantive|genuine|side|bilateral|informal|separate)\s+)?$", re.I)


def _people_in(index: list[tuple[int, int]], reg: Registry, a: int, b: int) -> list:
    """The people with a mention in a..b, in the registry's order."""
    lo = bisect.bisect_left(index, (a, -1))
    hi = bisect.bisect_left(index, (b, -1))
    return [reg.people[i] for i in sorted({i for _, i in index[lo:hi]})]


def _generic_mention(text: str, a: int, ts: int, te: int, low: str) -> bool:
    """A meeting noun used for the activity in general, with no determiner, day or place of its own
    ("pressure for negotiations"), or a bare item of a list ("a roadmap for a ceasefire, negotiations, ...")."""
    if low not in ("talks", "negotiations", "discussions", "dialogue", "meetings"):
        return False
    if re.search(r",\s*$", text[max(a, ts - 3):ts]) and re.match(r"\s*(?:,|and\b|or\b)", text[te:te + 5]):
        return True
    left = text[max(a, ts - 40):ts]
    if not GENERIC_LEFT.search(left):
        return False
    return not re.match(r"\s+(?:between|with|among|in|at|on)\s", text[te:te + 10])


_DAY_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def _days_long(text: str, a: int, ts: int) -> int:
    """"two-day talks", "a three-day summit": the days a meeting lasts, else 1."""
    m = re.search(r"\b(two|three|four|five|[2-5])-day\s+(?:[\w\-]+\s+)?$", text[max(a, ts - 30):ts], re.I)
    return _DAY_WORDS[m.group(1).lower()] if m else 1


OLD_PLAN = re.compile(r"\b(?:originally|initially|first)\s+(?:planned|scheduled|set|slated|due|meant)\b", re.I)


def _drop_superseded_plans(items: list[_Meeting]) -> list[_Meeting]:
    """"The meeting was originally planned for Monday in X": the old plan of a meeting the article reports
    as moved; it is no event of its own unless it was postponed or cancelled."""
    upcoming = [m for m in items if _phase(m.status) == "up" and not OLD_PLAN.search(m.sentence)]
    if not upcoming:
        return items
    return [m for m in items if not (OLD_PLAN.search(m.sentence) and _phase(m.status) != "off")]


def _inherit_single_venue(items: list[_Meeting]) -> None:
    """Rounds of one process told without a place happen where the article puts all its other meetings of
    that kind, when it names one such place for at least two of them ("the delegations held a day of
    talks from ...")."""
    for m in items:
        if m.location:
            continue
        placed = [o.location for o in items if o.location and not o.loc_weak and o.kind == m.kind]
        cities = {p for p in placed if not G.is_country_name(p)}
        # "in Mexico" and "in Mexico City" name one place
        places = {p for p in placed if not (G.is_country_name(p) and any(_city_within(c, p) for c in cities))}
        if len(places) == 1 and len(placed) >= 2 and m.kind != "call":  # a series, not one other event
            m.location, m.loc_weak = places.pop(), True


def _absorb_into_called_off(items: list[_Meeting]) -> list[_Meeting]:
    """One event told as planned, then cancelled or postponed: the meetings with the same day and a
    compatible place are that event, whose status is the one it ended with."""
    offs = [m for m in items if _phase(m.status) == "off" and m.date and m.precision == "day"]
    if not offs:
        return items
    kept = []
    for m in items:
        target = next((o for o in offs if o is not m and _phase(m.status) != "off" and m.date == o.date
                       and (o.kind == "call") == (m.kind == "call") and _same_place(o.location, m.location)), None)
        if target is None:
            kept.append(m)
            continue
        if not target.location and m.location:
            target.location, target.loc_weak = m.location, m.loc_weak
        if target.kind == "talks" and m.kind == "summit":
            target.kind = "summit"
        for p in m.participants:
            if p not in target.participants:
                target.participants.append(p)
    return kept


_NUMS = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10}
REL_TO_EVENT = re.compile(r"\b(a|one|the|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+"
                          r"(after|before)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[a-z][\w\-]*\s+){0,3}$")


def _relative_to_reference(doc: Doc, hits, a: int, ts: int, pub: Optional[dt.date]) -> Optional[dt.date]:
    """"said on Friday, a day after a phone call with X": the call is a day before the reference date
    (the nearest date earlier in the sentence, else the publication day)."""
    m = REL_TO_EVENT.search(doc.masked[max(a, ts - 70):ts])
    if not m:
        return None
    rel_start = max(a, ts - 70) + m.start()
    ref = None
    for h in hits:
        if a <= h.start and h.end <= rel_start and h.date is not None and h.precision == "day":
            ref = h.date
    if ref is None:
        ref = pub
    if ref is None:
        return None
    n = _NUMS[m.group(1).lower()] * (7 if m.group(2).startswith("week") else 1)
    return ref - dt.timedelta(days=n) if m.group(3) == "after" else ref + dt.timedelta(days=n)


_SUBJ_VERB = re.compile(r"\s+(?:said|says|told|spoke|speaks|held|holds|had|has|announced|wrote|tweeted|called|"
                        r"phoned|telephoned|added|confirmed|will|would)\b")


def _call_pair(doc: Doc, reg: Registry, a: int, b: int, ts: int, te: int) -> Optional[list]:
    """"X ... a phone call with Y": the parties are the subject X and Y, not everyone in the sentence."""
    wm = re.match(r"\s+with\s+", doc.masked[te:te + 12])
    if not wm:
        return None
    ws = te + wm.end()
    other = None
    for p in reg.people:
        for s, e in p.mentions:
            if ws <= s <= ws + 40 and re.fullmatch(r"(?:[A-Z][\w.’'\-]*\s+|[a-z]+\s+){0,4}", doc.masked[ws:s]):
                if other is None or s < other[1]:
                    other = (p.name, s)
    if other is None:
        for c in reg.country_mentions:
            if ws <= c[0] <= ws + 12 and re.fullmatch(r"(?:the\s+)?", doc.masked[ws:c[0]]):
                other = (G.country_display(c[2]) or c[3], c[0])
                break
    if other is None:
        return None
    subj = None
    for p in reg.people:
        for s, e in p.mentions:
            if a <= s < ts and p.name != other[0] and _SUBJ_VERB.match(doc.masked, e):
                if subj is None or s > subj[1]:
                    subj = (p.name, s)
    if subj is None:
        return None
    return [subj[0], other[0]]


def _same_place(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return True
    if a == b:
        return True
    ca = G.city_country(a) or G.country_of_place(a)
    cb = G.city_country(b) or G.country_of_place(b)
    if ca and cb and ca == cb and (G.is_country_name(a) or G.is_country_name(b)):
        return True
    return False


def _city_within(city: str, country: str) -> bool:
    """A city of that country: ("Kuala Lumpur", "Malaysia")."""
    if not G.is_country_name(country) or G.is_country_name(city):
        return False
    iso = G.country_of_place(country)
    return bool(iso) and (G.city_country(city) or G.country_of_place(city)) == iso


def _refine_country_venues(doc: Doc, items: list[_Meeting]) -> None:
    """A venue given only as a country becomes the city when the article places a meeting in a city of
    that country elsewhere (same kind group), or the dateline's city is in that country."""
    for m in items:
        if not m.location or m.loc_weak or not G.is_country_name(m.location):
            continue
        cities = [o.location for o in items if o is not m and o.location and not o.loc_weak
                  and (o.kind == "call") == (m.kind == "call") and _phase(o.status) == _phase(m.status)
                  and _city_within(o.location, m.location)]
        if len(set(cities)) == 1:
            m.location = cities[0]
        elif not cities and doc.dateline and _city_within(doc.dateline, m.location):
            m.location = doc.dateline


def _merge_meetings(items: list[_Meeting]) -> list[_Meeting]:
    merged: list[_Meeting] = []
    for m in items:
        target = None
        for o in merged:
            if (o.kind == "call") != (m.kind == "call"):
                continue
            if (o.leaders != m.leaders) and _phase(m.status) == "up" and not (
                    (o.location and m.location and not o.loc_weak and not m.loc_weak)
                    or (o.date and m.date and o.date == m.date)):
                continue  # the leaders' meeting asked for is not the delegations' round
            if _phase(o.status) != _phase(m.status):
                continue
            la = None if o.loc_weak else o.location
            lb = None if m.loc_weak else m.location
            if not _same_place(la, lb):
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
                elif not (la and lb and gap <= 14 and _phase(o.status) == "past") and not (
                        gap < max(o.days, m.days) and _phase(o.status) == "past"):
                    continue  # (talks over days: "two-day talks ending Saturday" and "the talks Friday")
            target = o
            break
        if target is None:
            merged.append(m)
            continue
        o = target
        if (o.location is None or o.loc_weak) and m.location and not m.loc_weak:
            o.location, o.loc_weak = m.location, False
        elif o.location and m.location and not m.loc_weak and _city_within(m.location, o.location):
            o.location = m.location  # "talks in Malaysia" ... "the meeting in Kuala Lumpur"
        if o.date is None or (o.precision != "day" and m.precision == "day" and m.date):
            if m.date:
                o.date, o.precision = m.date, m.precision
        if o.kind == "talks" and m.kind in ("summit", "visit"):
            o.kind = m.kind
        if o.status == "scheduled" and m.status == "proposed" and _phase(o.status) == "up":
            pass
        for p in m.participants:
            if p not in o.participants:
                o.participants.append(p)
    return merged


# ------------------------------------------------------------------------------ proposals

PROP_VERB_RE = re.compile(
    r"\b(?P<promised>(?:would|will)\s+(?:soon\s+)?(?:submit|present|send|deliver|hand over|put forward|table|unveil)|"
    r"promised to (?:submit|present|send|deliver|hand over|put forward|table|unveil)|pledged to (?:submit|present)|"
    r"(?:had\s+|has\s+|have\s+)?(?:promised|pledged|vowed|committed)\s+(?:not\s+)?to(?=\s+(?:not\s+)?[a-z]))\b"
    r"|\b(?P<submitted>submitted|handed over|handed|delivered|sent|presented|tabled|laid out|unveiled)\b"
    r"|\b(?P<proposed>proposed|proposes|propose|put forward|puts forward|offered|offers|suggested|floated|"
    r"came up with|drew up|drafted|pushed for|pressed for|called for|calls for|demanded|demands|requested|"
    r"asked for|urged(?=\s+(?:[^\s.;]+\s+){1,12}?to\s))\b"
    r"|\b(?P<accepted>accepted|accepts|agreeing\s+to|agreed(?:\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\s+to|agreed on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)|agree to|endorsed|approved|signed|welcomed the (?:proposal|plan|offer|initiative))\b"
    r"|\b(?P<rejected>rejected|rejects|refused|refuses|turned down|dismissed|spurned|declined)\b"
    r"|\b(?P<withdrawn>withdrew|withdrawn|pulled out of|retracted)\b"
)
PROP_NOUN_RE = re.compile(r"\b(proposal|proposals|plan|peace plan|offer|initiative|document|roadmap|road map|requests?|timetable|"
                          r"memo|memorandum|draft|framework|deal|agreement|accord|ceasefire proposal|demand|demands|"
                          r"peace proposal|terms|conditions|blueprint|resolution|truce|ceasefire|treaty|settlement|compromise)\b")
MODAL_BEFORE = re.compile(r"\b(must|should|need to|needs to|has to|have to|urged\s+\w+\s+to|could|might|may|"
                          r"if|whether|not|never|yet to|refus\w+ to|fail\w* to|wants?\s+\w+\s+to)\s+(?:also\s+|still\s+|first\s+)?$", re.I)
PROPOSAL_OBJECT_HINT = re.compile(
    r"\b(proposal|plan|offer|initiative|document|roadmap|memo|draft|framework|deal|agreement|accord|"
    r"ceasefire|truce|treaty|talks|meeting|round|summit|terms|conditions|demand|compromise|settlement|resolution|"
    r"that|to\b|easing|lifting|exchange|swap|release|withdrawal|referendum|election|encounter|"
    r"sanctions|corridor|pause|moratorium|mechanism|solution|formula|schedule|timetable|arrangement|visit|"
    r"re-?establish|restor|reopen|normali[sz]|resum|relations|ties)",
    re.I)


NOT_A_PROPOSAL_OBJECT = re.compile(r"\s*(?:more\s+|additional\s+|some\s+)?(?:time|calm|restraint|patience|help|"
                                   r"support|clarification|information|details|comment)\b", re.I)
# an appeal, not a proposal: "urged both sides to use the chance for peace", "to show restraint"
APPEAL_ONLY = re.compile(r"\bto\s+(?:(?:use|seize|grab)\s+(?:the|this)\s+(?:chance|opportunity|moment)|"
                         r"(?:show|exercise)\s+(?:\w+\s+)?restraint|refrain\b|remain\s+calm|keep\s+calm|de-?escalate)", re.I)
MEETING_AGREED = re.compile(r"\s*(?:meet|hold\s+(?:talks|a\s+meeting|meetings)|talk)\b", re.I)


def _list_subject(text: str, a: int, vs: int) -> int:
    """How many coordinated names make the subject right before the verb ("A, B and C agreed" -> 3)."""
    m = re.search(r"((?:(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*\s*,\s*)*(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*"
                  r"\s*,?\s+and\s+(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)\s+(?:have\s+|has\s+|had\s+)?$",
                  text[a:vs])
    if not m:
        return 1
    return len(re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group(1).strip()))


# verbs that name a proposal only with a proposal-like object ("called for talks", not "called for calm")
ASK_VERBS = {"offered", "offers", "suggested", "pushed for", "pressed for", "called for", "calls for", "demanded",
             "demands", "requested", "asked for", "urged"}


@dataclass
class _Proposal:
    proposer: str
    key: str
    status: str
    summary: str
    date: Optional[dt.date]
    precision: Optional[str]
    sentence: str
    pos: int


def _actor_of(sp: Speaker) -> Optional[tuple[str, str]]:
    """(display proposer, merge key)"""
    if sp is None or sp.kind in ("none",):
        return None
    if sp.person is not None:
        p = sp.person
        return p.name, (p.country or p.name)
    name = sp.name or sp.desc
    if not name:
        return None
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    if name.lower() in ("they", "we", "i", "he", "she", "it"):
        return None
    base = re.sub(r"^(?:the|The)\s+", "", name)
    iso = G.country_of_place(base)
    if iso:
        # a demonym or a capital stands for the state: "Jakarta proposed" -> Indonesia
        stands_for_state = base in G.gaz().demonym or G.gaz().iso_capital.get(iso) == base or base in G.gaz().capital
        return (G.country_display(iso) or base) if stands_for_state and not G.is_country_name(base) else base, iso
    # "Egypt's foreign ministry", "Ukrainian officials" -> country key
    words = base.split()
    for w in words:
        b, _ = _poss(w)
        iso = G.country_of_place(b)
        if iso:
            return name, iso
    if len(words) > 5:
        return None
    return name, base.lower()


_INTRO_RE = re.compile(r"\s*(?:(?:On|In|At|By|After|Before|Last|This|Earlier|Later|However|But|And|Meanwhile|"
                       r"Separately|Still|Yet|So|Also|Then|Now|Shortly|Since|Under|With)\b[^,]{0,70},\s*)?")
_GENERIC_BODY_RE = re.compile(r"\b(?:the\s+)?(opposition|government|rebels|junta|mediators|delegation|"
                              r"administration|regime|militants|insurgents|separatists)\b", re.I)


# a named international body: "the Intergovernmental Authority on Development", "the African Union"
ORG_NAME_RE = re.compile(r"\b(?:the\s+)?((?:[A-Z][\w\-]+\s+){1,4}(?:Authority|Union|Organi[sz]ation|Council|Commission|"
                         r"Community|League|Alliance|Bloc|Forum|Front|Movement|Nations)"
                         r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})?)")
_CLAUSE_CUT = re.compile(r"(?:,\s*(?:saying|adding|noting|arguing|insisting|while|but|as|although)\b|\bthat\b|;|"
                         r"\b(?:said|says|told|warned|added|insisted|claimed|argued)\b)")


def _subject_actor(doc: Doc, reg: Registry, a: int, b: int, local: bool = False) -> Optional[tuple[str, str]]:
    """The actor that is the subject of a clause running from a to a verb at b: the actor adjacent to the
    verb, else the first actor of the clause (local: of the innermost clause before b)."""
    if local:
        cuts = [m.end() for m in _CLAUSE_CUT.finditer(doc.masked, a, b)]
        if cuts:
            inner = doc.masked[cuts[-1]:b]
            if re.fullmatch(r"\s*(?:it|they|we)\s+(?:\w+\s+){0,2}", inner):
                # "Georgia said it had presented ...": the pronoun is the reporting subject
                return _subject_actor(doc, reg, a, cuts[-1])
            a = cuts[-1]
    seg = doc.masked[a:b]
    m = _INTRO_RE.match(seg)
    off = a + (m.end() if m else 0)
    cands: list[tuple[int, int, tuple[str, str]]] = []
    for p in reg.people:
        for s, e in p.mentions:
            if off <= s and e <= b:
                cands.append((s, e, (p.name, p.country or p.name)))
    for s, e, iso, surface in reg.country_mentions:
        if off <= s and e <= b:
            if re.search(r"\b(?:in|at|to|from|near|across|inside|outside|into)\s+(?:the\s+)?$", doc.masked[max(off, s - 12):s]):
                continue  # "talks in Indonesia": a place, not an actor
            after = doc.masked[e:e + 40]
            bm = re.match(r"(?:’s|'s)?\s+((?:[a-z]+\s+){0,2}(?:ministry|government|delegation|forces|army|military|"
                          r"officials|negotiators|authorities|administration|side|team|presidency|leadership))\b", after)
            stands = surface in G.gaz().demonym or (surface in G.gaz().capital and not G.is_country_name(surface))
            name = (G.country_display(iso) or surface) if stands else surface  # "Lima proposed" -> Peru
            if bm:
                name = doc.masked[s:e + bm.end()]
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
    between = doc.masked[last[1]:b]
    if re.fullmatch(r"[\s,]*(?:(?:has|had|have|also|then|later|reportedly|formally|quickly|officially|already|"
                    r"which|who|,)\s*)*", between):
        return last[2]
    return cands[0][2]


def _person_np(doc: Doc, reg: Registry, a: int, b: int) -> Optional[tuple[str, str]]:
    sp = speaker_from_np_before(doc, reg, a, b)
    return _actor_of(sp) if sp.kind == "person" else None


_DET = r"(?:a|an|the|its|their|his|her|our|what|some|new|fresh|further|two|three|several)"
RECIPIENT_RE = re.compile(
    r"\s*(?:over\s+)?(?:to\s+(?:the\s+[\w’'\-.]+\s+(?:[\w’'\-.]+\s+){0,3}?|(?:[A-Z][\w’'\-.]*\s+){1,4})"
    r"|(?:the\s+)?(?:[A-Z][\w’'\-.]*\s+){1,4}|(?:him|her|them|us|me|it)\s+)(?=" + _DET + r"\b)")
GIVE_VERBS = re.compile(r"^(?:submitted|handed|handed over|delivered|sent|presented|gave|given|offered|offers|"
                        r"promised|will\b.*|would\b.*|promised to .*|pledged to .*)$", re.I)


def _summary(doc: Doc, sent_start: int, vs: int, obj_np: str, status: str) -> str:
    """What was proposed: the verb's object without its recipient ("handed Moscow a document" -> "a
    document"); for a relative clause ("talks that Moscow has proposed for Monday") the antecedent."""
    verb = PROP_VERB_RE.match(doc.masked, vs)
    vw = verb.group(0) if verb else ""
    obj = obj_np
    if GIVE_VERBS.match(vw):
        rm = RECIPIENT_RE.match(obj)
        if rm and not re.match(r"\s*(?:" + _DET + r")\b", obj, re.I):
            obj = obj[rm.end():]
    obj = obj.strip()
    if not obj or re.match(r"(?:for|on|in|at|by|to|with|last|this|next|earlier|later|yesterday|today)\b", obj, re.I):
        left = doc.masked[sent_start:vs]
        rel = re.search(r"(?:^|[,;(]|\b(?:of|for|on|to|about|ahead of|after|before)\s)\s*(?P<np>(?:a|an|the)\s[^,;()]{2,80}?)"
                        r"\s+(?:that|which)\s+(?:[\w’'\-.]+\s+){1,4}?(?:has\s+|have\s+|had\s+)?(?:just\s+|also\s+)?$", left)
        if rel:
            return rel.group("np").strip()[:160]
    return obj[:160]


_OWNED_NOUN = r"(?:\w+\s+)?(?:proposal|proposals|plan|offer|initiative|demand|demands|request|requests|roadmap|draft|conditions|terms)\b"


def _owner_of_noun(doc: Doc, reg: Registry, obj_start: int, obj_np: str) -> Optional[Speaker]:
    """Whose proposal the object names: "a U.S. demand", "an Iranian plan" (a country or demonym before the
    noun) or "his proposal" (the pronoun's antecedent)."""
    m = re.match(r"\s*(?:(?:a|an|the)\s+(?:new\s+|latest\s+|fresh\s+)?|(?:new|fresh|latest)\s+)((?:[A-Z][\w.\-]*\s){1,3})" + _OWNED_NOUN, obj_np)
    if m:
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            iso = G.country_of_place(" ".join(words[:k]))
            if iso:
                return Speaker(G.country_display(iso) or " ".join(words[:k]), "body")
    m = re.match(r"\s*(his|her)\s+" + _OWNED_NOUN, obj_np)
    if m:
        p = reg.pronoun_map.get(obj_start + m.start(1))
        if p is not None:
            return Speaker(p.name, "person", p)
    return None


def proposals(doc: Doc, reg: Registry, pub: Optional[dt.date]) -> list[_Proposal]:
    text = doc.masked
    out: list[_Proposal] = []
    hits_all = doc.date_hits if doc.date_hits is not None else D.find_dates(text, pub)
    for sent in doc.sentences:
        if sent.para == 0:
            continue
        seg = text[sent.start:sent.end]
        found: list[_Proposal] = []
        for m in PROP_VERB_RE.finditer(seg):
            vs, ve = sent.start + m.start(), sent.start + m.end()
            status = next(k for k in ("promised", "submitted", "proposed", "accepted", "rejected", "withdrawn") if m.group(k))
            obj = text[ve:sent.end]
            obj_np = re.split(r"[,;](?!\d{3})|(?<!\b[A-Z])\.|\b(?:while|but|because|after)\b", obj, maxsplit=1)[0]  # "U.S." and "1,000" are no end
            before = text[max(sent.start, vs - 40):vs]
            if MODAL_BEFORE.search(before):
                continue
            if not PROPOSAL_OBJECT_HINT.search(obj_np[:120]) and status != "proposed":
                continue
            if status in ("submitted",) and not PROP_NOUN_RE.search(obj_np[:80]):
                continue
            if status == "proposed" and m.group(0).lower() in ASK_VERBS and (
                    not PROPOSAL_OBJECT_HINT.search(obj_np[:80]) or NOT_A_PROPOSAL_OBJECT.match(obj_np)
                    or APPEAL_ONLY.search(obj_np[:80])):
                continue
            if status in ("accepted", "promised") and MEETING_AGREED.match(obj_np):
                continue  # "agreed to meet in X": a meeting frame, not a proposal
            if status == "accepted" and _list_subject(text, sent.start, vs) >= 3:
                continue  # "A, B, C and D agreed to ...": an agreement reached, no one proposer
            if status == "accepted" and m.group(0).lower() == "signed" and not re.search(r"\b(agreement|deal|accord|treaty|truce|ceasefire|memorandum|declaration|plan|roadmap)\b", obj_np[:80]):
                continue
            if status == "rejected" and not PROP_NOUN_RE.search(obj_np[:80]) and not re.search(r"\b(to|the idea|calls?)\b", obj_np[:30]):
                continue
            if status in ("accepted", "rejected", "withdrawn"):
                # whose proposal? "a proposal by X", "X's proposal", else the other party in the sentence
                by = re.search(r"\b(?:proposal|plan|offer|initiative|demand|deal|draft|roadmap|framework)\s+"
                               r"(?:(?:put forward|drafted|drawn up|presented|submitted|made|offered|brokered|tabled|"
                               r"floated|proposed|sent)\s+)?(?:by|from)\s+", obj_np)
                sp = None
                if by:
                    sp = speaker_from_np_after(doc, reg, ve + by.end() - 1, sent.end)
                else:
                    pm = re.search(r"((?:[A-Z][\w\-]*\s){0,3}[A-Z][\w\-]*)(?:’s|'s)\s+(?:\w+\s+)?(?:proposal|plan|offer|initiative|demand|request|bid)s?\b", obj_np)
                    if pm:
                        sp = Speaker(pm.group(1), "body")
                        rest_ = obj_np[pm.end():]
                        if re.match(r"\s+to\s+[a-z]", rest_):
                            # "Beijing's request to lift restrictions": what was asked for
                            obj_np = rest_.strip()
                    else:
                        sp = _owner_of_noun(doc, reg, ve, obj_np)
                if sp is None:
                    sp = _backer_of(doc, reg, ve, obj_np)
                actor_subj = _subject_actor(doc, reg, sent.start, vs, local=True) or _person_np(doc, reg, sent.start, vs)
                if sp is not None and not by and ANAPHORIC_PROPOSAL.match(obj_np):
                    # "Aliyev turned down the Russian offer": closes Moscow's earlier open proposal
                    own = _actor_of(sp)
                    earlier = [f for f in out + found if _open(f.status) and own and f.key == own[1]]
                    if earlier:
                        earlier[-1].status = status
                        continue
                if sp is None and ANAPHORIC_PROPOSAL.match(obj_np):
                    # "Israel rejected the proposal": the latest proposal made by someone else closes
                    earlier = [f for f in out + found if _open(f.status) and (actor_subj is None or f.key != actor_subj[1])]
                    if earlier:
                        earlier[-1].status = status
                        continue
                if sp is None and status == "rejected":
                    # the sentence's subject/speaker when it is not the one refusing
                    fv = re.search(r"\s(?:[a-z]+ed|said|says|blamed|accused|told)\b", seg)
                    first = _subject_actor(doc, reg, sent.start, sent.start + fv.start()) if fv else None
                    if first and actor_subj and first[1] != actor_subj[1]:
                        sp = Speaker(first[0], "body")
                        actor = first
                    else:
                        continue
                if sp is None and status == "accepted" and ANAPHORIC_PROPOSAL.match(obj_np):
                    continue  # "X signed the agreement" with no proposal before it: X accepted, X did not propose
                if sp is None:
                    actor = actor_subj
                else:
                    actor = _actor_of(sp)
            elif re.match(r"\s*by\s", obj_np) and re.search(r"\b(?:proposal|plan|offer|initiative|deal|draft|roadmap|"
                                                          r"framework|document|terms|ceasefire|truce)\s+$", text[sent.start:vs]):
                # passive "the plan put forward by the EU": the agent proposed it; inside "X accepted the
                # plan put forward by Y" the acceptance already stands for it
                if any(f.status in ("accepted", "rejected", "withdrawn") and f.pos < vs for f in found):
                    continue
                actor = _actor_of(speaker_from_np_after(doc, reg, ve + re.match(r"\s*by", obj_np).end(), sent.end))
                if actor is None:
                    continue
                left_np = text[sent.start:vs].rstrip()
                antes = [a_ for a_ in re.finditer(r"(?:\b[Tt]he|\b[Aa]n?|[A-Z][\w\-]*(?:’s|'s))\s[^,;]{0,60}$", left_np)]
                # the nearest determiner: "The two discussed a bridging proposal" -> "a bridging proposal"
                dets = [d_.start() for d_ in re.finditer(r"\b(?:[Tt]he|[Aa]n?)\s|[A-Z][\w\-]*(?:’s|'s)\s", left_np)
                        if len(left_np) - d_.start() <= 62 and not re.search(r"[,;]", left_np[d_.start():])]
                obj_np = left_np[dets[-1]:] if dets else (antes[0].group(0) if antes else "")
            else:
                pron = re.search(r"\b(he|she)\s+(?:\w+ly\s+|also\s+|had\s+|has\s+)?$", text[max(sent.start, vs - 20):vs], re.I)
                if pron:
                    # "an agreement he proposed": the pronoun's antecedent, or nobody
                    p_ = reg.pronoun_map.get(max(sent.start, vs - 20) + pron.start(1))
                    actor = (p_.name, p_.country or p_.name) if p_ is not None else None
                else:
                    actor = _subject_actor(doc, reg, sent.start, vs, local=True) or _person_np(doc, reg, sent.start, vs)
                if actor is None:
                    continue
            if actor is None:
                continue
            summary = _summary(doc, sent.start, vs, obj_np, status)
            d, prec = None, None
            clause_end = sent.start + len(seg)
            for h in hits_all:
                if vs - 40 <= h.start < clause_end and h.date and h.precision in ("day", "week"):
                    mid = text[min(ve, h.end):max(vs, h.start)]
                    if TRIGGER_RE.search(mid) or "," in mid:
                        continue
                    if h.start >= ve and re.search(r"\b(?:for|until|by|before)\s+(?:next\s+|this\s+|on\s+)?$", mid):
                        continue  # "proposed for Monday": the date of what is proposed, not of the proposal
                    if REPORT_BEFORE_DATE.search(text[max(sent.start, h.start - 30):h.start]):
                        continue
                    d, prec = h.date, h.precision
                    if h.kind == "weekday" and pub:
                        mm = D.DATE_RE.match(text, h.start)
                        if mm and mm.group("wd_day"):
                            d = D.resolve_weekday(mm.group("wd_day"), pub, -1, mm.group("wd_mod") or "")
                    # the proposal's own date is not part of what was proposed: "a ceasefire on Friday"
                    tail = re.search(r"\s+(?:on\s+)?" + re.escape(text[h.start:h.end].strip()) + r"\s*$", summary)
                    if tail and h.start >= ve and len(summary[:tail.start()].split()) >= 2:
                        summary = summary[:tail.start()].rstrip(" ,")
                    break
            found.append(_Proposal(actor[0], actor[1], status, summary, d, prec, doc.text[sent.start:sent.end].strip(), vs))
        found = _owner_from_relative_clause(text, found)
        # a proposal refused later in the same sentence: "X proposed ..., a demand the government refused"
        if len(found) >= 2:
            opens = [f for f in found if f.status in ("proposed", "submitted", "promised")]
            closes = [f for f in found if f.status in ("rejected",)]
            if opens and closes and closes[0].pos > opens[0].pos and re.search(r"\b(demand|proposal|offer|plan|idea)\b[^.]*" , text[opens[0].pos:closes[0].pos]):
                opens[0].status = "rejected"
                found = [f for f in found if f not in closes]
        for f in found:
            if f.status not in ("proposed", "submitted", "promised"):
                continue
            rest = text[f.pos:sent.end]
            cm = re.search(r",\s*(?:(?:a|an|the)\s+(?:demand|proposal|offer|plan|idea|suggestion|move|step)\s+(?:that\s+|which\s+)?|which\s+|something\s+)"
                           r"[^,;]*?\b(?P<v>refused|rejected|turned down|dismissed|accepted|welcomed|agreed to|endorsed|approved|withdrew|withdrawn)\b", rest)
            if not cm:
                cm = LATER_OUTCOME.search(rest)
            if cm:
                v = cm.group("v")
                f.status = "rejected" if v in ("refused", "rejected", "turned down", "dismissed") else (
                    "withdrawn" if v.startswith("withdr") else "accepted")
        out.extend(found)
    # possessive/"by" noun mentions: "Moscow's proposal", "the proposal by Vladimir Medinsky"
    for m in re.finditer(r"(?:(?P<owner>(?:[A-Z][\w\-]*\s){0,3}[A-Z][\w\-]*)(?:’s|'s|(?<=s)’|(?<=s)')\s+(?:\w+\s+)?(?:proposal|peace plan|plan|offer|initiative))"
                         r"|(?:\b(?:proposal|plan|offer|initiative)\s+(?:by|from)\s+(?P<by>(?:[A-Z][\w\-]*\s?){1,4}))", text):
        name = (m.group("owner") or m.group("by") or "").strip()
        if not name:
            continue
        sent = doc.sentence_at(m.start())
        if sent is None or sent.para == 0:
            continue
        p = reg.find(name)
        sp = Speaker(p.name, "person", p) if p else Speaker(name, "body")
        actor = _actor_of(sp)
        if actor is None:
            continue
        if not p and not G.country_of_place(name) and not _owner_name(name):
            continue
        out.append(_Proposal(actor[0], actor[1], "proposed", "", None, None, doc.text[sent.start:sent.end].strip(), m.start()))
    _name_vague_documents(doc, out)
    return _merge_proposals(out)


_NOT_OWNERS = {"The", "This", "That", "Its", "Their", "His", "Her", "Monday", "Tuesday", "Wednesday", "Thursday",
               "Friday", "Saturday", "Sunday", "Today", "Yesterday", "Last", "Next", "Week", "Year"}


def _owner_name(name: str) -> bool:
    """"Jane Roe's proposal", "the Security Council's plan": a name of two to four capitalised words owns
    the proposal even when no other rule knew it as a person or body."""
    words = name.split()
    return 2 <= len(words) <= 4 and not any(w in _NOT_OWNERS for w in words) and not G.city_country(name)


VAGUE_DOC = re.compile(r"\s*(?:a|an|the|its|their)\s+(?:new\s+|written\s+|formal\s+)?(?:document|paper|text|"
                       r"proposal|draft)(?:\s+of\s+(?:its|their|his|her)\s+own)?\s*$", re.I)
SETS_OUT = re.compile(r"\s*(?:It|The\s+(?:document|paper|text|proposal|draft))\s+(?:sets\s+out|outlines|lays\s+out|"
                      r"contains|describes|proposes|calls\s+for)\s+(?P<np>[^,;.]{3,120})")


def _name_vague_documents(doc: Doc, items: list[_Proposal]) -> None:
    """"Ukraine handed Moscow a document of its own. It sets out Kyiv's roadmap for a ceasefire, ...": the
    next sentence says what the document is."""
    for p in items:
        if not VAGUE_DOC.fullmatch(p.summary or ""):
            continue
        sent = doc.sentence_at(p.pos)
        if sent is None:
            continue
        m = SETS_OUT.match(doc.masked, sent.end)
        if m and doc.sentence_at(sent.end + 1) is not None and doc.sentence_at(sent.end + 1).para == sent.para:
            p.summary = doc.text[m.start("np"):m.end("np")].strip()


ANAPHORIC_PROPOSAL = re.compile(r"\s*(?:the|this|that|these|those|such\s+an?)\s+(?:[\w\-]+\s+){0,2}?"
                                r"(?:proposal|proposals|plan|offer|initiative|demand|demands|deal|draft|terms|roadmap|"
                                r"document|memorandum|idea|suggestion|timetable|schedule|roadmap|agreement|accord|"
                                r"treaty|ceasefire|truce)\b(?!\s+(?:by|from|of|for|to)\b)")


# an outcome told later in the sentence: "X proposed Y as a venue and Z has agreed to the request"
LATER_OUTCOME = re.compile(r"\b(?:and|but)\s+(?:the\s+)?(?:[A-Z][\w\-’']*\s+){1,3}(?:has\s+|have\s+|had\s+|later\s+|quickly\s+)*"
                           r"(?P<v>accepted|agreed to|endorsed|approved|rejected|refused|turned down|dismissed)\s+"
                           r"(?:the|this|that|it|its|their)\b")
BACKED_RE = re.compile(r"\b(?P<owner>(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*)-(?:backed|brokered|sponsored|mediated|"
                       r"drafted|proposed|led)\s+(?:[\w\-]+\s+){0,2}?(?:deal|agreement|plan|proposal|accord|"
                       r"initiative|framework|roadmap|ceasefire|truce|talks|process)\b")


def _backer_of(doc: Doc, reg: Registry, obj_start: int, obj_np: str) -> Optional[Speaker]:
    """"an EU-backed deal", "the Qatar-brokered truce": the backer made the proposal."""
    m = BACKED_RE.search(obj_np[:100])
    if not m:
        return None
    name = m.group("owner")
    p = reg.find(name)
    if p is not None:
        return Speaker(p.name, "person", p)
    iso = G.country_of_place(name)
    if iso or re.fullmatch(r"[A-Z]{2,6}", name):  # a state, or a body's acronym ("EU", "AU")
        return Speaker(G.country_display(iso) if iso and iso != "EU" else name, "body")
    return None


OWNER_CLAUSE = re.compile(r"\b(?:agreement|plan|deal|proposal|initiative|accord|framework|roadmap|ceasefire|truce)\s+"
                          r"(?:that\s+|which\s+)?(?:[\w’'\-.]+\s+){1,3}$")


def _owner_from_relative_clause(text: str, found: list[_Proposal]) -> list[_Proposal]:
    """"A and B signed the plan, an agreement he proposed": the acceptance is of the proposer's plan, and
    the relative clause is no second proposal."""
    out = list(found)
    for p in found:
        if not _open(p.status):
            continue
        closing = [c for c in out if c.status in ("accepted", "rejected") and c.pos < p.pos]
        if closing and OWNER_CLAUSE.search(text[closing[-1].pos:p.pos]):
            c = closing[-1]
            c.proposer, c.key = p.proposer, p.key
            out.remove(p)
    return out


def _open(st: str) -> bool:
    return st in ("proposed", "submitted", "promised")


_STOP = {"a", "an", "the", "of", "for", "to", "in", "on", "at", "and", "with", "its", "their", "his", "her", "that",
         "this", "new", "by", "from", "own", "which", "is", "be", "as"}
_VAGUE = re.compile(r"\s*(?:(?:a|an|the|its|their|this|that)\s+)?(?:new\s+|own\s+|formal\s+)?"
                    r"(?:proposal|proposals|plan|offer|document|idea|initiative|request)s?\s*$", re.I)


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


def _merge_proposals(items: list[_Proposal]) -> list[_Proposal]:
    merged: list[_Proposal] = []
    order = {"proposed": 0, "promised": 1, "submitted": 2}
    for it in items:
        t = None
        for o in merged:
            if o.key == it.key and _open(o.status) == _open(it.status) and (_open(o.status) or o.status == it.status) \
                    and _same_thing(o.summary, it.summary):
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
        if G.country_of_place(it.proposer) and not G.country_of_place(t.proposer):
            t.proposer = it.proposer
    return merged


# ------------------------------------------------------------------------------ confidence
# Shares of predicted items found right by ../shared/eval/score.py on the development cases (realnews +
# public, extraction 0.7.0): meetings with a day and a place 34/37, a day only 3/4, a place only 5/8,
# neither 4/5 (mostly upcoming rounds the text gives no day or place for either); proposals: open or refused 10/10, accepted 5/6, submitted 1/2; a proposer of several words
# (a person or a body rather than a state) 7/9. Small samples: the figures are rounded toward 0.5.


def meeting_confidence(m: _Meeting) -> float:
    """How often a meeting like this one is right: a day and a named place make it likelier."""
    has_day = m.date is not None and m.precision == "day"
    has_place = bool(m.location) and not m.loc_weak
    conf = 0.9 if has_day and has_place else 0.75 if has_day else 0.65 if has_place else 0.75
    if m.loc_weak:
        conf -= 0.05  # the place was taken from the dateline or the article's other meetings
    if m.kind == "visit":
        conf -= 0.15
    return round(conf, 2)


def proposal_confidence(p: _Proposal) -> float:
    """How often a proposal like this one is right: a state proposing an open or refused proposal most."""
    conf = {"proposed": 0.9, "promised": 0.85, "rejected": 0.9, "withdrawn": 0.8, "accepted": 0.8,
            "submitted": 0.6}.get(p.status, 0.7)
    if len(p.proposer.split()) > 1:
        conf -= 0.1
    return round(conf, 2)
