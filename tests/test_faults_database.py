"""Database unreachable (packets dropped): readers get the 503 page quickly, then the site
recovers by itself when the database returns. Runs the real gunicorn config, on PostgreSQL."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import make_article
from tests.fault_helpers import BlackHoleProxy, free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    # Committed rows, so the server process sees them; the rollback restores the groups.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the timeouts are PostgreSQL connection options"
    ),
]


def _get(url: str, timeout: float = 20):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def app_behind_proxy():
    db = settings.DATABASES["default"]
    proxy = BlackHoleProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432), free_port(8143))
    port = free_port(8144)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.test_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESSLOG": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, seconds=30)
        yield f"http://127.0.0.1:{port}", proxy
    finally:
        server.terminate()
        server.wait(20)
        proxy.close()


def test_it_answers_503_within_the_timeout_and_recovers(app_behind_proxy):
    base, proxy = app_behind_proxy
    article = make_article("宝鸡高新区新闻")
    assert _get(base + "/")[0] == 200  # now in the page cache

    proxy.black_hole()
    # A page readers already had in the page cache is still served without the database.
    status, _, body = _get(base + "/")
    assert status == 200
    assert "宝鸡高新区新闻" in body
    for path in ("/?page=2", article.get_absolute_url(), "/zones/"):
        started = time.monotonic()
        status, headers, body = _get(base + path)
        elapsed = time.monotonic() - started
        assert status == 503, path
        assert headers["Retry-After"] == "30"
        assert "暂时无法访问" in body
        print(f"database black-holed: {path} answered 503 in {elapsed:.2f} s")
        assert elapsed < 8, f"{path} took {elapsed:.1f} s"
    status, _, body = _get(base + "/readyz")
    assert status == 503
    assert '"database"' in body
    started = time.monotonic()
    assert _get(base + "/healthz")[0] == 200
    assert time.monotonic() - started < 1

    proxy.restore()
    status, _, body = _get(base + article.get_absolute_url())
    assert status == 200
    assert "宝鸡高新区新闻" in body
    assert _get(base + "/readyz")[0] == 200
