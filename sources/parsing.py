"""Feed bytes to entries: screening, feedparser, and clean plain-text fields.

No Django here, so it can be measured and tested alone.

Screening before feedparser:
- an empty body or an HTML page is refused at once with a clear reason (an
  HTML page's <link rel="alternate"> feeds are named in the error);
- XML entity declarations are the one way a few kilobytes of XML become
  gigabytes ("billion laughs", or one large entity referenced thousands of
  times). feedparser strips most of them, but keeps any entity whose value is
  plain text, and its fallback parser expands those without limit (measured:
  a 5 MB feed with one 100 kB entity took 99 s and 5 GB). So the DOCTYPE's
  internal subset is rewritten to keep only entities that stand for a single
  character (`<!ENTITY nbsp "&#160;">`); references to anything else stay
  unexpanded text. UTF-16/32 feeds that declare entities are refused outright.
"""

from __future__ import annotations

import calendar
import functools
import html as html_lib
import re
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import feedparser
import nh3


class FeedError(Exception):
    pass


_PROLOG_END = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]*)(?:\[(?P<subset>.*?)\]\s*)?>", re.I | re.S)
_ENTITY = re.compile(rb"<!ENTITY\b", re.I)
_CHAR_ENTITY = re.compile(rb"""<!ENTITY\s+(\w+)\s+(["'])(&#(?:x[0-9a-fA-F]{1,6}|[0-9]{1,7});)\2\s*>""")
_HTML_ROOTS = {b"html", b"head", b"body", b"div", b"p", b"meta", b"title", b"script"}
_ROOT_NAME = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_FEED_LINK = re.compile(rb"""<link\b[^>]*\btype=["']application/(?:rss|atom|rdf)\+xml["'][^>]*>""", re.I)
_HREF = re.compile(rb"""\bhref=["']([^"']+)["']""", re.I)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


def _wide_encoding(content):
    head = content[:4]
    return content.startswith(_UTF16_32_BOMS) or (len(head) == 4 and (head[0] == 0 or head[1] == 0))


def screen_xml(content: bytes) -> bytes:
    """The bytes feedparser may safely see, or FeedError."""
    if not content or not content.strip():
        raise FeedError("Empty response: the server sent no feed.")
    if _wide_encoding(content):
        # Look for entity declarations in the decoded prolog.
        for codec in ("utf-16", "utf-32"):
            try:
                text = content[:65536].decode(codec, errors="ignore")
            except UnicodeError:
                continue
            if "<!ENTITY" in text.upper():
                raise FeedError("The feed declares XML entities (a possible entity-expansion attack); refused.")
        return content
    root = _ROOT_NAME.search(content, 0, 65536)
    if root and root.group(1).lower() in _HTML_ROOTS:
        links = [_HREF.search(tag) for tag in _FEED_LINK.findall(content[:200_000])]
        feeds = [m.group(1).decode("utf-8", "replace") for m in links if m]
        hint = f" It announces a feed at {feeds[0]}." if feeds else ""
        raise FeedError(f"An HTML page, not a feed.{hint}")
    end = _PROLOG_END.search(content)
    prolog = content[: end.start()] if end else content
    if not _ENTITY.search(prolog):
        return content
    doctype = _DOCTYPE.search(prolog)
    if doctype is None:
        raise FeedError("The feed has entity declarations outside a DOCTYPE; refused.")
    subset = doctype.group("subset") or b""
    kept = [b'<!ENTITY %s "%s">' % (m.group(1), m.group(3)) for m in _CHAR_ENTITY.finditer(subset)]
    # One declaration a line: feedparser's own DOCTYPE handling expects that.
    replacement = b"<!DOCTYPE feed [\n" + b"\n".join(kept) + b"\n]>" if kept else b""
    new_prolog = prolog[: doctype.start()] + replacement + prolog[doctype.end() :]
    if len(_ENTITY.findall(new_prolog)) != len(kept):
        # Declarations the DOCTYPE pattern did not take apart (a "]>" inside a value...).
        raise FeedError("The feed's DOCTYPE declares entities in a form that is not accepted; refused.")
    return new_prolog + content[len(prolog) :]


def parse(content: bytes, headers: dict | None = None, url: str = ""):
    """feedparser on bytes fetched by us; FeedError when nothing usable came back.

    A bozo (ill-formed) feed that still yields entries is kept: most broken
    feeds in the wild are broken in small ways."""
    content = screen_xml(content)
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    headers.pop("content-encoding", None)  # the body is already decoded
    headers.pop("content-length", None)
    if url:
        headers.setdefault("content-location", url)  # base for relative links
    try:
        # Entry links are resolved against the feed URL either way; HTML content is
        # turned into plain text (nh3), so neither feedparser's sanitiser nor its
        # rewriting of links inside content is needed (a third of its time).
        parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's loose parser on very odd input
        raise FeedError(f"The feed could not be parsed: {exc.__class__.__name__}: {exc}") from exc
    if not parsed.entries:
        if parsed.get("bozo"):
            raise FeedError(f"Not a readable feed: {parsed.get('bozo_exception')}")
        if not parsed.get("version"):
            raise FeedError("Not a feed: no RSS, Atom or RDF document found.")
    return parsed


# --- Entry fields -------------------------------------------------------------

# Dates before this are parse accidents (the epoch, year 1), not publication dates.
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
# Clocks run fast; a date more than this far ahead is not believed.
FUTURE_SLACK = timedelta(days=1)


def entry_datetime(entry, now):
    """The entry's own date as an aware UTC datetime, or None.

    feedparser reads RFC 822 and ISO 8601 dates; dates written in another
    language ("Seg, 24 Set 2018 19:42:40 -0300" in a Brazilian feed) are read
    by dateparser instead."""
    for key in ("published", "updated", "created"):
        # dict.get: the raw field, without feedparser's deprecated updated->published aliasing
        value = dict.get(entry, f"{key}_parsed")
        when = None
        if value:
            try:
                when = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, TypeError, OSError):
                when = None
        elif dict.get(entry, key):
            when = _localised_date(dict.get(entry, key))
        if when is not None and EARLIEST <= when <= now + FUTURE_SLACK:
            return when
    return None


_DATE_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC"}
_recent_locales = []  # most recently detected first: a feed's dates share one language


@functools.lru_cache(maxsize=16)
def _date_parser(locale):
    from dateparser.date import DateDataParser

    return DateDataParser(locales=[locale] if locale else None, settings=_DATE_SETTINGS)


def _localised_date(text):
    """dateparser, trying the recently seen locales first: detecting the language
    costs ~80 ms a date, parsing in a known one ~3 ms."""
    text = str(text).strip()
    if not text or len(text) > 80:
        return None
    try:
        for locale in list(_recent_locales):
            data = _date_parser(locale).get_date_data(text)
            if data.date_obj:
                return data.date_obj.astimezone(UTC)
        data = _date_parser(None).get_date_data(text)
    except Exception:  # dateparser on odd input: no date rather than a failed poll
        return None
    if not data.date_obj:
        return None
    if data.locale and data.locale not in _recent_locales:
        _recent_locales.insert(0, data.locale)
        del _recent_locales[3:]
    return data.date_obj.astimezone(UTC)


def entry_link(entry):
    """The entry's link; a GUID that is a URL stands in when there is none."""
    link = (entry.get("link") or "").strip()
    if not link:
        for candidate in entry.get("links") or []:
            if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
                link = candidate["href"].strip()
                break
    if not link:
        guid = (entry.get("id") or "").strip()
        if guid.startswith(("http://", "https://")):
            link = guid
    return link


def entry_content_html(entry):
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return ""


# --- Stored strings -------------------------------------------------------------

# C0 controls and DEL: PostgreSQL refuses NUL in text, XML 1.0 (the Atom feed) the rest.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROLS_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f]")
# Bidi embeddings, overrides and isolates, and invisible characters: in a title they
# can reorder or hide what a reader sees ("Trojan Source").
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c\u180e]")
# Zero-width (non-)joiners shape Persian, Arabic and Indic words: kept between letters only.
_STRAY_JOINER = re.compile(r"(?<!\w)[\u200c\u200d]|[\u200c\u200d](?!\w)")


def clean_line(value) -> str:
    """One-line field (GUID, link, ETag): every control character removed."""
    return _CONTROLS_AND_BREAKS.sub("", str(value or ""))


def clean_text(value) -> str:
    """Multi-line text: control characters removed, tabs and line breaks kept."""
    return _CONTROLS.sub("", str(value or ""))


def clean_title(value) -> str:
    """A headline as shown: plain text on one line, no bidi overrides or invisible characters."""
    text = _INVISIBLE.sub("", plain_text(clean_text(value)))
    return _SPACES.sub(" ", _STRAY_JOINER.sub("", text)).strip()


_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr|/section|/article)\s*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def plain_text(fragment, keep_lines=False):
    """HTML (or text with entities) to plain text, every tag removed by nh3.

    What is stored is text, and templates escape it: nothing a feed sends can
    put markup on a page."""
    if not fragment:
        return ""
    if keep_lines:
        fragment = _BLOCK_END.sub("\n", fragment)
    cleaned = nh3.clean(fragment, tags=set(), strip_comments=True)
    text = html_lib.unescape(cleaned)
    if keep_lines:
        lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def entry_dates(parsed, now):
    return [d for d in (entry_datetime(e, now) for e in parsed.entries) if d]


def feed_ttl_seconds(parsed):
    """The RSS <ttl> (minutes) as seconds, or None."""
    ttl = (parsed.get("feed") or {}).get("ttl")
    try:
        value = int(str(ttl).strip())
    except (TypeError, ValueError):
        return None
    return value * 60 if value > 0 else None
