"""What every journey checks on the pages it visits, and how it signs in."""

from weakref import WeakKeyDictionary

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PASSWORD = "pw-for-tests"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# What a reader must never meet; axe's "moderate" and "minor" findings are advice.
BLOCKING_IMPACTS = {"serious", "critical"}

# The live server only sees committed data, so each journey ends by emptying the database; the
# serialized rollback then restores what migrations made (the 编辑 and 记者 groups) for the next.
JOURNEY = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

_axe = Axe()
_console_errors: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


def record_console_errors(page: Page) -> None:
    """Keep every console error and uncaught exception the page raises, with its address."""
    errors = _console_errors.setdefault(page, [])
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"),
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))


def sign_in(page: Page, username: str, *, path: str = "/admin/login/") -> None:
    """Sign in through a Django login form on the test server, as a person types it."""
    page.goto(path)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def assert_no_console_errors(page: Page) -> None:
    errors = _console_errors.get(page, [])
    assert not errors, "console errors:\n" + "\n".join(errors)


def forget_console_errors(page: Page) -> None:
    """Drop what the page logged so far: a form rejected with a 400 logs one by design."""
    _console_errors.get(page, []).clear()


def assert_accessible(page: Page) -> None:
    """axe-core (bundled with the package, so it runs offline) finds nothing serious or worse."""
    violations = [
        v for v in _axe.run(page).response["violations"] if v["impact"] in BLOCKING_IMPACTS
    ]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(lines)


def assert_fits_width(page: Page) -> None:
    """Nothing makes the page scroll sideways."""
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{page.url} is {scroll_width}px wide in a {inner_width}px window"
    )


def check_reader_page(page: Page) -> None:
    """The bar for every public page: no console error, no serious axe finding, no side-scroll."""
    page.wait_for_load_state("load")
    assert_no_console_errors(page)
    assert_accessible(page)
    assert_fits_width(page)
