from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from news.models import Article, Kind, Section, Zone
from portal import search as site_search
from portal.faults import DATABASE_DOWN
from portal.forms import SearchForm
from portal.pagecache import reader_page

PER_SECTION = 5
BRIEFS = 8


@reader_page
def home(request):
    published = Article.objects.published()
    # Headlines first, else the newest feature: each an index scan that stops at one row.
    features = published.filter(kind=Kind.FEATURE).newest_first().values_list("pk", flat=True)
    lead_id = features.filter(is_headline=True).first() or features.first()
    others = published.exclude(pk=lead_id)
    sections = list(Section.objects.all())
    # The newest few of each column: one short index scan per column, whatever the archive's
    # size (a window over all published rows sorts every one of them).
    per_column = [
        others.filter(section=section)
        .exclude(kind=Kind.BRIEF)
        .newest_first()
        .values_list("pk", flat=True)[:PER_SECTION]
        for section in sections
    ]
    if connection.features.supports_slicing_ordering_in_compound and len(per_column) > 1:
        # PostgreSQL: the same scans in one round trip.
        picked = list(per_column[0].union(*per_column[1:], all=True))
    else:
        picked = [pk for query in per_column for pk in query]
    stories = {a.pk: a for a in Article.objects.filter(pk__in=[*picked, lead_id]).for_listing()}
    columns = []
    for section in sections:
        articles = [stories[pk] for pk in picked if stories[pk].section_id == section.pk]
        articles.sort(key=lambda a: (a.publish_at, a.pk), reverse=True)
        if articles:
            columns.append((section, articles))
    briefs = others.filter(kind=Kind.BRIEF).for_listing().newest_first()[:BRIEFS]
    return render(
        request,
        "portal/home.html",
        {
            "lead": stories.get(lead_id),
            "columns": columns,
            "briefs": briefs,
            "zones": Zone.objects.only("name", "slug"),
        },
    )


@never_cache
def health(request):
    """Liveness: the process answers. Cheap, and touches neither database nor cache."""
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    """Readiness, for the load balancer: 503 naming each service that does not answer."""
    down = [
        name for name, check in (("database", _database_up), ("cache", _cache_up)) if not check()
    ]
    if down:
        return JsonResponse({"status": "unavailable", "down": down}, status=503)
    return JsonResponse({"status": "ok"})


def _database_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN:
        return False
    return True


def _cache_up() -> bool:
    # Only the Redis backend can be away; it degrades quietly, so ask it directly.
    ping = getattr(cache, "ping", None)
    if ping is None:
        return True
    try:
        ping()
    except Exception:
        return False
    return True


def search(request):
    """Search results; bad input is answered with the form's message and a 400, never a 500."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/search.html", {"form": form}, status=400)
    query = form.cleaned_data["q"]
    results = None
    if query:
        try:
            number = int(request.GET.get("page", 1))
        except ValueError:
            number = 1
        results = site_search.search(query, filters=form.filters(), page=number, order=form.order())
    context = {"form": form, "query": query, "results": results, "filtered": form.filters()}
    # A page past the last one is not a page: say so, and link back, rather than repeat one.
    status = 404 if results and not results.articles and results.number > 1 else 200
    return render(request, "portal/search.html", context, status=status)
