from django.core.cache import cache
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from news.models import Article, Kind, Zone
from portal import search as site_search
from portal.faults import DATABASE_DOWN
from portal.forms import SearchForm

PER_SECTION = 5
BRIEFS = 8


def home(request):
    published = Article.objects.published()
    lead = (
        published.filter(kind=Kind.FEATURE).for_listing().order_by("-is_headline", "-publish_at")
    ).first()
    others = published.exclude(pk=lead.pk) if lead else published
    # The newest few of every column in one query, however many columns there are.
    by_section = (
        others.exclude(kind=Kind.BRIEF)
        .annotate(
            rank=Window(RowNumber(), partition_by=F("section_id"), order_by=F("publish_at").desc())
        )
        .filter(rank__lte=PER_SECTION)
        .for_listing()
        .order_by("section__position", "section__name", "-publish_at")
    )
    columns = {}
    for article in by_section:
        columns.setdefault(article.section, []).append(article)
    briefs = others.filter(kind=Kind.BRIEF).for_listing().newest_first()[:BRIEFS]
    return render(
        request,
        "portal/home.html",
        {
            "lead": lead,
            "columns": list(columns.items()),
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
        results = site_search.search(query, filters=form.filters(), page=number)
    return render(request, "portal/search.html", {"form": form, "query": query, "results": results})
