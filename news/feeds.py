"""RSS 2.0 feeds: the latest stories, and those of one column, zone or tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Enclosure, Stylesheet
from taggit.models import Tag

from news.metadata import absolute_url, article_image
from news.models import Article, Section, Zone

FEED_SIZE = 30


class ArticleFeed(Feed):
    """What every feed shares: full titles, summaries, authors, column and tags per item."""

    language = "zh-cn"
    # Opened in a browser, a feed shows as a readable page rather than raw XML.
    stylesheets = [Stylesheet(reverse_lazy("pages:feed_stylesheet"), mimetype="text/xsl")]

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).for_listing().prefetch_related("tags").newest_first()[:FEED_SIZE]

    def feed_url(self, obj=None):
        return absolute_url(self.feed_path(obj))

    def item_title(self, item):
        return f"{item.title}——{item.subtitle}" if item.subtitle else item.title

    def item_description(self, item):
        return item.summary()

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return item.credit_line() or None

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        # The lead photo, so feed readers can show the story's picture.
        image = article_image(item)
        if image is None:
            return []
        return [Enclosure(image["url"], str(image["size"]), "image/jpeg")]

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]


class LatestFeed(ArticleFeed):
    description = "国家高新区新闻、园区动态与党建工作的最新报道"

    def title(self):
        return f"{settings.SITE_NAME}：最新报道"

    def link(self):
        return absolute_url(reverse("home"))

    def feed_path(self, obj):
        return reverse("news:feed")


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(section=obj)

    def title(self, obj):
        return f"{settings.SITE_NAME}：{obj.name}"

    def description(self, obj):
        return obj.description or f"{obj.name}栏目的最新报道"

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def feed_path(self, obj):
        return reverse("news:section_feed", kwargs={"slug": obj.slug})


class ZoneFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Zone, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(zones=obj)

    def title(self, obj):
        return f"{settings.SITE_NAME}：{obj.name}"

    def description(self, obj):
        return f"关于{obj.full_name or obj.name}的最新报道"

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def feed_path(self, obj):
        return reverse("news:zone_feed", kwargs={"slug": obj.slug})


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        # Like the tag page: a tag that only unpublished stories carry does not exist for readers.
        if not Article.objects.published().tagged(tag).exists():
            raise Http404("没有这个标签的已发布文章。")
        return tag

    def articles(self, obj):
        return Article.objects.published().tagged(obj)

    def title(self, obj):
        return f"{settings.SITE_NAME}：标签“{obj.name}”"

    def description(self, obj):
        return f"标签为“{obj.name}”的最新报道"

    def link(self, obj):
        return absolute_url(reverse("news:tag", kwargs={"slug": obj.slug}))

    def feed_path(self, obj):
        return reverse("news:tag_feed", kwargs={"slug": obj.slug})
