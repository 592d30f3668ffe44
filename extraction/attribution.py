"""Stage 4 for quotes: attribution frames.

Each statement gets one frame: the quote's span -> the source mention a rule matched, as the article
writes it ("the statement", "the U.S. president", "Okafor") -> who spoke (a person, a body or a state; a
description or a pronoun when nothing better is known), and the names of the rules that chose them. The
rules are small functions tried in the order of one table, STEPS:

1. FIND, the source written at the quote itself: a transcript label, the quote this one continues, after
   the quote, before it, a trailing ", X said.", a line ending in a colon; the first that finds one wins;
2. RESOLVERS, the mention found re-read as who spoke: a document stands for its issuer, a description for
   the person it describes, a place in a prepositional phrase for the subject it interrupts, an embedded
   subject ("He said the two sides agreed on a '...'") for the reporter of the whole sentence, "the bloc"
   for the bloc named before, "the two sides" for the two parties (the coreference stage, coref.py, finds
   what these refer to);
3. quotes still without a source borrow one, each pass over all statements in turn: a quote of the same
   paragraph, the continuation of a quote left open, the previous sentence's subject or trailing source,
   the body that spoke last for "it", the previous paragraph's speaker, else the last person in focus.

confidence.py reads the frame's rules. No state outside one call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import gazetteer
from .coref import ISSUED_BY_RE
from .coref import JOINT_STATEMENT
from .coref import PAIR_NOUN_RE
from .coref import document_issuer
from .coref import pair_name
from .coref import parties
from .coref import plural_referent
from .document import MASK
from .document import Doc
from .document import Quote
from .document import Sentence
from .model import AttributionFrame
from .model import Person
from .speakers import ABBR_RE
from .speakers import CHARACTERISED_AS_RE
from .speakers import POST_VERB_RE
from .speakers import REFERENCE_WORDS
from .speakers import SPEECH_ALT
from .speakers import SPEECH_RE
from .speakers import STOPNAMES
from .speakers import TRAILING_RE
from .speakers import Speaker
from .speakers import clause_subject
from .speakers import head_person
from .speakers import named_speaker
from .speakers import person_ending_at
from .speakers import person_starting_at
from .speakers import speaker_from_np_after
from .speakers import speaker_from_np_before
from .speakers import split_words

# a rule's finder: the quote's source from the document and the statements, or None
Finder = Callable[[Doc, Quote, list[Quote]], "Speaker | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    find: Finder


# ------------------------------------------------------------------------- finding rules (at the quote)

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
# reporting verbs written before their subject ("said Okafor:", "added the minister"); a verb that takes
# an object ("dismissed NATO member X as ...") is never inverted
INVERTIBLE = {
    "said",
    "says",
    "added",
    "adds",
    "asked",
    "asks",
    "wrote",
    "writes",
    "explained",
    "continued",
    "recalled",
    "noted",
    "insisted",
    "argued",
    "declared",
    "replied",
    "responded",
    "tweeted",
    "posted",
    "warned",
    "stated",
    "told",
    "announced",
    "according to",
}
_DASH_STOP_RE = re.compile(r"\s*[―—–-]+\s*(?:" + "|".join(sorted(STOPNAMES, key=len, reverse=True)) + r")\b")

_ONLY_CLOSER_RE = re.compile(r"\s*[\"”]?\s*$")
_LEAD_PUNCT_RE = re.compile(r"\s*[,—–-]?\s*")
_AS_PUT_IT_RE = re.compile(r"\s*,?\s*as\s+([^,.;]{2,80}?)\s+(?:put|puts|has put|had put|phrased|phrases)\s+it\b")
_NEW_CLAUSE_RE = re.compile(r"\s*[,—–-]?\s*(?:but|and|while|as|because|although|though|so|yet|when|if)\b")


def after_quote_words(doc: Doc, q: Quote) -> Speaker | None:
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
            and not re.search(r"[.;!?]\s", ABBR_RE.sub("", rest[: vm2.start()]))
            and len(split_words(rest[: vm2.start()])) <= 30
        ):
            near = speaker_from_np_before(doc, seg_start + lead.end(), hit[1] + vm2.start())
            if near.kind == "person" and near.person is not hit[0] and near.span and near.span[0] > hit[1]:
                return near  # '"...," Ortega lawyer Ines Calloway said'
            return named_speaker(head_person(doc, hit))
    # verb within the first words
    window = clean[:120]
    vm = POST_VERB_RE.search(window)
    if not vm:
        return None
    before = window[: vm.start()]
    if re.search(r"[.;!?]", ABBR_RE.sub("", before)) or len(split_words(before)) > 9:
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


_RELATIVE_BEFORE_RE = re.compile(r"\b[a-z]+\s+(?:who|whom)\s+(?:[a-z]+ly\s+|had\s+|has\s+|have\s+)?$")


def before_quote_words(doc: Doc, q: Quote) -> Speaker | None:
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
    if len(verbs) > 1:
        # 'X told a fisherman who argued that ... that "..."': a relative clause's verb is not the report
        verbs = [verbs[0]] + [m for m in verbs[1:] if not _RELATIVE_BEFORE_RE.search(seg, 0, m.start())]
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
    if (
        len(prev) >= 2
        and prev[-2].lower() in _NOUN_BEFORE
        and w.endswith("s")
        and w not in ("says", "tells", "adds", "asks", "writes")
        and prev[-1][:1].isupper()
        and prev[-1].endswith(("ic", "an", "ish", "ese", "ist", "al"))
    ):
        return True  # "of Republican claims", "the Russian demands": an adjective and a plural noun
    return False


def _speaker_for_verb(doc: Doc, q: Quote, sstart: int, cut: int, seg: str, best: re.Match[str]) -> Speaker:
    verb = best.group(0).strip()
    vstart = sstart + cut + best.start()
    if verb.lower() == "according to":
        sp = speaker_from_np_after(doc, sstart + cut + best.end(), q.start - 1)
        return sp if sp.kind != "none" else source_before_comma(doc, sstart + cut + best.end(), q.start - 1)
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
    if sp.kind == "none" and verb.lower() in INVERTIBLE:
        # "said X," inverted before the quote: 'said Okafor: "..."'
        right = doc.masked[sstart + cut + best.end() : q.start - 1]
        if len(split_words(right)) <= 10 and not re.search(
            r"\b(?:that|would|will|could|should|is|was|were|are|has|had|have|not|to)\b", right
        ):
            sp = speaker_from_np_after(doc, sstart + cut + best.end(), q.start - 1)
    return sp


def source_before_comma(doc: Doc, start: int, end: int) -> Speaker:
    """'According to a 52-count complaint filed by the agency, the firm ran a "..."': the whole noun phrase up
    to the comma is the source, when it opens with a determiner or a capital and has no clause in it."""
    m = re.match(r"\s*((?:a|an|the|one|two|[A-Z])[^,;:" + MASK + r"]{2,200}?),", doc.masked[start:end])
    if not m or re.search(r"\b(?:said|says|told|that|who|which)\b", m.group(1)):
        return Speaker(None, "none")
    return Speaker(doc.text[start + m.start(1) : start + m.end(1)], "body")


_CLAIM_NOUNS = (
    "claim|claims|assertion|assertions|prediction|predictions|promise|promises|warning|warnings|remark|remarks|"
    "comment|comments|pledge|pledges|vow|vows|argument|arguments|contention|insistence|accusation|accusations|"
    "charge|charges|description|boast|boasts"
)
_POSSESSED_CLAIM_RE = re.compile(r"(?:’s|'s)\s+(?:[a-z]+\s+){0,2}(?:" + _CLAIM_NOUNS + r")\s+(?:that|of|about)\b")


def possessor_of_claim(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """'... on the mayor's claim that there have been "hundreds of closures"': whose claim it is."""
    sent = doc.sentence_at(q.start)
    if not sent:
        return None
    pre = doc.masked[sent.start : q.start]
    hits = list(_POSSESSED_CLAIM_RE.finditer(pre))
    if not hits or SPEECH_RE.search(pre, hits[-1].end()) or MASK in pre[hits[-1].end() :]:
        return None
    hit = person_ending_at(doc, sent.start + hits[-1].start())
    return named_speaker(hit) if hit else None


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


def _trailing_source(doc: Doc, sent: Sentence) -> Speaker | None:
    """'..., Roe said.' at the end of a sentence: its reporting subject."""
    seg = doc.masked[sent.start : sent.end].rstrip()
    m = TRAILING_RE.search(seg)
    if not m:
        return None
    return speaker_from_np_before(doc, sent.start + m.start(1), sent.start + m.end(1))


_TRANSCRIPT_RE = re.compile(r"([A-Z][A-Z.'’\- ]{1,30}[A-Z]):\s")


def after_quote(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """'"...," X said' / '"...," said X' / '"..." according to X' right after the quote."""
    return after_quote_words(doc, q)


def before_quote(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """'X said: "..."' / 'X said that Putin was "..."' / 'X, saying "..."' in the same sentence."""
    return before_quote_words(doc, q)


_TRANSCRIPT_RE = re.compile(r"([A-Z][A-Z.'’\- ]{1,30}[A-Z]):\s")


def transcript_label(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """A transcript line in quotation marks: "PENCE: Well, look, ..." takes its label."""
    tm = _TRANSCRIPT_RE.match(q.text)
    if not tm:
        return None
    label = tm.group(1).strip().title()
    p = doc.coref.find(label)
    return Speaker(p.name, "person", p) if p else Speaker(label, "person")


def continued_quote(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """A quote continuing the one left open at the end of the previous paragraph: that quote's speaker."""
    if not q.continues:
        return None
    prevs = [o for o in doc.quotes if o.statement and o.end <= q.start and o.para == q.para - 1]
    return prevs[-1].speaker if prevs else None


def trailing_clause(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """'"..." about the dam for a decade, Senator Ana Pires told the board.': the sentence's trailing source,
    when the sentence quotes nothing else."""
    sent = doc.sentence_at(q.start)
    if not sent or any(o is not q and o.statement and sent.start <= o.start < sent.end for o in doc.quotes):
        return None
    if not TRAILING_RE.search(doc.masked[q.end : sent.end].rstrip()):
        return None
    sp = _trailing_source(doc, sent)
    return sp if sp is not None and sp.kind in ("person", "body", "desc") else None


_PASSIVE_AS_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\s+$")


def characterised_as(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """'X has been pounding Y as a "club of insiders"' (no reporting verb): the clause's subject characterises."""
    sent = doc.sentence_at(q.start)
    pre = doc.masked[sent.start : q.start] if sent else ""
    m = CHARACTERISED_AS_RE.search(pre)
    if not sent or not m or _PASSIVE_AS_RE.search(pre, 0, m.start()):
        return None  # 'what is being criticized as "..."': the passive names no characteriser
    sp = clause_subject(doc, sent.start, q.start - 1)
    named = sp.kind in ("person", "pronoun") or (sp.kind == "body" and (sp.name or "")[:1].isupper())
    return sp if named else None  # a named subject only: "Critics of the port" is not "port"


def colon_line(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """A paragraph opening with the quote after a line ending in ':'."""
    if doc.masked[doc.paras[q.para][0] : q.start - 1].strip():
        return None
    return _colon_intro(doc, q)


# ------------------------------------------------------------------ lending rules (from elsewhere)


def previous_quote_in_paragraph(doc: Doc, q: Quote, quotes: list[Quote]) -> Speaker | None:
    """The speaker of the last quote before this one in its paragraph."""
    before = [o for o in quotes if o.para == q.para and o is not q and o.speaker is not None and o.end <= q.start]
    return before[-1].speaker if before else None


def next_quote_in_paragraph(doc: Doc, q: Quote, quotes: list[Quote]) -> Speaker | None:
    """The speaker of the first quote after this one in its paragraph."""
    after = [o for o in quotes if o.para == q.para and o is not q and o.speaker is not None and o.start >= q.end]
    return after[0].speaker if after else None


def continuation(doc: Doc, q: Quote, quotes: list[Quote]) -> Speaker | None:
    """A quote left open at a paragraph end: the speaker of its continuation."""
    if not q.open_end:
        return None
    nxt = [o for o in quotes if o.para == q.para + 1 and o.continues and o.speaker is not None]
    return nxt[0].speaker if nxt else None


def previous_sentence(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """A quote opening its sentence right after a sentence of the same paragraph: that sentence's trailing
    source or its subject, when a person."""
    sent = doc.sentence_at(q.start - 1)
    pstart = doc.paras[q.para][0]
    if not sent or doc.masked[sent.start : q.start - 1].strip() != "" or sent.start <= pstart:
        return None
    prev = doc.sentence_at(sent.start - 2)
    if not prev or prev.para != q.para:
        return None
    sp = _trailing_source(doc, prev)
    if sp is None or sp.kind != "person":
        sp = clause_subject(doc, prev.start, prev.end)
    return sp if sp.kind == "person" else None


def body_that_spoke_last(doc: Doc, q: Quote, quotes: list[Quote]) -> Speaker | None:
    """ "it added": the body that spoke last, in this paragraph or the two before."""
    prevs = [
        o
        for o in quotes
        if o.end <= q.start and q.para - o.para <= 2 and o.speaker is not None and o.speaker.kind == "body"
    ]
    return prevs[-1].speaker if prevs else None


def previous_paragraph(doc: Doc, q: Quote, quotes: list[Quote]) -> Speaker | None:
    """A paragraph opening with a quote continues the speaker of a quote in it or the paragraph before."""
    if doc.masked[doc.paras[q.para][0] : q.start - 1].strip():
        return None
    prevs = [o for o in quotes if o.end <= q.start and o.speaker is not None and q.para - o.para <= 1]
    return prevs[-1].speaker if prevs else None


def person_in_focus(doc: Doc, q: Quote, _quotes: list[Quote]) -> Speaker | None:
    """A paragraph opening with a quote: the last person named before it."""
    if doc.masked[doc.paras[q.para][0] : q.start - 1].strip():
        return None
    p = doc.coref.last_person_before(q.start - 1)
    return Speaker(p.name, "person", p) if p is not None else None


# Words for groups or events that an embedded clause may take as its subject but that do not speak.
NON_SPEAKERS = {
    "sides",
    "side",
    "parties",
    "truce",
    "agreement",
    "deal",
    "talks",
    "meeting",
    "round",
    "ceasefire",
    "development",
    "breakthrough",
    "countries",
    "plan",
    "proposal",
}
# Nouns for one person in a role, beyond the gazetteer's titles: "the U.S. diplomat said"
PERSON_NOUNS = {"diplomat", "official", "negotiator", "envoy", "leader", "mediator", "politician", "lawmaker"}
_PREP_BEFORE_RE = re.compile(r"\b(?:in|at|from|to|near|outside|inside|into|with|on|of)\s+(?:the\s+)?$")


def _speaker(
    name: str | None,
    kind: str,
    person: Person | None = None,
    desc: str | None = None,
    span: tuple[int, int] | None = None,
) -> Speaker:
    return Speaker(name, kind, person, desc=desc, span=span)


def _head(sp: Speaker) -> str:
    words = re.findall(r"[\w’'\-]+", (sp.name or sp.desc or "").lower())
    return words[-1] if words else ""


def _sentence_before(doc: Doc, q: Quote, back: int = 0) -> str:
    """The text of the quote's sentence (and `back` sentences before it) up to the end of the sentence."""
    sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
    k = doc.index_of(sent) if sent is not None else -1
    if sent is None or k < 0:
        return ""
    first = doc.sentences[max(0, k - back)]
    return doc.masked[first.start : sent.end]


def body_name(name: str) -> str:
    """'Azerbaijani Foreign Ministry' -> "Azerbaijan's Foreign Ministry": a body named by its state's
    adjective is written with the state's name, so one body has one name across articles."""
    name = name.strip().rstrip(".")
    words = re.sub(r"^(?:the|The)\s+", "", name).split()
    for n in (2, 1):
        if len(words) > n:
            iso = gazetteer.gaz().demonym.get(" ".join(words[:n]))
            country = gazetteer.country_display(iso) if iso and iso != "EU" else None
            if country and len(country.split()) <= 2:
                return f"{country}'s " + " ".join(words[n:])
    return name


# ------------------------------------------------------------------------------------------ resolving rules


def issuer_of_document(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'the statement by the X Ministry said', 'the document says' after 'X said in a statement' or a
    joint statement: the issuer (or the joint statement itself) speaks, not the word "statement"."""
    if sp.kind not in ("body", "desc") or _head(sp) not in REFERENCE_WORDS:
        return None
    here = _sentence_before(doc, q)
    m = ISSUED_BY_RE.search(here)
    if m:
        return _speaker(body_name(m.group(1)), "body")
    if _head(sp) in ("tweet", "post", "message", "letter"):
        sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
        if sent:
            subj = clause_subject(doc, sent.start, sent.end)
            if subj.kind == "person":
                return subj
    issuer = document_issuer(doc, q.start, here)
    if issuer == JOINT_STATEMENT:
        return _speaker(JOINT_STATEMENT, "body", desc=JOINT_STATEMENT)
    if not issuer:
        return None
    person = next((p for p in doc.coref.people if p.name == issuer), None)  # "Minister X issued a statement"
    return _speaker(person.name, "person", person) if person else _speaker(body_name(issuer), "body")


def person_of_description(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'the U.S. president said', 'said the U.S. diplomat': the person of that country named before,
    preferring one whose title has the description's head noun."""
    text = (sp.desc or sp.name or "").strip()
    if sp.kind == "body" and sp.span:
        tail = re.match(r"\.?\s+([a-z][\w\-]+)", doc.masked[sp.span[1] : sp.span[1] + 30])
        if tail and (tail.group(1) in gazetteer.PERSON_ROLES or tail.group(1) in gazetteer.TITLE_CORE):
            text = text + " " + tail.group(1)  # "the U.S. diplomat" cut at the abbreviation's dot
    m = re.match(r"(?:the\s+)?(.+?)\s+([a-z][\w\-]+)$", text)
    if not m or sp.kind not in ("desc", "body"):
        return None
    mods = m.group(1).replace("’s", "").replace("'s", "").split()
    iso = None
    for n in range(len(mods), 0, -1):  # "EU's chief negotiator": the country opens the modifiers
        iso = gazetteer.country_of_place(" ".join(mods[:n]).rstrip(".")) or gazetteer.country_of_place(
            " ".join(mods[:n])
        )
        if iso:
            break
    role = m.group(2)
    if not iso and m.group(1).endswith(("U.S", "U.K", "U.N")):
        iso = gazetteer.country_of_place(m.group(1) + ".")
    if not iso or not (role in gazetteer.PERSON_ROLES or role in gazetteer.TITLE_CORE or role in PERSON_NOUNS):
        return None
    sent = _sentence_before(doc, q)
    at = sent.find(m.group(1) + " " + role) if m.group(1) else -1
    prev_word = re.search(r"([a-z]+)\s+$", sent[max(0, at - 20) : at]) if at >= 0 else None
    if prev_word and prev_word.group(1) != "the":
        return None  # "the former governor and party chairwoman": a longer description, kept as written
    # "..., the EU's chief negotiator has said." and the next paragraph names him: the first one after
    p = doc.coref.described_person(iso, role, q.start, q.end)
    return _speaker(p.name, "person", p) if p is not None else None


def subject_past_a_place(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'X, reading ... at a news briefing in Lugano, Switzerland, said': a place in a prepositional
    phrase is never the source; the sentence's subject is."""
    if (
        sp.kind != "body"
        or not sp.span
        or not (gazetteer.country_of_place(sp.name or "") or gazetteer.city_country(sp.name or ""))
    ):
        return None
    s = sp.span[0]
    before = doc.masked[max(0, s - 40) : s]
    if not (
        _PREP_BEFORE_RE.search(before)
        or re.search(r"\b(?:in|at|from|to|near)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?,\s*$", before)
    ):
        return None
    sent = doc.sentence_at(s)
    if sent is None:
        return None
    subj = clause_subject(doc, sent.start, s)
    if subj.kind == "person":
        return subj
    # "NAME, reading from ... in CITY, COUNTRY, said": the first person named, set off by a comma
    for a, b, p in doc.coref.people_between(sent.start, s)[:1]:
        if re.match(r"\s*,", doc.masked[b : b + 3]):
            return _speaker(p.name, "person", p, span=(a, b))
    return None


def outer_reporter(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'He said both parties had settled on a "..."': the quote belongs to the reporter of the sentence,
    not to the subject of the reported clause."""
    if sp.kind not in ("body", "desc") or _head(sp) not in NON_SPEAKERS | REFERENCE_WORDS:
        return None
    sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
    if sent is None:
        return None
    pre = doc.masked[sent.start : q.start]
    for vm in SPEECH_RE.finditer(pre):
        if vm.group(0).startswith(":"):
            continue
        subj = speaker_from_np_before(doc, sent.start, sent.start + vm.start())
        if subj.kind == "person":
            return subj
        break
    return None


def person_of_bare_title(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'"...," the president said' with no state named: the one person named before with that title."""
    if sp.kind != "desc" or not sp.desc:
        return None
    words = re.sub(r"^the\s+", "", sp.desc.strip().lower()).split()
    if not words or len(words) > 3 or not all(w.isalpha() for w in words):
        return None
    if words[-1] not in gazetteer.TITLE_CORE and words[-1] not in gazetteer.PERSON_ROLES:
        return None
    p = doc.coref.titled_person(" ".join(words), q.start)
    return _speaker(p.name, "person", p) if p is not None else None


# "the bloc", "the 27-member bloc", "the regional bloc" (not "the opposition bloc", a party alliance)
_BLOC_RE = re.compile(r"(?:the\s+)?(?:(?:\d+|[a-z]+)-(?:member|nation|country|state)\s+|regional\s+|trade\s+)?bloc")


def bloc_named_before(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'"...," the bloc said': the supranational body or alliance named last before (coref.bloc_before)."""
    if sp.kind not in ("body", "desc") or not _BLOC_RE.fullmatch((sp.desc or sp.name or "").strip().lower()):
        return None
    b = doc.coref.bloc_before(q.start)
    return _speaker(doc.coref.bloc_name(b.key), "body") if b is not None else None


def parties_of_a_pair(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'"...," the two sides said': the two parties it stands for (coref.parties), by name ("Armenia and
    Azerbaijan"), when the article makes them clear."""
    text = (sp.desc or sp.name or "").strip()
    m = PAIR_NOUN_RE.fullmatch(text) or PAIR_NOUN_RE.fullmatch("the " + text)
    if sp.kind not in ("body", "desc") or m is None or not re.match(r"(?:the\s+)?(?:two|both)\b", text.lower()):
        return None
    sent = doc.sentence_at(q.start) or doc.sentence_at(q.start - 1)
    at = PAIR_NOUN_RE.search(doc.masked, sent.start, sent.end) if sent else None
    pair = parties(doc, at.start() if at else q.start, m.group(1))
    return _speaker(pair_name(doc, pair), "body") if pair is not None else None


def parties_of_they(doc: Doc, q: Quote, sp: Speaker) -> Speaker | None:
    """'They said: "..."' after "Chile and Uruguay signed ...": the two parties by name, when they are the
    subject the pronoun refers to (coref.plural_referent)."""
    if sp.kind != "pronoun" or sp.desc != "they" or sp.span is None:
        return None
    pair = plural_referent(doc, sp.span[0])
    return _speaker(pair_name(doc, pair), "body") if pair is not None else None


RESOLVERS = (
    issuer_of_document,
    person_of_description,
    person_of_bare_title,
    subject_past_a_place,
    outer_reporter,
    bloc_named_before,
    parties_of_a_pair,
    parties_of_they,
)


def resolve(doc: Doc, quotes: list[Quote]) -> None:
    """Re-read each frame's source mention with the first resolving rule that applies."""
    for q in quotes:
        frame = q.frame
        if frame is None:
            continue
        for rule in RESOLVERS:
            better = rule(doc, q, frame.mention)
            if better is not None:
                frame.speaker, frame.resolved_by = better, rule.__name__
                break


def _without_source(q: Quote) -> bool:
    return q.frame is None


def _said_by_it(q: Quote) -> bool:
    return q.frame is not None and q.frame.speaker.kind == "pronoun" and q.frame.speaker.desc == "it"


@dataclass(frozen=True)
class Pass:
    """One pass over the statements in turn: each quote it takes gets the first of its rules that finds a
    source (a Speaker that is not "none")."""

    rules: tuple[Rule, ...]
    takes: Callable[[Quote], bool] = _without_source
    backwards: bool = False  # from the last quote: an open quote's continuation is attributed first

    def __call__(self, doc: Doc, quotes: list[Quote]) -> None:
        for q in reversed(quotes) if self.backwards else quotes:
            if not self.takes(q):
                continue
            for rule in self.rules:
                sp = rule.find(doc, q, quotes)
                if sp is not None and sp.kind != "none":
                    q.frame = AttributionFrame(sp, sp, rule.name)
                    break


FIND = (
    Rule("transcript", transcript_label),
    Rule("continues", continued_quote),
    Rule("post", after_quote),
    Rule("pre", before_quote),
    Rule("trailing", trailing_clause),
    Rule("as", characterised_as),
    Rule("claim", possessor_of_claim),
    Rule("colon", colon_line),
)
# The attribution steps in the order they run.
STEPS: tuple[Callable[[Doc, list[Quote]], None], ...] = (
    Pass(FIND),
    resolve,  # a document, description or place as source -> who spoke
    Pass((Rule("para-prev", previous_quote_in_paragraph), Rule("para-next", next_quote_in_paragraph))),
    Pass((Rule("continued-by", continuation),), backwards=True),
    Pass((Rule("prev-sent", previous_sentence),)),
    Pass((Rule("it-body", body_that_spoke_last),), takes=_said_by_it),
    Pass((Rule("prev-para", previous_paragraph), Rule("focus", person_in_focus))),
)

_BRACKETED_RE = re.compile(r"[(\[][^()\[\]]{1,40}[)\]]\.?")  # a stage direction in brackets


def attribute(doc: Doc) -> None:
    """An attribution frame for each statement that has a source (Quote.frame)."""
    for q in doc.quotes:
        if q.statement and _BRACKETED_RE.fullmatch(q.text.strip()):
            q.statement = False  # "(CROSSTALK.)": a stage direction
    quotes = [q for q in doc.quotes if q.statement]
    for step in STEPS:
        step(doc, quotes)
