"""An advertiser and an editor on one listing: only what the editor read can be approved."""

import pytest
from django.urls import reverse

from ads.models import Listing, ListingStatus
from tests.ads_helpers import listing_post_data, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, advertiser):
    client.login(username="alice", password="pw-for-tests")
    return client


def edit_url(listing):
    return reverse("ads:listing_edit", args=[listing.pk])


def opened_version(client, listing) -> int:
    """Open the advertiser's edit form and return the version it carries."""
    response = client.get(edit_url(listing))
    return response.context["form"]["seen_version"].value()


def test_approving_a_listing_changed_since_it_was_read_is_refused(
    client, alice_client, editor, advertiser
):
    from django.test import Client

    listing = make_listing(advertiser, "惠州仲恺欢迎您", status=ListingStatus.REVIEW)
    desk = Client()
    desk.force_login(editor)
    review = reverse("admin:ads_listing_review", args=[listing.pk])
    page = desk.get(review)
    seen = page.context["form"]["seen_version"].value()
    assert seen == 1

    # The advertiser withdraws, changes the headline and resubmits.
    alice_client.post(reverse("ads:listing_withdraw", args=[listing.pk]))
    data = listing_post_data(
        headline="未经审核的新标题", seen_version=opened_version(alice_client, listing)
    )
    assert alice_client.post(edit_url(listing), data).status_code == 302
    alice_client.post(reverse("ads:listing_submit", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REVIEW

    response = desk.post(review, {"decision": "approve", "note": "", "seen_version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert "未作处理" in html and "alice" in html and "标题" in html
    assert "<ins>未经审核的新标题</ins>" in html or "未经审核的新标题" in html
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REVIEW
    assert not Listing.objects.live().exists()

    # Deciding again on what is there now works.
    current = response.context["form"]["seen_version"].value()
    response = desk.post(review, {"decision": "approve", "note": "", "seen_version": current})
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED and listing.headline == "未经审核的新标题"


def test_rejecting_a_changed_listing_is_refused_too(client, alice_client, editor, advertiser):
    listing = make_listing(advertiser, status=ListingStatus.REVIEW)
    alice_client.post(reverse("ads:listing_withdraw", args=[listing.pk]))
    alice_client.post(reverse("ads:listing_submit", args=[listing.pk]))
    client.force_login(editor)
    response = client.post(
        reverse("admin:ads_listing_review", args=[listing.pk]),
        {"decision": "reject", "note": "请补充电话", "seen_version": 1},
    )
    assert response.status_code == 409
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REVIEW and listing.review_note == ""


def test_a_withdrawn_listing_cannot_be_approved(client, alice_client, editor, advertiser):
    listing = make_listing(advertiser, status=ListingStatus.REVIEW)
    alice_client.post(reverse("ads:listing_withdraw", args=[listing.pk]))
    client.force_login(editor)
    response = client.post(
        reverse("admin:ads_listing_review", args=[listing.pk]),
        {"decision": "approve", "note": "", "seen_version": 1},
        follow=True,
    )
    assert "不在待审状态" in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT


def test_two_tabs_the_second_save_is_refused_and_the_first_kept(alice_client, advertiser):
    listing = make_listing(advertiser, "原标题", status=ListingStatus.DRAFT)
    tab1 = opened_version(alice_client, listing)
    tab2 = opened_version(alice_client, listing)
    data = listing_post_data(headline="第一个标签页的标题", seen_version=tab1)
    assert alice_client.post(edit_url(listing), data).status_code == 302

    data = listing_post_data(slogans="第二个标签页的广告语", headline="原标题", seen_version=tab2)
    response = alice_client.post(edit_url(listing), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "保存未成功" in html and "<ins>第一个标签页的</ins>标题" in html
    assert "第二个标签页的广告语" in html  # what tab 2 typed is still in its form
    listing.refresh_from_db()
    assert listing.headline == "第一个标签页的标题"
    # Merged and saved again from the refused form, which now carries the current version.
    merged = response.context["form"]["seen_version"].value()
    data = listing_post_data(
        slogans="第二个标签页的广告语", headline="第一个标签页的标题", seen_version=merged
    )
    assert alice_client.post(edit_url(listing), data).status_code == 302
    listing.refresh_from_db()
    assert listing.slogans == "第二个标签页的广告语"


def test_two_tabs_on_a_live_listings_first_revision(alice_client, advertiser):
    """Both tabs opened before any revision existed: the second is refused, not a 500."""
    listing = make_listing(advertiser, "线上标题")
    tab1 = opened_version(alice_client, listing)
    tab2 = opened_version(alice_client, listing)
    assert tab1 == tab2 == 0
    data = listing_post_data(headline="修改稿一", seen_version=tab1)
    assert alice_client.post(edit_url(listing), data).status_code == 302
    data = listing_post_data(headline="修改稿二", seen_version=tab2)
    response = alice_client.post(edit_url(listing), data)
    assert response.status_code == 409
    listing.refresh_from_db()
    assert listing.headline == "线上标题"
    assert listing.pending_revision().headline == "修改稿一"
