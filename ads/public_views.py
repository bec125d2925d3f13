"""What readers reach: the directory of live listings and the counted click-through."""

from urllib.parse import urlsplit, urlunsplit

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from ads import counters
from ads.models import Listing
from portal.pagecache import reader_page

PAGE_SIZE = 20


@reader_page
def directory(request):
    listings = Listing.objects.live().for_display().order_by("advertiser__name", "pk")
    page = Paginator(listings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ads/directory.html", {"page": page})


@reader_page
def directory_detail(request, pk):
    listing = get_object_or_404(Listing.objects.live().for_display(), pk=pk)
    return render(request, "ads/directory_detail.html", {"listing": listing})


@never_cache
def click(request, pk):
    """Count a click and go to the listing's stored link; no parameter can change where."""
    listing = get_object_or_404(Listing.objects.live().only("pk", "link"), pk=pk)
    # Schemes are case-insensitive (HTTPS://… is a valid link); the redirect gets it lowercased.
    parts = urlsplit(listing.link)
    if parts.scheme.lower() not in ("https", "http") or not parts.netloc:
        raise Http404("该广告没有链接。")
    # A HEAD (link checkers, some prefetchers) is not a reader's click.
    if request.method == "GET":
        counters.count_click(listing)
    response = HttpResponseRedirect(urlunsplit(parts._replace(scheme=parts.scheme.lower())))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
