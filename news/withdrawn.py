"""What a reader finds at the address of a story the desk withdrew (撤稿): 410 and a notice."""

from django.http import Http404
from django.shortcuts import render

from news.models import Article, Status


def withdrawn_notice(request, pk: int):
    """410 Gone with 本文已于…撤稿 for a withdrawn story; any other missing story stays a 404."""
    article = (
        Article.objects.filter(pk=pk, status=Status.UNPUBLISHED, publish_at__isnull=False)
        .only(
            "title",
            "publish_at",
            "withdrawn_at",
            "withdrawal_reason",
            "withdrawal_reason_public",
        )
        .first()
    )
    if article is None:
        raise Http404("没有这篇文章。")
    return render(request, "news/withdrawn.html", {"article": article}, status=410)
