"""Stage 1, the document layout: paragraphs, quotation spans, a masked copy of the text and sentences, filled
into the document model (model.Doc, model.Quote, model.Sentence)."""

from __future__ import annotations

import re

from .model import Doc
from .model import Quote
from .model import Sentence

OPENERS = '“„«"'
MASK = "\u2591"  # stands in for quoted words in the masked text
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9\u2591])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Prof|Rev|Jr|Sr|No|Vol|Inc|Ltd|Co|Corp|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx|Gov|Pres|Atty|Mt|Ft|Ave|Blvd)"
    r"|\b(?:[A-Z]\.){1,3}[A-Z]|\b[A-Z])$"
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    paras = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.span()
        seg = m.group(0)
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if seg.strip():
            paras.append((s + lead, s + trail))
    return paras


def _is_open_straight(text: str, i: int, s: int, e: int) -> bool:
    before = text[i - 1] if i > s else " "
    after = text[i + 1] if i + 1 < e else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([{—–-/:;,‘'" or i == s


_NON_SPACE = re.compile(r"\S")  # what the mask covers (\s is str.isspace())
_QUOTE_CHAR = re.compile("[“„«\"”»‘’']")
_DOUBLE_MARK = re.compile('[“„«"”»]')
_SINGLE_OPEN_BEFORE = ' \t([{—–-/:;,"“'
# word-initial apostrophes that elide letters, not quotation marks: 'em, 'til, rock 'n' roll, '90s
_ELISION_RE = re.compile(r"(?:em|n|til|cause|tis|twas|bout|round|s)\b|\d", re.I)


def _single_opens(text: str, i: int, s: int, e: int) -> bool:
    """A single quotation mark that opens a quote: at the start of a word (after a space, a bracket, a dash or
    a double mark), followed by the quote's first letter; never an elision ('em, '90s) or an apostrophe."""
    if text[i] not in "‘'" or i + 1 >= e or not (text[i + 1].isalnum() or text[i + 1] in "…."):
        return False
    if i > s and text[i - 1] not in _SINGLE_OPEN_BEFORE:
        return False
    return text[i] == "‘" or not _ELISION_RE.match(text, i + 1)


def _single_close(text: str, i: int, e: int) -> int | None:
    """The closing mark of the single quote opened at i, in the same paragraph: a ’ or ' after a non-space
    and before a non-letter (not "Kyiv’s", "don’t"). A plural possessive ("the ministers’ talks") looks the
    same as a closer after a word ending in s: it closes only when no other closer follows in the paragraph."""
    weak = None
    for m in re.finditer("[’']", text[i + 2 : e]):
        c = i + 2 + m.start()
        nxt = text[c + 1] if c + 1 < e else " "
        if text[c - 1].isspace() or nxt.isalnum():
            continue
        if text[c - 1] in "sS" and nxt == " " and c + 2 < e and text[c + 2].isalnum():
            weak = c if weak is None else weak  # "demands’ at": a closer only if nothing better follows
            continue
        return c
    return weak


def _inside_double(text: str, i: int, s: int, e: int) -> bool:
    """Does the next double mark of the paragraph close a quote (so that position i is inside one whose
    opening was not seen, as in a paragraph that continues a quote)?"""
    m = _DOUBLE_MARK.search(text, i, e)
    if m is None:
        return False
    return m.group() in "”»" or (m.group() == '"' and not _is_open_straight(text, m.start(), s, e))


def _find_quotes(text: str, pi: int, s: int, e: int, carry: bool) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    open_char = ""
    i = s
    first_nonspace = s
    # a paragraph continuing an open quote that does not repeat the opening mark
    if carry and text[s] not in OPENERS:
        # only if there is a closing mark somewhere before any opener
        seg = text[s:e]
        close_pos = min([seg.find(c) for c in "”" if seg.find(c) >= 0] or [-1])
        open_pos = min([seg.find(c) for c in "“" if seg.find(c) >= 0] or [len(seg)])
        if 0 <= close_pos < open_pos:
            quotes.append(Quote(s, s + close_pos, pi, True, continues=True))
            i = s + close_pos + 1
    skip_to = i
    for qm in _QUOTE_CHAR.finditer(text, i, e):  # only quotation marks change the state
        i = qm.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch in "‘’'":
            # single marks count only outside a double quote, and a single quote closes in its paragraph
            if open_at is None and _single_opens(text, i, s, e):
                close = _single_close(text, i, e)
                if close is not None and not _inside_double(text, close + 1, s, e):
                    quotes.append(Quote(i + 1, close, pi, True, single=True))
                    skip_to = close + 1
            continue
        if open_at is None:
            if (
                ch in "“„«"
                or (ch == '"' and _is_open_straight(text, i, s, e))
                or (ch == "”" and i == first_nonspace and i + 1 < e and not text[i + 1].isspace())
            ):
                open_at = i
                open_char = ch
        else:
            if (
                (ch in "”»" and open_char != '"')
                or (ch == '"' and open_char == '"')
                or (ch == '"' and open_char in "“„«")
                or (ch == "”" and open_char == '"')
            ):
                if i > open_at + 1:
                    quotes.append(
                        Quote(open_at + 1, i, pi, True, continues=(carry and open_at == first_nonspace and not quotes))
                    )
                open_at = None
            elif ch == "“" and open_char == "“":
                # an opener while open: the previous quote lacked its closer
                quotes.append(Quote(open_at + 1, i, pi, False))
                open_at = i
    if open_at is not None and e > open_at + 1:
        quotes.append(
            Quote(
                open_at + 1, e, pi, False, open_end=True, continues=(carry and open_at == first_nonspace and not quotes)
            )
        )
    return quotes


def _first_sentence_end(text: str, a: int, b: int) -> int | None:
    """The end of the first sentence in text[a:b] when another sentence follows it there."""
    seg = text[a:b]
    for m in _BOUNDARY.finditer(seg):
        if not _ABBREV.search(seg[max(0, m.start() - 6) : m.start()]):
            return a + m.start() + 1
    return None


# ", the joint statement read." / ", Minister X said." closing a sentence
_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'\-.]+\s+){0,5}?"
    r"(?:said|says|read|reads|added|stated|told\s+\w+(?:\s+\w+)?)\.\s*$"
)


def _end_unclosed_quotes(text: str, quotes: list[Quote]) -> None:
    """A quotation mark that is never closed (and whose quote the next paragraph does not continue) gives
    no sign of where the words end: the quote ends with its first sentence instead of running on."""
    for k, q in enumerate(quotes):
        if q.closed:
            continue
        nxt = quotes[k + 1] if k + 1 < len(quotes) else None
        if q.open_end and nxt is not None and nxt.continues and nxt.para == q.para + 1:
            continue  # a quote running over paragraphs, reopened at each
        cut = _first_sentence_end(text, q.start, q.end)
        if cut is not None:
            q.end, q.open_end = cut, False
        tail = _ATTRIBUTION_TAIL.search(text, q.start, q.end)
        if tail and (cut is not None or tail.end() == q.end):
            # '"Both sides agreed on it, the joint statement said.': the words end where the attribution begins
            q.end, q.closed, q.open_end = tail.start(), True, False


def build(text: str) -> Doc:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paras = _paragraphs(text)
    title = text[paras[0][0] : paras[0][1]] if paras else ""
    doc = Doc(text=text, title=title, paras=paras)
    carry = False
    for pi, (s, e) in enumerate(paras):
        qs = _find_quotes(text, pi, s, e, carry)
        carry = bool(qs and qs[-1].open_end)
        doc.quotes.extend(qs)
    _end_unclosed_quotes(text, doc.quotes)
    chars = list(text)
    for q in doc.quotes:
        inner = text[q.start : q.end]
        q.text = inner.strip()
        if q.single and q.para > 0 and len(q.text.split()) <= 2:
            continue  # a scare-quoted term in the body ('request') stays part of the narrative events are read from
        stripped = inner.rstrip()
        keep_last = stripped[-1:] if stripped[-1:] in (".", "!", "?") else ""
        chars[q.start : q.end] = _NON_SPACE.sub(MASK, "".join(chars[q.start : q.end]))
        if keep_last and q.closed:
            pos = q.start + len(stripped) - 1
            chars[pos] = keep_last
    doc.masked = "".join(chars)
    # sentences (boundaries never fall strictly inside a quotation)
    for pi, (s, e) in enumerate(paras):
        seg = doc.masked[s:e]
        start = 0
        for m in _BOUNDARY.finditer(seg):
            if _ABBREV.search(seg[max(0, m.start() - 6) : m.start()]):
                continue
            doc.sentences.append(Sentence(s + start, s + m.end(), pi))
            start = m.end()
        if start < len(seg):
            doc.sentences.append(Sentence(s + start, e, pi))
    # dateline: "CAIRO, Dec 20 -" / "PANMUNJOM, Korea, July 1 -" / "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"
    for pi in range(1, min(len(paras), 4)):
        dm = re.match(
            r"\s*([A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Za-z. ]{2,20})?,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b"
            r"(?:,?\s+\d{4})?\s*(?:\([^)]*\))?\s*[—–-]*\s*"
            r"|\s*([A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Za-z. ]{2,20})?\s*(?:\([^)]*\))?\s*[—–-]\s*",
            doc.para_text(pi),
        )
        if dm:
            doc.dateline = (dm.group(1) or dm.group(2)).strip().title()
            ps = paras[pi][0]
            for sent in doc.sentences:
                if sent.start == ps and sent.end > ps + dm.end():
                    sent.start = ps + dm.end()
            break
    return doc
