"""Sitemaps of published editions and their pages; portal.sitemaps lists them in the index."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery

from epaper.models import Edition, Page


class _OnSiteUrl(Sitemap):
    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class EditionSitemap(_OnSiteUrl):
    def items(self):
        return Edition.objects.published().only("date", "updated_at").order_by("-date")

    def lastmod(self, edition):
        return edition.updated_at


class EpaperPageSitemap(_OnSiteUrl):
    """Every page but each edition's first, whose address is the edition's (its canonical)."""

    def items(self):
        first = Page.objects.filter(edition=OuterRef("edition")).order_by("position", "number")
        return (
            Page.objects.published()
            .exclude(pk=Subquery(first.values("pk")[:1]))
            .select_related("edition")
            .only("number", "edition__date", "edition__updated_at")
            .order_by("-edition__date", "position", "number")
        )

    def lastmod(self, page):
        return page.edition.updated_at
