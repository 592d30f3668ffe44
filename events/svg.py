"""The visual timeline of a whole negotiation: one lane for meetings, one lane per
side for its proposals and statements, drawn on the server as SVG (like the
actor chart) so it needs no JavaScript. Every mark links to its event; with many
events, proposals and statements are counted per week and each week links to the
timeline filtered to that week.

Reads only (selectors); the geometry is plain data the template draws."""
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta

from django.db.models import Count
from django.db.models import DateField
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from .board import date_passed
from .models import Actor
from .models import Meeting
from .models import MeetingSource
from .models import MeetingStatusChange
from .models import Proposal
from .models import Statement
from .selectors import DAY
from .selectors import UNDATED
from .selectors import public
from .titles import meeting_title
from .titles import ordinal_in

WIDTH = 760  # viewBox units; the SVG scales to the column
LABEL = 118  # left gutter for lane names
LANE = 30
AXIS = 30
MAX_SIDES = 5
MARK_LIMIT = 300  # above this many proposals and statements, draw weekly counts
MEETING_LIMIT = 300
KIND_COLOURS = {"meeting": "#1a7f37", "proposal": "#8a5a00", "statement": "#0b5cad"}
STATUS_COLOURS = {"held": "#1a7f37", "proposed": "#8a5a00", "scheduled": "#0b5cad",
                  "postponed": "#a40e26", "cancelled": "#a40e26"}


@dataclass
class Mark:
    kind: str
    x: float
    y: float
    href: str
    label: str  # what a screen reader and the tooltip say
    status: str = ""
    colour: str = ""
    count: int = 1  # >1: a week's bucket
    size: float = 5
    passed: bool = False  # planned meeting whose date passed with no report
    steps: list = field(default_factory=list)  # [(x, status)] status changes of a meeting
    life: tuple = ()  # (x from, x to): first report to the meeting, or the other way round
    path: str = ""  # a diamond's outline


@dataclass
class Lane:
    name: str
    y: float


@dataclass
class Strip:
    lanes: list
    marks: list
    ticks: list  # [(x, label)]
    width: int
    height: int
    first: date
    last: date
    weekly: bool
    today_x: float | None
    total: int
    left: int = LABEL + 6


def _side_key(country, actor_id, text):
    if country:
        return ("country", country)
    if actor_id:
        return ("actor", actor_id)
    return ("text", (text or "").strip().lower() or "unattributed")


def _ticks(first, last, x_of):
    span = (last - first).days
    step_months = 1 if span <= 400 else 3 if span <= 1200 else 12
    ticks, month = [(x_of(first), date_format(first, "j M Y"))], date(first.year, first.month, 1)
    while month <= last:
        # A label every month (or quarter, or year), unless too close to the last one to read.
        if month > first and x_of(month) - ticks[-1][0] >= 60:
            fmt = "M Y" if month.month == 1 or step_months == 12 else "M"
            ticks.append((x_of(month), date_format(month, fmt)))
        m = month.month - 1 + step_months
        month = date(month.year + m // 12, m % 12 + 1, 1)
    return ticks


def track_strip(*, track, today: date | None = None) -> Strip | None:
    """The geometry of a track's visual timeline, in a fixed number of queries."""
    today = today or timezone.localdate()
    meetings = list(
        public(Meeting.objects.filter(tracks=track)).exclude(date=None).order_by("-date", "-id")
        .values("id", "date", "date_precision", "status", "kind", "location")[:MEETING_LIMIT]
    )
    changes = {}
    for row in (MeetingStatusChange.objects.filter(meeting_id__in=[m["id"] for m in meetings])
                .exclude(reported_on=None).order_by("reported_on", "id").values("meeting_id", "reported_on", "status")):
        changes.setdefault(row["meeting_id"], []).append(row)
    sentences = {}
    for row in (MeetingSource.objects.filter(meeting_id__in=[m["id"] for m in meetings]).exclude(sentence="")
                .values("meeting_id", "sentence")):
        sentences.setdefault(row["meeting_id"], []).append(row["sentence"])
    said = {
        "proposal": public(Proposal.objects.filter(tracks=track)).annotate(day=DAY).exclude(day=UNDATED),
        "statement": public(Statement.objects.filter(tracks=track)).annotate(day=DAY).exclude(day=UNDATED),
    }
    who = {"proposal": ("proposer", "proposer_text"), "statement": ("speaker", "speaker_text")}
    counts = {kind: qs.count() for kind, qs in said.items()}
    total = sum(counts.values())
    weekly = total > MARK_LIMIT
    rows = []  # (kind, day, side key, id or None, count, text)
    for kind, qs in said.items():
        fk, text = who[kind]
        fields = (f"{fk}__country", f"{fk}_id", text)
        if weekly:
            grouped = (qs.annotate(week=TruncWeek("day", output_field=DateField())).order_by()
                       .values("week", *fields).annotate(n=Count("id")))
            rows += [(kind, r["week"], _side_key(*(r[f] for f in fields)), None, r["n"], "") for r in grouped]
        else:
            body = "summary" if kind == "proposal" else "quote"
            for r in qs.values("id", "day", "status" if kind == "proposal" else "kind", body, *fields):
                rows.append((kind, r["day"], _side_key(*(r[f] for f in fields)), r["id"], 1, r[body]))
    if not meetings and not rows:
        return None

    # Sides with the most events get lanes; the rest share "Others".
    weight = {}
    for _, _, key, _, n, _ in rows:
        weight[key] = weight.get(key, 0) + n
    ranked = sorted(weight, key=lambda k: -weight[k])
    shown = ranked if len(ranked) <= MAX_SIDES + 1 else ranked[:MAX_SIDES]
    names = _side_names(shown)
    lanes = [Lane("Meetings", AXIS + LANE / 2)]
    lane_of = {}
    for key in shown:
        lane_of[key] = len(lanes)
        lanes.append(Lane(names[key], AXIS + LANE / 2 + LANE * len(lanes)))
    if len(ranked) > len(shown):
        lanes.append(Lane("Others", AXIS + LANE / 2 + LANE * len(lanes)))

    days = [m["date"] for m in meetings] + [r[1] for r in rows]
    days += [c["reported_on"] for cs in changes.values() for c in cs]
    first, last = min(days), max(days)
    if (last - first).days < 14:
        first, last = first - timedelta(days=7), last + timedelta(days=7)
    span = (last - first).days or 1
    inner = WIDTH - LABEL - 14

    def x_of(day):
        return round(LABEL + 6 + (day - first).days * inner / span, 1)

    marks = []
    base = reverse("events:track", args=[track.slug])
    for m in reversed(meetings):
        title = meeting_title(Meeting(kind=m["kind"], location=m["location"]),
                              ordinal=ordinal_in(m["kind"], sentences.get(m["id"], ())))
        passed = date_passed(Meeting(status=m["status"], date=m["date"], date_precision=m["date_precision"]), today)
        status = Meeting.Status(m["status"]).label.lower()
        label = f"{title}, {date_format(m['date'], 'j F Y')}: {status}" + (", no report it took place" if passed else "")
        steps = [(x_of(c["reported_on"]), c["status"]) for c in changes.get(m["id"], [])]
        x = x_of(m["date"])
        xs = [x] + [step[0] for step in steps]
        marks.append(Mark("meeting", x, lanes[0].y, reverse("events:meeting", args=[m["id"]]), label,
                          status=m["status"], colour=STATUS_COLOURS.get(m["status"], "#57606a"), size=6,
                          passed=passed, steps=steps, life=(min(xs), max(xs)) if len(steps) > 1 else ()))
    peak = max((r[4] for r in rows), default=1)
    for kind, day, key, pk, n, text in sorted(rows, key=lambda r: (r[1], r[0])):
        lane = lanes[lane_of.get(key, len(lanes) - 1)]
        if pk is None:
            week_end = day + timedelta(days=6)
            side = lane.name
            label = (f"Week of {date_format(day, 'j F Y')}: {n} {kind}{'s' if n != 1 else ''} by {side}")
            href = f"{base}?kind={kind}&since={day:%Y-%m-%d}&until={week_end:%Y-%m-%d}"
            size = round(3 + 6 * (n / peak) ** 0.5, 1)
        else:
            short = (text or "")[:90] + ("…" if len(text or "") > 90 else "")
            label = f"{kind.capitalize()}, {date_format(day, 'j F Y')}, {lane.name}: {short}"
            href = reverse(f"events:{kind}", args=[pk])
            size = 5 if kind == "proposal" else 3.5
        x = x_of(day)
        mark = Mark(kind, x, lane.y, href, label, colour=KIND_COLOURS[kind], count=n, size=size)
        if kind == "proposal":
            mark.path = f"M{x} {lane.y - size} L{x + size} {lane.y} L{x} {lane.y + size} L{x - size} {lane.y} Z"
        marks.append(mark)
    height = int(AXIS + LANE * len(lanes) + 4)
    today_x = x_of(today) if first <= today <= last else None
    return Strip(lanes=lanes, marks=marks, ticks=_ticks(first, last, x_of), width=WIDTH, height=height,
                 first=first, last=last, weekly=weekly, today_x=today_x, total=len(meetings) + total)


def _side_names(keys):
    """A side is named after its state when the track has one for that country."""
    countries = [k[1] for k in keys if k[0] == "country"]
    actor_ids = [k[1] for k in keys if k[0] == "actor"]
    states = {}
    for a in Actor.objects.filter(kind=Actor.Kind.STATE, country__in=countries, merged_into=None).order_by("id"):
        states.setdefault(a.country, a.name)
    people = dict(Actor.objects.filter(id__in=actor_ids).values_list("id", "name"))
    names = {}
    for key in keys:
        kind, value = key
        if kind == "country":
            names[key] = states.get(value, value)
        elif kind == "actor":
            names[key] = people.get(value, "unknown")
        else:
            names[key] = value.title() if value != "unattributed" else "Unattributed"
    return names
