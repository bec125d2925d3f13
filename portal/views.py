from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from news.models import Article, Kind, Zone
from portal import search as site_search
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
    """For the load balancer: the app answers and its database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


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
