"""The bundled sample feeds and pages, served so the demo ingests them over HTTP
like any other site. Only files inside SAMPLES_DIR, only when SERVE_SAMPLES is on."""

import mimetypes

from django.conf import settings
from django.http import FileResponse
from django.http import Http404


def sample_file(request, path):
    if not settings.SERVE_SAMPLES:
        raise Http404("Samples are not served here.")
    root = settings.SAMPLES_DIR.resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        raise Http404("No such sample file.")
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix == ".xml":
        content_type = "application/rss+xml"
    return FileResponse(open(target, "rb"), content_type=content_type)
