"""Feed.tracks and Article.tracks are now declared on events.Track (Track.feeds, Track.articles).

State only: the tables sources_feed_tracks and sources_article_tracks stay as they are;
events 0010 adds the same relations, on the same tables, to Track."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_article_page_error"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="feed", name="tracks"),
                migrations.RemoveField(model_name="article", name="tracks"),
            ],
            database_operations=[],
        ),
    ]
