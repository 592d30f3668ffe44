import datetime as dt

from extraction import extract

HEADLINE = "Test headline about negotiations"


def run(body, published="2024-03-14", headline=HEADLINE, known=()):
    """extract() over a headline plus body paragraphs; 2024-03-14 is a Thursday."""
    return extract(headline + "\n\n" + body, published, known)


def quotes_by_text(result):
    return {s.quote: s for s in result.statements}


def find_quote(result, fragment):
    for s in result.statements:
        if fragment in s.quote:
            return s
    raise AssertionError(f"no statement containing {fragment!r}: {[s.quote for s in result.statements]}")


def upcoming(result):
    """The meetings still to come (scheduled or proposed), in order."""
    return [m for m in result.meetings if m.status in ("scheduled", "proposed")]


def first_meeting(result, kind):
    """The first meeting of that kind; fails, listing the meetings found, when there is none."""
    ms = [m for m in result.meetings if m.kind == kind]
    assert ms, [(m.kind, m.date) for m in result.meetings]
    return ms[0]


def person(result, name):
    for a in result.actors:
        if a.kind == "person" and a.name == name:
            return a
    raise AssertionError(f"no person {name!r}: {[a.name for a in result.actors]}")


D = dt.date
