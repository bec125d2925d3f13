from django import template

from ads import counters
from ads.models import SLOT_SIZE, Listing, Placement

register = template.Library()


@register.inclusion_tag("ads/includes/slot.html")
def ad_slot(placement: str):
    """The live ads of one slot, in two queries however many; each view counted in the cache."""
    if placement not in Placement.values:
        raise template.TemplateSyntaxError(f"未知的广告位：{placement}")
    # Random order shares a slot fairly between the advertisers booked into it.
    listings = list(
        Listing.objects.live()
        .filter(placement=placement)
        .for_display()
        .order_by("?")[: SLOT_SIZE[placement]]
    )
    counters.count_impressions([listing.pk for listing in listings])
    return {"listings": listings, "placement": placement}
