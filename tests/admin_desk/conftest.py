import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.models import User

from tests.browser import browser_page  # noqa: F401  (fixtures for the browser tests here)
from tests.browser import chromium  # noqa: F401
from tests.browser import demo  # noqa: F401


@pytest.fixture
def editor():
    """Staff in the Editors group, not a superuser."""
    user = User.objects.create_user("ed@example.org", "ed@example.org", "correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client
