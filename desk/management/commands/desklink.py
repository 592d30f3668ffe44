from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from desk.tokens import login_tokens
from events.editors import ensure_editors_group

DEMO_EDITOR = "demo-editor@example.org"


class Command(BaseCommand):
    help = "Print a one-time link that logs into the editors' desk as the demo editor (for `make demo`)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEMO_EDITOR)

    def handle(self, username: str, **_options: object) -> None:
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=username)
            user.set_unusable_password()  # the link is the only way in
        user.is_staff = True
        user.is_active = True
        user.is_superuser = False
        user.save()
        user.groups.add(ensure_editors_group())
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        link = settings.SITE_URL + reverse(
            "desk:login_link", kwargs={"uidb64": uid, "token": login_tokens.make_token(user)}
        )
        self.stdout.write(f"Editors' desk (one-time login as {username}): {link}")
        return None
