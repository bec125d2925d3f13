"""Editors review listings in the admin; nobody else can approve one."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ads import services
from ads.models import Listing, ListingStatus
from tests.ads_helpers import make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(advertiser):
    return make_listing(advertiser, "待审的广告", status=ListingStatus.REVIEW)


def _review(client, listing, **data):
    data.setdefault("seen_version", listing.version)
    return client.post(reverse("admin:ads_listing_review", args=[listing.pk]), data)


def test_it_lets_an_editor_approve(client, editor, pending):
    client.force_login(editor)
    response = _review(client, pending, decision="approve", note="")
    assert response.status_code == 302, response.context["form"].errors
    pending.refresh_from_db()
    assert pending.status == ListingStatus.APPROVED
    assert Listing.objects.live().filter(pk=pending.pk).exists()
    assert LogEntry.objects.filter(object_id=str(pending.pk), user=editor).exists()


def test_it_refuses_approval_by_a_reporter(client, reporter, pending):
    client.force_login(reporter)
    response = _review(client, pending, decision="approve", note="")
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == ListingStatus.REVIEW


def test_it_refuses_approval_by_an_advertiser(client, advertiser, pending):
    client.login(username="alice", password="pw-for-tests")
    response = _review(client, pending, decision="approve", note="")
    # Advertisers are not staff: the admin sends them to its own sign-in page.
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    pending.refresh_from_db()
    assert pending.status == ListingStatus.REVIEW


def test_it_refuses_approval_by_a_reporter_in_the_service(reporter, pending):
    with pytest.raises(PermissionDenied):
        services.listing_approve(listing=pending, editor=reporter)


def test_it_shows_the_advertiser_the_editors_note_on_rejection(client, editor, pending):
    client.force_login(editor)
    _review(client, pending, decision="reject", note="请补充招商部门的联系电话。")
    client.logout()
    client.login(username="alice", password="pw-for-tests")
    response = client.get(reverse("ads:listing", args=[pending.pk]))
    assert "未通过" in response.text
    assert "请补充招商部门的联系电话。" in response.text


def test_it_needs_a_note_to_reject(client, editor, pending):
    client.force_login(editor)
    response = _review(client, pending, decision="reject", note=" ")
    assert response.status_code == 200
    assert "退回时请写明原因" in response.text
    pending.refresh_from_db()
    assert pending.status == ListingStatus.REVIEW


def test_it_lists_waiting_listings_in_the_editors_queue(client, editor, pending, advertiser):
    make_listing(advertiser, "草稿广告", status=ListingStatus.DRAFT)
    client.force_login(editor)
    response = client.get(reverse("admin:ads_pendinglisting_changelist"))
    assert response.status_code == 200
    assert "待审的广告" in response.text
    assert "草稿广告" not in response.text


def test_it_lets_an_editor_open_an_advertiser_account(client, editor, advertiser):
    client.force_login(editor)
    url = reverse("admin:ads_advertiser_change", args=[advertiser.pk])
    data = {
        "name": advertiser.name,
        "short_name": advertiser.short_name,
        "is_active": "on",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "1",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-id": str(advertiser.members.get().pk),
        "members-0-advertiser": str(advertiser.pk),
        "members-0-username": "alice",
        "members-0-password": "",
        "members-1-advertiser": str(advertiser.pk),
        "members-1-username": "carol",
        "members-1-password": "zhongkai-carol-2025",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    carol = advertiser.members.get(user__username="carol").user
    assert not carol.is_staff
    assert carol.check_password("zhongkai-carol-2025")


def test_it_refuses_a_staff_account_as_member(client, editor, advertiser, reporter):
    client.force_login(editor)
    url = reverse("admin:ads_advertiser_change", args=[advertiser.pk])
    data = {
        "name": advertiser.name,
        "short_name": advertiser.short_name,
        "is_active": "on",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-advertiser": str(advertiser.pk),
        "members-0-username": "reporter",
        "members-0-password": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "采编人员账号" in response.text
    assert not advertiser.members.filter(user=reporter).exists()


def test_it_shows_an_editor_the_revision_beside_the_live_words(client, editor, advertiser):
    live = make_listing(advertiser, "线上的标题")
    revision = live.new_revision()
    revision.headline = "修改后的标题"
    revision.status = ListingStatus.REVIEW
    revision.save()
    client.force_login(editor)
    response = client.get(reverse("admin:ads_listing_review", args=[revision.pk]))
    assert response.status_code == 200
    assert "线上的标题" in response.text
    assert "修改后的标题" in response.text
    assert "这是对一条线上广告的修改" in response.text
