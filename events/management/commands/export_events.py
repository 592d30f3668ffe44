import csv
import json

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import DatabaseError

from events import exports
from events.models import Track


class Command(BaseCommand):
    help = "Print every meeting, proposal and statement with actors, dates, status and source URLs."

    def add_arguments(self, parser):
        parser.add_argument("--track", help="Track slug; all tracks when omitted.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, track, format, **options):
        try:
            self._export(track, format)
        except DatabaseError as exc:  # e.g. a database never migrated: one line, not a traceback
            first_line = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise CommandError(f"Cannot read the database ({first_line}). Run `manage.py migrate` first.") from exc

    def _export(self, track, format):
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
