"""The admin's story search: the site's index over the words and captions, plus tags and bylines.

The index (portal.search.matching) covers title, kicker, subtitle, lead, body and photo
captions and credits; tags and bylines are short names matched in their own small tables.
"""

from django.contrib import messages
from django.db.models import Q

from news.models import Article, Byline
from portal.search import QueryError, matching, parse_query


def search_articles(request, queryset, term: str):
    """(stories matching every word, no duplicates) for ModelAdmin.get_search_results."""
    term = term.strip()
    if not term:
        return queryset, False
    try:
        query = parse_query(term)
    except QueryError as error:
        messages.warning(request, str(error))
        return queryset.none(), False
    by_text = matching(Article.objects.all(), query).values("pk")
    by_tag = Article.objects.filter(tags__name__icontains=query.text).values("pk")
    by_byline = Byline.objects.filter(contributor__name__icontains=query.text).values("article_id")
    found = Q(pk__in=by_text) | Q(pk__in=by_tag) | Q(pk__in=by_byline)
    # Subqueries, not joins: each story appears once, so no DISTINCT is needed.
    return queryset.filter(found), False
