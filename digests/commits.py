"""Quick commits while digests are sent: PostgreSQL's synchronous_commit switched off
for the sending loop, back on after it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def quick_commits() -> Iterator[None]:
    """One commit per email, without waiting for PostgreSQL's WAL flush (2-3 ms
    each on a plain disk). A worker crash loses nothing once COMMIT returned;
    only a crash of PostgreSQL itself within ~0.2 s could lose a 'sent' mark,
    and that digest would then go out again after the lease. Claims, which are
    what keeps two workers apart, are made before this and stay synchronous."""
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
