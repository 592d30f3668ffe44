"""Re-run the extractor over stored articles: those an older extractor version read, or every
article with --all. Editors' corrections are kept, and running it twice changes nothing."""

from django.core.management.base import BaseCommand

import extraction
from events.services import articles_to_reextract
from events.services import extract_and_record
from events.tasks import extract_article


class Command(BaseCommand):
    help = "Re-run the extractor over articles an older version extracted (--all: every one). Keeps editors' fixes."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Every article with text, whatever its version.")
        parser.add_argument("--queue", action="store_true", help="Queue Celery tasks instead of running here.")

    def handle(self, all, queue, **options):
        articles = articles_to_reextract(everything=all)
        total = articles.count()
        if queue:
            for article_id in articles.values_list("id", flat=True):
                extract_article.delay(article_id)
            self.stdout.write(f"Queued {total} article(s) for extractor {extraction.VERSION}.")
            return
        done = 0
        for article in articles.select_related("feed").iterator(chunk_size=200):
            extract_and_record(article)
            done += 1
        self.stdout.write(f"Re-extracted {done} article(s) with extractor {extraction.VERSION}.")
