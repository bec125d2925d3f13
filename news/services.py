"""Workflow changes to articles: each one checks who may do it and records it in the history."""

from datetime import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from news.models import Article, Status


def _log(*, article: Article, user, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[article],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def _require_editor(user) -> None:
    if not user.has_perm("news.publish_article"):
        raise PermissionDenied("只有编辑可以发布、排期或撤下稿件。")


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """A draft goes to the editors' review queue."""
    if article.status != Status.DRAFT:
        raise ValueError("只有草稿可以提交审核。")
    article.status = Status.REVIEW
    article.save(update_fields=["status", "updated_at"])
    _log(article=article, user=user, message="提交审核")
    return article


@transaction.atomic
def article_publish(*, article: Article, editor, at: datetime | None = None) -> Article:
    """Publish now, or at a future time: readers see it from then on, with no job to run."""
    _require_editor(editor)
    article.status = Status.PUBLISHED
    article.publish_at = at or article.publish_at or timezone.now()
    article.save(update_fields=["status", "publish_at", "updated_at"])
    when = timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")
    _log(article=article, user=editor, message=f"发布（上线时间 {when}）")
    return article


@transaction.atomic
def article_unpublish(*, article: Article, editor) -> Article:
    _require_editor(editor)
    article.status = Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    _log(article=article, user=editor, message="撤稿")
    return article
