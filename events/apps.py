from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_editors_group(sender, **kwargs):
    from .editors import ensure_editors_group

    ensure_editors_group()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        # Runs after this app's permissions exist (auth's own post_migrate handler comes first).
        post_migrate.connect(_ensure_editors_group, sender=self, dispatch_uid="events-editors-group")
