from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import Resolver404
from django.urls import resolve
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from events.models import Track

from . import selectors
from . import services
from . import tokens
from .forms import PreferencesForm
from .forms import SubscribeForm


def _came_from(request):
    """The negotiation the reader came from: ?track=<slug>, or the track page in the Referer."""
    slug = request.GET.get("track", "")
    if not slug:
        referer = request.META.get("HTTP_REFERER", "")
        parts = urlsplit(referer)
        if parts.netloc == request.get_host():
            try:
                match = resolve(parts.path)
            except Resolver404:
                match = None
            if match and match.view_name in ("events:track", "events:track_atom"):
                slug = match.kwargs.get("slug", "")
    return Track.objects.filter(slug=slug).first() if slug else None


def _sample(tracks):
    """The last week's digest for these tracks, rendered as the email renders it."""
    if not tracks:
        return None
    digest = selectors.sample_digest(track_ids=[t.pk for t in tracks])
    return {
        "digest": digest,
        "sections": services.Fragments().render(digest),
        "tracks": ", ".join(t.name for t in tracks),
    }


PREFERENCES = ("tracks", "actors", "frequency", "hour", "weekday", "timezone_name")


def _preferences(data):
    """What a reader chose on the subscribe or manage form, as the services take it."""
    return {name: data[name] for name in PREFERENCES}


def _private(response):
    # Pages reached by a personal link: not for search engines, and the link
    # is not sent to other sites as a referrer. ("no-referrer" would also make
    # browsers send "Origin: null" with the page's own forms, which CSRF refuses.)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _bad_token(request, error):
    return _private(render(request, "digests/bad_link.html", {"reason": error.reason}, status=400))


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        window = settings.DIGEST_RATE_WINDOW
        # request.rate_limit: the site's one counter (talks_tracker.security, set by its middleware).
        if not request.rate_limit.allow("ip", settings.DIGEST_SUBSCRIBE_LIMIT_PER_IP, window):
            return render(request, "digests/rate_limited.html", status=429)
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            email = services.normalize_email(data["email"])
            # Past the per-address limit the page is the same: it must not tell
            # anyone whether an address is known, only that mail may follow.
            limit = settings.DIGEST_SUBSCRIBE_LIMIT_PER_EMAIL
            if request.rate_limit.allow(f"email:{email}", limit, window, per_client=False):
                services.request_subscription(email=email, **_preferences(data))
            return redirect("digests:check_inbox")
    else:
        came_from = _came_from(request)
        form = SubscribeForm(initial={"tracks": [came_from]} if came_from else None)
        sample_tracks = [came_from] if came_from else list(Track.objects.order_by("name")[:1])
        return render(request, "digests/subscribe.html", {"form": form, "sample": _sample(sample_tracks)})
    return render(request, "digests/subscribe.html", {"form": form})


def check_inbox(request):
    return render(request, "digests/check_inbox.html", {"expires_hours": settings.DIGEST_CONFIRM_MAX_AGE // 3600})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open every link
    must not be able to confirm a subscription on the owner's behalf."""
    try:
        subscription = tokens.subscription_from_confirm_token(token)
    except tokens.BadToken as error:
        return _bad_token(request, error)
    if request.method == "POST":
        newly = services.confirm(subscription)
        subscription.refresh_from_db()
        return _private(
            render(
                request,
                "digests/confirmed.html",
                {"subscription": subscription, "newly": newly, "manage_url": services.manage_url(subscription)},
            )
        )
    return _private(render(request, "digests/confirm.html", {"subscription": subscription}))


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscription = tokens.subscription_from_manage_token(token)
    except tokens.BadToken as error:
        return _bad_token(request, error)
    saved = False
    if request.method == "POST" and request.POST.get("action") == "resubscribe":
        services.resubscribe(subscription)
        return redirect("digests:manage", token=token)
    if request.method == "POST":
        form = PreferencesForm(request.POST, subscription=subscription)
        if form.is_valid():
            subscription = services.update_preferences(subscription, **_preferences(form.cleaned_data))
            saved = True
            form = PreferencesForm(initial=PreferencesForm.initial_for(subscription), subscription=subscription)
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscription), subscription=subscription)
    return _private(
        render(
            request,
            "digests/manage.html",
            {"subscription": subscription, "form": form, "saved": saved, "token": token},
        )
    )


@csrf_exempt  # RFC 8058: mail providers POST here without cookies; the signed token is the authority.
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """POST (the List-Unsubscribe-Post one-click, or the button) unsubscribes.
    GET only shows the button, so a link scanner cannot unsubscribe anyone."""
    try:
        subscription = tokens.subscription_from_manage_token(token)
    except tokens.BadToken as error:
        return _bad_token(request, error)
    if request.method == "POST":
        services.unsubscribe(subscription)
        return _private(render(request, "digests/unsubscribed.html", {"subscription": subscription, "token": token}))
    return _private(render(request, "digests/unsubscribe.html", {"subscription": subscription, "token": token}))


@staff_member_required
def preview(request):
    """For editors: what each segment of subscribers (same tracks, actors, frequency) gets in its
    next digest, rendered as the email renders it."""
    if not request.user.has_perm("events.view_statement"):
        raise PermissionDenied
    segments = selectors.subscriber_segments()
    fragments = services.Fragments()
    for segment in segments:
        segment.sections = fragments.render(segment.digest)
    return render(
        request,
        "desk/digest_preview.html",
        {**admin.site.each_context(request), "title": "Digest preview", "segments": segments},
    )
