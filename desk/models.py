"""What the desk keeps of its own: readers' error reports. Events stay in events/."""

from django.conf import settings
from django.db import models


class EventKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    MEETING = "meeting", "Meeting"
    PROPOSAL = "proposal", "Proposal"


class ErrorReport(models.Model):
    """A reader's "Report an error" note on one public event; open until an editor handles it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    kind = models.CharField(max_length=10, choices=EventKind.choices)
    event_id = models.PositiveIntegerField()
    note = models.TextField(max_length=2000)
    email = models.EmailField(blank=True, help_text="Optional, only if the reader wants a reply.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "event_id"], name="desk_report_event")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.event_id}: {self.note[:60]}"
