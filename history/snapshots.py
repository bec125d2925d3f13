"""What a version of each kind of object holds, and how an old version is put back.

Each kind says which of its fields are kept, as values to restore (`data`) and as text a person
reads (`text`, keyed by the field's Chinese label). Workflow fields (status, publish time,
头条, review) are shown but never restored: restoring old words must not publish or approve.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape as unescape_entities

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags


def plain_text(html: str) -> str:
    """Body HTML as lines of text, one per paragraph or heading, for a readable diff."""
    text = re.sub(r"</(p|h\d|li|blockquote)>|<br\s*/?>", "\n", html or "")
    lines = (unescape_entities(strip_tags(line)).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


@dataclass(frozen=True)
class Kind:
    """How versions of one model are taken and restored."""

    fields: tuple[str, ...]  # own fields restored as they were
    shown: tuple[str, ...]  # own fields shown in versions but never restored
    related: Callable  # obj -> (data, text) for bylines, tags, contacts and the like
    restore_related: Callable  # (obj, data) -> None


def _field_text(obj, name: str) -> str:
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")()
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(field, models.DateTimeField):
        return _when(value)
    if isinstance(field, models.ForeignKey):
        return str(value) if value is not None else ""
    if isinstance(field, models.FileField):
        return value.name or ""
    if name == "body":
        return plain_text(value)
    return "" if value is None else str(value)


def _field_data(obj, name: str):
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    value = getattr(obj, name)
    if isinstance(field, models.FileField):
        return value.name or ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _article_related(article):
    from news.models import ArticlePhoto, Byline

    bylines = list(Byline.objects.filter(article=article).select_related("contributor"))
    photos = list(ArticlePhoto.objects.filter(article=article).select_related("photo"))
    zones = list(article.zones.order_by("name"))
    tags = sorted(article.tags.names())
    data = {
        "zones": [z.pk for z in zones],
        "tags": tags,
        "bylines": [[b.contributor_id, b.role, b.position] for b in bylines],
        "body_photos": [[p.photo_id, p.after_paragraph, p.position] for p in photos],
    }
    text = {
        "署名": " ".join(str(b) for b in bylines),
        "涉及园区": "、".join(z.name for z in zones),
        "标签": "、".join(tags),
        "正文配图": "\n".join(
            f"{p.photo}（第 {p.after_paragraph} 段后）"
            if p.after_paragraph is not None
            else f"{p.photo}（文末）"
            for p in photos
        ),
    }
    return data, text


def _article_restore(article, data):
    from news.models import ArticlePhoto, Byline, Contributor, Photo, Zone

    article.zones.set(Zone.objects.filter(pk__in=data.get("zones", [])))
    article.tags.set(data.get("tags", []))
    people = set(
        Contributor.objects.values_list("pk", flat=True).filter(
            pk__in=[b[0] for b in data.get("bylines", [])]
        )
    )
    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(article=article, contributor_id=c, role=r, position=p)
        for c, r, p in data.get("bylines", [])
        if c in people
    )
    photos = set(
        Photo.objects.values_list("pk", flat=True).filter(
            pk__in=[p[0] for p in data.get("body_photos", [])]
        )
    )
    ArticlePhoto.objects.filter(article=article).delete()
    ArticlePhoto.objects.bulk_create(
        ArticlePhoto(article=article, photo_id=ph, after_paragraph=after, position=pos)
        for ph, after, pos in data.get("body_photos", [])
        if ph in photos
    )
    type(article).objects.filter(pk=article.pk).refresh_photo_text()


def _listing_related(listing):
    contacts = list(listing.contacts.order_by("position", "pk"))
    rows = [[c.unit, c.phone, c.email, c.address, c.position] for c in contacts]
    text = "\n".join(" ".join(part for part in row[:4] if part) for row in rows)
    return {"contacts": rows}, {"联系方式": text}


def _listing_restore(listing, data):
    from ads.models import Contact

    listing.contacts.all().delete()
    Contact.objects.bulk_create(
        Contact(listing=listing, unit=u, phone=ph, email=e, address=a, position=pos)
        for u, ph, e, a, pos in data.get("contacts", [])
    )


def _nothing(obj):
    return {}, {}


def _photo_restore(photo, data):
    from news.models import Article

    # A restored caption or credit must find the stories that show the photo again.
    Article.objects.filter(
        models.Q(lead_photo=photo) | models.Q(body_photos__photo=photo)
    ).refresh_photo_text()


def kind_of(model) -> Kind:
    label = model._meta.label
    if label == "news.Article":
        return Kind(
            fields=(
                "kind",
                "section",
                "kicker",
                "title",
                "subtitle",
                "lead",
                "body",
                "source",
                "dateline",
                "lead_photo",
            ),
            shown=("status", "publish_at", "is_headline"),
            related=_article_related,
            restore_related=_article_restore,
        )
    if label == "news.Photo":
        return Kind(
            fields=("caption", "credit", "alt_text", "photographer"),
            shown=("image",),
            related=_nothing,
            restore_related=_photo_restore,
        )
    if label == "ads.Listing":
        return Kind(
            fields=("headline", "slogans", "link", "placement", "first_day", "last_day"),
            shown=("image", "status", "review_note"),
            related=_listing_related,
            restore_related=_listing_restore,
        )
    raise LookupError(f"{label} keeps no versions")


def take(obj) -> tuple[dict, dict]:
    """The (data, text) of an object as it is saved now."""
    kind = kind_of(type(obj))
    data, text = {}, {}
    for name in (*kind.fields, *kind.shown):
        label = str(obj._meta.get_field(name).verbose_name)
        data[name] = _field_data(obj, name)
        text[label] = _field_text(obj, name)
    extra_data, extra_text = kind.related(obj)
    return {**data, **extra_data}, {**text, **extra_text}


def put_back(obj, data: dict) -> None:
    """Set an object's content to a version's; the caller saves it, then this restores relations."""
    kind = kind_of(type(obj))
    for name in kind.fields:
        if name not in data:
            continue
        field = obj._meta.get_field(name)
        value = data[name]
        if isinstance(field, models.ForeignKey):
            if (
                value is not None
                and not field.related_model._base_manager.filter(pk=value).exists()
            ):
                value = None  # the photo or contributor has since been deleted
            setattr(obj, field.attname, value)
        elif value is not None and isinstance(field, models.DateField):
            setattr(obj, name, field.to_python(value))
        else:
            setattr(obj, name, value)


def put_back_related(obj, data: dict) -> None:
    kind_of(type(obj)).restore_related(obj, data)
