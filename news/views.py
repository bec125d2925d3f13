from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from news import popularity
from news.models import Article, Section, Zone

PAGE_SIZE = 20
PHOTO_PAGE_SIZE = 12


def _page(request, queryset):
    return Paginator(queryset.for_listing().newest_first(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, Article.objects.published().filter(section=section))
    if page.number == 1:
        # The column's 头条 leads its first page, as in print; the rest stay newest first.
        page.object_list = sorted(page.object_list, key=lambda article: not article.is_headline)
    return render(request, "news/section_detail.html", {"section": section, "page": page})


def zone_list(request):
    zones = Zone.objects.annotate(
        story_count=Count("articles", filter=Q(articles__in=Article.objects.published()))
    )
    return render(request, "news/zone_list.html", {"zones": zones})


def zone_detail(request, slug):
    zone = get_object_or_404(Zone, slug=slug)
    page = _page(request, Article.objects.published().filter(zones=zone))
    return render(request, "news/zone_detail.html", {"zone": zone, "page": page})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.published().filter(tags=tag))
    if not page.paginator.count:
        # A tag only unpublished stories carry would give away what is under embargo.
        raise Http404("没有这个标签的已发布文章。")
    return render(request, "news/tag_detail.html", {"tag": tag, "page": page})


def photo_list(request):
    """Photo stories (图片新闻), newest first."""
    stories = Article.objects.published().photo_stories().for_listing().newest_first()
    page = Paginator(stories, PHOTO_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/photo_list.html", {"page": page})


def article_detail(request, pk):
    article = get_object_or_404(
        Article.objects.published()
        .for_listing()
        .with_body_photos()
        .select_related("lead_photo__photographer")
        .prefetch_related(Prefetch("zones", queryset=Zone.objects.only("name", "slug")), "tags"),
        pk=pk,
    )
    popularity.count_view(article.pk)
    return render(
        request,
        "news/article_detail.html",
        {"article": article, "related": related_articles(article)},
    )


def related_articles(article, limit=5):
    """Published stories sharing the most tags with this one, then the newest of its column."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    return (
        Article.objects.published()
        .filter(Q(tags__in=tag_ids) | Q(section_id=article.section_id))
        .exclude(pk=article.pk)
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared", "-publish_at", "-pk")
        .only("title", "publish_at", "kind")[:limit]
    )
