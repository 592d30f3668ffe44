from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from events.editors import ensure_editors_group


class Command(BaseCommand):
    help = "Create an editor (a staff user in the Editors group, not a superuser) and print a link to set the password."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Not an email address: {email!r}") from exc
        group = ensure_editors_group()
        User = get_user_model()
        user = User.objects.filter(username=email).first()
        if user is None:
            user = User(username=email, email=email)
            user.set_unusable_password()
        user.is_staff = True
        user.is_active = True
        user.save()
        user.groups.add(group)
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = settings.SITE_URL + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        days = settings.PASSWORD_RESET_TIMEOUT // 86400
        self.stdout.write(f"Editor {email} is ready. Set the password within {days} days at:\n{link}")
