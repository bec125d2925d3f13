"""Sitemaps for crawlers: published articles, the columns, zones and tags that hold them, and
a Google News sitemap of the last two days; every address on the canonical SITE_URL."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from epaper.sitemaps import EditionSitemap, EpaperPageSitemap
from news.metadata import absolute_url
from news.models import Article

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 addresses per news sitemap


class SiteSitemap(Sitemap):
    """Addresses on SITE_URL rather than on whichever host the crawler happened to use."""

    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().only("pk", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, article):
        return article.updated_at


class GroupSitemap(SiteSitemap):
    """A listing page per value of `field`, last modified when its newest story changed."""

    field = ""
    url_name = ""

    def items(self):
        return list(
            Article.objects.published()
            .exclude(**{f"{self.field}__isnull": True})
            .values(self.field)
            .annotate(lastmod=Max("updated_at"))
            .order_by(self.field)
        )

    def location(self, item):
        return reverse(self.url_name, kwargs={"slug": item[self.field]})

    def lastmod(self, item):
        return item["lastmod"]


class SectionSitemap(GroupSitemap):
    field, url_name = "section__slug", "news:section"


class ZoneSitemap(GroupSitemap):
    field, url_name = "zones__slug", "news:zone"


class TagSitemap(GroupSitemap):
    field, url_name = "tags__slug", "news:tag"


class NewsSitemap(SiteSitemap):
    """Google News: only the stories published in the last two days."""

    limit = NEWS_LIMIT

    def items(self):
        return (
            Article.objects.published()
            .filter(publish_at__gte=timezone.now() - NEWS_WINDOW)
            .only("pk", "title", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "zones": ZoneSitemap,
    "tags": TagSitemap,
    "epaper-editions": EditionSitemap,
    "epaper-pages": EpaperPageSitemap,
}


@x_robots_tag
@require_GET
def index(request):
    """The sitemap index, every entry on SITE_URL, with the news sitemap listed beside the rest."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = absolute_url(reverse("sitemap", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        entries += [
            SitemapIndexItem(f"{url}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    news = NewsSitemap()
    entries.append(
        SitemapIndexItem(absolute_url(reverse("sitemap_news")), news.get_latest_lastmod())
    )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        # The ads' click redirect counts clicks; crawlers following it would inflate them.
        "Disallow: /advertisers/go/",
        f"Sitemap: {absolute_url(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
