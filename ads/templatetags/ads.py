from django import template
from django.utils.safestring import mark_safe

from ads.models import Placement
from ads.slots import render_slot
from portal import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def ad_slot(context, placement: str):
    """The live ads of one slot, chosen and counted for each view, the page cache's included."""
    if placement not in Placement.values:
        raise template.TemplateSyntaxError(f"未知的广告位：{placement}")
    request = context.get("request")
    # The generation goes with the slot: a page kept under it is served only while it holds.
    gen = pagecache.request_generation(request)
    return mark_safe(pagecache.fragment(request, render_slot, placement, gen))
