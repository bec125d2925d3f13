from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag, TaggedItem

from news import popularity
from news.models import Article, Section, Zone
from news.paging import ListPage
from news.withdrawn import withdrawn_notice
from portal import pagecache
from portal.pagecache import reader_page

PAGE_SIZE = 20
PHOTO_PAGE_SIZE = 12
# Related stories are looked for among the newest this many stories (by id), and the best
# RELATED_CANDIDATES of them by tags shared.
RELATED_WINDOW = 5000
RELATED_CANDIDATES = 50


def _page(request, queryset, size=PAGE_SIZE):
    return ListPage(queryset, request.GET.get("page"), size)


@reader_page
def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, Article.objects.published().filter(section=section))
    if page.number == 1:
        # The column's 头条 leads its first page, as in print; the rest stay newest first.
        page.object_list = sorted(page.object_list, key=lambda article: not article.is_headline)
    return render(request, "news/section_detail.html", {"section": section, "page": page})


@reader_page
def zone_list(request):
    # Explicit: Meta.ordering is dropped under GROUP BY, so without this the order would be
    # whatever the database returns (and change after a restore).
    zones = Zone.objects.annotate(
        story_count=Count("articles", filter=Q(articles__in=Article.objects.published()))
    ).order_by("name", "pk")
    return render(request, "news/zone_list.html", {"zones": zones})


@reader_page
def zone_detail(request, slug):
    zone = get_object_or_404(Zone, slug=slug)
    page = _page(request, Article.objects.published().filter(zones=zone))
    return render(request, "news/zone_detail.html", {"zone": zone, "page": page})


@reader_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.published().tagged(tag))
    if not page:
        # A tag only unpublished stories carry would give away what is under embargo.
        raise Http404("没有这个标签的已发布文章。")
    return render(request, "news/tag_detail.html", {"tag": tag, "page": page})


@reader_page
def photo_list(request):
    """Photo stories (图片新闻), newest first."""
    page = _page(request, Article.objects.published().photo_stories(), PHOTO_PAGE_SIZE)
    return render(request, "news/photo_list.html", {"page": page})


@reader_page
def article_detail(request, pk):
    try:
        article = get_object_or_404(
            Article.objects.published()
            .for_listing()
            .with_body_photos()
            .select_related("lead_photo__photographer")
            .prefetch_related(
                Prefetch("zones", queryset=Zone.objects.only("name", "slug")), "tags"
            ),
            pk=pk,
        )
    except Http404:
        # A withdrawn story answers 410 with a notice; only this miss costs one more query.
        return withdrawn_notice(request, pk)
    # Counted on every view, cached or not (热门), with one cache increment and no write.
    pagecache.per_view(request, popularity.count_view, article.pk)
    return render(
        request,
        "news/article_detail.html",
        {"article": article, "related": related_articles(article)},
    )


def related_articles(article, limit=5):
    """Published stories sharing the most tags with this one, then the newest of its column.

    Candidates are the newest RELATED_WINDOW stories by id, read from the tagged items'
    (content type, object id) index: a bounded range, where grouping every tagged row of the
    archive grew with it.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    published = Article.objects.published().exclude(pk=article.pk)
    shared = {}
    if tag_ids:
        newest = Article.objects.order_by("-pk").values("pk")[:1]
        rows = (
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Article),
                tag_id__in=tag_ids,
                object_id__gt=Subquery(newest) - RELATED_WINDOW,
            )
            .exclude(object_id=article.pk)
            .values("object_id")
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-object_id")
            .values_list("object_id", "shared")[:RELATED_CANDIDATES]
        )
        shared = dict(rows)
    found = list(published.filter(pk__in=list(shared)).only("title", "publish_at", "kind"))
    found.sort(key=lambda a: (shared[a.pk], a.publish_at, a.pk), reverse=True)
    found = found[:limit]
    if len(found) < limit:
        found += (
            published.filter(section_id=article.section_id)
            .exclude(pk__in=[a.pk for a in found])
            .newest_first()
            .only("title", "publish_at", "kind")[: limit - len(found)]
        )
    return found
