"""Main text, title and date of an article page.

Plain Python (no Django), so `python -m sources.text PAGE.html` runs alone and
prints {"title", "text", "date"} as JSON; ../eval/score_text.py can call it.

The main text itself comes from extraction.text.main_text (trafilatura with
comments left out and calls to action dropped; the page's paragraphs when
trafilatura finds nothing); this module adds decoding and the page's date.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date

from extraction.text import main_text


def page_date(html: str) -> date | None:
    """The page's publication date (htmldate: meta tags, JSON-LD, URL, text), or None."""
    if not html or not html.strip():
        return None
    try:
        from htmldate import find_date

        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found)
    except ValueError:
        return None


def decode_html(content: bytes, content_type: str = "") -> str:
    """Bytes of a page as text: the HTTP charset, else the page's own <meta>, else a guess."""
    charset = ""
    for part in (content_type or "").split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            charset = part.split("=", 1)[1].strip("\"' ")
    if not charset:
        head = content[:4096]
        match = re.search(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", head, re.I)
        if match:
            charset = match.group(1).decode("ascii", "ignore")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        charset = "utf-16"
    elif content.startswith(b"\xef\xbb\xbf"):
        charset = "utf-8-sig"
    if charset:
        try:
            return content.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(content).best()
        return str(best) if best is not None else content.decode("utf-8", errors="replace")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m sources.text PAGE.html", file=sys.stderr)
        return 2
    try:
        with open(argv[0], "rb") as handle:
            content = handle.read()
    except OSError as exc:
        print(f"cannot read {argv[0]}: {exc}", file=sys.stderr)
        return 1
    html = decode_html(content)
    title, text = main_text(html)
    found = page_date(html)
    print(json.dumps({"title": title, "text": text, "date": found.isoformat() if found else None}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
