"""Who reaches the advertisers' pages, and whose listings they can touch: one role per test."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from ads.models import Contact, Listing, ListingStatus
from tests.ads_helpers import listing_post_data, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def bobs_listing(other_advertiser):
    return make_listing(other_advertiser, "宝鸡高新区欢迎您", status=ListingStatus.DRAFT)


@pytest.fixture
def alice_client(client, advertiser):
    client.login(username="alice", password="pw-for-tests")
    return client


@pytest.mark.parametrize("name", ["ads:listing", "ads:listing_edit", "ads:listing_figures"])
def test_it_hides_another_advertisers_listing_pages(alice_client, bobs_listing, name):
    response = alice_client.get(reverse(name, args=[bobs_listing.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name",
    ["ads:listing_submit", "ads:listing_withdraw", "ads:listing_pause", "ads:listing_resume"],
)
def test_it_refuses_actions_on_another_advertisers_listing(alice_client, bobs_listing, name):
    response = alice_client.post(reverse(name, args=[bobs_listing.pk]))
    assert response.status_code == 404
    bobs_listing.refresh_from_db()
    assert bobs_listing.status == ListingStatus.DRAFT


def test_it_refuses_pausing_another_advertisers_live_listing(alice_client, other_advertiser):
    live = make_listing(other_advertiser, "宝鸡高新区欢迎您")
    response = alice_client.post(reverse("ads:listing_pause", args=[live.pk]))
    assert response.status_code == 404
    live.refresh_from_db()
    assert live.status == ListingStatus.APPROVED


def test_it_refuses_editing_another_advertisers_listing_by_post(alice_client, bobs_listing):
    url = reverse("ads:listing_edit", args=[bobs_listing.pk])
    response = alice_client.post(url, listing_post_data(headline="被篡改"))
    assert response.status_code == 404
    bobs_listing.refresh_from_db()
    assert bobs_listing.headline == "宝鸡高新区欢迎您"


def test_it_ignores_a_changed_advertiser_field(alice_client, advertiser, other_advertiser):
    data = listing_post_data(headline="冒名广告", advertiser=str(other_advertiser.pk))
    response = alice_client.post(reverse("ads:listing_create"), data)
    assert response.status_code == 302
    listing = Listing.objects.get(headline="冒名广告")
    assert listing.advertiser == advertiser
    assert not other_advertiser.listings.filter(headline="冒名广告").exists()


def test_it_refuses_another_advertisers_contact_ids(alice_client, advertiser, bobs_listing):
    own = make_listing(advertiser, status=ListingStatus.DRAFT)
    bobs_contact = bobs_listing.contacts.get()
    data = listing_post_data(
        **{
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(bobs_contact.pk),
            "contacts-0-listing": str(bobs_listing.pk),
            "contacts-0-unit": "被篡改的单位",
        }
    )
    response = alice_client.post(reverse("ads:listing_edit", args=[own.pk]), data)
    assert response.status_code == 400
    bobs_contact.refresh_from_db()
    assert bobs_contact.unit == "招商组0"
    assert not Contact.objects.filter(unit="被篡改的单位").exists()


def test_it_lists_only_the_advertisers_own_listings(alice_client, advertiser, bobs_listing):
    make_listing(advertiser, "仲恺的广告")
    response = alice_client.get(reverse("ads:dashboard"))
    assert "仲恺的广告" in response.text
    assert "宝鸡高新区欢迎您" not in response.text


def test_it_sends_a_reader_to_the_advertisers_sign_in(client):
    response = client.get(reverse("ads:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("ads:login"))


def test_it_refuses_a_reporter(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("ads:dashboard"))
    assert response.status_code == 403
    assert "没有访问权限" in response.content.decode()


def test_it_refuses_a_reporter_at_sign_in(client, reporter):
    response = client.post(
        reverse("ads:login"), {"username": "reporter", "password": "pw-for-tests"}
    )
    assert response.status_code == 200
    assert "此账号不是广告主账号" in response.text
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_member_of_a_suspended_advertiser(client, advertiser):
    advertiser.is_active = False
    advertiser.save()
    client.login(username="alice", password="pw-for-tests")
    assert client.get(reverse("ads:dashboard")).status_code == 403


def test_it_signs_an_advertiser_in_and_out(client, advertiser):
    response = client.post(reverse("ads:login"), {"username": "alice", "password": "pw-for-tests"})
    assert response["Location"] == reverse("ads:dashboard")
    client.post(reverse("ads:logout"))
    assert client.get(reverse("ads:dashboard")).status_code == 302


def test_it_changes_an_advertisers_password(alice_client):
    response = alice_client.post(
        reverse("ads:password_change"),
        {
            "old_password": "pw-for-tests",
            "new_password1": "gaoxin-zhongkai-2025",
            "new_password2": "gaoxin-zhongkai-2025",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="alice").check_password("gaoxin-zhongkai-2025")


def test_an_advertisers_own_preview_never_goes_through_the_click_counter(alice_client, advertiser):
    draft = make_listing(
        advertiser, "草稿广告", status=ListingStatus.DRAFT, link="https://www.hzzk.gov.cn/"
    )
    html = alice_client.get(reverse("ads:listing", args=[draft.pk])).content.decode()
    assert reverse("ads:click", args=[draft.pk]) not in html
    assert "https://www.hzzk.gov.cn/" in html
