"""Small data helpers for the ads tests."""

from datetime import timedelta

from django.utils import timezone

from ads.models import Advertiser, Contact, Listing, ListingStatus, Member, Placement
from tests.conftest import make_user


def make_advertiser(name: str, *, member: str | None = None) -> Advertiser:
    advertiser = Advertiser.objects.create(name=name, short_name=name[:10])
    if member:
        Member.objects.create(advertiser=advertiser, user=make_user(member))
    return advertiser


def make_listing(
    advertiser: Advertiser,
    headline: str = "惠州仲恺高新区欢迎您",
    *,
    status: str = ListingStatus.APPROVED,
    placement: str = Placement.HOME_BANNER,
    first_day=None,
    last_day=None,
    contacts: int = 1,
    **fields,
) -> Listing:
    """An approved listing running from yesterday to next month unless told otherwise."""
    today = timezone.localdate()
    listing = Listing.objects.create(
        advertiser=advertiser,
        headline=headline,
        status=status,
        placement=placement,
        first_day=first_day or today - timedelta(days=1),
        last_day=last_day or today + timedelta(days=30),
        slogans=fields.pop("slogans", "鼓足干劲 奋勇向前"),
        **fields,
    )
    for n in range(contacts):
        Contact.objects.create(listing=listing, unit=f"招商组{n}", phone="0752-3278997", position=n)
    return listing


def listing_post_data(listing: Listing | None = None, **overrides) -> dict:
    """A valid edit form as a browser posts it, with one new contact block."""
    today = timezone.localdate()
    data = {
        "headline": "新的标题",
        "slogans": "新的广告语",
        "link": "",
        "placement": Placement.HOME_BANNER,
        "first_day": (today - timedelta(days=1)).isoformat(),
        "last_day": (today + timedelta(days=30)).isoformat(),
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "10",
        "contacts-0-unit": "招商和投资促进组",
        "contacts-0-phone": "0752-3278997",
        "contacts-0-email": "jfjtkc@hzzk.gov.cn",
        "contacts-0-address": "广东省惠州市仲恺高新区投资控股大厦13楼",
        # The version the form was opened on; a listing just made is at version 1.
        "seen_version": str(listing.version) if listing else "1",
    }
    data.update(overrides)
    return data
