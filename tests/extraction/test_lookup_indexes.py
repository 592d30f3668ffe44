"""The lookup shortcuts that keep extraction linear give the same answers as a plain scan."""

from extraction.document import build
from extraction.people import Registry


def test_registry_key_set_follows_added_and_renamed_people():
    reg = Registry(build("Headline\n\nBody."))
    assert not reg.has_key("Varga")
    reg.add("Varga", 0, 5)
    assert reg.has_key("Varga")
    reg.add("Ilona Varga", 10, 21)  # the lone surname grows into the full name
    assert reg.has_key("Ilona") and reg.has_key("Varga")
    reg.add("Omar al-Rashidi", 30, 45)
    assert reg.has_key("Rashidi") and reg.has_key("al-Rashidi")
    assert reg.find("Rashidi") is reg.find("Omar al-Rashidi")


def test_sentence_index_is_the_position_in_the_list():
    doc = build("Headline\n\nFirst one here. Second one here. Third one.\n\nA new paragraph.")
    for k, sent in enumerate(doc.sentences):
        assert doc.index_of(sent) == k
        assert doc.sentence_at(sent.start) is sent
