"""The "Editors" group: exactly the permissions the editors' desk needs.

Created by migration events/0006 and kept in place after every migrate or
flush (post_migrate), so a database emptied by a test or by hand still has it.
"""

from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission

GROUP_NAME = "Editors"
EDITOR_PERMISSIONS = {
    "events": [
        "view_statement",
        "change_statement",
        "view_meeting",
        "change_meeting",
        "view_proposal",
        "change_proposal",
        "view_actor",
        "change_actor",
        "view_tag",
        "add_tag",
        "change_tag",
        "view_track",
        "view_meetingstatuschange",
        "view_proposalstatuschange",
        "view_statementsource",
        "view_meetingsource",
        "view_proposalsource",
        "view_historicalstatement",
        "view_historicalmeeting",
        "view_historicalproposal",
        "view_historicalactor",
    ],
    "sources": ["view_article", "view_outlet", "view_feed", "add_feed", "change_feed"],  # feeds managed on the desk
}


def ensure_editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    wanted: list[Permission] = []
    for app_label, codenames in EDITOR_PERMISSIONS.items():
        wanted += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    if {p.pk for p in wanted} != set(group.permissions.values_list("pk", flat=True)):
        group.permissions.set(wanted)
    return group
