from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from events.services import TrackError
from events.services import create_track


class Command(BaseCommand):
    help = "Create a track (a negotiation to follow) and print its slug."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--keywords", default="", help='Comma-separated, e.g. "Istanbul, ceasefire"')
        parser.add_argument("--description", default="")

    def handle(self, name, keywords, description, **options):
        try:
            track = create_track(name, keywords=keywords, description=description)
        except TrackError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(track.slug)
