"""SMTP for digests: errors classified as temporary or permanent, one message over an open
connection, and a small pool of connections in threads."""

import smtplib
import threading
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail import EmailMultiAlternatives
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid

from .links import site_domain


class TemporarySendError(Exception):
    """Worth trying again later: the server or the network, not the address."""


class PermanentSendError(Exception):
    """The server refused this address or this message for good (5xx)."""


def classify(exc: Exception) -> Exception:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
    elif isinstance(exc, smtplib.SMTPDataError):
        permanent = 500 <= exc.smtp_code < 600
    else:  # sender refused, auth, disconnects, timeouts, refused connections
        permanent = False
    return (PermanentSendError if permanent else TemporarySendError)(f"{type(exc).__name__}: {exc}")


def send_message(message: EmailMessage, *, connection: BaseEmailBackend) -> None:
    """Send over an open connection; SMTP trouble comes back classified. After a
    temporary error the connection is closed so the next message reconnects."""
    try:
        # Open it ourselves: send_messages() on a closed connection opens and
        # closes it again for every message.
        connection.open()
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as exc:
        error = classify(exc)
        if isinstance(error, TemporarySendError):
            try:
                connection.close()
            except Exception:
                pass
        raise error from exc


def build_message(
    *, subject: str, to: str, text: str, html: str, headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": make_msgid(domain=site_domain()), **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message


class SmtpPool:
    """A few SMTP connections, each used by one thread, so that a worker
    renders and records the next digests while earlier ones are in flight.
    Only SMTP happens in these threads; the database stays in the caller's."""

    def __init__(self, size: int) -> None:
        self.local = threading.local()
        self.connections: list[BaseEmailBackend] = []
        self.lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=max(1, size), thread_name_prefix="smtp")

    def _send(self, message: EmailMessage) -> None:
        connection: BaseEmailBackend | None = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = get_connection()
            with self.lock:
                self.connections.append(connection)
        send_message(message, connection=connection)

    def submit(self, message: EmailMessage) -> Future[None]:
        return self.executor.submit(self._send, message)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        for connection in self.connections:
            try:
                connection.close()
            except Exception:
                pass
