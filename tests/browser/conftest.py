"""Headless Chromium against the live test server: one browser for the whole browser suite.

Pages come from `open_page`, which records their console errors and, when the test fails, saves
a screenshot and the HTML of each under test-artifacts/browser/ (the run prints the folder).
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection, connections
from playwright.sync_api import sync_playwright

from tests.browser.support import DESKTOP, PHONE, record_console_errors

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Debian's Chromium, quiet: no sandbox (CI runs as root), no GPU, no calls home.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
NO_CHROMIUM = "browser tests skipped: install Chromium with `sudo apt-get install chromium`"
# Fail fast: a page on the local test server that takes longer than this is a failure anyway.
TIMEOUT_MS = 10_000

_reports = pytest.StashKey[dict]()
_artifacts = pytest.StashKey[list]()
_skipped = pytest.StashKey[int]()
HERE = Path(__file__).parent


def _must_run() -> bool:
    # CI sets REQUIRE_BROWSER=1: there a journey that cannot run is a failed build, not a skip.
    return os.environ.get("REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config, items):
    """Without Chromium, leave the journeys out and say so once, so the rest of the suite runs."""
    if CHROMIUM.exists() or _must_run():
        return
    journeys = [item for item in items if HERE in item.path.parents]
    if journeys:
        config.hook.pytest_deselected(items=journeys)
        items[:] = [item for item in items if item not in journeys]
        config.stash[_skipped] = len(journeys)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


def pytest_terminal_summary(terminalreporter, config):
    if config.stash.get(_skipped, 0):
        terminalreporter.write_line(NO_CHROMIUM)
    saved = config.stash.get(_artifacts, [])
    if saved:
        terminalreporter.section("browser test artifacts")
        for folder in saved:
            terminalreporter.write_line(f"screenshots and page HTML: {folder}")


@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One Chromium for the whole browser suite."""
    if not CHROMIUM.exists():  # only with REQUIRE_BROWSER=1: otherwise collection left us out
        pytest.fail(f"REQUIRE_BROWSER=1, but {NO_CHROMIUM}")
    # Playwright's sync API keeps an asyncio loop open in this thread (idle between calls), and
    # Django refuses ORM calls whenever a loop is open. Nothing runs on that loop while a test
    # touches the database, so the guard is lifted exactly while Playwright is running.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Starting Playwright switches the context Django keeps its connections in, so tests
        # get new connection objects; they need the copy of the migrated data (the 编辑 and
        # 记者 groups) that a serialized rollback restores after each journey's flush.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_server, request) -> Iterator[Callable]:
    """Open a page in a fresh browser context (its own cookies), sized like a phone or a desktop."""
    contexts = []

    def _open(viewport: dict = DESKTOP):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        record_console_errors(page)
        return page

    yield _open

    reports = request.node.stash.get(_reports, {})
    pages = [page for context in contexts for page in context.pages]
    if pages and any(report.failed for report in reports.values()):
        _save_artifacts(request, pages)
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page(DESKTOP)


@pytest.fixture
def phone(open_page):
    return open_page(PHONE)


def _save_artifacts(request, pages) -> None:
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("tests/browser/")[-1])
    folder = request.config.rootpath / "test-artifacts" / "browser" / connection.vendor / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, page in enumerate(pages, start=1):
        try:
            page.screenshot(path=folder / f"page{number}.png", full_page=True)
            (folder / f"page{number}.html").write_text(page.content(), encoding="utf-8")
            (folder / f"page{number}.url").write_text(page.url + "\n", encoding="utf-8")
        except Exception as error:  # a crashed page must not hide the test's own failure
            (folder / f"page{number}.error").write_text(repr(error), encoding="utf-8")
    request.config.stash.setdefault(_artifacts, []).append(folder)
