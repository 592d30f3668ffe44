"""The visual timeline of a whole negotiation: one lane for meetings, one lane per
side for its proposals and statements, drawn on the server as SVG (like the
actor chart) so it needs no JavaScript. Every mark links to its event; with many
events, proposals and statements are counted per week and each week links to the
timeline filtered to that week.

Reads only (selectors); the geometry is plain data the template draws."""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from datetime import timedelta
from types import SimpleNamespace

from django.db.models import Case
from django.db.models import CharField
from django.db.models import Count
from django.db.models import DateField
from django.db.models import F
from django.db.models import Max
from django.db.models import Min
from django.db.models import Q
from django.db.models import Value
from django.db.models import When
from django.db.models.functions import Cast
from django.db.models.functions import Concat
from django.db.models.functions import Lower
from django.db.models.functions import TruncMonth
from django.db.models.functions import TruncQuarter
from django.db.models.functions import TruncWeek
from django.db.models.functions import TruncYear
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Actor
from .models import Meeting
from .models import MeetingSource
from .models import MeetingStatusChange
from .models import Proposal
from .models import Statement
from .models import Track
from .selectors import DAY
from .selectors import UNDATED
from .selectors import public
from .selectors import versioned
from .status import PLANNED
from .status import period_end
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
STATUS_COLOURS = {
    "held": "#1a7f37",
    "proposed": "#8a5a00",
    "scheduled": "#0b5cad",
    "postponed": "#a40e26",
    "cancelled": "#a40e26",
}


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
    height: int
    first: date
    last: date
    weekly: bool
    today_x: float | None
    total: int
    unit: str = ""  # "week", "month"... when events are counted per period
    width: int = WIDTH
    left: int = LABEL + 6
    svg: str = ""


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


VERSION = "2"  # bump when the drawing changes
# Bucket sizes for many events: the first that keeps a lane to about 60 marks.
BUCKETS = [("week", 7, TruncWeek), ("month", 31, TruncMonth), ("quarter", 92, TruncQuarter), ("year", 366, TruncYear)]
MAX_BUCKETS = 60
PLANNED_LIMIT = 60  # planned meetings are drawn one by one even among many events


def _day(d):
    return date_format(d, "j F Y")  # as the site writes dates: "30 May 2025"


def _bucket_end(start, unit):
    if unit == "week":
        return start + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1) - timedelta(days=1)


def _bucket_name(start, unit):
    if unit == "week":
        return f"Week of {_day(start)}"
    if unit == "month":
        return date_format(start, "F Y")
    if unit == "quarter":
        return f"{date_format(start, 'M')}-{date_format(_bucket_end(start, unit), 'M Y')}"
    return str(start.year)


def _side_expr(fk, text):
    """One SQL value per side: the speaker's country, else the actor, else the name as written."""
    country = f"{fk}__country"
    return Case(
        When(~Q(**{country: ""}) & Q(**{f"{country}__isnull": False}), then=F(country)),
        When(**{f"{fk}__isnull": False}, then=Concat(Value("#"), Cast(f"{fk}_id", CharField()))),
        default=Concat(Value("~"), Lower(text)),
        output_field=CharField(),
    )


def _parse_side(value):
    if value.startswith("#"):
        return ("actor", int(value[1:]))
    if value.startswith("~"):
        return ("text", value[1:].strip() or "unattributed")
    return ("country", value)


def track_strip(*, track: Track, today: date | None = None, version: str | None = None) -> Strip | None:
    """The geometry of a track's visual timeline, in a fixed number of queries
    (and a bounded number of marks: past MARK_LIMIT events, counts per period).
    With a data version (events.selectors.data_version()) it is drawn once per
    change of the data and read from the cache otherwise: no query."""
    today = today or timezone.localdate()
    if version is None:
        return _strip(track, today)
    return (
        versioned(
            "strip", version=version, parts=(VERSION, track.pk, today), compute=lambda: _drawn(_strip(track, today))
        )
        or None
    )


def _drawn(strip: Strip | None) -> Strip | bool:
    """What a page needs of a drawn strip (its SVG and legend), without the marks it was
    drawn from: hundreds of objects to read back from the cache on every request."""
    if strip is None:
        return NO_STRIP
    return replace(strip, lanes=[], marks=[], ticks=[])


NO_STRIP = False  # cached for a track with no dated event (None means "not cached")


def _strip(track: Track, today: date) -> Strip | None:
    meetings_all = public(Meeting.objects.filter(tracks=track)).exclude(date=None)
    said = {
        "proposal": public(Proposal.objects.filter(tracks=track)).annotate(day=DAY).exclude(day=UNDATED),
        "statement": public(Statement.objects.filter(tracks=track)).annotate(day=DAY).exclude(day=UNDATED),
    }
    who = {"proposal": ("proposer", "proposer_text"), "statement": ("speaker", "speaker_text")}
    # Counts and first and last days of the three kinds in one round trip.
    spans = [
        qs.annotate(k=Value(kind)).order_by().values("k").annotate(n=Count("id"), first=Min("day"), last=Max("day"))
        for kind, qs in [("meeting", meetings_all.annotate(day=F("date"))), *said.items()]
    ]
    span_row = {r["k"]: r for r in spans[0].union(*spans[1:], all=True)}
    total = sum(row["n"] for row in span_row.values())
    if not total:
        return None
    return _draw_strip(track, today, meetings_all, said, who, span_row, total)


def _draw_strip(track, today, meetings_all, said, who, span_row, total):
    firsts = [row["first"] for row in span_row.values() if row["first"]]
    lasts = [row["last"] for row in span_row.values() if row["last"]]
    first, last = min(firsts), max(lasts)
    many = total > MARK_LIMIT
    unit = trunc = None
    if many:
        # The finest period that keeps a lane to MAX_BUCKETS marks.
        unit, _, trunc = next((b for b in BUCKETS if (last - first).days / b[1] <= MAX_BUCKETS), BUCKETS[-1])

    # Meetings one by one: all of them, or among many only the planned ones (the board's subject).
    singles = meetings_all.filter(status__in=PLANNED) if many else meetings_all
    meetings = list(
        singles.order_by("-date", "-id").values("id", "date", "date_precision", "status", "kind", "location")[
            : PLANNED_LIMIT if many else MEETING_LIMIT
        ]
    )
    ids = [m["id"] for m in meetings]
    changes, sentences = {}, {}
    for row in (
        MeetingStatusChange.objects.filter(meeting_id__in=ids)
        .exclude(reported_on=None)
        .order_by("reported_on", "id")
        .values("meeting_id", "reported_on", "status")
    ):
        changes.setdefault(row["meeting_id"], []).append(row)
    for row in MeetingSource.objects.filter(meeting_id__in=ids).exclude(sentence="").values("meeting_id", "sentence"):
        sentences.setdefault(row["meeting_id"], []).append(row["sentence"])
    # One query for everything else, either way: per-period counts of meetings held,
    # postponed or cancelled, proposals and statements; or every proposal and statement.
    meeting_buckets, rows = [], []  # rows: (kind, day, side key, id or None, count, text)
    if many:
        parts = [
            meetings_all.exclude(status__in=PLANNED)
            .annotate(k=Value("meeting"), b=trunc("date", output_field=DateField()), side=F("status"))
            .order_by()
            .values("k", "b", "side")
            .annotate(n=Count("id"))
        ]
        for kind, qs in said.items():
            fk, text = who[kind]
            parts.append(
                qs.annotate(k=Value(kind), b=trunc("day", output_field=DateField()), side=_side_expr(fk, text))
                .order_by()
                .values("k", "b", "side")
                .annotate(n=Count("id"))
            )
        for r in parts[0].union(*parts[1:], all=True):
            if r["k"] == "meeting":
                meeting_buckets.append({"b": r["b"], "status": r["side"], "n": r["n"]})
            else:
                rows.append((r["k"], r["b"], _parse_side(r["side"]), None, r["n"], ""))
    else:
        parts = []
        for kind, qs in said.items():
            fk, text = who[kind]
            parts.append(
                qs.annotate(
                    k=Value(kind),
                    body=F("summary" if kind == "proposal" else "quote"),
                    country=F(f"{fk}__country"),
                    actor=F(f"{fk}_id"),
                    written=F(text),
                )
                .order_by()
                .values("k", "id", "day", "body", "country", "actor", "written")
            )
        for r in parts[0].union(*parts[1:], all=True):
            rows.append((r["k"], r["day"], _side_key(r["country"], r["actor"], r["written"]), r["id"], 1, r["body"]))

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

    days = [c["reported_on"] for cs in changes.values() for c in cs]
    first, last = min([first, *days]), max([last, *days])
    if (last - first).days < 14:
        first, last = first - timedelta(days=7), last + timedelta(days=7)
    span = (last - first).days or 1
    inner = WIDTH - LABEL - 14

    def x_of(day):
        return round(LABEL + 6 + (min(max(day, first), last) - first).days * inner / span, 1)

    marks = []
    base = reverse("events:track", args=[track.slug])
    meeting_url = reverse("events:meeting", args=[0])[:-2]  # "/meetings/": no reverse() per mark
    for m in reversed(meetings):
        title = meeting_title(
            SimpleNamespace(kind=m["kind"], location=m["location"]),
            ordinal=ordinal_in(m["kind"], sentences.get(m["id"], ())),
        )
        passed = m["status"] in PLANNED and period_end(m["date"], m["date_precision"]) < today
        label = f"{title}, {_day(m['date'])}: {m['status']}" + (", no report it took place" if passed else "")
        steps = [(x_of(c["reported_on"]), c["status"]) for c in changes.get(m["id"], [])]
        x = x_of(m["date"])
        xs = [x] + [step[0] for step in steps]
        marks.append(
            Mark(
                "meeting",
                x,
                lanes[0].y,
                f"{meeting_url}{m['id']}/",
                label,
                status=m["status"],
                colour=STATUS_COLOURS.get(m["status"], "#57606a"),
                size=6,
                passed=passed,
                steps=steps,
                life=(min(xs), max(xs)) if len(steps) > 1 else (),
            )
        )
    peak = max([r[4] for r in rows] + [r["n"] for r in meeting_buckets] + [1])
    for row in meeting_buckets:
        start, n, status = row["b"], row["n"], row["status"]
        label = f"{_bucket_name(start, unit)}: {n} meeting{'s' if n != 1 else ''} {status}"
        href = f"{base}?kind=meeting&status={status}&since={start:%Y-%m-%d}&until={_bucket_end(start, unit):%Y-%m-%d}"
        marks.append(
            Mark(
                "meeting",
                x_of(start),
                lanes[0].y,
                href,
                label,
                status=status,
                count=n,
                size=round(2.5 + 5 * (n / peak) ** 0.5, 1),
            )
        )
    event_url = {kind: reverse(f"events:{kind}", args=[0])[:-2] for kind in said}
    for kind, day, key, pk, n, text in sorted(rows, key=lambda r: (r[1], r[0])):
        lane = lanes[lane_of.get(key, len(lanes) - 1)]
        # Proposals just above the lane's line, statements on it: buckets of both stay apart.
        y = lane.y - (5 if many and kind == "proposal" else 0)
        if pk is None:
            label = f"{_bucket_name(day, unit)}: {n} {kind}{'s' if n != 1 else ''} by {lane.name}"
            href = f"{base}?kind={kind}&since={day:%Y-%m-%d}&until={_bucket_end(day, unit):%Y-%m-%d}"
            size = round(2.5 + 5 * (n / peak) ** 0.5, 1)
        else:
            short = (text or "")[:90] + ("…" if len(text or "") > 90 else "")
            label = f"{kind.capitalize()}, {_day(day)}, {lane.name}: {short}"
            href = f"{event_url[kind]}{pk}/"
            size = 5 if kind == "proposal" else 3.5
        x = x_of(day)
        mark = Mark(kind, x, y, href, label, colour=KIND_COLOURS[kind], count=n, size=size)
        if kind == "proposal":
            mark.path = f"M{x} {y - size} L{x + size} {y} L{x} {y + size} L{x - size} {y} Z"
        marks.append(mark)
    strip = Strip(
        lanes=lanes,
        marks=marks,
        ticks=_ticks(first, last, x_of),
        height=int(AXIS + LANE * len(lanes) + 4),
        first=first,
        last=last,
        weekly=many,
        today_x=x_of(today) if first <= today <= last else None,
        total=total,
        unit=unit or "",
    )
    strip.svg = draw(strip, title=f"{track.name}: every event from {_day(first)} to {_day(last)}")
    return strip


def draw(strip, *, title):
    """The SVG markup, built here rather than in a template: hundreds of marks render
    in well under a millisecond this way (the template loop took tens)."""
    e = escape
    if strip.weekly:
        how = (
            f"Meetings held, postponed or cancelled, proposals and statements are counted per {strip.unit}; "
            "each mark links to that period on the timeline."
        )
    else:
        how = "Each mark links to its event."
    out = [
        f'<svg viewBox="0 0 {strip.width} {strip.height}" width="{strip.width}" height="{strip.height}" '
        'preserveAspectRatio="xMinYMin meet" role="group" aria-labelledby="strip-title strip-desc">',
        f'<title id="strip-title">{e(title)}</title>',
        '<desc id="strip-desc">One lane for meetings, one per side for its proposals and statements. '
        f"{how} The timeline below lists the same events as text.</desc>",
    ]
    for lane in strip.lanes:
        name = lane.name if len(lane.name) <= 16 else lane.name[:15] + "…"
        out.append(
            f'<g class="lane"><line class="lane-line" x1="{strip.left}" x2="{strip.width}" y1="{lane.y}" '
            f'y2="{lane.y}"/><text class="lane-name" x="0" y="{lane.y + 4}">{e(name)}</text></g>'
        )
    for x, label in strip.ticks:
        out.append(
            f'<line class="tick" x1="{x}" x2="{x}" y1="18" y2="{strip.height}"/>'
            f'<text class="tick-label" x="{x}" y="13">{e(label)}</text>'
        )
    if strip.today_x:
        out.append(
            f'<line class="today" x1="{strip.today_x}" x2="{strip.today_x}" y1="18" y2="{strip.height}"/>'
            f'<text class="today-label" x="{strip.today_x}" y="{strip.height - 2}">today</text>'
        )
    for m in strip.marks:
        classes = " ".join(
            c for c in ("mark", m.kind, m.status, "passed" if m.passed else "", "bucket" if m.count > 1 else "") if c
        )
        body = []
        if m.kind == "meeting":
            if m.life:
                body.append(f'<line class="life" x1="{m.life[0]}" x2="{m.life[1]}" y1="{m.y}" y2="{m.y}"/>')
            body += [f'<circle class="step {s}" cx="{x}" cy="{m.y}" r="2.2"/>' for x, s in m.steps] if m.life else []
            body.append(f'<circle cx="{m.x}" cy="{m.y}" r="{m.size}"/>')
        elif m.kind == "proposal":
            body.append(f'<path d="{m.path}"/>')
        else:
            body.append(f'<circle cx="{m.x}" cy="{m.y}" r="{m.size}"/>')
        label = e(m.label)
        out.append(
            f'<a href="{e(m.href)}" class="{classes}" aria-label="{label}"><title>{label}</title>{"".join(body)}</a>'
        )
    out.append("</svg>")
    return mark_safe("\n".join(out))


def _side_names(keys):
    """A side is named after its state when the track has one for that country."""
    countries = [k[1] for k in keys if k[0] == "country"]
    actor_ids = [k[1] for k in keys if k[0] == "actor"]
    states, people = {}, {}
    # One query for both: the states of the sides' countries and the sides that are one actor.
    for a in (
        Actor.objects.filter(Q(kind=Actor.Kind.STATE, country__in=countries, merged_into=None) | Q(id__in=actor_ids))
        .order_by("id")
        .only("id", "name", "kind", "country")
    ):
        if a.id in actor_ids:
            people[a.id] = a.name
        if a.kind == Actor.Kind.STATE and a.country in countries:
            states.setdefault(a.country, a.name)
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
