from django.db import models
from django.db.models import TextChoices
from django.urls import reverse
from simple_history.models import HistoricalRecords


class DatePrecision(TextChoices):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class ReviewStatus(TextChoices):
    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Stance(TextChoices):
    CONCILIATORY = "conciliatory"
    NEUTRAL = "neutral"
    HOSTILE = "hostile"
    THREAT = "threat"


class Tag(models.Model):
    """A topic tag editors put on statements (e.g. "prisoner exchange")."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Editorial(models.Model):
    """What editors add to every event. Fields named in locked_fields were
    corrected by an editor and are never overwritten by re-extraction."""

    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True
    )
    editor_note = models.TextField("public note", blank=True, help_text="Shown on the public site.")
    private_note = models.TextField(blank=True, help_text="Only editors see this.")
    featured = models.BooleanField(default=False)
    locked_fields = models.JSONField(default=list, blank=True, help_text="Fields an editor corrected.")
    confidence = models.FloatField(default=0.5, help_text="Extractor's confidence, 0-1.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def is_locked(self, field):
        return field in (self.locked_fields or [])


class NamedPage(models.Model):
    """Something with a name and a public page at its slug, named after its model
    (events:track, events:actor), listed by name."""

    name: str
    slug: str

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(f"events:{self._meta.model_name}", args=[self.slug])


class Track(NamedPage):
    """A negotiation followed, e.g. "Russia-Ukraine peace talks"."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text="Comma-separated. An article belongs to the track when one of them appears in it; "
        "no keywords means every article of the track's feeds belongs.",
    )
    actors = models.ManyToManyField(
        "Actor", blank=True, related_name="key_tracks", help_text="Articles naming one of them belong too."
    )
    # Declared here, not on Feed and Article: sources lies below events and names nothing above it.
    # The tables keep their first names (sources_feed_tracks, sources_article_tracks); feed.tracks
    # and article.tracks are the reverse accessors.
    feeds = models.ManyToManyField("sources.Feed", blank=True, related_name="tracks", db_table="sources_feed_tracks")
    articles = models.ManyToManyField(
        "sources.Article", blank=True, related_name="tracks", db_table="sources_article_tracks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def keyword_list(self):
        return [k.strip() for k in self.keywords.split(",") if k.strip()]


class Actor(NamedPage):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)

    class Kind(TextChoices):
        PERSON = "person"
        STATE = "state"
        ORGANIZATION = "organization"
        GROUP = "group"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 alpha-2 (EU, XK, PS allowed).")
    title = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_actors"
    )
    confirmed = models.BooleanField(default=False, help_text="Checked by an editor.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()


def actor_name(actor: Actor | None, text: str, *, missing: str) -> str:
    """Who spoke or proposed: the actor's name, else the name as the article gave it, else `missing`."""
    return actor.name if actor else (text or missing)


class TimelineEvent(Editorial):
    """An event on the timeline (a statement, a meeting or a proposal): its date and how exact that
    is, when it was first reported, newest first, and its public page. Each kind declares its own
    tracks (the reverse name is the kind's: track.statements, track.meetings, track.proposals) and
    its own history (a statement's leaves out the matching key)."""

    date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    reported_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]

    def get_absolute_url(self):
        # The public page of each kind is named after it: events:statement, events:meeting, ...
        return reverse(f"events:{self._meta.model_name}", args=[self.pk])


class Statement(TimelineEvent):
    class Kind(TextChoices):
        DIRECT = "direct", "Direct quote"
        INDIRECT = "indirect", "Reported speech"

    tracks = models.ManyToManyField(Track, blank=True, related_name="statements")
    speaker = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements")
    speaker_text = models.CharField(max_length=300, blank=True, help_text="The speaker as the article names them.")
    quote = models.TextField()
    quote_key = models.CharField(max_length=255, db_index=True, help_text="Normalised quote, for matching.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECT)
    # The timeline's field, with the help text statements have always had.
    reported_on = models.DateField(null=True, blank=True, help_text="First reported (earliest source).")
    stance = models.CharField(max_length=12, choices=Stance.choices, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="statements")
    history = HistoricalRecords(excluded_fields=["quote_key"])

    def __str__(self):
        return f"{actor_name(self.speaker, self.speaker_text, missing='unknown')}: {self.quote[:60]}"


class Meeting(TimelineEvent):
    class Status(TextChoices):
        """Proposed by one side; scheduled once agreed; held; postponed; or cancelled."""

        PROPOSED = "proposed"
        SCHEDULED = "scheduled"
        HELD = "held"
        POSTPONED = "postponed"
        CANCELLED = "cancelled"

    class Kind(TextChoices):
        TALKS = "talks"
        CALL = "call"
        SUMMIT = "summit"
        VISIT = "visit"

    tracks = models.ManyToManyField(Track, blank=True, related_name="meetings")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TALKS)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    participants = models.ManyToManyField(Actor, blank=True, related_name="meetings")
    participant_names = models.JSONField(default=list, blank=True, help_text="As the articles name them.")
    history = HistoricalRecords()

    def __str__(self):
        where = f" in {self.location}" if self.location else ""
        when = f" on {self.date:%d %b %Y}" if self.date else ""
        return f"{self.get_kind_display()}{where}{when} ({self.get_status_display().lower()})"


class Proposal(TimelineEvent):
    class Status(TextChoices):
        """Open while proposed, submitted (handed over in writing) or promised (offered as one's own
        step); closed once the other side accepted or rejected it, or its proposer withdrew it."""

        PROPOSED = "proposed"
        SUBMITTED = "submitted"
        PROMISED = "promised"
        ACCEPTED = "accepted"
        REJECTED = "rejected"
        WITHDRAWN = "withdrawn"

    tracks = models.ManyToManyField(Track, blank=True, related_name="proposals")
    proposer = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    proposer_text = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    history = HistoricalRecords()

    def __str__(self):
        return f"{actor_name(self.proposer, self.proposer_text, missing='unknown')}: {self.summary[:60]}"


# Provenance: every event links to each article that reported it, with the sentence.
class SourceLink(models.Model):
    sentence = models.TextField(blank=True)
    # The item as this article reported it, before any merge or editor's correction:
    # re-extraction finds its event again by this key.
    item_key = models.CharField(max_length=255, blank=True, db_index=True)
    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def __str__(self):
        return f"Reported by article {self.article_id}"


class StatementSource(SourceLink):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="sources")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["statement", "article"], name="statementsource_unique")]


class MeetingSource(SourceLink):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sources")
    reported_status = models.CharField(max_length=10, choices=Meeting.Status.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "article"], name="meetingsource_unique")]


class ProposalSource(SourceLink):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sources")
    reported_status = models.CharField(max_length=10, choices=Proposal.Status.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "article"], name="proposalsource_unique")]


# Lifecycle: each status an event went through, when, and which article said so.
class StatusChange(models.Model):
    reported_on = models.DateField(null=True, blank=True)
    article = models.ForeignKey("sources.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_editor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["reported_on", "id"]

    def __str__(self):
        when = f" on {self.reported_on:%d %b %Y}" if self.reported_on else ""
        return f"{self.get_status_display()}{when}"


class MeetingStatusChange(StatusChange):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=Meeting.Status.choices)
    date = models.DateField(null=True, blank=True, help_text="The meeting's date as reported then.")
    location = models.CharField(max_length=200, blank=True)


class ProposalStatusChange(StatusChange):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=Proposal.Status.choices)
