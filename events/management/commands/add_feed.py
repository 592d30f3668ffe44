"""add_feed: a feed to poll, attached to tracks. It lives in events because tracks are the events
side's (Track.feeds): sources creates the feed, this command attaches its tracks."""

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import DatabaseError

from events.models import Track
from sources.services import FeedError
from sources.services import create_feed
from sources.services import validate_feed_url


class Command(BaseCommand):
    help = "Add a feed to poll, optionally attached to a track."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--track", action="append", default=[], help="Track slug (repeatable).")
        parser.add_argument("--name", default="")
        parser.add_argument("--outlet", default="", help="Outlet name (defaults to the feed name or host).")

    def handle(self, url, track, name, outlet, **options):
        try:
            validate_feed_url(url)  # before any database work: a bad URL is one line, whatever the database
            feed = self._add(url, track, name, outlet)
        except FeedError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            first_line = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise CommandError(f"Cannot write to the database ({first_line}). Run `manage.py migrate` first.") from exc
        self.stdout.write(f"Feed {feed.id}: {feed.url}")

    def _add(self, url, track, name, outlet):
        tracks = []
        for slug in track:
            found = Track.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No track with slug {slug!r}. Create it with add_track first.")
            tracks.append(found)
        feed = create_feed(url, name=name, outlet_name=outlet)
        if tracks:
            feed.tracks.add(*tracks)
        return feed
