"""OPML in and out, as feed readers exchange their lists. Plain functions, no database."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

MAX_BYTES = 1_000_000


class OpmlError(ValueError):
    pass


@dataclass
class OpmlFeed:
    url: str
    name: str
    category: str  # the enclosing outline's title: matched to a track of that name on import


def parse_opml(data: bytes) -> list[OpmlFeed]:
    if len(data) > MAX_BYTES:
        raise OpmlError("The file is larger than 1 MB.")
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise OpmlError("The file declares a DOCTYPE or entities; refused.")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"Not an OPML file: {exc}") from exc
    body = root.find("body")
    if root.tag.lower() != "opml" or body is None:
        raise OpmlError("Not an OPML file: no <opml><body>.")
    feeds: list[OpmlFeed] = []

    def walk(node: ET.Element, category: str) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            title = (outline.get("title") or outline.get("text") or "").strip()
            if url:
                feeds.append(OpmlFeed(url=url, name=title, category=category))
            else:
                walk(outline, title or category)

    walk(body, "")
    return feeds


def render_opml(feeds: list[OpmlFeed], *, title: str) -> bytes:
    """Feeds grouped under one outline per category (track); uncategorised ones at the top level."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    groups: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in groups:
                groups[feed.category] = ET.SubElement(body, "outline", text=feed.category, title=feed.category)
            parent = groups[feed.category]
        ET.SubElement(parent, "outline", type="rss", text=feed.name, title=feed.name, xmlUrl=feed.url)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
