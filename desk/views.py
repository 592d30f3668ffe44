"""The editors' desk: a staff-only review screen per item, the review queue, readers' error reports,
and the one-time demo login. Permissions are the admin's (Editors group); history via events.services."""

from django.conf import settings
from django.contrib import admin
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.http import HttpResponse
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import Resolver404
from django.urls import resolve
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods

from events.admin import highlight
from sources.tasks import poll_due_feeds

from . import selectors
from . import services
from .catalogue import STARTER_FEEDS
from .forms import CORRECT_FORMS
from .forms import AddFeedForm
from .forms import ErrorReportForm
from .forms import FeedTracksForm
from .forms import OpmlImportForm
from .models import EventKind
from .opml import OpmlError
from .opml import render_opml
from .tokens import login_tokens

REPORT_LIMIT = 5  # reports per client address per hour
REPORTABLE_VIEWS = {
    "events:statement": EventKind.STATEMENT,
    "events:meeting": EventKind.MEETING,
    "events:proposal": EventKind.PROPOSAL,
}


# The text of an event that its sources' sentences are highlighted against.
HIGHLIGHTED: dict[str, str] = {EventKind.STATEMENT: "quote", EventKind.PROPOSAL: "summary"}


def _kind_or_404(kind: str) -> str:
    if kind not in EventKind.values:
        raise Http404("No such kind of event")
    return kind


def _check_perm(request, kind: str, action: str = "change"):
    if not request.user.has_perm(f"events.{action}_{kind}"):
        raise PermissionDenied


def _context(request, **extra):
    return {**admin.site.each_context(request), **extra}


@staff_member_required
def queue(request, kind: str = EventKind.STATEMENT):
    kind = _kind_or_404(kind)
    _check_perm(request, kind, "view")
    items = selectors.review_queue(kind=kind)
    counts = selectors.queue_counts()
    tabs = [(k, EventKind(k).label, counts[k]) for k in selectors.KIND_ORDER]
    return render(
        request,
        "desk/queue.html",
        _context(
            request,
            title="Review queue",
            kind=kind,
            items=items[:100],
            tabs=tabs,
            reports=selectors.open_reports(),
        ),
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def review(request, kind: str, pk: int):
    kind = _kind_or_404(kind)
    _check_perm(request, kind, "view")
    try:
        event = selectors.get_event(kind=kind, pk=pk)
    except selectors.MODELS[kind].DoesNotExist as exc:
        raise Http404 from exc
    form_class = CORRECT_FORMS[kind]
    form = form_class(instance=event)
    if request.method == "POST":
        _check_perm(request, kind, "change")
        action = request.POST.get("action", "")
        if action == services.ReviewAction.CORRECT:
            form = form_class(request.POST, instance=selectors.get_event(kind=kind, pk=pk))
            if form.is_valid():
                extra = {"change_reason", "new_actor"}
                changes = {f: form.cleaned_data[f] for f in form.changed_data if f not in extra}
                services.review_event(
                    kind=kind,
                    event=event,
                    action=action,
                    user=request.user,
                    changes=changes,
                    reason=form.cleaned_data.get("change_reason", ""),
                    new_actor=form.cleaned_data.get("new_actor", ""),
                )
                messages.success(request, f"Corrected and confirmed: {event}")
                return _to_next(kind, pk)
        elif action in (services.ReviewAction.CONFIRM, services.ReviewAction.REJECT):
            services.review_event(
                kind=kind, event=event, action=action, user=request.user, reason=request.POST.get("change_reason", "")
            )
            messages.success(request, f"{'Confirmed' if action == 'confirm' else 'Rejected'}: {event}")
            return _to_next(kind, pk)
        elif action == "confirm_actors":
            if not request.user.has_perm("events.change_actor"):
                raise PermissionDenied
            n = services.confirm_new_actors(kind=kind, event=event, user=request.user)
            messages.success(request, f"Confirmed {n} actor(s).")
            return redirect("desk:review", kind=kind, pk=pk)
        else:
            return HttpResponseBadRequest("Unknown action")
    evidence = selectors.evidence(kind=kind, event=event)
    text = HIGHLIGHTED.get(kind)
    for source in evidence["sources"]:
        source.highlighted = highlight(source.sentence, getattr(event, text) if text else "")
    following = selectors.next_in_queue(kind=kind, after_pk=pk)
    return render(
        request,
        "desk/review.html",
        _context(
            request,
            title=f"Review {EventKind(kind).label.lower()}",
            kind=kind,
            event=event,
            form=form,
            following=following,
            new_actors=selectors.new_actors(kind=kind, event=event),
            admin_url=reverse(f"admin:events_{kind}_change", args=[pk]),
            history_url=reverse(f"admin:events_{kind}_history", args=[pk]),
            **evidence,
        ),
    )


def _to_next(kind: str, pk: int):
    following = selectors.next_in_queue(kind=kind, after_pk=pk)
    if following is None:
        return redirect("desk:queue")
    return redirect("desk:review", kind=following.kind, pk=following.event.pk)


@staff_member_required
def start(request):
    """The first item of the queue, whichever kind has one."""
    following = selectors.next_in_queue(kind=EventKind.STATEMENT, after_pk=0)
    if following is None:
        return redirect("desk:queue")
    return redirect("desk:review", kind=following.kind, pk=following.event.pk)


def _reported_event(about: str):
    try:
        match = resolve(about.split("?")[0])
    except Resolver404:
        return None, None
    kind = REPORTABLE_VIEWS.get(match.view_name)
    if kind is None:
        return None, None
    pk = match.kwargs.get("pk")
    if pk is None:
        return None, None
    event = selectors.MODELS[kind].objects.filter(pk=pk).first()
    return (kind, event) if event else (None, None)


@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """A reader's error report: no account, CSRF-protected, a few per address per hour."""
    about = request.POST.get("about") or request.GET.get("about", "")
    kind, event = _reported_event(about)
    if event is None:
        raise Http404("Nothing to report on at that address")
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        if not request.rate_limit.allow("desk-report", REPORT_LIMIT, 3600):  # talks_tracker.security
            return render(request, "desk/report.html", {"form": form, "event": event, "limited": True}, status=429)
        if form.is_valid():
            if not form.cleaned_data["website"]:
                services.create_error_report(
                    kind=kind, event_id=event.pk, note=form.cleaned_data["note"], email=form.cleaned_data["email"]
                )
            return render(request, "desk/report_thanks.html", {"event": event})
    else:
        form = ErrorReportForm(initial={"about": about})
    return render(request, "desk/report.html", {"form": form, "event": event})


def login_link(request, uidb64: str, token: str):
    """The one-time link `make demo` prints: logs the demo editor in, then the link is spent."""
    try:
        user = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_staff=True, is_active=True)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not login_tokens.check_token(user, token):
        return render(request, "desk/login_spent.html", status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("desk:start")


# --- Sources ----------------------------------------------------------------------------


def _check_sources_perm(request, action: str = "change"):
    if not request.user.has_perm(f"sources.{action}_feed"):
        raise PermissionDenied


def _import_message(request, result, what: str):
    messages.success(request, f"{what}: {result.added} added, {result.known} already followed.")
    for error in result.errors[:20]:
        messages.error(request, error)


def _queue_first_polls():
    """Once the new feeds are committed, a worker polls every due feed now (new feeds are due from the
    start) instead of at beat's next tick; poll_due_feeds claims each feed first, so beat running
    meanwhile cannot poll one twice. Only with a task queue: without one every task runs in this
    request (20 feeds and all their pages), so the page says to run `manage.py poll_feeds --sync`."""
    transaction.on_commit(poll_due_feeds.delay)


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def sources(request):
    _check_sources_perm(request, "view")
    add_form, import_form = AddFeedForm(prefix="add"), OpmlImportForm(prefix="opml")
    if request.method == "POST":
        _check_sources_perm(request, "add")
        what = request.POST.get("do")
        if what == "add":
            add_form = AddFeedForm(request.POST, prefix="add")
            if add_form.is_valid():
                data = add_form.cleaned_data
                result = services.add_feeds(entries=[(data["url"], data["name"], "")], tracks=data["tracks"])
                _import_message(request, result, "Feed")
                if not result.errors:
                    return redirect("desk:sources")
        elif what == "opml":
            import_form = OpmlImportForm(request.POST, request.FILES, prefix="opml")
            if import_form.is_valid():
                try:
                    result = services.import_opml(
                        data=import_form.cleaned_data["file"].read(), tracks=import_form.cleaned_data["tracks"]
                    )
                except OpmlError as exc:
                    messages.error(request, str(exc))
                else:
                    _import_message(request, result, "OPML import")
                    return redirect("desk:sources")
        elif what == "catalogue":
            result = services.load_catalogue()
            _import_message(request, result, "Starter catalogue")
            if result.added and not settings.CELERY_TASK_ALWAYS_EAGER:
                _queue_first_polls()
                messages.info(request, "Their first poll is queued: health below fills in as the worker polls them.")
            elif result.added:
                messages.warning(
                    request,
                    "No task queue here (REDIS_URL unset): run `manage.py poll_feeds --sync` to poll them now.",
                )
            return redirect("desk:sources")
        else:
            return HttpResponseBadRequest("Unknown action")
    return render(
        request,
        "desk/sources.html",
        _context(
            request,
            title="Sources",
            feeds=selectors.feeds_with_health(),
            add_form=add_form,
            import_form=import_form,
            health_days=selectors.HEALTH_DAYS,
            catalogue_size=len(STARTER_FEEDS),
        ),
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def feed_detail(request, pk: int):
    _check_sources_perm(request, "view")
    found = selectors.feeds_with_health(feed_id=pk)
    if not found:
        raise Http404("No such feed")
    feed = found[0]
    form = FeedTracksForm(initial={"tracks": list(feed.tracks.all())})
    if request.method == "POST":
        _check_sources_perm(request, "change")
        what = request.POST.get("do")
        if what in ("pause", "resume"):
            services.set_feed_paused(feed=feed, paused=what == "pause")
            messages.success(request, f"{feed}: {'paused' if what == 'pause' else 'resumed, polled at the next tick'}.")
            back = request.POST.get("next", "")
            safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False)
            return redirect(back if back and safe else reverse("desk:feed", args=[pk]))
        if what == "tracks":
            form = FeedTracksForm(request.POST)
            if form.is_valid():
                services.set_feed_tracks(feed=feed, tracks=form.cleaned_data["tracks"])
                messages.success(request, f"{feed}: tracks saved.")
                return redirect("desk:feed", pk=pk)
        else:
            return HttpResponseBadRequest("Unknown action")
    return render(
        request,
        "desk/feed.html",
        _context(request, title=str(feed), feed=feed, form=form, health_days=selectors.HEALTH_DAYS),
    )


@staff_member_required
def opml_export(request):
    _check_sources_perm(request, "view")
    data = render_opml(selectors.feeds_for_opml(), title="talks_tracker feeds")
    response = HttpResponse(data, content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="talks_tracker-feeds.opml"'
    return response
