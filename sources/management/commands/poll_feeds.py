from django.core.management.base import BaseCommand

from sources import tasks
from sources.models import Article
from sources.models import Feed
from sources.pipeline import process_feed_sync


class Command(BaseCommand):
    help = "Poll feeds now. --sync runs poll, fetch and extraction in this process (no broker)."

    def add_arguments(self, parser):
        parser.add_argument("--sync", action="store_true")
        parser.add_argument("--all", action="store_true", help="Poll every active feed, due or not.")

    def handle(self, sync, all, **options):
        feeds = Feed.objects.filter(active=True).select_related("outlet")
        if not sync:
            if all:
                for feed in feeds:
                    tasks.poll_feed.delay(feed.id)
                self.stdout.write(f"Queued {feeds.count()} feed(s).")
            else:
                tasks.poll_due_feeds.delay()
                self.stdout.write("Queued the feeds that are due.")
            return
        for feed in feeds:
            try:
                result = process_feed_sync(feed)
            except Exception as exc:  # poll_feed records its own failures; this is the last resort
                self.stderr.write(
                    f"{feed}: failed: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                )
                continue
            if result.error:
                self.stderr.write(f"{feed}: failed: {result.error}")
            elif result.not_modified:
                self.stdout.write(f"{feed}: not modified")
            else:
                skipped = f", {result.skipped} without a link (skipped)" if result.skipped else ""
                self.stdout.write(f"{feed}: {result.entries} entries, {len(result.new_article_ids)} new{skipped}")
        counts = {s: Article.objects.filter(status=s).count() for s in Article.Status.values}
        self.stdout.write("Articles: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
