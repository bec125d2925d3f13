"""The database itself refuses listings that make no sense, whatever code writes them."""

from datetime import date

import pytest
from django.db import IntegrityError

from ads.models import Listing, ListingStatus
from tests.ads_helpers import make_listing

pytestmark = pytest.mark.django_db


def test_it_refuses_a_last_day_before_the_first(advertiser):
    with pytest.raises(IntegrityError):
        Listing.objects.create(
            advertiser=advertiser,
            headline="日期颠倒",
            first_day=date(2024, 3, 25),
            last_day=date(2024, 3, 24),
        )


def test_it_refuses_an_approved_revision(advertiser):
    live = make_listing(advertiser)
    revision = live.new_revision()
    revision.status = ListingStatus.APPROVED
    with pytest.raises(IntegrityError):
        revision.save()
