from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class VersionQuerySet(models.QuerySet):
    def of(self, obj):
        """The versions of one article, photo or listing, newest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        ).select_related("user")


class Version(models.Model):
    """What one saved version of an article, a photo or a listing said, and who saved it.

    `data` holds the values needed to restore it; `text` the same as a person reads it
    (field label → text), which is what compare and conflict pages show.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="类型")
    object_id = models.PositiveBigIntegerField("对象编号")
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("恢复数据", default=dict)
    text = models.JSONField("内容", default=dict)
    changed = models.JSONField("改动的项目", default=list)
    note = models.CharField("说明", max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ["-number"]
        constraints = [
            # One row per number: two saves that both claimed a number could not both be kept.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="version_number_once"
            )
        ]

    def __str__(self):
        return f"第 {self.number} 版"

    def author(self) -> str:
        if self.user is None:
            return "（系统）"
        return self.user.get_full_name() or self.user.username

    def summary(self) -> str:
        return "、".join(self.changed) if self.changed else "（无内容改动）"
