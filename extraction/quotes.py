"""Direct quotations: which quoted spans are statements, and who said them."""

from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .attribution import refine as refine_sources
from .document import MASK
from .document import Doc
from .document import Quote
from .document import Sentence
from .people import STOP_CAPS
from .people import TITLE_MODS
from .speakers import POST_VERB_RE
from .speakers import SPEECH_ALT
from .speakers import SPEECH_RE
from .speakers import STOPNAMES
from .speakers import VERB_ALT
from .speakers import Speaker
from .speakers import clause_subject
from .speakers import head_person
from .speakers import named_speaker
from .speakers import person_ending_at
from .speakers import person_starting_at
from .speakers import speaker_from_np_after
from .speakers import speaker_from_np_before
from .speakers import split_words

PARTICIPLES = {
    "saying",
    "adding",
    "telling",
    "noting",
    "explaining",
    "insisting",
    "warning",
    "arguing",
    "declaring",
    "claiming",
    "stressing",
    "calling",
    "describing",
    "writing",
    "asking",
    "urging",
    "suggesting",
    "stating",
    "acknowledging",
    "responding",
    "replying",
    "vowing",
    "promising",
    "admitting",
    "recalling",
    "emphasizing",
    "emphasising",
    "conceding",
    "continuing",
    "accusing",
    "charging",
    "demanding",
    "labeling",
    "labelling",
    "praising",
    "dismissing",
    "predicting",
    "tweeting",
    "posting",
    "announcing",
    "indicating",
}
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


# 'He said his "top priority" was ...': after a reporting verb a possessive opens the speaker's own words
_POSSESSIVES = {"his", "her", "their", "our", "my"}  # not "its": an organisation's label
_ABBR = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Prof|Rev|Capt|Sgt|Adm|Amb|U\.S|U\.N|U\.K|[A-Z])\."
)


_POST_NEAR_RE = re.compile(r"\s*[,.]?\s*(?:[\w’'\-]+\s+){0,5}?(?:" + VERB_ALT + r")\b")
_DASH_STOP_RE = re.compile(r"\s*[―—–-]+\s*(?:" + "|".join(sorted(STOPNAMES, key=len, reverse=True)) + r")\b")


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
        # "Police chief", "Oversight Chairman": a capitalised modifier of the title
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
    'Rep. Gwen Moore (D-Wis.)', 'Kenneth Baer, a former official who runs a consultancy'. None when the
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
    m = _OF_RE.match(text, pos)  # "Representative Jane Roe of New York", "Mr. Roe of the Sierra Club"
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
                        _ABBR.sub(lambda x: "x" * len(x.group(0)), seg),
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
    """Single quotation marks that do not report words said here: a headline's ('Sanders: X needs to 'do
    this''), a subheading that is a whole paragraph in title case ('Old Rules Are Gone.'), and an echo of
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
        if not full and n >= 4 and q.text[:1].isupper() and not pre.strip() and not _is_titlecase(words):
            full = True  # a clause opening its sentence: '"You squeezed employees to the limit" to ..., she said'
        if full:
            q.statement = True
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
        if SPEECH_RE.search(pre) or _POST_NEAR_RE.match(post) or _TRAILING_RE.search(post.rstrip()):
            q.statement = True  # '... made "some progress" but ..., the envoy has said.' counts too
        else:
            q.statement = False


_ONLY_CLOSER_RE = re.compile(r"\s*[\"”]?\s*$")
_LEAD_PUNCT_RE = re.compile(r"\s*[,—–-]?\s*")
_AS_PUT_IT_RE = re.compile(r"\s*,?\s*as\s+([^,.;]{2,80}?)\s+(?:put|puts|has put|had put|phrased|phrases)\s+it\b")
_NEW_CLAUSE_RE = re.compile(r"\s*[,—–-]?\s*(?:but|and|while|as|because|although|though|so|yet|when|if)\b")


def _post_attribution(doc: Doc, q: Quote) -> Speaker | None:
    """'"...," X said' / '"...," said X' / '"..." according to X' right after the quote."""
    pe = doc.paras[q.para][1]
    stop = pe
    # stop at the next opening quote in the paragraph
    for other in doc.quotes:
        if other.para == q.para and other.start > q.end:
            stop = min(stop, other.start - 1)
            break
    seg_start = q.end + 1 if q.closed else q.end
    seg = doc.masked[seg_start:stop]
    # a sentence boundary right after the quote ends the chance
    if _ONLY_CLOSER_RE.match(seg):
        return None
    if not q.closed:
        return None
    lead = _LEAD_PUNCT_RE.match(seg)
    assert lead is not None  # matches the empty string too
    m = _AS_PUT_IT_RE.match(seg)
    if m and q.closed:  # '"...," as a ministry memo put it'
        sp = speaker_from_np_before(doc, seg_start + m.start(1), seg_start + m.end(1))
        if sp.kind != "none":
            return sp
    if _NEW_CLAUSE_RE.match(seg):
        return None  # '"...," but he said ...': a new clause with its own reporting verb
    ends_clause = bool(re.search(r"[,.!?…\-—–]\W*$", q.text)) or bool(re.match(r"\s*[,—–]", seg))
    if not ends_clause:
        return None  # a fragment inside running text: its reporting verb is before it
    if re.search(r"[.!?]\W*$", q.text) and re.match(r"\s+[A-Z“\"]", seg):
        # a new sentence begins: only a short "X said." sentence attributes backwards
        nxt = re.split(r"(?<=[.!?])\s", seg.strip(), maxsplit=1)[0]
        nv = POST_VERB_RE.search(nxt)
        if len(split_words(nxt)) > 8 or not nv:
            return None
        after_verb = nxt[nv.end() :]
        if re.search(r"\bthat\b|[“\"]|" + MASK, after_verb):
            return None  # 'Russia insisted that ...': a new statement, not an attribution of this one
    m = re.match(r"\s*[―—–-]+\s*((?:[A-Z][\w.'’\-]*\s?){1,5})", seg)
    if m and not _DASH_STOP_RE.match(seg):
        name = m.group(1).strip().rstrip(".")
        p = doc.coref.find(name)
        a0 = seg_start + m.start(1)
        return Speaker(p.name, "person", p, span=(a0, a0 + len(name))) if p else Speaker(name, "person")
    m = re.match(r"\s*[,—–-]?\s*(?:according\s+to)\s+", seg)
    if m:
        return speaker_from_np_after(doc, seg_start + m.end() - 1, seg_start + len(seg))

    # a named person right after the quote, then (after any appositive) the verb: '," Rep. Jane Roe (D-Wis.), the ..., said'
    clean = re.sub(r"\([^)]{0,40}\)", lambda m: " " * len(m.group(0)), seg)
    clean = re.sub(r"\b[A-Z]-[A-Z][a-z]*\.", lambda m: " " * len(m.group(0)), clean)
    hit = person_starting_at(doc, seg_start, seg_start + 40)
    if hit and re.fullmatch(r"[\s,]*(?:[A-Z][\w.\-’']*\s+)*", doc.masked[seg_start : hit[1]]):
        rest = clean[hit[1] - seg_start :][:260]
        vm2 = POST_VERB_RE.search(rest)
        if (
            vm2
            and not re.search(r"[.;!?]\s", _ABBR.sub("", rest[: vm2.start()]))
            and len(split_words(rest[: vm2.start()])) <= 30
        ):
            near = speaker_from_np_before(doc, seg_start + lead.end(), hit[1] + vm2.start())
            if near.kind == "person" and near.person is not hit[0] and near.span and near.span[0] > hit[1]:
                return near  # '"...," Trump lawyer Marc Kasowitz said'
            return named_speaker(head_person(doc, hit))
    # verb within the first words
    window = clean[:120]
    vm = POST_VERB_RE.search(window)
    if not vm:
        return None
    before = window[: vm.start()]
    if re.search(r"[.;!?]", _ABBR.sub("", before)) or len(split_words(before)) > 9:
        return None
    if before.count(",") > 2:
        return None
    if split_words(before):
        sp = speaker_from_np_before(doc, seg_start + lead.end(), seg_start + vm.start())
        if vm.group(0).endswith("s") and vm.group(0) not in ("says", "tells", "adds") and sp.kind == "body":
            return None  # "Democratic claims", "the reports": a noun, not a verb
        if sp.kind != "none":
            return sp
    return speaker_from_np_after(doc, seg_start + vm.end(), seg_start + len(seg))


def _pre_attribution(doc: Doc, q: Quote) -> Speaker | None:
    """'X said: "..."' / 'X said that Putin was "..."' / 'X, saying "..."' in the same sentence."""
    sent = doc.sentence_at(q.start - 1)
    if not sent:
        return None
    sstart = max(sent.start, doc.paras[q.para][0])
    pre = doc.masked[sstart : q.start - 1]
    # the part after the previous quote in the same sentence
    last_close = max(pre.rfind("”"), pre.rfind('"'))
    cut = 0
    if last_close >= 0:
        cut = last_close + 1
    seg = pre[cut:]
    if not seg.strip():
        return None
    inv = re.match(r"\s*(?:Said|Says|Added|Asked|Wrote|Tweeted|Explained|Insisted|Warned)\s+", seg)
    if inv:
        sp = speaker_from_np_after(doc, sstart + cut + inv.end() - 1, q.start - 1)
        if sp.kind != "none":
            return sp
    verbs = [m for m in SPEECH_RE.finditer(seg) if not _nounish(seg, m)]
    if not verbs and cut:
        # '... tweeted that she was "a con" and urged people to "check out" ...': the verb before the list
        cut, seg = 0, pre
        verbs = [m for m in SPEECH_RE.finditer(seg) if not _nounish(seg, m)]
    if not verbs:
        return None
    for best in reversed(verbs):
        sp = _speaker_for_verb(doc, q, sstart, cut, seg, best)
        if sp is not None and sp.kind != "none":
            return sp
    return None


_NOUN_BEFORE = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "of",
    "these",
    "those",
    "this",
    "that",
    "such",
    "many",
    "some",
    "few",
    "several",
    "no",
    "any",
    "whose",
    "which",
}


def _nounish(seg: str, m: re.Match[str]) -> bool:
    """'late-night tweets', 'the claims', 'his remarks': a speech word used as a noun."""
    w = m.group(0).strip().lower()
    if w.startswith(":") or w in ("according to", "in a statement"):
        return False
    if m.start() > 0 and seg[m.start() - 1] == "-":
        return True  # "so-called", "much-touted"
    prev = re.findall(r"[\w’'\-]+", seg[: m.start()])
    if not prev:
        return False
    pw = prev[-1].lower()
    if pw in _NOUN_BEFORE or pw.endswith(("’s", "'s")):
        return True
    if "-" in pw and w.endswith("s") and not w.endswith("ss"):
        return True
    return False


def _speaker_for_verb(doc: Doc, q: Quote, sstart: int, cut: int, seg: str, best: re.Match[str]) -> Speaker:
    verb = best.group(0).strip()
    vstart = sstart + cut + best.start()
    if verb.lower() == "according to":
        return speaker_from_np_after(doc, sstart + cut + best.end(), q.start - 1)
    if verb.startswith(":"):
        # "X told reporters:" - find the last speech verb before the colon, else the subject
        inner = seg[: best.start()]
        vv = None
        for m in re.finditer(r"\b(?:" + SPEECH_ALT + r")\b", inner):
            if not _nounish(inner, m):
                vv = m
        if vv is None:
            return clause_subject(doc, sstart, q.start - 1)
        best = vv
        verb = vv.group(0)
        vstart = sstart + cut + vv.start()
    if verb.lower() in PARTICIPLES:
        hit = person_ending_at(doc, len(doc.masked[:vstart].rstrip()))
        if hit:
            subj = clause_subject(doc, sstart, hit[1])
            if (
                subj.kind == "person"
                and subj.person is not hit[0]
                and subj.span
                and subj.span[1] <= hit[1]
                and re.search(r"\b[a-z]{3,}ed\b", doc.masked[subj.span[1] : hit[1]])
            ):
                return subj  # "X confirmed Y's return, saying": the participle's subject is X
            return named_speaker(hit)
        if re.search(r"(?:,|\b(?:while|by|after|before|when|in))\s*$", doc.masked[sstart:vstart]):
            return clause_subject(doc, sstart, vstart)
        if re.search(
            r"\b(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?(?:statement|communiqu[eé]|letter|report|post|"
            r"tweet|message|note|video|release|speech|remarks|interview|op-ed|column|email|editorial)\s*$",
            doc.masked[sstart:vstart],
        ):
            sp = clause_subject(doc, sstart, vstart)  # "the council issued a statement calling ..."
            if sp.kind != "none":
                return sp
    sp = speaker_from_np_before(doc, sstart + cut if cut else sstart, vstart)
    if sp.kind == "none" and re.search(r"\b(?:and|but|then)\s+(?:\w+ly\s+)?$", doc.masked[sstart:vstart]):
        sp = clause_subject(doc, sstart, vstart)  # "X outlined ... and vowed to ..."
    if sp.kind == "none" and verb.lower() in PARTICIPLES:
        sp = clause_subject(doc, sstart, vstart)  # "X unleashed a series of tweets on Friday saying ..."
    if sp.kind == "none":
        # "said X," inverted before the quote: 'said Medinsky: "..."'
        right = doc.masked[sstart + cut + best.end() : q.start - 1]
        if len(split_words(right)) <= 10 and not re.search(
            r"\b(?:that|would|will|could|should|is|was|were|are|has|had|have|not|to)\b", right
        ):
            sp = speaker_from_np_after(doc, sstart + cut + best.end(), q.start - 1)
    return sp


def _colon_intro(doc: Doc, q: Quote) -> Speaker | None:
    """A quote paragraph after a line ending in ':'."""
    if q.para == 0:
        return None
    prev = doc.para_text(q.para - 1).rstrip()
    if not prev.endswith(":"):
        return None
    ps, pe = doc.paras[q.para - 1]
    if any(o.para == q.para - 1 and o.statement for o in doc.quotes) and not prev.endswith(":"):
        return None
    sent = doc.sentence_at(pe - 1)
    sstart = sent.start if sent else ps
    seg = doc.masked[sstart:pe]
    vv = None
    for m in re.finditer(r"\b(?:" + SPEECH_ALT + r")\b|\baccording to\b|\breports?\b", seg):
        vv = m
    if vv is None:
        sp = clause_subject(doc, sstart, pe)
        return sp if sp.kind != "none" else None
    verb = vv.group(0)
    vstart = sstart + vv.start()
    if verb.lower() in PARTICIPLES:
        return clause_subject(doc, sstart, vstart)
    sp = speaker_from_np_before(doc, sstart, vstart)
    if sp.kind == "none":
        sp = clause_subject(doc, sstart, vstart)
    return sp


_TRAILING_RE = re.compile(r",\s*([^,]{2,80}?)\s+(?:" + VERB_ALT + r")(?:\s+(?!that\b)[\w’'\-]+){0,3}\s*[.!?]?\s*$")


def _trailing_source(doc: Doc, sent: Sentence) -> Speaker | None:
    """'..., Schiff said.' at the end of a sentence: its reporting subject."""
    seg = doc.masked[sent.start : sent.end].rstrip()
    m = _TRAILING_RE.search(seg)
    if not m:
        return None
    return speaker_from_np_before(doc, sent.start + m.start(1), sent.start + m.end(1))


_TRANSCRIPT_RE = re.compile(r"([A-Z][A-Z.'’\- ]{1,30}[A-Z]):\s")


def _attribute_one(doc: Doc, q: Quote) -> None:
    """The source written for one quote: a transcript label, the continued quote's, after it, before it, a
    trailing ", X told the board.", a line ending in a colon."""
    sp = None
    how = ""
    tm = _TRANSCRIPT_RE.match(q.text)
    if tm:  # a transcript line in quotation marks: "PENCE: Well, look, ..."
        label = tm.group(1).strip().title()
        p = doc.coref.find(label)
        q.speaker = Speaker(p.name, "person", p) if p else Speaker(label, "person")
        q.how = "transcript"
        return
    if q.continues:
        prevs = [o for o in doc.quotes if o.statement and o.end <= q.start and o.para == q.para - 1]
        if prevs and prevs[-1].speaker is not None:
            sp, how = prevs[-1].speaker, "continues"
    if sp is None:
        sp = _post_attribution(doc, q)
        how = "post"
    if sp is None or sp.kind == "none":
        sp2 = _pre_attribution(doc, q)
        if sp2 is not None and sp2.kind != "none":
            sp, how = sp2, "pre"
    if sp is None or sp.kind == "none":
        # '"..." about the dam for a decade, Senator Ana Pires told the board.'
        sent = doc.sentence_at(q.start)
        if sent and not any(o is not q and o.statement and sent.start <= o.start < sent.end for o in doc.quotes):
            m = _TRAILING_RE.search(doc.masked[q.end : sent.end].rstrip())
            if m:
                sp2 = _trailing_source(doc, sent)
                if sp2 is not None and sp2.kind in ("person", "body", "desc"):
                    sp, how = sp2, "trailing"
    if (sp is None or sp.kind == "none") and doc.masked[doc.paras[q.para][0] : q.start - 1].strip() == "":
        sp2 = _colon_intro(doc, q)
        if sp2 is not None and sp2.kind != "none":
            sp, how = sp2, "colon"
    q.speaker = sp if sp is not None and sp.kind != "none" else None
    q.how = how if q.speaker else ""


def _from_paragraph_neighbours(quotes: list[Quote]) -> None:
    """Quotes in a paragraph without their own attribution take a neighbour's."""
    for q in quotes:
        if q.speaker is not None:
            continue
        same = [o for o in quotes if o.para == q.para and o is not q and o.speaker is not None]
        before = [o for o in same if o.end <= q.start]
        after = [o for o in same if o.start >= q.end]
        if before:
            q.speaker, q.how = before[-1].speaker, "para-prev"
        elif after:
            q.speaker, q.how = after[0].speaker, "para-next"


def _from_continuation(quotes: list[Quote]) -> None:
    """A quote left open at a paragraph end takes the speaker of its continuation."""
    for q in reversed(quotes):
        if q.speaker is None and q.open_end:
            nxt = [o for o in quotes if o.para == q.para + 1 and o.continues and o.speaker is not None]
            if nxt:
                q.speaker, q.how = nxt[0].speaker, "continued-by"


def _from_previous_sentence(doc: Doc, quotes: list[Quote]) -> None:
    """A quote opening its sentence right after a sentence of the same paragraph: that sentence's source or subject."""
    for q in quotes:
        if q.speaker is not None:
            continue
        # the quote opens its sentence right after a sentence of the same paragraph: its subject
        sent = doc.sentence_at(q.start - 1)
        pstart = doc.paras[q.para][0]
        if sent and doc.masked[sent.start : q.start - 1].strip() == "" and sent.start > pstart:
            prev = doc.sentence_at(sent.start - 2)
            if prev and prev.para == q.para:
                sp = _trailing_source(doc, prev)
                if sp is None or sp.kind != "person":
                    sp = clause_subject(doc, prev.start, prev.end)
                if sp.kind == "person":
                    q.speaker, q.how = sp, "prev-sent"
                    continue


def _it_to_last_body(quotes: list[Quote]) -> None:
    """ "it added": the body that spoke last, in this paragraph or the two before."""
    for q in quotes:
        if q.speaker is not None and q.speaker.kind == "pronoun" and q.speaker.desc == "it":
            prevs = [
                o
                for o in quotes
                if o.end <= q.start and q.para - o.para <= 2 and o.speaker is not None and o.speaker.kind == "body"
            ]
            if prevs:
                q.speaker, q.how = prevs[-1].speaker, "it-body"


def _from_previous_paragraph_or_focus(doc: Doc, quotes: list[Quote]) -> None:
    """A paragraph of quote continues the previous speaker; otherwise the last person in focus."""
    for q in quotes:
        if q.speaker is not None:
            continue
        # a paragraph of quote continuing the previous speaker
        prevs = [o for o in quotes if o.end <= q.start and o.speaker is not None and q.para - o.para <= 1]
        pstart = doc.paras[q.para][0]
        if prevs and doc.masked[pstart : q.start - 1].strip() == "":
            q.speaker, q.how = prevs[-1].speaker, "prev-para"
            continue
        # otherwise the last person in focus
        p = doc.coref.last_person_before(q.start - 1)
        if p is not None and doc.masked[pstart : q.start - 1].strip() == "":
            q.speaker, q.how = Speaker(p.name, "person", p), "focus"


_BRACKETED_RE = re.compile(r"[(\[][^()\[\]]{1,40}[)\]]\.?")  # a stage direction in brackets


def attribute(doc: Doc) -> None:
    for q in doc.quotes:
        if q.statement and _BRACKETED_RE.fullmatch(q.text.strip()):
            q.statement = False  # "(CROSSTALK.)": a stage direction
    quotes = [q for q in doc.quotes if q.statement]
    for q in quotes:
        _attribute_one(doc, q)
    refine_sources(doc, quotes)  # a document, description or place as source -> who spoke
    _from_paragraph_neighbours(quotes)
    _from_continuation(quotes)
    _from_previous_sentence(doc, quotes)
    _it_to_last_body(quotes)
    _from_previous_paragraph_or_focus(doc, quotes)
