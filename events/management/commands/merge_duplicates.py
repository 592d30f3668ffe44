"""Merge the duplicate actors, statements, meetings and proposals that several workers made when
recording was not yet serialised (actors with '-2' slugs, and the events that point at them).
Running it twice changes nothing."""

from django.core.management.base import BaseCommand

from events.services import merge_duplicates


class Command(BaseCommand):
    help = "Merge duplicates made before recording was serialised (actors with '-2' slugs and theirs). Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be merged, change nothing.")

    def handle(self, dry_run, **options):
        result = merge_duplicates(dry_run=dry_run)
        verb = "Would merge" if dry_run else "Merged"
        self.stdout.write(
            f"{verb} {result.actors} actor(s), {result.meetings} meeting(s), "
            f"{result.proposals} proposal(s), {result.statements} statement(s)."
        )
