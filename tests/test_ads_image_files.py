"""A listing's replaced or deleted image leaves no file behind, unless a row still uses it."""

from pathlib import Path

import pytest
from django.urls import reverse

from ads import services
from ads.models import Listing, ListingStatus
from tests.ads_helpers import listing_post_data
from tests.conftest import make_user
from tests.photo_helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _ad_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "ads").rglob("*") if p.is_file())


def _save(client, listing=None, **data):
    url = (
        reverse("ads:listing_edit", args=[listing.pk]) if listing else reverse("ads:listing_create")
    )
    return client.post(url, listing_post_data(**data))


def test_eleven_replacements_leave_one_file(
    client, advertiser, media_root, django_capture_on_commit_callbacks
):
    client.force_login(advertiser.members.get().user)
    with django_capture_on_commit_callbacks(execute=True):
        _save(client, image=upload(image_bytes()))
    listing = advertiser.listings.get()
    for n in range(11):
        with django_capture_on_commit_callbacks(execute=True):
            response = _save(client, listing, image=upload(image_bytes(300 + n, 200)))
        assert response.status_code == 302
    listing.refresh_from_db()
    assert _ad_files(media_root) == [media_root / listing.image.name]


def test_clearing_and_deleting_remove_the_file(
    client, advertiser, media_root, django_capture_on_commit_callbacks
):
    client.force_login(advertiser.members.get().user)
    with django_capture_on_commit_callbacks(execute=True):
        _save(client, image=upload(image_bytes()))
    listing = advertiser.listings.get()
    with django_capture_on_commit_callbacks(execute=True):
        _save(client, listing, **{"image-clear": "on"})
    assert _ad_files(media_root) == []

    with django_capture_on_commit_callbacks(execute=True):
        _save(client, listing, image=upload(image_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        Listing.objects.get(pk=listing.pk).delete()
    assert _ad_files(media_root) == []


def test_a_revision_shares_the_live_image_until_approved(
    client, advertiser, media_root, django_capture_on_commit_callbacks
):
    client.force_login(advertiser.members.get().user)
    with django_capture_on_commit_callbacks(execute=True):
        _save(client, image=upload(image_bytes()))
    live = advertiser.listings.get()
    Listing.objects.filter(pk=live.pk).update(status=ListingStatus.APPROVED)
    live.refresh_from_db()
    first_image = live.image.name

    # The revision starts with the live image; dropping the revision keeps the live file.
    revision = live.new_revision()
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        revision.delete()
    assert (media_root / first_image).exists()

    # A revision with a new image, approved: the old live image goes, the new one stays.
    with django_capture_on_commit_callbacks(execute=True):
        _save(client, live, image=upload(image_bytes(500, 300)))
    revision = Listing.objects.get(revision_of=live)
    Listing.objects.filter(pk=revision.pk).update(status=ListingStatus.REVIEW)
    revision.refresh_from_db()
    editor = make_user("editor2", group="编辑", staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_approve(listing=revision, editor=editor)
    live.refresh_from_db()
    assert live.image.name != first_image
    assert _ad_files(media_root) == [media_root / live.image.name]
