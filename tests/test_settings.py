import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    proc = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="talks.example.org")
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in proc.stderr


def test_production_settings_pass_check_deploy():
    proc = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k3y-" + "x9Qz" * 16,
        DJANGO_ALLOWED_HOSTS="talks.example.org",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_a_switch_with_an_unknown_value_stops_the_start():
    proc = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k3y-" + "x9Qz" * 16, EMAIL_USE_TLS="ture")
    assert proc.returncode != 0
    assert "EMAIL_USE_TLS='ture'" in proc.stderr
    # Case and spaces do not matter: " Off " is off (production wants a secret key), " Yes " is on.
    assert "DJANGO_SECRET_KEY must be set" in manage("check", DJANGO_DEBUG=" Off ").stderr
    tls = manage(
        "shell", "-c", "from django.conf import settings; print(settings.EMAIL_USE_TLS)", EMAIL_USE_TLS=" Yes "
    )
    assert tls.stdout.split()[-1] == "True", tls.stderr


def test_development_defaults_need_no_configuration():
    proc = manage("check", DATABASE_URL="", REDIS_URL="")
    assert proc.returncode == 0, proc.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3y-" + "x9Qz" * 16,
    "DJANGO_ALLOWED_HOSTS": "talks.example.org",
}
SHOW_HSTS = (
    "from django.conf import settings; "
    "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD)"
)


def test_hsts_preload_is_off_unless_the_operator_opts_in():
    """Preloading is hard to take back (browsers ship the list), so it is opt-in (issue 12)."""
    default = manage("shell", "-c", SHOW_HSTS, **PRODUCTION)
    assert default.returncode == 0, default.stderr
    assert default.stdout.split()[-3:] == ["31536000", "True", "False"]
    opted_in = manage("shell", "-c", SHOW_HSTS, DJANGO_HSTS_PRELOAD="1", **PRODUCTION)
    assert opted_in.stdout.split()[-1] == "True"
    # Both pass the deployment checks (the "preload is off" warning is a deliberate choice).
    for extra in ({}, {"DJANGO_HSTS_PRELOAD": "1"}):
        proc = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **extra)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hsts_header_in_production_has_no_preload_by_default():
    proc = manage(
        "shell",
        "-c",
        "from django.test import Client; "
        "r = Client().put('/subscribe/', secure=True, HTTP_HOST='talks.example.org'); "  # a 405: no template, no table
        "print(r.status_code, '|', r.headers.get('Strict-Transport-Security'), '|', "
        "r.headers.get('Content-Security-Policy', '')[:40])",
        DATABASE_URL="sqlite:///:memory:",
        **PRODUCTION,
    )
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip().splitlines()[-1]
    assert line.startswith("405 | max-age=31536000; includeSubDomains |") and "preload" not in line
    assert "default-src 'self'" in line
