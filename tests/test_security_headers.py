"""CSP without inline code on reader pages, Permissions-Policy, HSTS and HTTPS redirects,
and `check --deploy` quiet with the documented production environment (.env.example)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import make_article, make_zone

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def _production_env(**overrides) -> dict:
    """.env.example, as an operator fills it in, and nothing else from this machine."""
    env = {"PATH": os.environ["PATH"]}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


@pytest.fixture
def reader_pages(advertiser):
    article = make_article("宝鸡高新区新闻", zones=[make_zone()], tags=["创新"])
    return [
        reverse("home"),
        article.get_absolute_url(),
        reverse("search") + "?q=宝鸡",
        reverse("news:photos"),
        reverse("news:zones"),
        reverse("ads:directory"),
        reverse("ads:login"),
        reverse("ads:password_reset"),
    ]


def test_reader_pages_allow_no_inline_code(client, reader_pages):
    for url in reader_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "'unsafe-inline'" not in policy, url
        assert "frame-ancestors 'none'" in policy
        html = response.content.decode()
        # Whatever the policy says, the pages themselves carry no inline script or style.
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*nonce=)(?![^>]*ld\+json)", html), url
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), url


def test_every_page_switches_off_unused_browser_features(client, reader_pages):
    for url in [*reader_pages, reverse("admin:login")]:
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy
        assert "geolocation=()" in policy


def test_the_admin_may_use_inline_styles_but_no_inline_scripts(client, editor):
    client.force_login(editor)
    policy = client.get(reverse("admin:index"))["Content-Security-Policy"]
    style = re.search(r"style-src ([^;]*)", policy).group(1)
    script = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" in style
    assert "'unsafe-inline'" not in script


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_except_health_checks(client):
    response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("ready")).status_code == 200


def test_https_answers_carry_hsts(client):
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _settings(env: dict, *names: str) -> list[str]:
    code = f"from django.conf import settings as s; print(*[getattr(s, n) for n in {names!r}])"
    env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_defaults_are_https_only_and_configurable():
    bare = {"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 50}
    assert _settings(bare, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS") == ["True", "31536000"]
    relaxed = {**bare, "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}
    assert _settings(relaxed, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS") == ["False", "0"]
    debug = {**bare, "DEBUG": "1"}
    assert _settings(debug, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS") == ["False", "0"]


def test_check_deploy_is_quiet_with_the_documented_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_body_editor_s_import_map_is_allowed_by_its_hash(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_add"))
    assert '<script type="importmap">' in response.content.decode()
    assert "'sha256-" in re.search(
        r"script-src ([^;]*)", response["Content-Security-Policy"]
    ).group(1)


def test_an_oversized_post_is_refused_before_it_is_read(client):
    response = client.post(
        reverse("ads:login"),
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_a_form_within_the_limit_is_read(client):
    response = client.post(reverse("ads:login"), {"username": "alice", "password": "x"})
    assert response.status_code == 200
