"""The version check every save goes through, and the versions it leaves behind.

`claim` is the check: one conditional UPDATE ... WHERE version = seen, so of two saves
started from the same version exactly one moves the row on and the other is refused, even
in two processes at once (the second UPDATE waits for the first's row lock, then finds the
number changed). Any new action that changes an article, photo or listing calls
`claim` (or `advance` when no version was seen) and then `record`.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from history import snapshots
from history.models import Version


@dataclass
class VersionConflict(Exception):
    """The object changed since the version the person saw; nothing was saved."""

    obj: object
    seen: int | None
    current: int
    since: list = field(default_factory=list)

    def __str__(self):
        return conflict_message(self)


def _keep_first(obj) -> None:
    """Before the first recorded change, keep what the row said, so it can be compared."""
    model = type(obj)
    if obj.pk is None or Version.objects.of(obj).exists():
        return
    saved = model._base_manager.filter(pk=obj.pk).first()
    if saved is None:
        return
    try:
        with transaction.atomic():
            record(saved, user=None, note="开始记录前的内容")
    except IntegrityError:
        pass  # a concurrent save kept it first


def claim(obj, *, seen: int | None) -> int:
    """Move the row on from the version seen, or refuse with VersionConflict."""
    model = type(obj)
    _keep_first(obj)
    done = (
        model._base_manager.filter(pk=obj.pk, version=seen).update(version=F("version") + 1)
        if seen is not None
        else 0
    )
    if done != 1:
        current = model._base_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise VersionConflict(
            obj=obj, seen=seen, current=current or 0, since=changes_since(obj, seen)
        )
    obj.version = seen + 1
    return obj.version


def advance(obj) -> int:
    """Move the row on without a check: for changes nobody typed (e.g. a reporter's submit)."""
    model = type(obj)
    _keep_first(obj)
    model._base_manager.filter(pk=obj.pk).update(version=F("version") + 1)
    obj.version = model._base_manager.filter(pk=obj.pk).values_list("version", flat=True).get()
    return obj.version


def record(obj, *, user, note: str = "") -> Version:
    """Keep the object as it is now saved as version obj.version."""
    data, text = snapshots.take(obj)
    content_type = ContentType.objects.get_for_model(type(obj))
    previous = (
        Version.objects.filter(content_type=content_type, object_id=obj.pk)
        .order_by("-number")
        .values_list("text", flat=True)
        .first()
    )
    changed = [label for label, value in text.items() if (previous or {}).get(label) != value]
    return Version.objects.create(
        content_type=content_type,
        object_id=obj.pk,
        number=obj.version,
        data=data,
        text=text,
        changed=changed if previous is not None else [],
        note=note[:200],
        user=user if getattr(user, "pk", None) else None,
    )


def changes_since(obj, seen: int | None) -> list[Version]:
    """The versions saved after the one a person saw, oldest first."""
    return list(Version.objects.of(obj).filter(number__gt=seen or 0).order_by("number"))


def conflict_message(conflict: VersionConflict) -> str:
    """Who changed what since the version a person opened, as one Chinese sentence."""
    if conflict.seen is None:
        return "页面缺少版本号，请重新打开页面后再操作。"
    who = [
        f"{v.author()} 于 {timezone.localtime(v.created_at):%m-%d %H:%M} "
        f"{v.note or '修改'}（{v.summary()}，第 {v.number} 版）"
        for v in conflict.since
    ]
    said = "；".join(who) if who else f"他人已保存到第 {conflict.current} 版"
    opened = f"你打开的是第 {conflict.seen} 版，此后" if conflict.seen else "你打开页面后，"
    return f"{opened} {said}。"


def seen_text(obj, seen: int | None) -> dict:
    """The text of the version a person opened, for showing what changed since."""
    if seen is None:
        return {}
    version = Version.objects.of(obj).filter(number=seen).first()
    return version.text if version else {}


@transaction.atomic
def restore(*, obj, version: Version, seen: int | None, user):
    """Make a version's content current again, as a new version; history is never rewritten."""
    claim(obj, seen=seen)
    snapshots.put_back(obj, version.data)
    obj.full_clean(exclude=["image"])
    obj.save()
    snapshots.put_back_related(obj, version.data)
    return record(obj, user=user, note=f"恢复到第 {version.number} 版")
