"""Database errors become a Chinese 503 with Retry-After; liveness stays cheap."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from news.models import Article
from portal.env import add_database_timeouts

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_gone(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(Article.objects, "published", refuse)


def test_it_shows_readers_a_503_page_when_the_database_is_gone(database_gone):
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "网站正在维护，暂时无法访问" in response.content.decode()


def test_liveness_touches_neither_database_nor_cache(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health"))
    assert response.json() == {"status": "ok"}


def test_readiness_is_ok_when_everything_answers(client):
    response = client.get(reverse("ready"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_sets_postgres_connect_and_statement_timeouts():
    config = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"sslmode": "require"}}
    add_database_timeouts(config, connect_seconds=3, statement_ms=5000)
    assert config["OPTIONS"]["connect_timeout"] == 3
    assert config["OPTIONS"]["tcp_user_timeout"] == 3000
    assert config["OPTIONS"]["options"] == "-c statement_timeout=5000"
    assert config["OPTIONS"]["sslmode"] == "require"


def test_it_leaves_sqlite_alone():
    config = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    add_database_timeouts(config, connect_seconds=3, statement_ms=5000)
    assert "OPTIONS" not in config
