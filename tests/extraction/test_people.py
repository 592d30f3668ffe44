"""The actors read from a text (own sentences). A row gives a text and what it expects
(helpers.Expect): the fields that pick its actors, how many of those there are (left out: at least one), and
the fields the first of them has."""

import pytest

from extraction import KnownActor

from .helpers import Expect
from .helpers import Has
from .helpers import StartsWith
from .helpers import person
from .helpers import run

# (text, what it expects of the actors)
ACTORS = [
    pytest.param(
        "Ukrainian Defence Minister Oleh Kravets met his counterpart on Monday.",
        Expect({"kind": "person", "name": "Oleh Kravets"}, country="UA", title=Has("Minister")),
        id="title_and_demonym_give_country",
    ),
    pytest.param(
        "Brazilian Foreign Minister Paulo Ramos arrived on Sunday. Ramos said the visit was long "
        "overdue, and Ramos later met the press.",
        Expect({"kind": "person"}, 1, name="Paulo Ramos", country="BR"),
        id="surname_mentions_are_merged_into_one_person",
    ),
    pytest.param(
        "Libyan commander Khalifa Omar al-Dabbashi said on Monday his men would withdraw. "
        '"We keep our word," Dabbashi told reporters.',
        Expect({"kind": "person"}, 1, name="Khalifa Omar al-Dabbashi"),
        id="unprefixed_surname_resolves_to_full_name",
    ),
    pytest.param(
        "Kenya's acting foreign minister, Amina Wekesa, arrived on Monday. Palace press secretary "
        "Juma Otieno said the talks would go ahead.",
        Expect({"kind": "person", "name": "Amina Wekesa"}, title="acting foreign minister"),
        id="lowercase_title_run_is_kept_whole",
    ),
    pytest.param(
        "Kenya's acting foreign minister, Amina Wekesa, arrived on Monday. Palace press secretary "
        "Juma Otieno said the talks would go ahead.",
        Expect({"kind": "person", "name": "Juma Otieno"}, 1, title="press secretary"),
        id="lowercase_title_run_leaves_out_the_capitalised_word_before_it",
    ),
    # after a title only: "He said" stays a pronoun
    pytest.param(
        "Minister Ana Pires arrived. He said the talks went well.",
        Expect({"name": StartsWith("He ")}, 0),
        id="pronoun_after_a_titled_name_is_not_part_of_a_name",
    ),
]


@pytest.mark.parametrize(("body", "expect"), ACTORS)
def test_actor(body, expect):
    expect.check(run(body).actors)


def test_known_actor_alias_is_used():
    known = [KnownActor("Jonas Berg-Olsen", "person", "NO", "Special Envoy", ("Berg-Olsen",))]
    r = run("Berg-Olsen said the talks would resume.", known=known)
    p = person(r, "Jonas Berg-Olsen")
    assert p.country == "NO"


def test_states_are_listed_as_actors():
    r = run("Egypt and Ethiopia resumed talks in Khartoum.")
    states = {a.country for a in r.actors if a.kind == "state"}
    assert {"EG", "ET"} <= states
