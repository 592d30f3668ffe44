"""One actor per real person or body: lookup by name, alias or unique surname."""

import pycountry
from django.db.models import Count
from django.db.models import Max
from django.utils.text import slugify

from extraction import KnownActor
from extraction.gazetteer import country_code
from extraction.gazetteer import country_display

from .models import Actor
from .models import Tag
from .models import Track

# Words that are titles, not names: "Defence Minister Ilse Marrow" is Ilse Marrow.
TITLE_WORDS = {
    "president",
    "vice",
    "prime",
    "minister",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "state",
    "general",
    "envoy",
    "special",
    "ambassador",
    "chancellor",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "crown",
    "sheikh",
    "emir",
    "chairman",
    "chair",
    "head",
    "chief",
    "commander",
    "negotiator",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "former",
    "acting",
    "interior",
    "finance",
    "trade",
    "economy",
    "national",
    "security",
    "top",
    "senior",
    "lead",
    "u.s.",
    "us",
    "un",
    "eu",
    "nato",
    "the",
    "presidential",
    "affairs",
    "of",
}
BODY_WORDS = {
    "ministry",
    "office",
    "government",
    "council",
    "committee",
    "department",
    "delegation",
    "kremlin",
    "embassy",
    "agency",
    "army",
    "forces",
    "movement",
    "party",
    "commission",
    "union",
    "administration",
    "house",
    "parliament",
    "cabinet",
    "service",
    "organization",
    "organisation",
    "group",
}


def clean_name(name: str | None, kind: str = Actor.Kind.PERSON) -> str:
    """A person's name without leading titles or possessives; other names are only tidied."""
    name = " ".join((name or "").replace("\u2019", "'").split()).strip(" ,.;:")
    if kind != Actor.Kind.PERSON:
        return name[:200]
    words = name.split()
    # "Chile's Ilse Marrow" / "Chilean Defence Minister Ilse Marrow"
    while len(words) > 2 and (words[0].lower() in TITLE_WORDS or words[0].endswith("'s") or _is_demonym(words[0])):
        words = words[1:]
    return " ".join(words)[:200]


def _is_demonym(word: str) -> bool:
    return country_code(word) is not None


def guess_kind(name: str, hint: str | None = None) -> str:
    if hint in Actor.Kind.values:
        return hint
    if set(name.lower().split()) & BODY_WORDS:
        return Actor.Kind.ORGANIZATION
    try:
        pycountry.countries.lookup(name)
        return Actor.Kind.STATE
    except LookupError:
        return Actor.Kind.PERSON


def unique_slug(model: type[Actor | Tag | Track], name: str, max_length: int = 200) -> str:
    base = slugify(name)[:max_length] or model.__name__.lower()
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


def actors_generation() -> tuple[int, int]:
    """Changes with every save of any actor (its history's newest row and row count;
    the count also catches a save that committed after a later-numbered one):
    an index loaded at another generation may miss actors another worker made."""
    found = Actor.history.aggregate(newest=Max("history_id"), rows=Count("history_id"))
    return (found["newest"] or 0, found["rows"])


class ActorIndex:
    """Actors by lower-cased name and alias, loaded once per extraction run."""

    def __init__(self) -> None:
        self.by_name: dict[str, Actor] = {}
        self.by_surname: dict[str, set[Actor]] = {}
        # Read before the actors: a save in between makes the index look stale, never fresh.
        self.generation = actors_generation()
        for actor in Actor.objects.select_related("merged_into"):
            self.add(actor)

    def is_stale(self) -> bool:
        """Was any actor saved since this index was loaded?"""
        return actors_generation() != self.generation

    def fresh(self) -> "ActorIndex":
        """This index, or a reloaded one when any actor was saved since it was loaded.
        Called under the recording lock, so what it returns stays true until commit."""
        return ActorIndex() if self.is_stale() else self

    @staticmethod
    def canonical(actor: Actor) -> Actor:
        seen: set[int] = set()
        while actor.merged_into is not None and actor.id not in seen:
            seen.add(actor.id)
            actor = actor.merged_into
        return actor

    def add(self, actor: Actor) -> None:
        for name in [actor.name, *(actor.aliases or [])]:
            key = name.strip().lower()
            if key:
                self.by_name.setdefault(key, actor)
        if actor.kind == Actor.Kind.PERSON and len(actor.name.split()) > 1 and not actor.merged_into_id:
            self.by_surname.setdefault(actor.name.split()[-1].lower(), set()).add(actor)

    def find(self, name: str) -> Actor | None:
        key = name.strip().lower()
        actor = self.by_name.get(key)
        if actor is None and len(key.split()) == 1:
            people = self.by_surname.get(key, set())
            if len(people) == 1:
                actor = next(iter(people))
        return self.canonical(actor) if actor else None

    def known_actors(self) -> list[KnownActor]:
        unique = {a.id: a for a in self.by_name.values() if not a.merged_into_id}
        return [
            KnownActor(
                name=a.name, kind=a.kind, country=a.country or None, title=a.title, aliases=tuple(a.aliases or ())
            )
            for a in unique.values()
        ]


def state_for(index: ActorIndex, name: str) -> Actor | None:
    """ "Moscow", "Kyiv" or "the Kremlin" standing for their state: the state actor."""
    code = country_code(" ".join((name or "").split()))
    if not code:
        return None
    for actor in index.by_name.values():
        if actor.kind == Actor.Kind.STATE and actor.country == code and not actor.merged_into_id:
            return actor
    display = country_display(code) or name
    found = index.find(display)
    if found is None:
        found = Actor.objects.create(
            name=display, slug=unique_slug(Actor, display), kind=Actor.Kind.STATE, country=code
        )
        index.add(found)
    return found


def resolve_actor(
    index: ActorIndex,
    name: str,
    kind: str | None = None,
    country: str | None = None,
    title: str = "",
    as_party: bool = False,
) -> Actor | None:
    """The actor called `name` (by name, alias or unique surname), created unconfirmed if new.
    With as_party (proposers, meeting participants) a capital or seat of government
    names its state."""
    if as_party and country_code(" ".join((name or "").split())):
        found = index.find(name)
        return found if found and found.kind == Actor.Kind.STATE else state_for(index, name)
    kind = guess_kind(name or "", kind)
    raw = " ".join((name or "").split())
    name = clean_name(raw, kind)
    if not name:
        return None
    actor = index.find(name) or index.find(raw)
    if actor is None and kind == Actor.Kind.PERSON and len(name.split()) > 1:
        # A full name whose surname alone was stored earlier ("Marrow" then "Ilse Marrow").
        single = index.by_name.get(name.split()[-1].lower())
        if single and single.kind == Actor.Kind.PERSON and len(single.name.split()) == 1:
            actor = index.canonical(single)
            actor.aliases = sorted({*actor.aliases, actor.name})
            actor.name = name
            actor.save(update_fields=["name", "aliases"])
            index.add(actor)
    if actor:
        changed: list[str] = []
        if country and not actor.country:
            actor.country = country[:2]
            changed.append("country")
        if title and not actor.title:
            actor.title = title[:200]
            changed.append("title")
        if changed:
            actor.save(update_fields=changed)
        return actor
    actor = Actor.objects.create(
        name=name, slug=unique_slug(Actor, name), kind=kind, country=(country or "")[:2], title=(title or "")[:200]
    )
    index.add(actor)
    return actor
