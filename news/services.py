"""Changes that span models: the article workflow (checked and logged), storing photos, tags."""

import uuid
from datetime import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from history import services as history
from news import notify
from news.corrections import Correction
from news.images import clean_image
from news.models import Article, Photo, Rendition, Status
from news.renditions import delete_files, ensure_renditions
from portal.pagecache import content_changed


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


def _move_on(article: Article, seen_version: int | None) -> None:
    # Every change moves the version on, so a form opened before it cannot overwrite it.
    if seen_version is None:
        history.advance(article)
    else:
        history.claim(article, seen=seen_version)


class ArticleStateError(ValueError):
    """The action does not apply to the story as it stands; the message says why in Chinese."""


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """A draft goes to the editors' review queue; an earlier send-back reason is answered."""
    if article.status != Status.DRAFT:
        raise ArticleStateError("只有草稿可以提交审核。")
    _move_on(article, None)
    article.status = Status.REVIEW
    article.review_note = ""
    article.save(update_fields=["status", "review_note", "updated_at"])
    _log(article=article, user=user, message="提交审核")
    history.record(article, user=user, note="提交审核")
    return article


@transaction.atomic
def article_send_back(
    *, article: Article, editor, reason: str, seen_version: int | None = None
) -> Article:
    """退回修改: the story returns to its reporter as a draft, with the reason she will read."""
    _require_editor(editor)
    reason = reason.strip()
    if not reason:
        raise ArticleStateError("退回时请写明原因，记者会看到。")
    if not (article.status == Status.REVIEW or article.is_scheduled):
        raise ArticleStateError("只有待审或已排期的稿件可以退回修改。")
    _move_on(article, seen_version)
    article.status = Status.DRAFT
    article.review_note = reason
    article.save(update_fields=["status", "review_note", "updated_at"])
    _log(article=article, user=editor, message=f"退回修改：{reason}")
    history.record(article, user=editor, note=f"退回修改：{reason}")
    notify.reporter(article=article, actor=editor, event="退回修改", detail=f"退回原因：{reason}")
    return article


@transaction.atomic
def article_publish(
    *, article: Article, editor, at: datetime | None = None, seen_version: int | None = None
) -> Article:
    """Publish at the given time, else at the time already set, else now.

    A time in the future schedules the story: readers see it from then on, with no job to run.
    With `seen_version`, only that version goes live: a story changed since is refused with
    history.VersionConflict and nothing is published.
    """
    _require_editor(editor)
    if article.status == Status.UNPUBLISHED:
        raise ArticleStateError("已撤稿的稿件请先改回草稿，再重新审核发布。")
    _move_on(article, seen_version)
    article.status = Status.PUBLISHED
    article.publish_at = at or article.publish_at or timezone.now()
    article.review_note = ""
    article.save(update_fields=["status", "publish_at", "review_note", "updated_at"])
    when = _when(article.publish_at)
    if article.is_scheduled:
        _log(article=article, user=editor, message=f"排期发布（上线时间 {when}）")
        history.record(article, user=editor, note=f"排期发布（{when}）")
        notify.reporter(article=article, actor=editor, event="已排期", detail=f"上线时间：{when}")
    else:
        _log(article=article, user=editor, message=f"发布（上线时间 {when}）")
        history.record(article, user=editor, note="发布")
        notify.reporter(article=article, actor=editor, event="已发布", detail=f"上线时间：{when}")
    return article


def article_publish_now(*, article: Article, editor, seen_version: int | None = None) -> Article:
    """立即发布: readers see the story from this moment, whatever time was set before."""
    if article.is_live:
        raise ArticleStateError("这篇稿件已经上线。")
    return article_publish(
        article=article, editor=editor, at=timezone.now(), seen_version=seen_version
    )


def article_schedule(
    *, article: Article, editor, at: datetime, seen_version: int | None = None
) -> Article:
    """排期发布: the story goes live at a future time."""
    if at <= timezone.now():
        raise ArticleStateError("排期时间必须晚于现在；要马上上线请用“立即发布”。")
    return article_publish(article=article, editor=editor, at=at, seen_version=seen_version)


@transaction.atomic
def article_unpublish(
    *,
    article: Article,
    editor,
    reason: str,
    show_reason: bool = False,
    seen_version: int | None = None,
) -> Article:
    """撤稿: the story leaves every list; its address answers 410 with a notice for readers."""
    _require_editor(editor)
    reason = reason.strip()
    if not reason:
        raise ArticleStateError("撤稿时请写明原因。")
    if article.status != Status.PUBLISHED:
        raise ArticleStateError("只有已发布或已排期的稿件可以撤稿。")
    _move_on(article, seen_version)
    article.status = Status.UNPUBLISHED
    article.withdrawn_at = timezone.now()
    article.withdrawal_reason = reason
    article.withdrawal_reason_public = show_reason
    article.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "withdrawal_reason",
            "withdrawal_reason_public",
            "updated_at",
        ]
    )
    shown = "（向读者说明原因）" if show_reason else ""
    _log(article=article, user=editor, message=f"撤稿：{reason}{shown}")
    history.record(article, user=editor, note=f"撤稿：{reason}")
    return article


@transaction.atomic
def correction_add(*, article: Article, editor, kind: str, text: str) -> Correction:
    """A 更正 or 说明 under a published story; readers see it with its date from now on."""
    _require_editor(editor)
    text = text.strip()
    if not text:
        raise ArticleStateError("请写明更正或说明的内容。")
    if article.status != Status.PUBLISHED:
        raise ArticleStateError("只有已发布的稿件可以添加更正或说明。")
    correction = Correction.objects.create(article=article, kind=kind, text=text, created_by=editor)
    article.corrected_at = correction.created_at
    article.save(update_fields=["corrected_at", "updated_at"])
    _log(article=article, user=editor, message=f"{correction.get_kind_display()}：{text}")
    return correction


def article_note_content_change(*, article: Article, changed: set[str]) -> None:
    """Before saving an edit: a live story whose words changed shows 更新于 to readers."""
    if (
        changed & Article.CONTENT_FIELDS
        and Article.objects.published().filter(pk=article.pk).exists()
    ):
        article.content_changed_at = timezone.now()


@transaction.atomic
def photo_save(*, photo: Photo, user, upload: File | None = None) -> Photo:
    """Save a photo; a new upload is cleaned (upright, no EXIF or GPS) and its renditions made.

    If anything fails, the files written so far are removed along with the rolled-back row.
    """
    storage = photo.image.storage
    previous = []
    if upload is not None and photo.pk:
        old = Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
        previous = [old, *Rendition.objects.filter(photo=photo).values_list("file", flat=True)]
    if photo.pk is None:
        photo.uploaded_by = user
    written = []
    try:
        if upload is not None:
            clean = clean_image(upload)
            # A random name: the uploader's file name can carry personal or misleading text.
            photo.image.save(f"{uuid.uuid4().hex}.{clean.extension}", clean.content, save=False)
            written.append(photo.image.name)
        photo.save()
        if upload is not None:
            Rendition.objects.filter(photo=photo).delete()
            written += [r.file.name for r in ensure_renditions(photo)]
    except BaseException:
        delete_files(written, storage)
        raise
    # Captions and credits are searchable through every article that shows the photo.
    Article.objects.filter(Q(lead_photo=photo) | Q(body_photos__photo=photo)).refresh_photo_text()
    if previous:
        # Only once the new image is committed may the old files go.
        transaction.on_commit(lambda: delete_files(previous, storage))
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    """Delete a photo and, once that is committed, its files."""
    storage = photo.image.storage
    names = [photo.image.name, *photo.renditions.values_list("file", flat=True)]
    showing = list(Article.objects.filter(lead_photo=photo).values_list("pk", flat=True))
    photo.delete()
    # Its caption and credit must stop finding the stories that showed it.
    Article.objects.filter(pk__in=showing).refresh_photo_text()
    transaction.on_commit(lambda: delete_files(names, storage))


@transaction.atomic
def tag_merge(*, tags: list[Tag], into: str) -> Tag:
    """Put every story tagged with any of `tags` under the tag named `into`, then drop the rest."""
    target = Tag.objects.filter(name__iexact=into).first() or Tag.objects.create(name=into)
    sources = [tag.pk for tag in tags if tag.pk != target.pk]
    have = set(TaggedItem.objects.filter(tag=target).values_list("content_type_id", "object_id"))
    for item in TaggedItem.objects.filter(tag_id__in=sources).order_by("pk"):
        key = (item.content_type_id, item.object_id)
        if key in have:
            item.delete()  # the story already carries the target tag
        else:
            have.add(key)
            TaggedItem.objects.filter(pk=item.pk).update(tag=target)
    Tag.objects.filter(pk__in=sources).delete()
    # Tag lists and story pages show the old names until the readers' page cache forgets them.
    content_changed()
    return target
