"""An edit to a live listing waits beside it: readers never see unapproved words."""

import pytest
from django.urls import reverse

from ads import services
from ads.models import Listing, ListingStatus
from tests.ads_helpers import listing_post_data, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(advertiser):
    return make_listing(advertiser, "惠州仲恺高新区欢迎您", slogans="鼓足干劲 奋勇向前")


@pytest.fixture
def alice_client(client, advertiser):
    client.login(username="alice", password="pw-for-tests")
    return client


def _edit(client, listing, headline="未经审核的新标题"):
    url = reverse("ads:listing_edit", args=[listing.pk])
    return client.post(url, listing_post_data(headline=headline, slogans="未经审核的广告语"))


def test_it_keeps_the_live_words_for_readers_after_an_edit(alice_client, client, live):
    _edit(alice_client, live)
    alice_client.post(reverse("ads:listing_submit", args=[live.pk]))
    alice_client.logout()
    home = client.get(reverse("home")).text
    assert "惠州仲恺高新区欢迎您" in home
    assert "未经审核的新标题" not in home
    assert "未经审核的广告语" not in home
    live.refresh_from_db()
    assert live.status == ListingStatus.APPROVED


def test_it_keeps_the_advertisers_edit_beside_the_live_listing(alice_client, live):
    _edit(alice_client, live)
    response = alice_client.get(reverse("ads:listing", args=[live.pk]))
    assert "未经审核的新标题" in response.text
    assert "修改稿" in response.text
    revision = live.pending_revision()
    assert revision.headline == "未经审核的新标题"
    assert revision.contacts.get().unit == "招商和投资促进组"


def test_it_reopens_the_revision_on_the_next_edit(alice_client, live):
    _edit(alice_client, live)
    response = alice_client.get(reverse("ads:listing_edit", args=[live.pk]))
    assert 'value="未经审核的新标题"' in response.text
    _edit(alice_client, live, headline="第二次修改")
    assert Listing.objects.filter(revision_of=live).count() == 1
    assert live.pending_revision().headline == "第二次修改"


def test_it_starts_a_revision_from_the_live_words(alice_client, live):
    response = alice_client.get(reverse("ads:listing_edit", args=[live.pk]))
    assert 'value="惠州仲恺高新区欢迎您"' in response.text
    assert 'value="招商组0"' in response.text
    assert not Listing.objects.filter(revision_of=live).exists()


def test_it_shows_the_edit_to_readers_once_an_editor_approves(alice_client, client, editor, live):
    _edit(alice_client, live)
    alice_client.post(reverse("ads:listing_submit", args=[live.pk]))
    services.listing_approve(listing=live.pending_revision(), editor=editor, note="同意修改")
    alice_client.logout()
    home = client.get(reverse("home")).text
    assert "未经审核的新标题" in home
    assert "招商和投资促进组" in home
    live.refresh_from_db()
    assert live.pending_revision() is None
    assert live.status == ListingStatus.APPROVED
    assert live.contacts.count() == 1


def test_it_keeps_the_live_words_when_an_editor_rejects_the_edit(
    alice_client, client, editor, live
):
    _edit(alice_client, live)
    alice_client.post(reverse("ads:listing_submit", args=[live.pk]))
    services.listing_reject(listing=live.pending_revision(), editor=editor, note="标题不实")
    page = alice_client.get(reverse("ads:listing", args=[live.pk])).text
    assert "标题不实" in page
    alice_client.logout()
    home = client.get(reverse("home")).text
    assert "惠州仲恺高新区欢迎您" in home
    assert "未经审核的新标题" not in home


def test_it_refuses_to_edit_a_listing_in_review(alice_client, advertiser):
    waiting = make_listing(advertiser, "审核中的广告", status=ListingStatus.REVIEW)
    response = _edit(alice_client, waiting)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.headline == "审核中的广告"
