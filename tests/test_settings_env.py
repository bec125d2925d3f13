"""Settings read from the environment refuse bad values with a clear message."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int, env_list, parse_database_url


def test_it_reads_booleans(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_it_refuses_a_bad_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_it_refuses_a_bad_integer(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "a year")
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS"):
        env_int("SECURE_HSTS_SECONDS", 0)


def test_it_reads_lists(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,,")
    assert env_list("ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_it_parses_postgres_urls():
    config = parse_database_url("postgres://news:p%40ss@db.internal:6432/portal", Path("/srv"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("portal", "news", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.internal", "6432")


def test_it_parses_sqlite_urls():
    relative = parse_database_url("sqlite:///var/db.sqlite3", Path("/srv/app"))
    assert relative["NAME"] == "/srv/app/var/db.sqlite3"
    absolute = parse_database_url("sqlite:////tmp/db.sqlite3", Path("/srv/app"))
    assert absolute["NAME"] == "/tmp/db.sqlite3"


@pytest.mark.parametrize(
    "url", ["mysql://u@h/db", "postgres://host:5432/", "postgres://h:port/db", "sqlite://"]
)
def test_it_refuses_bad_database_urls(url):
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url, Path("/srv"))


def test_settings_refuse_to_start_without_a_secret_key(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_with_no_environment_the_settings_are_production_settings():
    import subprocess
    import sys

    code = (
        "import portal.settings as s;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
    )
    assert result.stdout.split() == ["False", "[]", "True", "True"]
