"""Set up a working timeline from the bundled sample feeds.

The sample feeds and pages are served by this Django app at /samples/ and
ingested over HTTP through the real pipeline (fetch, parse, main text,
extraction), so the demo exercises exactly what production does.
"""

import os
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler
from wsgiref.simple_server import WSGIServer
from wsgiref.simple_server import make_server

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.wsgi import get_wsgi_application

from events.models import Meeting
from events.models import Proposal
from events.models import Statement
from events.services import create_track
from sources.models import Article
from sources.models import Feed
from sources.pipeline import process_feed_sync
from sources.services import create_feed

DEMO_TRACK = "Russia-Ukraine peace talks"
DEMO_KEYWORDS = "Ukraine, Ukrainian, Kyiv, Russia, Moscow, Kremlin, Istanbul, ceasefire"
DEMO_FEEDS = [
    ("black-sea-wire.xml", "Black Sea Wire"),
    ("meridian-dispatch.xml", "Meridian Dispatch"),
]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Migrate, load the bundled sample feeds, ingest and extract them, and serve the timeline."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the data and exit.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--addr", default="127.0.0.1")

    def handle(self, no_serve, port, addr, **options):
        if not settings.SERVE_SAMPLES:
            raise CommandError("SERVE_SAMPLES is off (production settings); the demo needs it.")
        call_command("migrate", interactive=False, verbosity=0)
        # Links in emails and the desk login follow the port the demo serves on, unless SITE_URL says otherwise.
        if not os.environ.get("SITE_URL"):
            shown = "127.0.0.1" if addr in ("0.0.0.0", "::", "") else addr
            settings.SITE_URL = os.environ["SITE_URL"] = f"http://{shown}:{port}"
        # The sample feeds live on this machine's loopback address.
        settings.FEEDS_ALLOW_PRIVATE_NETWORKS = True
        host = "127.0.0.1"
        try:
            server = make_server(
                host, port, get_wsgi_application(), server_class=_ThreadingServer, handler_class=_QuietHandler
            )
        except OSError as exc:
            raise CommandError(f"Port {port} is busy ({exc.strerror}); pass --port N.") from exc
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            self._load(host, port)
        finally:
            server.shutdown()
            server.server_close()
        # The desk's way in for a newcomer; real deployments use `createeditor`.
        call_command("desklink", stdout=self.stdout)
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(f"Serving the timeline at http://{addr}:{port}/ (Ctrl-C stops)."))
        call_command("runserver", f"{addr}:{port}", use_reloader=False)

    def _load(self, host, port):
        # The sample pages' URLs carry the port: a demo on another port replaces the old copies.
        base = f"http://{host}:{port}/samples/"
        stale = Feed.objects.filter(url__contains="/samples/feeds/").exclude(url__startswith=base)
        Article.objects.filter(feed__in=stale).delete()
        stale.delete()
        track = create_track(
            DEMO_TRACK,
            keywords=DEMO_KEYWORDS,
            description="Direct talks in Istanbul, May-June 2025 (bundled sample data).",
        )
        for filename, name in DEMO_FEEDS:
            feed = create_feed(f"http://{host}:{port}/samples/feeds/{filename}", name=name, outlet_name=name)
            feed.tracks.add(track)
            result = process_feed_sync(feed)
            if result.error:
                raise CommandError(f"Could not load the sample feed {filename}: {result.error}")
            self.stdout.write(f"{name}: {result.entries} entries, {len(result.new_article_ids)} new articles")
        self.stdout.write(
            f"Track '{track.name}' (/tracks/{track.slug}/): "
            f"{Meeting.objects.filter(tracks=track).count()} meetings, "
            f"{Proposal.objects.filter(tracks=track).count()} proposals, "
            f"{Statement.objects.filter(tracks=track).count()} statements."
        )
