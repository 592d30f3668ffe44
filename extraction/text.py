"""Main text of an HTML page: trafilatura, with a BeautifulSoup <p> fallback."""
from __future__ import annotations

import re


def _fallback(html: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        tag.decompose()
    title = ""
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)
    elif soup.title and soup.title.string:
        title = soup.title.string.strip()
    paras = [re.sub(r"\s+", " ", p.get_text(" ", strip=True)) for p in soup.find_all("p")]
    paras = [p for p in paras if len(p.split()) >= 4]
    return title, "\n".join(paras)


def main_text(html: str) -> tuple[str, str]:
    """(title, text) of an article page."""
    if not html or not html.strip():
        return "", ""
    title = ""
    body = ""
    try:
        import trafilatura

        body = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_precision=False, deduplicate=True) or ""
        meta = trafilatura.extract_metadata(html)
        if meta is not None and getattr(meta, "title", None):
            title = meta.title.strip()
    except Exception:
        body = ""
    if not body.strip():
        ftitle, body = _fallback(html)
        title = title or ftitle
    elif not title:
        title = _fallback(html)[0]
    return title, body.strip()
