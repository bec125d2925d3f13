"""The production stack as `make serve` brings it up: nginx in front of gunicorn, with
PostgreSQL and Redis. Slow (it starts real servers), so it has its own marker, `stack`.

Without nginx (and no way to install it) it is skipped, except in CI (CI=true or
REQUIRE_STACK=1), where a skip would hide a broken production setup.
"""

import gzip
import http.client
import os
import re
import shutil
import ssl
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.fault_helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_STACK") == "1"

pytestmark = pytest.mark.stack


class Stack:
    def __init__(self, https_port: int, http_port: int):
        self.https_port = https_port
        self.http_port = http_port
        self._tls = ssl._create_unverified_context()  # the stack's self-signed certificate

    def request(self, method, path, *, headers=None, body=None, https=True):
        if https:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=self._tls, timeout=30
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"the production stack could not start: {reason}")
    pytest.skip(reason)


def _fresh_database(url: str) -> None:
    """As on a fresh machine: the stack's own database, dropped so `make serve` starts empty."""
    parts = urlsplit(url)
    try:
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    except psycopg.OperationalError:
        _unavailable("PostgreSQL is not reachable")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if subprocess.run([ROOT / ".ci" / "install-stack"], capture_output=True).returncode != 0:
        _unavailable("nginx could not be installed")
    database_url = os.environ.get(
        "STACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_stack"
    )
    _fresh_database(database_url)
    run = tmp_path_factory.mktemp("serve")
    https_port, http_port = free_port(8140), free_port(8141)
    redis_port = free_port(8146)
    env = {
        **os.environ,
        "SERVE_DIR": str(run),
        "SERVE_HTTPS_PORT": str(https_port),
        "SERVE_HTTP_PORT": str(http_port),
        "SERVE_APP_PORT": str(free_port(8145)),
        "DATABASE_URL": database_url,
        # A Redis of the stack's own, started by `make serve` and stopped with it.
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    started = subprocess.run(
        ["make", "serve"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    try:
        if started.returncode != 0:
            message = started.stdout[-2000:] + started.stderr[-2000:]
            if "PostgreSQL is not reachable" in message:
                _unavailable("PostgreSQL is not reachable")
            pytest.fail(f"make serve failed:\n{message}")
        assert f"https://127.0.0.1:{https_port}/" in started.stdout
        yield Stack(https_port, http_port)
    finally:
        subprocess.run(["deploy/serve-stop"], cwd=ROOT, env=env, capture_output=True)
        shutil.rmtree(run, ignore_errors=True)


def test_it_serves_the_photo_and_its_renditions_through_nginx(stack):
    status, _, body = stack.get("/")
    assert status == 200
    photos = set(re.findall(r'/media/photos/[^" ]+\.(?:jpg|webp)', body.decode()))
    assert any("-320w." in p for p in photos), "the front page shows the photo's renditions"
    for path in photos:
        status, headers, content = stack.get(path)
        assert status == 200, path
        assert headers["Content-Type"].startswith("image/")
        assert headers["Cache-Control"] == "public, max-age=2592000"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert len(content) > 1000


def test_it_compresses_html_xml_and_json(stack):
    for path, kind in [
        ("/", "text/html"),
        ("/feed/", "xml"),
        ("/static/staticfiles.json", "application/json"),
    ]:
        status, headers, body = stack.get(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert kind in headers["Content-Type"], path
        assert headers["Content-Encoding"] == "gzip", path
        assert gzip.decompress(body)


def test_static_files_are_cached_long_and_answer_conditional_gets(stack):
    _, _, body = stack.get("/")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', body.decode()).group(1)
    status, headers, _ = stack.get(css)
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, _, _ = stack.get(css, headers={"If-None-Match": headers["ETag"]})
    assert status == 304
    status, _, _ = stack.get(css, headers={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304


def test_the_applications_cache_headers_pass_through(stack):
    _, headers, _ = stack.get("/readyz")
    assert "no-store" in headers["Cache-Control"]
    _, headers, _ = stack.get("/sitemap-articles.xml")
    assert headers["Last-Modified"]


def test_security_headers_are_present(stack):
    _, headers, _ = stack.get("/")
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_plain_http_is_sent_to_https(stack):
    status, headers, _ = stack.get("/", https=False)
    assert status == 301
    assert headers["Location"].startswith("https://")


def test_nginx_refuses_a_25_mb_upload(stack):
    body = b"x" * (25 * 1024 * 1024)
    status, _, _ = stack.request(
        "POST",
        "/advertisers/login/",
        body=body,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert status == 413


def test_it_answers_ready_with_postgres_and_redis(stack):
    status, _, body = stack.get("/readyz")
    assert status == 200
    assert b'"ok"' in body
