from django.shortcuts import get_object_or_404, render

from news.models import Section, Zone
from pages.models import Page


def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "pages/page.html", {"page": page})


def subscribe(request):
    """Every feed the site offers, so readers find them without reading the page source."""
    return render(
        request,
        "pages/subscribe.html",
        {
            "sections": Section.objects.navigation(),
            "zones": Zone.objects.only("name", "slug"),
        },
    )


def feed_stylesheet(request):
    """The XSLT that a browser applies to the RSS feeds (a template, for the stylesheet's URL)."""
    return render(request, "pages/feed.xsl", content_type="text/xsl; charset=utf-8")
