"""The "Editors" group with exactly the permissions the desk needs."""
from django.db import migrations

EDITOR_PERMISSIONS = {
    "events": [
        "view_statement", "change_statement",
        "view_meeting", "change_meeting",
        "view_proposal", "change_proposal",
        "view_actor", "change_actor",
        "view_tag", "add_tag", "change_tag",
        "view_track",
        "view_meetingstatuschange", "view_proposalstatuschange",
        "view_statementsource", "view_meetingsource", "view_proposalsource",
        "view_historicalstatement", "view_historicalmeeting", "view_historicalproposal", "view_historicalactor",
    ],
    "sources": ["view_article", "view_outlet", "view_feed"],
}


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    perms = []
    for app_label, codenames in EDITOR_PERMISSIONS.items():
        perms += list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    missing = sum(len(c) for c in EDITOR_PERMISSIONS.values()) - len(perms)
    if missing:
        raise RuntimeError(f"{missing} editor permission(s) not found")
    group.permissions.set(perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_source_item_key"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
