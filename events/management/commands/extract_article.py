import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import DatabaseError

import extraction
from events.services import ActorIndex
from extraction.text import with_headline
from sources.text import decode_html
from sources.text import main_text


class Command(BaseCommand):
    help = "Extract actors, statements, meetings and proposals from a text or HTML file; print the contract's JSON."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--published", required=True, help="YYYY-MM-DD: relative dates resolve against it.")
        parser.add_argument("--no-gazetteer", action="store_true", help="Do not use the Actor table.")

    def handle(self, path, published, no_gazetteer, **options):
        try:
            day = date.fromisoformat(published)
        except ValueError as exc:
            raise CommandError(f"--published must be YYYY-MM-DD, got {published!r}.") from exc
        file = Path(path)
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        if file.suffix.lower() in (".html", ".htm"):
            title, body = main_text(decode_html(raw))
            text = with_headline(title, body)
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path} is not UTF-8 text: {exc}") from exc
        known = []
        if not no_gazetteer:
            try:
                known = ActorIndex().known_actors()
            except DatabaseError:  # no database yet (fresh clone): extraction works without the gazetteer
                known = []
        try:
            result = extraction.extract(text, day, known_actors=known)
        except OverflowError as exc:  # "next Friday" from 9999-12-31, "last Monday" from 0001-01-01
            raise CommandError(
                f"--published {published} is too near the ends of the calendar to resolve the text's dates; "
                "give the real publication date."
            ) from exc
        self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
