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

from news.images import clean_image
from news.models import Article, Photo, Rendition, Status
from news.renditions import delete_files, ensure_renditions


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
    return target
