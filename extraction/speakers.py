"""Speakers and the rules that find them: the source written around a quotation.

The speaker model (`Speaker`: a person, a body, a description or a pronoun, with the span of its mention)
and the noun-phrase rules the attribution rules share: the subject before a reporting verb
(`speaker_from_np_before`), the source after one (`speaker_from_np_after`), a sentence's subject
(`clause_subject`) and what a pronoun stands for (`pronoun`), with the reporting-verb patterns. Both
quotes.py (which quotes are statements) and attribution.py (stage 4: who said them) import from here,
and neither imports the other. No state outside one call.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .coref import it_antecedent
from .document import MASK
from .document import Doc
from .document import Sentence
from .model import Person
from .model import Speaker
from .people import PRONOUNS
from .people import TITLE_MODS
from .people import _poss

# Words for things that carry words, never speakers themselves.
REFERENCE_WORDS = {
    "statement",
    "document",
    "tweet",
    "post",
    "communique",
    "communiqué",
    "letter",
    "report",
    "paragraph",
    "text",
    "declaration",
    "release",
    "readout",
    "message",
    "note",
    "memo",
}

VERB_ALT = "|".join(sorted(gazetteer.POST_VERBS, key=len, reverse=True))
SPEECH_ALT = "|".join(sorted(gazetteer.SPEECH_VERBS, key=len, reverse=True))
POST_VERB_RE = re.compile(r"\b(?:" + VERB_ALT + r")\b")
# talking at length about something: 'as Ruiz went on about "..."', 'she talked about "..."'
ON_ABOUT = r"\b(?:went|goes|go|going|gone)\s+on\s+about\b|\b(?:talked|talks|ranted|rants|raved|raves)\s+about\b"
SPEECH_RE = re.compile(r"\b(?:" + SPEECH_ALT + r")\b|\b[Aa]ccording to\b|\bin a statement\b|" + ON_ABOUT + r"|:\s*$")
# "..., Roe said." at the end of a sentence: the source before the verb (group 1)
TRAILING_RE = re.compile(r",\s*([^,]{2,80}?)\s+(?:" + VERB_ALT + r")(?:\s+(?!that\b)[\w’'\-]+){0,3}\s*[.!?]?\s*$")
# '... pounding the board as a "club of insiders"', 'dismissed the plan as being in "poor taste"', and the next item of a
# list after one ('as a "x" and a "y"'): a characterisation, the subject's own words (not 'known as', 'such as')
CHARACTERISED_AS_RE = re.compile(
    r"(?<!\bknown )(?<!\bsuch )(?<!\bsame )(?<!\bwell )(?<!\bso )(?<!\breferred to )(?<!\bdubbed )"
    r"\bas\s+(?:(?:a|an)\s+|being\s+(?:[a-z]+\s+){0,2})?"
    r"(?:[“\"]" + MASK + r"[" + MASK + r" ]*[”\"]\s*,?\s*(?:and|or)\s+(?:(?:a|an)\s+)?)?[“\"]?$"
)
# an abbreviation's dot, which never ends a sentence
ABBR_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Prof|Rev|Capt|Sgt|Adm|Amb|U\.S|U\.N|U\.K|[A-Z])\."
)
ADVERBS = {
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "was",
    "is",
    "reportedly",
    "further",
    "again",
    "previously",
    "earlier",
    "recently",
    "once",
    "simply",
    "quickly",
    "separately",
    "herself",
    "himself",
    "themselves",
    "publicly",
    "privately",
    "repeatedly",
    "often",
    "frequently",
    "would",
    "will",
    "did",
    "does",
    "just",
    "only",
    "even",
    "still",
    "flatly",
    "angrily",
    "bluntly",
    "told",
    "yesterday",
    "today",
    "openly",
    "firmly",
    "emphatically",
    "categorically",
    "jokingly",
}
DETS = r"(?:the|a|an|one|two|three|several|some|many|other|another|its|their|his|her)"
DESC_HEADS = sorted(
    gazetteer.PERSON_ROLES | gazetteer.BODY_HEADS | {"statement", "spokesperson"}, key=len, reverse=True
)
DESC_RE = re.compile(
    r"(?:\b"
    + DETS
    + r"\s+)?(?P<core>(?:(?:[A-Z][\w\-.]*(?:’s|'s)?|[a-z][\w\-]*(?:’s|'s)?)\s+){0,4}\b(?:"
    + "|".join(re.escape(h) for h in DESC_HEADS)
    + r"))\s*$"
)
_DESC_HEAD_ENDS = tuple(DESC_HEADS)


# capitalised words that are never a source's name: sentence openers and outlets ("The", "CNN said")
STOPNAMES = gazetteer.SENTENCE_CAPS | {"CNN", "NBC", "ABC", "CBS", "Fox", "MSNBC", "AP", "TV", "Tonight"}


NONE = Speaker(None, "none")


_WORD_RE = re.compile(r"[\w’'\-]+")


def split_words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


# ---------------------------------------------------------------------------- noun phrases


def person_ending_at(doc: Doc, pos: int, slack: int = 0) -> tuple[Person, int, int] | None:
    for p in doc.coref.people:
        for s, e in p.mentions:
            if pos - slack <= e <= pos + 2 and e >= pos - slack:
                return p, s, e
    return None


def person_starting_at(doc: Doc, pos: int, limit: int) -> tuple[Person, int, int] | None:
    """The first person mention starting in [pos, limit]."""
    for s, e, p in doc.coref.people_between(pos, limit + 1)[:1]:
        return p, s, e
    return None


Hit = tuple[Person, int, int]  # a person and the span of one mention


def named_speaker(hit: Hit) -> Speaker:
    return Speaker(hit[0].name, "person", hit[0], span=(hit[1], hit[2]))


@lru_cache(maxsize=1)
def _head_words() -> frozenset:
    """Words that may stand in a title before a name (a pure cached lookup)."""
    return frozenset(gazetteer.TITLE_CORE | TITLE_MODS | gazetteer.PERSON_ROLES | gazetteer.BODY_HEADS)


def head_person(doc: Doc, hit: Hit) -> Hit:
    """'Ortega lawyer Ines Calloway', 'Ruiz’s campaign manager Tom Hale': the person the noun phrase
    is about is the one after the title words, not the one that modifies them."""
    p, s, e = hit
    nxt = next(((q, a, b) for a, b, q in doc.coref.people_between(e + 1, e + 61) if q is not p), None)
    if nxt is None:
        return hit
    between = doc.masked[e : nxt[1]]
    m = re.fullmatch(r"(?:’s|'s)?((?:\s+[\w\-.]+)+)\s+", between)
    if not m:
        return hit
    words = m.group(1).split()
    if not any(w.lower() in gazetteer.TITLE_CORE or w.lower() in gazetteer.PERSON_ROLES for w in words):
        return hit
    if all(w.lower() in _head_words() or (w[:1].isupper() and not w.endswith(("’s", "'s"))) for w in words):
        return nxt
    return hit


_TAIL_PAREN_RE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_TAIL_RELATIVE_RE = re.compile(r",\s*(?:which|who)\s*$")
_TAIL_WORD_RE = re.compile(r"([\w’'\-]+)\s*$")


# a catenative verb before the reporting verb: 'X went on to say', 'X then continued to call the plan'
_CATENATIVE_RE = re.compile(
    r"\s+(?:(?:went|goes|go|gone|going)\s+on|continued|continues|proceeded|proceeds|moved|went\s+so\s+far\s+as)\s+to\s*$"
)


# nouns ending in -ly, which are never a manner adverb before a verb ("the assembly said")
_LY_NOUNS = {"family", "ally", "assembly", "rally", "supply", "anomaly", "monopoly", "homily", "bully", "melee"}


def _adverb(word: str) -> bool:
    """'also', 'reportedly', 'forcefully': a word between a subject and its verb."""
    w = word.lower()
    if w in ADVERBS:
        return w != "told"
    return word.islower() and len(w) > 4 and w.endswith("ly") and w not in _LY_NOUNS


def _strip_tail(left: str) -> str:
    """Remove trailing adverbs, a catenative verb ("went on to") and one or more parentheticals from the text
    before a verb."""
    cat = _CATENATIVE_RE.search(left) if left.endswith(("to", "to ")) else None
    if cat:
        left = left[: cat.start()]
    changed = True
    while changed:
        changed = False
        par = _TAIL_PAREN_RE.search(left) if ")" in left else None
        if par:
            left = left[: par.start()].rstrip()
            changed = True
            continue
        rel = _TAIL_RELATIVE_RE.search(left) if "," in left else None
        if rel:
            left = left[: rel.start()].rstrip()
            changed = True
            continue
        w = _TAIL_WORD_RE.search(left)
        if w and _adverb(w.group(1)):
            left = left[: w.start()].rstrip()
            changed = True
            continue
        # ", who ... ,"  / ", the AU's envoy ... ," / ", 56,"
        if left.endswith(","):
            inner = left[:-1]
            cut = inner.rfind(",")
            if cut > 0:
                seg = inner[cut + 1 :].strip()
                if seg and (
                    re.match(r"(who|which|whose|the|a|an|its|his|her|their|\d+|[a-z]|[A-Z]-[A-Z])", seg)
                    or re.match(r"[A-Z][\w.]*(?:’s|'s)\s", seg)
                ):
                    left = inner[:cut].rstrip()
                    changed = True
                    continue
            # "Karim Al-Saadi, " with nothing else
            left = inner.rstrip()
            changed = True
    return left


_PART_MOD_RE = re.compile(
    r"\s+[a-z]{3,}ing\s+(?:through|in|at|on|outside|near|across|along|into|around|down|up|"
    r"from|past|toward|towards|behind|inside)\s+(?:the\s+|a\s+|an\s+)?[\w\-’' ]{1,40}$"
)


def speaker_from_np_before(doc: Doc, seg_start: int, verb_start: int) -> Speaker:
    left_full = doc.masked[seg_start:verb_start]
    left = _strip_tail(left_full.rstrip())
    pm = _PART_MOD_RE.search(left)
    if pm and pm.start() > 0:
        left = left[: pm.start()]  # "Protesters marching through the streets chanted"
    end = seg_start + len(left)
    if not left.strip():
        return NONE
    hit = person_ending_at(doc, end, slack=0)
    if hit:
        return named_speaker(hit)
    m = re.search(r"\b(he|she|they|He|She|They|I|we|We|it|It)\s*$", left)
    if m:
        return pronoun(doc, m.group(1), seg_start + m.start())
    return _desc_np(doc, left, end)


_LEAD_ADVERBS = {
    "Even",
    "But",
    "And",
    "So",
    "Yet",
    "Also",
    "Still",
    "Now",
    "Then",
    "Meanwhile",
    "However",
    "Only",
    "Just",
    "Indeed",
    "Instead",
    "Later",
    "Earlier",
    "Separately",
    "Moreover",
    "Meantime",
}


# a person noun and where they are: "narrator in the union ad", "adviser on the committee" (group 1: the person)
_PERSON_WITH_PLACE_RE = re.compile(
    r"((?:[\w’'\-.]+\s+){0,2}[a-z][\w\-]+)\s+(?:in|on|at|from)\s+(?:the|a|an)\s+(?:[\w’'\-.]+\s+){0,2}[a-z][\w\-]+"
)
_PLACE_TAIL_RE = re.compile(
    r"\s+(?:in|on|at|from)\s+(?:the|a|an)\s+(?:[\w’'\-]+\s+){0,2}[a-z][\w\-]+(?=\s*(?:[.,;!?]|$))"
)


def _person_noun(word: str) -> bool:
    """'narrator', 'source', 'spokeswoman': a noun for one person or people (suffixes and the role list)."""
    w = word.lower()
    return bool(
        re.search(r"(?:man|woman|men|women|person|people|ist|ists|er|ers|or|ors|ian|ians|ent|ents|ant|ants)$", w)
        or w in gazetteer.PERSON_ROLES
    )


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


def _desc_np(doc: Doc, left: str, end: int) -> Speaker:
    tail = left[-120:]
    # DESC_RE ends with a head word and spaces: a cheap test first (its search tries every position)
    m = DESC_RE.search(tail) if tail.rstrip().endswith(_DESC_HEAD_ENDS) else None
    if m:
        core = m.group("core").strip()
        # cut at a clause word so "that Putin was ... official" does not join
        core = re.split(r"\b(?:that|and|but|as|while|when|because|which|who|said|told|the|a|an|one|of)\b", core)[
            -1
        ].strip()
        words = core.split()
        while words and words[0] in ("The", "A", "An", "One"):
            words = words[1:]
        core = " ".join(words)
        if words:
            head = words[-1].lower()
            # "the ministry" -> latest body with that head
            full = " ".join(words)
            if len(words) == 1 and head in gazetteer.BODY_HEADS:
                b = doc.coref.body_for(head, end - len(core))
                if b:
                    return Speaker(b.text, "body", desc=b.text)
                return Speaker(full, "body", desc=full)
            if head in gazetteer.PERSON_ROLES and not any(
                w[0].isupper() and not gazetteer.country_of_place(_poss(w)[0]) for w in words[:-1] if w
            ):
                desc = " ".join(w for w in words if w.lower() not in ("senior", "top", "former"))
                return Speaker(None, "desc", desc=desc or full)
            return Speaker(full, "body", desc=full)
    # any "the/a <modifiers> noun" subject of a reporting verb: "the New York businessman", "a Kremlin aide"
    m = re.search(r"(?:^|\s)(?:the|a|an|one|The|A|An|One)\s+((?:[\w’'\-.]+\s+){0,4}[a-z][\w\-]+)\s*$", left)
    pp = _PERSON_WITH_PLACE_RE.fullmatch(m.group(1)) if m else None
    if pp and _person_noun(pp.group(1).split()[-1]):
        return Speaker(None, "desc", desc=pp.group(0))  # "a narrator in the union ad asks"
    if m and not re.search(r"\b(?:of|in|on|at|to|for|with|by|from|that|and|or|but)\b", m.group(1)):
        words = m.group(1).split()
        head = words[-1].lower()
        if _person_noun(head):
            return Speaker(None, "desc", desc=" ".join(words))
        return Speaker(" ".join(words), "body", desc=" ".join(words))
    # a capitalised organisation / outlet at the end ("The New York Times")
    m = re.search(r"((?:[A-Z][\w\-.’']*\s+){0,5}[A-Z][\w\-.’']*)\s*$", left)
    if m:
        name = re.sub(r"(?:’s|'s)$", "", m.group(1).strip())
        ws = name.split()
        while len(ws) > 1 and ws[0] in _LEAD_ADVERBS:
            ws = ws[1:]  # "Even China", "But Moscow"
        name = " ".join(ws)
        if name.split()[0] in ("The",) or len(name.split()) >= 1:
            if name.lower() in PRONOUNS:
                return pronoun(doc, name, end - len(name))
            if name in ("The", "A", "An") or all(
                w.strip(".,") in STOPNAMES or w in gazetteer.FUNCTION_CAPS for w in name.split()
            ):
                return NONE
            g1 = m.group(1).strip()
            a0 = end - len(g1) + max(0, g1.find(name))
            iso = gazetteer.country_of_place(name)
            if iso:
                return Speaker(name, "body", span=(a0, a0 + len(name)))
            p = doc.coref.find(name)
            if p:
                return Speaker(p.name, "person", p, span=(a0, a0 + len(name)))
            return Speaker(re.sub(r"^The\s+", "The ", name), "body", span=(a0, a0 + len(name)))
    return NONE


def speaker_from_np_after(doc: Doc, verb_end: int, seg_end: int) -> Speaker:
    right = doc.masked[verb_end:seg_end]
    # skip a title run: "said former Peruvian President Jorge Ramos"
    hit = person_starting_at(doc, verb_end, verb_end + min(len(right), 70))
    if hit:
        between = doc.masked[verb_end : hit[1]]
        if (
            "," not in between
            and ";" not in between
            and not re.search(r"\b(that|about|to|of|for|with|on|in)\b", between)
        ):
            return named_speaker(head_person(doc, hit))
    m = re.match(r"\s*(he|she|they|I|we|it)\b", right)
    if m:
        return pronoun(doc, m.group(1), verb_end + m.start(1))
    if re.match(
        r"\s*(?:in|on|at|during|after|before|from|to|with|about|of|for|by|via|through|last|this|earlier|later)\b", right
    ):
        return NONE
    m = re.match(
        r"\s*((?:" + DETS + r"\s+)?(?:[\w’'\-]+\s+){0,4}?(?:" + "|".join(re.escape(h) for h in DESC_HEADS) + r"))\b",
        right,
    )
    if m and "," not in m.group(1):
        seg = m.group(1)
        sp = _desc_np(doc, seg, verb_end + m.end(1))
        tail = _PLACE_TAIL_RE.match(right, m.end(1))
        if tail and sp.kind in ("desc", "body") and _person_noun(_last_word(sp.desc or sp.name or "")):
            # "said one opposition adviser on the committee."
            return Speaker(
                sp.name and sp.name + tail.group(0), sp.kind, desc=(sp.desc or sp.name or "") + tail.group(0)
            )
        return sp
    m = re.match(r"\s*(?:the\s+)?((?:The\s+)?(?:[A-Z][\w\-.’']*\s*){1,5})", right)
    if m:
        name = m.group(1).strip().rstrip(".")
        p = doc.coref.find(name)
        if p:
            a0 = verb_end + m.start(1)
            return Speaker(p.name, "person", p, span=(a0, a0 + len(name)))
        if name and name not in ("The",):
            a0 = verb_end + m.start(1)
            return Speaker(name, "body", span=(a0, a0 + len(name)))
    return NONE


_DOCUMENT_SAID_RE = re.compile(
    r",\s+(?:the|a|an|its|their)\s+(?:[\w\-]+\s+)?(?P<head>[a-z]+)\s+(?:said|says|added|read|reads|stated)\.\W*$"
)


def _document_said_before(doc: Doc, sent: Sentence, pos: int) -> Speaker | None:
    """'"...," the statement said. It added, "..."': "it" at the start of a sentence is the document that was
    quoted at the end of the previous sentence of the paragraph; it speaks for whoever that quote went to."""
    if doc.masked[sent.start : pos].strip():
        return None
    prev = doc.sentence_at(sent.start - 2) if sent.start >= 2 else None
    if prev is None or prev is sent or prev.para != sent.para:
        return None
    m = _DOCUMENT_SAID_RE.search(doc.masked, prev.start, prev.end)
    if m is None or m.group("head") not in REFERENCE_WORDS:
        return None
    before = [q for q in doc.quotes if prev.start <= q.start < prev.end and q.statement and q.speaker is not None]
    return before[-1].speaker if before else None


def _it_antecedent(doc: Doc, pos: int) -> Speaker | None:
    """'it said' / 'what it called': the document quoted just before ("the statement said. It added"),
    else the body or country the coreference stage finds as the subject (coref.it_antecedent)."""
    sent = doc.sentence_at(pos)
    if not sent:
        return None
    same_document = _document_said_before(doc, sent, pos)
    if same_document is not None:
        return same_document
    found = it_antecedent(doc, pos)
    if found is None:
        return None
    name, a0, b0 = found
    return Speaker(name, "body", span=(a0, b0))


def pronoun(doc: Doc, word: str, pos: int) -> Speaker:
    w = word.lower()
    if w == "it":
        return _it_antecedent(doc, pos) or Speaker(None, "pronoun", desc=w)
    if w == "they":  # where it stands: the attribution stage may read it as two parties (coref.plural_referent)
        return Speaker(None, "pronoun", desc=w, span=(pos, pos + len(word)))
    if w in ("we", "i"):
        return Speaker(None, "pronoun", desc=w)
    p = doc.coref.pronoun_referent(pos, "f" if w in ("she", "her") else "m")
    if p is None:
        return Speaker(None, "pronoun", desc=w)
    # the antecedent named in the same sentence is the source as written there
    sent = doc.sentence_at(pos)
    span = None
    if sent:
        ms = [(a, b) for a, b in p.mentions if sent.start <= a and b <= pos]
        if ms:
            span = ms[0]
    return Speaker(p.name, "person", p, span=span)


_SUBJ_VERB_RE = re.compile(
    r"(?:\s*\([^()]{0,40}\))?(?:\s*,[^,;" + MASK + r"]{0,160},|\s*,)?\s+(?:also\s+|later\s+|then\s+|"
    r"has\s+|had\s+|have\s+|once\s+|repeatedly\s+)?(?:[a-z]{2,}ed|said|says|told|called|"
    r"wrote|spoke|made|gave|took|put|went|came|saw|rang|sent)\b"
)


def clause_subject(doc: Doc, sent_start: int, limit: int) -> Speaker:
    """The subject at the start of a sentence (for 'X did Y, saying: ...')."""
    seg = doc.masked[sent_start:limit]
    m = re.match(
        r"\s*(?:(?:On|In|At|By|After|Before|Last|This|Earlier|Later|However|But|And|Meanwhile|Separately|"
        r"Still|Yet|So|Also|Then|Now|Shortly|Speaking|Asked|With|As|While|When|Although|Though|If|"
        r"Since|Despite|During|Amid|Following|Under|Even|Unlike|Like|Because|Once|Until|For|From|"
        r"Over|Earlier|Today|Yesterday|Separately|Instead|Indeed|Still|Now)\b[^,]{0,120},\s*)?",
        seg,
    )
    off = sent_start + (m.end() if m else 0)
    hit = person_starting_at(doc, off, off + 40)
    if hit and re.fullmatch(r"\s*(?:[A-Z][\w.\-’']*\s+)*", doc.masked[off : hit[1]]):
        return named_speaker(head_person(doc, hit))
    rest = doc.masked[off:limit]
    pm = re.match(r"\s*(He|She|They|We|I)\b", rest)
    if pm:
        return pronoun(doc, pm.group(1), off)
    # the first person named in the sentence whose name (and appositive) is followed by a verb
    for a, b, p_ in doc.coref.people_between(sent_start, min(limit, sent_start + 200)):
        if _SUBJ_VERB_RE.match(doc.masked, b) and not re.search(
            r"\b(?:of|to|with|by|for|at|about|and)\s+$", doc.masked[max(sent_start, a - 8) : a]
        ):
            return named_speaker((p_, a, b))
    # first verb-ish word: subject is what is before it
    vm = re.search(r"\s(?:has|had|have|was|were|is|are|will|would|also|[a-z]+ed|[a-z]+s)\b", rest)
    if vm:
        sp = speaker_from_np_before(doc, off, off + vm.start())
        if sp.kind != "none":
            return sp
    return NONE
