"""`manage.py demo` (what `make demo` runs): links follow the port, and it ends with a one-time desk
login link that works once (issue 14). Loads the bundled sample feeds over HTTP on a free port."""

import os
import re
import socket
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_prints_a_one_time_desk_link_on_its_own_port(settings, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    # Through the fixture first, so what the command sets on settings is undone after the test.
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = False
    port = free_port()
    out = StringIO()
    try:
        call_command("demo", no_serve=True, port=port, stdout=out)
        assert settings.SITE_URL == f"http://127.0.0.1:{port}"
    finally:
        os.environ.pop("SITE_URL", None)
    link = re.search(r"Editors' desk \(one-time login as demo-editor@example.org\): (\S+)", out.getvalue()).group(1)
    assert link.startswith(f"http://127.0.0.1:{port}/desk/login/")
    path = "/" + link.split("/", 3)[3]
    reader = Client()
    assert reader.get(path)["Location"] == "/desk/start/"
    assert reader.get("/desk/").status_code == 200
    assert Client().get(path).status_code == 403  # spent
