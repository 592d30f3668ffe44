"""The digest and the site tell the same dates (issue 14): the demo's sample feeds go through the real
pipeline, two subscribers on opposite sides of the date line get their digests over real SMTP
(aiosmtpd), and every meeting's date in the mail is the date the track page shows, proposed
meetings included."""

import re
from html import unescape

import pytest

from digests import links
from digests import services
from events.models import Meeting

from .conftest import html_part
from .conftest import text_part
from .helpers import subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_track(demo):
    return demo[0]


def site_dates(client, track):
    """{ISO date: the texts it is shown as} from every <time> on the track's public page."""
    page = client.get(f"/tracks/{track.slug}/").content.decode()
    shown = {}
    for iso, text in re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">([^<]+)</time>', page):
        shown.setdefault(iso, set()).add(unescape(text).strip())
    return shown


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_digest_dates_and_proposed_meetings_match_the_site(client, smtp, demo_track, tz):
    meetings = list(Meeting.objects.filter(tracks=demo_track))
    assert any(m.status == Meeting.Status.PROPOSED for m in meetings)  # the sample data has one
    shown = site_dates(client, demo_track)
    subscriber("far@example.org", [demo_track], tz=tz)
    services.run_digests(force=True)
    ((_, message),) = smtp.messages
    text, html = text_part(message), unescape(html_part(message))
    for m in meetings:
        assert links.absolute(m.get_absolute_url()) in text  # every meeting, proposed too
        if m.date:
            site_texts = shown[m.date.isoformat()]
            assert any(t in text for t in site_texts) and any(t in html for t in site_texts), (m, site_texts)
    # A later report's different day is history, not the headline: no meeting line gives a date the site does not.
    for line in text.splitlines():
        if line.startswith("* ") and "What changed" not in line:
            for found in re.findall(r"\w+day \d{1,2} \w+ \d{4}|week of \d{1,2} \w+ \d{4}|\b\w+ \d{4}\b(?=\s*\()", line):
                assert any(found in texts for texts in shown.values()), (line, found)


def test_the_site_and_the_digest_share_one_formatter():
    import digests.selectors as selectors
    from events.templatetags import event_dates

    assert selectors.when is event_dates.when
    assert not hasattr(selectors, "format_when")
