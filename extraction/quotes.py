"""Direct quotations: which quoted spans are statements (classify), and the source as the article writes it
at the attribution (source_text). Who said each one is stage 4, attribution.py."""

from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .document import MASK
from .document import Doc
from .document import Quote
from .people import STOP_CAPS
from .people import TITLE_MODS
from .speakers import ABBR_RE
from .speakers import CHARACTERISED_AS_RE
from .speakers import SPEECH_RE
from .speakers import TRAILING_RE
from .speakers import VERB_ALT
from .speakers import split_words

FRAGMENT_BLOCK = {
    "the",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "so-called",
    "his",
    "her",
    "our",
    "your",
    "my",
    "dubbed",
    "named",
    "titled",
    "entitled",
    "called",
    "word",
    "term",
    "phrase",
    "slogan",
    "label",
    "mantra",
    "motto",
    "hashtag",
    "film",
    "book",
    "song",
    "show",
    "documentary",
    "movie",
    "album",
    "series",
    "program",
    "programme",
    "campaign",
    "operation",
    "initiative",
    "plan",
    "policy",
}

# nouns for a title written right before it ('the nickname "Slippery Sam."')
TITLE_NOUNS = {"nickname", "title", "slogan", "motto", "show", "program", "programme", "book", "film", "song", "album"}

# 'He said his "top priority" was ...': after a reporting verb a possessive opens the speaker's own words
_POSSESSIVES = {"his", "her", "their", "our", "my"}  # not "its": an organisation's label


_POST_NEAR_RE = re.compile(r"\s*[,.]?\s*(?:[\w’'\-]+\s+){0,5}?(?:" + VERB_ALT + r")\b")


# ---------------------------------------------------------------------------- source spans

_PAREN_RE = re.compile(r"\s*\((?:[A-Z][\w.\-’' ]{0,30}|[A-Z]-?[\w.\- ]{0,30})\)")  # "(D-Wis.)", "(Vt.)", "(R)"
_PARTY_RE = re.compile(r",\s*[A-Z]{1,2}-[A-Z][\w.\- ]{0,20}?\.?(?=\s*,|\s*[.;]?\s*$|\s+(?:" + VERB_ALT + r")\b)")
_VERB_AFTER_RE = re.compile(
    r",\s*(?:(?:also|later|then|has|had|reportedly|previously|once)\s+)?(?:" + VERB_ALT + r"|according\s+to)\b"
)
_APP_OK_RE = re.compile(
    r"(?:(?:the|a|an|who|whose|one|now|then|also|himself|herself|of|from)\b|\d{1,3}\b|"
    r"(?:[A-Z][\w\-.]*(?:’s|'s))\s|(?![a-z]+ing\b|(?:at|in|on|with|for|by|to|after|before|during|amid|while|"
    r"when|as|and|but|or|if|though|although|because|said|says|told|speaking|who\s+said)\b)[a-z][\w\-]*)"
)
# a further comma segment of the same appositive: ", who ...", ", one of ...", ", during ...", ", and has ..."
_APP_MORE_RE = re.compile(
    r"(?:the|a|an|who|whose|which|one|now|also|of|from|in|at|for|during|under|since|"
    r"and\s+(?:has|had|have|is|was|who|whose|now|also)\b)\b"
)
# the main clause's verb after a name that is itself an appositive ("The army's chief, Gen. X, rejected a plan"):
# an auxiliary or a past-tense verb; participles that open appositives ("elected in 2019", "backed by") are not
_MAIN_VERB = (
    r"(?:will|would|can|could|may|might|must|shall|should|has|have|had|is|was|are|were|did|does)\s|"
    r"(?!(?:elected|appointed|named|nominated|based|born|known|dubbed|called|described|seen|considered|"
    r"accused|charged|sentenced|tasked|credited|expected|indicted|jailed|detained|exiled|ousted|"
    r"re-elected|reelected|installed|sworn|backed|educated|trained|raised|married|related|tipped)\b)"
    r"[a-z][a-z\-]+ed\s+(?!by\b)"
)
_APP_STOP_RE = re.compile(
    r"(?:saying|adding|noting|arguing|insisting|explaining|according|in\s+(?:a|an|his|her|their)\s|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|during\s+(?:a|an|the)\s|"
    r"and\s|but\s|or\s|while\s|as\s|when\s|because\s|although\s|"
    r"(?:last|this|next|earlier|later)\s|(?:" + VERB_ALT + r")\b|" + _MAIN_VERB + r")"
)


@lru_cache(maxsize=1)
def _title_prefix_words() -> frozenset:
    """Words of a title run written before a name (a pure cached lookup)."""
    return frozenset(
        {w for w in gazetteer.TITLE_CORE | TITLE_MODS if w not in ("of", "the", "for")}
        | gazetteer.HONORIFICS
        | {"del.", "sen.", "rep.", "gov.", "gen.", "lt.", "col.", "rev.", "u.s.", "retired", "ret."}
    )


_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+)?[A-Z][\w.\-’']*(?:\s+(?:[A-Z][\w.\-’']*|of|for|and|&))*(?<![\s,])(?=\s*[,.;)]|\s+[a-z])"
)


def _cap_title_start(rest: str) -> bool:
    """'House editor for ...', 'Senate Majority Leader': capitalised words followed by a title word."""
    m = re.match(r"(?:[A-Z][\w\-.]*\s+){1,2}([a-z][\w\-]*)", rest)
    return bool(m and (m.group(1) in gazetteer.TITLE_CORE or m.group(1) in gazetteer.PERSON_ROLES))


def _title_prefix(doc: Doc, s: int) -> int:
    """Start of the title run written right before a name: 'Rep.', 'House Speaker', 'former Nigerian President'."""
    prefix_words = _title_prefix_words()
    pos = s
    titled = False
    extra = 0
    for _ in range(7):
        m = re.search(r"([\w’'\-.]+)\s+$", doc.masked[max(0, pos - 40) : pos])
        if not m:
            break
        w = m.group(1)
        lw = w.lower()
        if w.endswith(".") and lw not in prefix_words and not re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{1,3}\.", w):
            break  # "… adviser to Aliyev. Armenian opposition leader X": the previous sentence's last word
        if (
            lw in prefix_words
            or lw.rstrip(".") + "." in prefix_words
            or (w[:1].isupper() and gazetteer.gaz().demonym.get(w))
        ):
            pos = pos - len(m.group(0))
            titled = True
            continue
        # "Police chief", "Budget Chairwoman": a capitalised modifier of the title
        if (
            titled
            and extra < 2
            and w[:1].isupper()
            and w not in STOP_CAPS
            and not w.endswith(("’s", "'s"))
            and not gazetteer.country_of_place(w)
        ):
            pos = pos - len(m.group(0))
            extra += 1
            continue
        break
    return pos


_POSSESSIVE_S_RE = re.compile(r"(?:’s|'s)")


def source_text(doc: Doc, span: tuple[int, int] | None, body: bool = False) -> str | None:
    """The source as the article writes it at the attribution when it carries a party tag or an appositive:
    'Rep. Ana Ruiz (D-Ore.)', 'Lena Park, a former official who runs a consultancy'. None when the
    name stands alone."""
    if not span:
        return None
    s, e = span
    text = doc.masked
    sent = doc.sentence_at(s)
    limit = min(sent.end if sent else len(text), doc.paras[-1][1] if doc.paras else len(text), e + 260)
    for a, b in doc.paras:
        if a <= s < b:
            limit = min(limit, b)
    pos = e
    m = _POSSESSIVE_S_RE.match(text, pos, pos + 2)
    if m:
        return None  # "Baer's" is a possessive, not the source
    extended = False
    m = _PAREN_RE.match(text, pos)
    if m and m.end() <= limit:
        pos, extended = m.end(), True
    m = _PARTY_RE.match(text, pos)
    if m and m.end() <= limit:
        pos, extended = m.end(), True
    m = _OF_RE.match(text, pos)  # "Representative Jane Roe of New York", "Mr. Roe of the Harbour Trust"
    if m and m.end() <= limit and not gazetteer.country_of_place(text[s:e]):
        pos, extended = m.end(), True
    # an appositive: up to the reporting verb that follows it, else the end of the clause
    m = re.match(r",\s*", text[pos:limit])
    if m:
        body_start = pos + m.end()
        rest = text[body_start:limit]
        if (_APP_OK_RE.match(rest) or _cap_title_start(rest)) and not _APP_STOP_RE.match(rest) and MASK not in rest[:3]:
            other = doc.coref.people_between(body_start, limit)
            vm = _VERB_AFTER_RE.search(text, body_start, limit)
            if (
                vm
                and MASK not in text[body_start : vm.start()]
                and len(split_words(text[body_start : vm.start()])) <= 40
            ):
                end = vm.start()
            else:
                end = body_start
                segs = re.split(r"(,\s*)", rest)
                end_rel = 0
                for k in range(0, len(segs), 2):
                    seg = segs[k]
                    if k > 0 and not (
                        _APP_MORE_RE.match(seg) and (seg.startswith("and") or not _APP_STOP_RE.match(seg))
                    ):
                        break
                    cut = re.search(
                        r"[;:—―“”\"]|\s[-–]{1,2}\s|" + MASK + r"|[.!?](?:\s|$)",
                        ABBR_RE.sub(lambda x: "x" * len(x.group(0)), seg),
                    )
                    if cut:
                        end_rel += cut.start()
                        break
                    end_rel += len(seg) + (len(segs[k + 1]) if k + 1 < len(segs) else 0)
                end = body_start + end_rel
            app = text[body_start:end].rstrip(" ,")
            # another person named as the head of the appositive is not this person's description
            first_other = next(
                (x for x in other if x[0] < body_start + len(app) and x[2] is not doc.coref.person_at(s, e)), None
            )
            if (
                first_other
                and first_other[0] == body_start
                and not re.match(r"(?:’s|'s)\s", text[first_other[1] : first_other[1] + 3])
            ):
                app = ""
            if app and len(split_words(app)) >= 1:
                pos, extended = body_start + len(app), True
    start = _title_prefix(doc, s)
    the = re.search(r"\b([Tt]he\s+)$", doc.masked[max(0, start - 4) : start])
    if the:
        start = start - len(the.group(1))
        extended = extended or body  # "the Security Council", as the article names the body
    if not extended:
        return None
    out = doc.text[start:pos].strip(" ,")
    return re.sub(r"\s+", " ", out)


# ---------------------------------------------------------------------------- statements


def _is_titlecase(words: list[str]) -> bool:
    small = {
        "of",
        "the",
        "a",
        "an",
        "and",
        "in",
        "on",
        "for",
        "to",
        "at",
        "by",
        "with",
        "or",
        "over",
        "under",
        "between",
        "against",
        "from",
        "into",
        "upon",
        "via",
        "about",
        "among",
    }
    caps = [w for w in words if w.lower() not in small]
    return bool(caps) and all(w[0].isupper() or w[0].isdigit() for w in caps)


def _quote_key(q: Quote) -> str:
    """A quote's words, lower case: the same words quoted twice have the same key."""
    return " ".join(split_words(q.text.lower()))


def _single_not_said(doc: Doc, q: Quote) -> bool:
    """Single quotation marks that do not report words said here: a headline's ('Ruiz: X needs to 'act
    now''), a subheading that is a whole paragraph in title case ('Old Rules Are Gone.'), and an echo of
    words quoted in double marks elsewhere in the article (a deck repeating the body's quote)."""
    if q.para == 0:
        return True
    ps, pe = doc.paras[q.para]
    if (
        not doc.text[ps : q.start - 1].strip()
        and not doc.text[q.end + 1 : pe].strip()
        and _is_titlecase(split_words(q.text))
    ):
        return True
    key = _quote_key(q)
    return any(o is not q and not o.single and key in _quote_key(o) for o in doc.quotes)


def classify(doc: Doc) -> None:
    counts: dict[str, int] = {}
    for q in doc.quotes:
        key = _quote_key(q)
        counts[key] = counts.get(key, 0) + 1
    for q in doc.quotes:
        words = split_words(q.text)
        n = len(words)
        if n <= 1 and not (q.continues or q.open_end):
            q.statement = False  # a single quoted word is a label or scare quote
            continue
        if q.para == 0 and n < 8:
            q.statement = False  # headline snippets
            continue
        if q.single and _single_not_said(doc, q):
            q.statement = False
            continue
        full = (
            n >= 8
            or (n >= 4 and re.search(r"[.!?,…]\W*$", q.text))
            or (q.continues or q.open_end)
            or (n >= 2 and q.text[:1].isupper() and re.search(r"[.!?]\W*$", q.text))
        )
        key = _quote_key(q)
        sent = doc.sentence_at(q.start)
        sstart = sent.start if sent else doc.paras[q.para][0]
        pre = doc.masked[sstart : q.start - 1]
        pre_words = split_words(pre)
        prev_word = pre_words[-1].lower() if pre_words else ""
        if n <= 16 and _is_titlecase(words) and not re.search(r"[.!?]\W*$", q.text):  # a title, not words said
            q.statement = False
            continue
        if n <= 6 and _is_titlecase(words) and (prev_word.endswith(("’s", "'s")) or prev_word in TITLE_NOUNS):
            q.statement = False  # 'on the network's "Morning Table."', 'the nickname "Slippery Sam."': a title
            continue
        if not full and n >= 4 and q.text[:1].isupper() and not pre.strip() and not _is_titlecase(words):
            full = True  # a clause opening its sentence: '"You squeezed employees to the limit" to ..., she said'
        if full:
            q.statement = True
            continue
        if n >= 2 and CHARACTERISED_AS_RE.search(doc.masked[sstart : q.start]):
            q.statement = True  # 'Okafor has gone after the board as a "club of insiders"': a characterisation
            continue
        post = doc.masked[q.end + 1 : (sent.end if sent else q.end + 80)]
        spoken_here = SPEECH_RE.search(pre) and prev_word not in FRAGMENT_BLOCK and not prev_word.endswith("ed")
        if counts.get(key, 0) >= 2 and not _POST_NEAR_RE.match(post) and not spoken_here:
            q.statement = False  # a repeated label, unless each time it is attributed
            continue
        if (
            prev_word in FRAGMENT_BLOCK
            and n <= 5
            and not (prev_word == "that" and SPEECH_RE.search(pre[: max(0, len(pre.rstrip()) - 4)]))
            and not (prev_word in _POSSESSIVES and SPEECH_RE.search(pre))
        ):
            q.statement = False  # "the 'peace memo'"; but 'said at an event that "a bomb" had gone off' is speech
            continue
        # a fragment needs a reporting verb before it in its sentence, or an attribution after it
        if SPEECH_RE.search(pre) or _POST_NEAR_RE.match(post) or TRAILING_RE.search(post.rstrip()):
            q.statement = True  # '... made "some progress" but ..., the envoy has said.' counts too
        else:
            q.statement = False
