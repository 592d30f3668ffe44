"""Track.feeds and Track.articles: the relations sources 0005 took off Feed and Article.

State only: they use the existing tables (sources_feed_tracks with feed_id/track_id,
sources_article_tracks with article_id/track_id), so no row moves."""

from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_search_index"),
        ("sources", "0005_tracks_declared_on_track"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="track",
                    name="feeds",
                    field=models.ManyToManyField(
                        blank=True, db_table="sources_feed_tracks", related_name="tracks", to="sources.feed"
                    ),
                ),
                migrations.AddField(
                    model_name="track",
                    name="articles",
                    field=models.ManyToManyField(
                        blank=True, db_table="sources_article_tracks", related_name="tracks", to="sources.article"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
