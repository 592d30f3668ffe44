"""The project's URLs plus /bench/bare/: a Django view that renders nothing and
reads nothing, served by the same gunicorn and middleware, as the ceiling."""

from django.http import HttpResponse
from django.urls import include
from django.urls import path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("talks_tracker.urls")),
]
