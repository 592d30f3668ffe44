"""Events before and after consolidation on the demo data.

    .venv/bin/python bench/consolidation_report.py [--port 8765]

Loads the bundled sample feeds into a throwaway SQLite database (the same
path `manage.py demo --no-serve` takes), then compares the number of items the
extractor produced, article by article, with the events stored after merging.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/consolidation.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talks_tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    import extraction
    from events.actors import ActorIndex
    from events.models import Actor
    from events.models import Meeting
    from events.models import Proposal
    from events.models import Statement
    from extraction.text import with_headline
    from sources.models import Article

    call_command("demo", "--no-serve", "--port", str(args.port), stdout=open(os.devnull, "w"))
    raw = {"statements": 0, "meetings": 0, "proposals": 0, "actors": 0}
    known = ActorIndex().known_actors()
    for article in Article.objects.order_by("published_at"):
        result = extraction.extract(
            with_headline(article.title, article.text), article.published_at.date(), known_actors=known
        )
        raw["statements"] += len(result.statements)
        raw["meetings"] += len(result.meetings)
        raw["proposals"] += len(result.proposals)
        raw["actors"] += len(result.actors)
    stored = {
        "statements": Statement.objects.count(),
        "meetings": Meeting.objects.count(),
        "proposals": Proposal.objects.count(),
        "actors": Actor.objects.filter(merged_into=None).count(),
    }
    print(f"extractor {extraction.VERSION}, {Article.objects.count()} articles")
    print(f"{'':12s}{'extracted':>10s}{'stored':>8s}")
    for key in raw:
        print(f"{key:12s}{raw[key]:>10d}{stored[key]:>8d}")
    total_raw = raw["statements"] + raw["meetings"] + raw["proposals"]
    total = stored["statements"] + stored["meetings"] + stored["proposals"]
    print(f"{'events':12s}{total_raw:>10d}{total:>8d}")
    multi = [m for m in Meeting.objects.prefetch_related("sources") if m.sources.count() > 1]
    print(f"meetings reported by more than one article: {len(multi)}")


if __name__ == "__main__":
    main()
