import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    proc = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="talks.example.org")
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in proc.stderr


def test_production_settings_pass_check_deploy():
    proc = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k3y-" + "x9Qz" * 16,
        DJANGO_ALLOWED_HOSTS="talks.example.org",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_development_defaults_need_no_configuration():
    proc = manage("check", DATABASE_URL="", REDIS_URL="")
    assert proc.returncode == 0, proc.stderr
