from extraction import KnownActor

from .helpers import person
from .helpers import run


def test_title_and_demonym_give_country():
    r = run("Ukrainian Defence Minister Oleh Kravets met his counterpart on Monday.")
    p = person(r, "Oleh Kravets")
    assert p.country == "UA"
    assert "Minister" in p.title


def test_surname_mentions_are_merged_into_one_person():
    r = run(
        "Brazilian Foreign Minister Paulo Ramos arrived on Sunday. Ramos said the visit was long "
        "overdue, and Ramos later met the press."
    )
    people = [a for a in r.actors if a.kind == "person"]
    assert [a.name for a in people] == ["Paulo Ramos"]
    assert people[0].country == "BR"


def test_known_actor_alias_is_used():
    known = [KnownActor("Jonas Berg-Olsen", "person", "NO", "Special Envoy", ("Berg-Olsen",))]
    r = run("Berg-Olsen said the talks would resume.", known=known)
    p = person(r, "Jonas Berg-Olsen")
    assert p.country == "NO"


def test_states_are_listed_as_actors():
    r = run("Egypt and Ethiopia resumed talks in Khartoum.")
    states = {a.country for a in r.actors if a.kind == "state"}
    assert {"EG", "ET"} <= states
