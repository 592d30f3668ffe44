import csv
import json

from django.core.management.base import BaseCommand, CommandError

from events import exports
from events.models import Track


class Command(BaseCommand):
    help = "Print every meeting, proposal and statement with actors, dates, status and source URLs."

    def add_arguments(self, parser):
        parser.add_argument("--track", help="Track slug; all tracks when omitted.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, track, format, **options):
        track_obj = None
        if track:
            track_obj = Track.objects.filter(slug=track).first()
            if track_obj is None:
                raise CommandError(f"No track with slug {track!r}.")
        if format == "json":
            self.stdout.write(json.dumps(exports.export_events(track_obj), ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=exports.EXPORT_CSV_FIELDS)
        writer.writeheader()
        for row in exports.export_rows(track_obj):
            writer.writerow(row)
