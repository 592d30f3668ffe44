import dataclasses
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


# An expected field in a table row is a plain value (compared with ==) or one of these matchers.


@dataclasses.dataclass(frozen=True)
class Not:
    """A value (or a matcher) the field must not match."""

    want: object


class OneOf:
    """The field is one of these values."""

    def __init__(self, *values):
        self.values = values

    def __repr__(self):
        return f"OneOf{self.values!r}"


class Has:
    """The field (a string or a list, not None) holds each of these items, and none of `lacks`."""

    def __init__(self, *items, lacks=()):
        self.items, self.lacks = items, lacks

    def __repr__(self):
        return f"Has({self.items!r}, lacks={self.lacks!r})"


@dataclasses.dataclass(frozen=True)
class StartsWith:
    """The field (a string) begins with this."""

    prefix: str


def matches(got, want):
    if isinstance(want, Not):
        return not matches(got, want.want)
    if isinstance(want, OneOf):
        return got in want.values
    if isinstance(want, Has):
        return got is not None and all(i in got for i in want.items) and not any(i in got for i in want.lacks)
    if isinstance(want, StartsWith):
        return got.startswith(want.prefix)
    return got == want


class Expect:
    """What a table row expects of a list (meetings, proposals, statements, actors): of the items whose
    fields match `where` there are `how_many` (None: at least one), and the first has the `fields`."""

    def __init__(self, where, how_many=None, **fields):
        self.where, self.how_many, self.fields = where, how_many, fields

    def check(self, items):
        found = [i for i in items if all(matches(getattr(i, f), w) for f, w in self.where.items())]
        if self.how_many is None:
            assert found, f"none with {self.where}: {items}"
        else:
            assert len(found) == self.how_many, found
        if self.fields:
            wrong = {f: getattr(found[0], f) for f, w in self.fields.items() if not matches(getattr(found[0], f), w)}
            assert not wrong, f"{wrong}, expected {self.fields}"
