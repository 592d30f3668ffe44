"""Stage 3: entities and coreference, built once per extract() call from the typed mentions.

An entity is one person, body or state of the article with all its mentions: a person's full name,
surname and given name (people.scan already joins those), a body's repeated names, a state's name,
demonym, capital and seat of government. A person's gender, when no title or honorific gave it, comes
from a short list of female given names, else from the pronoun that most often reports them ("she
said" right after a sentence whose subject they are). The referring words are then linked to an entity:

- he/she/his/her/him -> a person, by gender when it is known: the subject named right after a
  sentence-opening phrase for "his/her" in that phrase ("On his way out, X said"), else the first
  person earlier in the same sentence, else the first person of the nearest of the three sentences
  before that names one;
- "the ministry", "the delegation", "the party" -> the latest body of that head named before (not a
  bare "the ministry" itself), one named by a common noun ("Iceland's foreign ministry") first, else
  one named by a proper name ("the National Unity Party"); "the group" and "the organisation" -> the
  latest body named by a proper name;
- "the U.S. president", "the Russian negotiator" -> the person of that state named before, one
  whose title has the head noun first, else the first one named just after;
- "the two sides", "both countries" -> the two parties (states, bodies named by a proper name, blocs; not a
  venue or a mediator "brokered by X") named in the sentence before it, else in the previous sentence,
  else the article's two most-named states when nothing else is named nearly as often (`parties`);
- "they"/"their" -> the two parties of the nearest plural antecedent: two parties named together
  ("Chile and Uruguay") or a phrase for two parties (`plural_referent`); people and officials are left
  unresolved;
- "the bloc" -> the latest supranational body or alliance named before (EU, ASEAN, AU, NATO ...,
  `gazetteer.BLOCS`; `Coref.bloc_before`);
- "the statement", "the document", "the tweet" are what a named source issued, never a speaker: the
  issuer of the document named last before ("a statement issued by X", "X said in a statement", "X issued
  a statement"; `document_issuer`), or a joint statement.

Attribution and event frames ask this stage instead of scanning the text again. Nothing is kept
outside one call: a Coref belongs to one Doc.
"""

from __future__ import annotations

import bisect
import re

from . import gazetteer
from .model import Coref
from .model import Doc
from .model import Entity
from .model import Mention
from .model import Mentions
from .model import Person
from .people import Registry

_INTRO_PHRASE_RE = re.compile(
    r"\s*(?:On|In|At|During|After|Before|Upon|From|With|For|Despite|Throughout|Following|Ahead of)\b[^,]*$"
)


_POST_ALT = "|".join(sorted(gazetteer.POST_VERBS, key=len, reverse=True))
# "she said" / "He added" opening a sentence or a clause: a vote for the gender of the person before it
# (the leading lookahead passes over the positions where no pronoun can start faster than the lookbehinds do)
_PRON_VERB_RE = re.compile(
    r"(?=[hHsS])(?:^|(?<=[.!?”\"]\s)|(?<=\n)|(?<=[,”\"] ))(he|she|He|She)\b(?=\s+(?:\w+\s+)?(?:" + _POST_ALT + r")\b)"
)


def infer_genders(doc: Doc, people: list[Person], spans: list[tuple[int, int, Person]]) -> None:
    """The gender of people whose title or honorific gave none: a female given name, else the pronoun
    that most often reports them ("she said" right after a sentence whose subject they are)."""
    for p in people:
        if not p.gender and p.tokens[0].lower() in gazetteer.FEMALE_GIVEN_NAMES:
            p.gender = "f"
    starts = [s for s, _e, _p in spans]
    longest = max((e - s for s, e, _p in spans), default=0)
    votes: dict[int, list[int]] = {}
    for m in _PRON_VERB_RE.finditer(doc.masked):
        pos = m.start(1)
        # the mentions ending in the 300 characters before the pronoun, by position
        near = spans[bisect.bisect_left(starts, pos - 300 - longest) : bisect.bisect_left(starts, pos)]
        prev = [x for x in near if x[1] <= pos and pos - x[1] < 300]
        if not prev:
            continue
        sent = doc.sentence_at(prev[-1][0])
        cands = [x for x in prev if sent and sent.start <= x[0] < sent.end]
        p = (cands[0] if cands else prev[-1])[2]
        v = votes.setdefault(id(p), [0, 0])
        v[1 if m.group(1).lower() == "she" else 0] += 1
    for p in people:
        if not p.gender and id(p) in votes:
            m_, f_ = votes[id(p)]
            if f_ != m_:
                p.gender = "f" if f_ > m_ else "m"


# "On Monday, ", "But ": the words before a sentence's subject
_LEAD_IN_RE = re.compile(
    r"\s*(?:(?:On|In|At|By|After|Before|Last|This|Earlier|Later|However|But|And|Meanwhile|"
    r"Separately|Still|Yet|So|Also|Then|Now|Following|Under|Amid|With|Even)\b[^,]{0,100},\s*)?"
    r"(?:(?:But|And|Even|Meanwhile|Still|Yet|So|Also)\s+)?"
)


_ORG_RE = re.compile(
    r"(?:[Tt]he\s+)?((?:[A-Z][\w\-.’']*\s+(?:(?:of|for)\s+(?:the\s+)?|and\s+|&\s+)?){0,6}[A-Z][\w\-.’']*)"
)
_WORD_RE = re.compile(r"[\w’'\-]+")


def it_antecedent(doc: Doc, pos: int) -> tuple[str, int, int] | None:
    """ "it said" / "what it called" at pos: the body, state or organisation that is the subject of this
    sentence or of the previous one in the paragraph, as (name, start, end); the longest body starting
    there ("The United Nations Security Council"). Only bodies named by a common noun, states not in the
    possessive, and a capitalised organisation name opening the clause count."""
    sent = doc.sentence_at(pos)
    if not sent:
        return None
    sents = [sent]
    prev = doc.sentence_at(sent.start - 2) if sent.start >= 2 else None
    if prev and prev.para == sent.para and prev is not sent:
        sents.append(prev)
    for st in sents:
        limit = min(st.end, pos)
        m = _LEAD_IN_RE.match(doc.masked, st.start, limit)
        off = m.end() if m else st.start
        cands = [(b.start, b.end, b.text) for b in doc.mentions.between("body", off, limit) if b.form == "common"]
        for c in doc.mentions.between("state", off, limit):
            if not re.match(r"(?:’s|'s)", doc.masked[c.end : c.end + 2]):
                cands.append((c.start, c.end, c.text))
        om = _ORG_RE.match(doc.masked, off, limit)  # "The United Nations Security Council"
        if om and (
            om.group(1).split()[-1].lower() in gazetteer.ORG_NAME_HEADS
            or om.group(1).split()[-1].lower() in gazetteer.BODY_HEADS
        ):
            cands.append((om.start(1), om.end(1), om.group(1)))
        if not cands:
            continue
        cs, ce, name = min(cands)
        lead = doc.masked[off:cs]
        if len(_WORD_RE.findall(lead)) > 3 or doc.coref.people_between(off, cs):
            continue
        # the longest body starting there ("The United Nations Security Council")
        same = [c for c in cands if c[0] <= ce and c[1] >= ce]
        _, ce2, name2 = max(same, key=lambda c: c[1] - c[0]) if same else (cs, ce, name)
        if not re.match(
            r"\s+(?:on\s+\w+\s+|also\s+|has\s+|had\s+|have\s+|was\s+|is\s+)?[a-z]+",
            doc.masked[max(ce, ce2) : max(ce, ce2) + 30],
        ) and not re.match(r"\s*,", doc.masked[max(ce, ce2) : max(ce, ce2) + 3]):
            continue
        name2 = re.sub(r"^(?:the|The)\s+", "", name2)
        a0 = max(cs, ce2 - len(name2)) if ce2 >= ce else cs
        return name2, a0, ce2
    return None


# ------------------------------------------------------------------------------ documents

# "the statement", "the document", "the tweet" refer to what a named source issued; they never speak
JOINT_STATEMENT = "joint statement"
_ISSUER = r"((?:[A-Z][\w\-.’']*[ ]+(?:of[ ]+(?:the[ ]+)?)?){0,5}[A-Z][\w\-’']*)"
ISSUED_BY_RE = re.compile(
    r"\b(?:statement|document|communiqu[eé]|declaration|letter|release|readout|text)\s+"
    r"(?:(?:issued|released|published|signed|sent|posted)\s+)?by\s+(?:the\s+)?" + _ISSUER
)
_SAID_IN_RE = re.compile(
    r"(?:the\s+)?"
    + _ISSUER
    + r"\s+(?:said|says|announced|added|stated)\s+in\s+a\s+(?:joint\s+)?(?:written\s+)?statement"
)
# "... issued a statement", "... tweeted", "... posted on Telegram": the issuer is the mention (a body, state,
# bloc or person) ending right before it
_ISSUED_RE = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:(?:issued|released|published|put\s+out)\s+(?:a|an)\s+"
    r"(?:\w+\s+)?(?:statement|communiqu[eé]|declaration|document|readout)\b|tweeted\b|"
    r"posted\s+(?:a\s+\w+\s+)?on\s+(?:Twitter|X|Facebook|Instagram|Telegram|Truth\s+Social|social\s+media)\b)"
)
_ISSUER_KINDS = ("body", "state", "bloc", "person")
_JOINT_RE = re.compile(r"\bjoint\s+(?:statement|communiqu[eé]|declaration)\b")


def _opens_with_a_date(name: str) -> bool:
    first = name.split()[0]
    return first in gazetteer.WEEKDAY_NAMES or first in gazetteer.MONTH_NAMES


def _issuers_before_verb(doc: Doc, lo: int, hi: int) -> list[tuple[int, str]]:
    """ "Chile's foreign ministry issued a statement", "The Ocean Council released a statement": (start,
    name) of the mention right before each such verb in [lo, hi) (the longest, when several end there)."""
    out = []
    for m in _ISSUED_RE.finditer(doc.masked, lo, hi):
        x = _mention_ending_at(doc, m.start(), lo)
        while x is not None and x.kind == "state":  # "Minister X of Chile issued": X
            of = _OF_BEFORE_RE.search(doc.masked, max(lo, x.start - 8), x.start)
            owner = _mention_ending_at(doc, of.start(), lo) if of else None
            if owner is None:
                break
            x = owner
        if x is not None:
            out.append((x.start, x.key if x.kind == "person" else x.text))
    return out


_OF_BEFORE_RE = re.compile(r"\s+of\s+(?:the\s+)?$")


def _mention_ending_at(doc: Doc, end: int, lo: int) -> Mention | None:
    """The longest body, state, bloc or person mention ending at `end`."""
    ending = [x for k in _ISSUER_KINDS for x in doc.mentions.between(k, max(lo, end - 120), end) if x.end == end]
    return min(ending, key=lambda x: x.start) if ending else None


def document_issuer(doc: Doc, pos: int, here: str = "") -> str | None:
    """ "the statement said" at pos: the source that issued the document named last in the 2500 characters
    before ("a statement issued by X", "X said in a statement", "X issued a statement"), as written (a
    person by their full name); or JOINT_STATEMENT when a joint statement is named after those (in them or in
    `here`, the rest of the quote's sentence). None when no issuer is named."""
    lo = max(0, pos - 2500)
    before = doc.masked[lo:pos]
    found = [
        (m.start(), m.group(1))
        for rx in (ISSUED_BY_RE, _SAID_IN_RE)
        for m in rx.finditer(before)
        if not _opens_with_a_date(m.group(1))  # "on Monday said in a statement"
    ]
    found += [(s - lo, name) for s, name in _issuers_before_verb(doc, lo, pos)]
    joint = [m.start() for m in _JOINT_RE.finditer(before + here)]
    if joint and (not found or joint[-1] > max(found)[0]):
        return JOINT_STATEMENT
    return max(found)[1] if found else None


# ------------------------------------------------------------------------------ groups of two parties

# "the two sides", "both countries", "the parties": a phrase for the article's two parties (group 1: the noun)
PAIR_NOUN_RE = re.compile(
    r"\b(?:[Tt]he\s+two|[Bb]oth(?:\s+the)?|[Tt]he)\s+"
    r"(sides|parties|countries|nations|governments|delegations|groups|camps|neighbou?rs)\b"
)
# the nouns for which, with "two" or "both", the article's two most-named states stand when no sentence near
# names two parties ("the parties" or "the two groups" may be parties of a state's own politics)
_STATE_PAIR_NOUNS = frozenset({"sides", "countries", "nations", "governments", "neighbours", "neighbors"})
# a place named as a venue ("in northern Ethiopia", "at the Kremlin") or an agent ("brokered by the AU",
# "hosted by Qatar"): a mediator or a setting, not one of the sides
_NOT_A_SIDE_BEFORE_RE = re.compile(
    r"\b(?:(?:in|at|to|from|near|outside|inside|across)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|"
    r"central|north|south|east|west)[\w\-]*\s+)?|by\s+(?:the\s*)?)$"
)


def _party_mentions(doc: Doc, lo: int, hi: int) -> list[Mention]:
    """The mentions of parties in [lo, hi): states (by name or demonym, or a capital or seat not named as a
    venue), bodies named by a proper name, blocs; none named as a venue or an agent; by position."""
    out = [
        m
        for m in doc.mentions.between("state", lo, hi)
        if (m.form == "demonym" or not _NOT_A_SIDE_BEFORE_RE.search(doc.masked[max(0, m.start - 24) : m.start]))
    ]
    # a span named twice ("the European Union": a state, a proper name and a bloc) is one party
    for m in [b for b in doc.mentions.between("body", lo, hi) if b.form == "proper"] + doc.mentions.between(
        "bloc", lo, hi
    ):
        if not any(o.start < m.end and m.start < o.end for o in out) and not _NOT_A_SIDE_BEFORE_RE.search(
            doc.masked[max(0, m.start - 24) : m.start]
        ):
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _party_key(m: Mention) -> tuple[str, str]:
    return (m.kind, m.key if m.kind != "body" else m.text)


def party_name(doc: Doc, m: Mention) -> str:
    """A party as the article names it: a state by its name, a body by its proper name, a bloc at its fullest."""
    if m.kind == "state":
        return gazetteer.country_display(m.key) or m.text
    if m.kind == "bloc":
        return doc.coref.bloc_name(m.key)
    return m.text


def _two_named(doc: Doc, lo: int, hi: int) -> tuple[Mention, Mention] | None:
    """The parties named in [lo, hi) when they are exactly two (their first mentions)."""
    firsts: dict[tuple[str, str], Mention] = {}
    for m in _party_mentions(doc, lo, hi):
        firsts.setdefault(_party_key(m), m)
    if len(firsts) != 2:
        return None
    a, b = firsts.values()
    return a, b


def _sentences_back(doc: Doc, pos: int) -> list[tuple[int, int]]:
    """The span of pos's sentence before pos, then the whole sentence before it."""
    sent = doc.sentence_at(pos)
    if sent is None:
        return []
    spans = [(sent.start, pos)]
    k = doc.index_of(sent)
    if k > 0:
        prev = doc.sentences[k - 1]
        spans.append((prev.start, prev.end))
    return spans


def parties(doc: Doc, pos: int, noun: str = "sides") -> tuple[Mention, Mention] | None:
    """ "the two sides" / "both sides" at pos: the two parties named in its sentence before it, else the two
    named in the previous sentence; else, for sides, countries or governments, the article's two most-named
    states when each is named three times or more and no other state or group is named half as often as the
    second. None when that is not clear."""
    for lo, hi in _sentences_back(doc, pos):
        pair = _two_named(doc, lo, hi)
        if pair is not None:
            return pair
    return _two_most_named_states(doc) if noun in _STATE_PAIR_NOUNS else None


def _two_most_named_states(doc: Doc) -> tuple[Mention, Mention] | None:
    states = sorted(doc.coref.states(), key=lambda e: -len(e.mentions))
    if len(states) < 2 or len(states[1].mentions) < 3:
        return None
    second = len(states[1].mentions)
    others = [len(e.mentions) for e in states[2:]]
    others += [len(e.mentions) for e in doc.coref.entities if e.kind == "body" and e.mentions[0].form == "proper"]
    others.append(len(doc.mentions.of("bloc")))
    if any(2 * n >= second for n in others):
        return None
    a, b = sorted((states[0].mentions[0], states[1].mentions[0]), key=lambda m: m.start)
    return a, b


def pair_name(doc: Doc, pair: tuple[Mention, Mention]) -> str:
    """ "Armenia and Azerbaijan": the two parties by name, in the order the article first names them."""
    return f"{party_name(doc, pair[0])} and {party_name(doc, pair[1])}"


_AND_RE = re.compile(r"\s*(?:,\s*)?and\s+(?:the\s+)?")


def plural_referent(doc: Doc, pos: int) -> tuple[Mention, Mention] | None:
    """ "they" / "their" at pos: the two parties of the subject of its sentence or of the previous sentence,
    when that subject is two parties named together ("Armenia and Azerbaijan", "Chile and the Free Valley
    Movement") or a phrase for two parties ("the two sides", "both countries"). None when the subject is
    anything else (people, officials, a single body) or is not at the start of its clause."""
    for k, (lo, hi) in enumerate(_sentences_back(doc, pos)):
        lead = _LEAD_IN_RE.match(doc.masked, lo, hi)
        off = lead.end() if lead else lo
        ms = _party_mentions(doc, off, hi)
        for a, b in zip(ms, ms[1:]):
            if _party_key(a) != _party_key(b) and _AND_RE.fullmatch(doc.masked, a.end, b.start):
                return (a, b) if _opens_clause(doc, off, a.start) else None
        m = PAIR_NOUN_RE.search(doc.masked, off, hi)
        if m is not None and _opens_clause(doc, off, m.start()):
            return parties(doc, m.start(), m.group(1))
        if k == 0 and _WORD_RE.search(doc.masked, off, hi):
            return None  # "Officials said they ...": the pronoun's own clause has another subject
    return None


def _opens_clause(doc: Doc, off: int, start: int) -> bool:
    """At most two words, no verb among them, between the clause's start and `start` ("Officials from Chile
    and Uruguay", not "Officials said Chile and Uruguay")."""
    words = _WORD_RE.findall(doc.masked, off, start)
    return len(words) <= 2 and not any(w.lower() in gazetteer.SPEECH_VERBS or w.endswith("ed") for w in words)


def _cataphor(text: str, s_start: int, s_end: int, m: Mention, after_comma: list[Person]) -> Person | None:
    """'On his way out, Roe confirmed ...': "his" in a sentence-opening phrase is the subject named right
    after the phrase's comma."""
    if m.text.lower() not in ("his", "her") or not after_comma:
        return None
    if not _INTRO_PHRASE_RE.match(text[s_start : m.start]) or text.find(",", m.end, s_end) - m.end > 60:
        return None
    return after_comma[0]


def link_pronouns(doc: Doc, mentions: Mentions, person_spans: list[tuple[int, int, Person]]) -> dict[int, Person]:
    """he/she/his/her/him -> a person (the rules in the module's docstring); a linked pronoun counts as a
    mention of its person for the pronouns after it."""
    text = doc.masked
    links: dict[int, Person] = {}
    chains: list[tuple[int, Person]] = [(s, p) for s, _e, p in person_spans]
    starts = [s for s, _ in chains]  # chains stay sorted by position: slices are found by bisection

    def between(lo: int, hi: int) -> list[tuple[int, Person]]:
        return chains[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]

    for m in mentions.of("pronoun"):
        if m.key not in ("m", "f"):
            continue
        pos = m.start
        g = m.key

        def ok(p: Person, g: str = g) -> bool:
            return not p.gender or p.gender == g

        sent = doc.sentence_at(pos)
        if not sent:
            continue
        comma = text.find(",", pos, sent.end)  # the people named right after the next comma
        after_comma = [p for _, p in between(comma, comma + 4) if ok(p)] if comma != -1 else []
        found = _cataphor(text, sent.start, sent.end, m, after_comma)
        same = [p for _, p in between(sent.start, pos) if ok(p)]
        if found is None and same:
            found = same[0]
        elif found is None:
            idx = doc.index_of(sent)
            for back in range(1, 4):
                if idx - back < 0:
                    break
                ps = doc.sentences[idx - back]
                inside = [p for _, p in between(ps.start, ps.end) if ok(p)]
                if inside:
                    found = inside[0]
                    break
        if found is not None:
            links[pos] = found
            at = bisect.bisect_right(starts, pos)  # after mentions at the same position, as a stable sort puts it
            chains.insert(at, (pos, found))
            starts.insert(at, pos)
    return links


def _entities(reg: Registry, mentions: Mentions) -> list[Entity]:
    """One entity per person (in the registry's order), then per body name and per state, each in the order
    first named."""
    out = [Entity("person", p.name, person=p) for p in reg.people]
    by_name = {e.key: e for e in reversed(out)}  # two people of one name: the first registered
    for m in mentions.of("person"):
        by_name[m.key].mentions.append(m)
    others: dict[tuple[str, str], Entity] = {}
    for m in mentions.items:
        if m.kind not in ("body", "state"):
            continue
        key = m.key if m.kind == "state" else m.text
        ent = others.get((m.kind, key))
        if ent is None:
            ent = others[(m.kind, key)] = Entity(m.kind, key)
            out.append(ent)
        ent.mentions.append(m)
    return out


def build(doc: Doc, reg: Registry, mentions: Mentions) -> Coref:
    """The entities and links of the document (after people.scan, from the typed mentions)."""
    spans = [(s, e, p) for p in reg.people for s, e in p.mentions]
    spans.sort(key=lambda x: x[0])
    infer_genders(doc, reg.people, spans)
    coref = Coref(
        registry=reg,
        people=reg.people,
        entities=_entities(reg, mentions),
        person_spans=spans,
        _person_starts=[s for s, _, _ in spans],
        _bodies=sorted((b for b in mentions.of("body") if b.form == "common"), key=lambda b: b.end),
        _proper_bodies=sorted((b for b in mentions.of("body") if b.form == "proper"), key=lambda b: b.end),
        _blocs=mentions.of("bloc"),
    )
    coref.pronouns = link_pronouns(doc, mentions, spans)
    return coref
