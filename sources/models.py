from django.db import models
from django.db.models import Q
from django.utils import timezone

# A poll stores at most this many new entries, newest first; the rest wait for the
# next poll (which comes at the shortest interval while a backlog remains).
ENTRIES_PER_POLL = 200
# Text kept per article (feed or page): extraction time grows faster than the text.
MAX_TEXT_CHARS = 100_000


class Outlet(models.Model):
    """A news organisation; several feeds may belong to one outlet."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)
    domain = models.CharField(max_length=253, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Feed(models.Model):
    class PauseReason(models.TextChoices):
        NONE = "", "Not paused"
        GONE = "gone", "Gone (HTTP 410)"
        FAILURES = "failures", "Too many consecutive failures"
        MANUAL = "manual", "Paused by an editor"

    url = models.URLField(max_length=2000, unique=True)
    name = models.CharField(max_length=200, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    poll_interval = models.PositiveIntegerField(default=30 * 60, help_text="Seconds between polls.")
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    pause_reason = models.CharField(max_length=20, choices=PauseReason.choices, blank=True, default="")
    paused_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    backlog = models.PositiveIntegerField(
        default=0,
        verbose_name="entries left for the next poll",
        help_text=(
            f"A poll takes at most {ENTRIES_PER_POLL} new entries, newest first, and each article's text is "
            f"cut at {MAX_TEXT_CHARS:,} characters. New entries beyond that are taken on the next polls, "
            "which come at the shortest interval until none are left."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "url"]

    def __str__(self):
        return self.name or self.url


class Story(models.Model):
    """Near-identical articles (one wire story syndicated by several outlets, lightly edited)."""

    title = models.CharField(max_length=1000, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_published_at", "-id"]
        verbose_name_plural = "stories"

    def __str__(self):
        return self.title or f"Story {self.pk}"


class Article(models.Model):
    class DateSource(models.TextChoices):
        FEED = "feed", "The feed"
        PAGE = "page", "The article page"
        FETCHED = "fetched", "Fetch time (no date found)"

    class Status(models.TextChoices):
        NEW = "new"
        FETCHED = "fetched", "Text fetched"
        EXTRACTED = "extracted"
        OFF_TOPIC = "off_topic", "Off topic"
        FAILED = "failed"

    class TextSource(models.TextChoices):
        NONE = "", "No text yet"
        PAGE = "page", "The article page"
        FEED = "feed", "The feed (full text)"
        FEED_ONLY = "feed_only", "Feed text only (the page could not be fetched)"

    url = models.URLField(max_length=2000, unique=True, help_text="Normalised URL: one article, one row.")
    link = models.URLField(max_length=2000, help_text="The URL as the feed gave it; fetched and linked to.")
    guid = models.CharField(max_length=2000, blank=True)
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    title = models.CharField(max_length=1000, blank=True)
    summary = models.TextField(blank=True, help_text="The feed's summary, sanitised.")
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_guessed = models.BooleanField(
        default=False, help_text="Neither the feed nor the page gave a date; the fetch time stands in."
    )
    date_source = models.CharField(max_length=10, choices=DateSource.choices, default=DateSource.FEED)
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    minhash = models.BinaryField(
        null=True, blank=True, editable=False, help_text="MinHash of the text's word shingles."
    )
    text = models.TextField(blank=True)
    text_source = models.CharField(
        max_length=10, choices=TextSource.choices, blank=True, default=TextSource.NONE, db_index=True
    )
    feed_text = models.TextField(
        blank=True, help_text="What the feed carried for this item (content or summary), as plain text."
    )
    page_error = models.TextField(blank=True, help_text="Why the page could not be fetched, last time it was tried.")
    page_attempts = models.PositiveSmallIntegerField(default=0, help_text="Failed fetches of the page so far.")
    page_retry_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When the page is fetched again (empty: no retry planned)."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=50, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], condition=~Q(guid=""), name="article_unique_guid_per_feed")
        ]

    def __str__(self):
        return self.title or self.url


class StoryBand(models.Model):
    """Locality-sensitive hashing index: one row per band of an article's MinHash.

    Articles sharing a band key are candidates for the same story; their full
    signatures then decide."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="story_bands")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="storyband_unique")]

    def __str__(self):
        return f"band {self.key} of article {self.article_id}"
