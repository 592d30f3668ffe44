"""One-time desk login links (the demo's way in). The hash covers the user's last login, so the
link stops working once it has been used; it also expires with PASSWORD_RESET_TIMEOUT."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class DeskLoginTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "desk.tokens.DeskLoginTokenGenerator"


login_tokens = DeskLoginTokenGenerator()
