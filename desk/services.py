"""Writes for the desk. Every change to an event goes through events.services.edit_event, so the
corrected fields are locked against re-extraction and django-simple-history keeps who and why."""
from django.utils import timezone

from events import services as event_services
from events.models import ReviewStatus

from .models import ErrorReport


class ReviewAction:
    CONFIRM = "confirm"
    REJECT = "reject"
    CORRECT = "correct"


def _resolve_reports(*, kind: str, event_pk: int, user) -> int:
    return ErrorReport.objects.filter(kind=kind, event_id=event_pk, status=ErrorReport.Status.OPEN).update(
        status=ErrorReport.Status.RESOLVED, resolved_at=timezone.now(), resolved_by=user
    )


def review_event(*, kind: str, event, action: str, user, changes: dict | None = None, reason: str = ""):
    """Confirm, reject, or correct (and so confirm) one event; the readers' open notes on it are closed."""
    changes = dict(changes or {})
    if action == ReviewAction.CONFIRM:
        changes = {"review_status": ReviewStatus.CONFIRMED}
        reason = reason or "Confirmed on the desk"
    elif action == ReviewAction.REJECT:
        changes = {"review_status": ReviewStatus.REJECTED}
        reason = reason or "Rejected on the desk"
    elif action == ReviewAction.CORRECT:
        changes["review_status"] = ReviewStatus.CONFIRMED
        reason = reason or "Corrected on the desk"
    else:
        raise ValueError(f"Unknown review action {action!r}")
    event_services.edit_event(event, changes, user=user, reason=reason)
    _resolve_reports(kind=kind, event_pk=event.pk, user=user)
    return event


def create_error_report(*, kind: str, event_id: int, note: str, email: str = "") -> ErrorReport:
    return ErrorReport.objects.create(kind=kind, event_id=event_id, note=note.strip()[:2000], email=email.strip())
