"""Sitemaps for crawlers: published articles, the columns, zones and tags that hold them, and
a Google News sitemap of the last two days; every address on the canonical SITE_URL."""

from datetime import timedelta
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from taggit.models import Tag, TaggedItem

from news.metadata import absolute_url
from news.models import Article, Section, Zone
from portal.pagecache import reader_page

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
    """Every published article, as (id, updated_at) rows: no model instances for 5,000 rows."""

    def items(self):
        return (
            Article.objects.published()
            .order_by("-publish_at", "-pk")
            .values_list("pk", "updated_at")
        )

    def location(self, item):
        # One reverse() for the page, not one per address.
        return _article_path().replace("/0/", f"/{item[0]}/")

    def lastmod(self, item):
        return item[1]


@cache
def _article_path():
    return reverse("news:article", kwargs={"pk": 0})


def _newest_change(articles):
    """When the newest of these stories last changed: one index scan, stopping at one row."""
    return Subquery(articles.newest_first().values("updated_at")[:1])


class GroupSitemap(SiteSitemap):
    """A listing page per section, zone or tag with published stories, last modified when its
    newest story changed; each found by an index scan per group, not an aggregate over all."""

    model = None
    url_name = ""

    def articles(self):
        raise NotImplementedError

    def items(self):
        return list(
            self.model.objects.annotate(lastmod=_newest_change(self.articles()))
            .filter(lastmod__isnull=False)
            .order_by("slug")
            .values("slug", "lastmod")
        )

    def location(self, item):
        return reverse(self.url_name, kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["lastmod"]


class SectionSitemap(GroupSitemap):
    model, url_name = Section, "news:section"

    def articles(self):
        return Article.objects.published().filter(section=OuterRef("pk"))


class ZoneSitemap(GroupSitemap):
    model, url_name = Zone, "news:zone"

    def articles(self):
        return Article.objects.published().filter(zones=OuterRef("pk"))


class TagSitemap(GroupSitemap):
    model, url_name = Tag, "news:tag"

    def articles(self):
        # Straight to the tagged items' (content type, object id, tag) index with the ids'
        # own types; the generic relation's join casts object_id and cannot use it.
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            tag=OuterRef(OuterRef("pk")),
            object_id=OuterRef("pk"),
        )
        return Article.objects.published().filter(Exists(tagged))


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
}


@reader_page
@x_robots_tag
@require_GET
def index(request):
    """The sitemap index, every entry on SITE_URL, with the news sitemap listed beside the rest.

    Each entry's lastmod is when the newest published story last changed, and only the
    articles sitemap is counted for its pages (the others hold one page each, up to 5,000
    sections, zones or tags): two index scans, not an aggregate over the archive.
    """
    newest = Article.objects.published().newest_first().values_list("updated_at", flat=True).first()
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        url = absolute_url(reverse("sitemap", kwargs={"section": section}))
        entries.append(SitemapIndexItem(url, newest))
        if sitemap_class is ArticleSitemap:
            entries += [
                SitemapIndexItem(f"{url}?p={page}", newest)
                for page in range(2, sitemap_class().paginator.num_pages + 1)
            ]
    entries.append(SitemapIndexItem(absolute_url(reverse("sitemap_news")), newest))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@reader_page
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
