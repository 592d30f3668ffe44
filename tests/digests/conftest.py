"""A real SMTP server (aiosmtpd) on 127.0.0.1 receives the mail in these tests."""

import logging
import socket
import threading
import uuid
from email import message_from_bytes
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.browser import chromium  # noqa: F401  (fixtures shared with the other browser tests)
from tests.browser import demo  # noqa: F401


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """aiosmtpd handler that keeps what it accepts. `refuse` addresses get 550
    at RCPT; `tempfail[address] = n` answers DATA with 451 n times."""

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.tempfail = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                if self.tempfail.get(rcpt.lower(), 0) > 0:
                    self.tempfail[rcpt.lower()] -= 1
                    return "451 4.3.0 Mailbox busy, try again later"
            message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 2.0.0 Accepted"

    def to(self, address):
        return [m for rcpts, m in self.messages if address in rcpts]

    @property
    def recipients(self):
        return [r for rcpts, _ in self.messages for r in rcpts]


@pytest.fixture
def smtp(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "talks_tracker <digest@digests.example.test>"
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def digest_settings(settings):
    settings.SITE_URL = "https://digests.example.test"
    settings.PUBLIC_SHOWS_UNREVIEWED = True
    # Rate-limit counters start empty in every test, on Redis as in memory.
    default = dict(settings.CACHES["default"])
    default["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    if default["BACKEND"].endswith("LocMemCache"):
        default["LOCATION"] = default["KEY_PREFIX"]
    settings.CACHES = {**settings.CACHES, "default": default}
    return settings


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()
