"""更正 and 说明: notes an editor adds under a published story; readers see them with a date."""

from django.conf import settings
from django.db import models

from portal.pagecache import ChangesReaderPages


class Correction(ChangesReaderPages, models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "更正"
        NOTE = "note", "说明"

    article = models.ForeignKey(
        "news.Article", verbose_name="稿件", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        "内容", help_text="读者在正文下方看到，如：本文第二段“3200家”应为“2300家”。"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="添加人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "news"
        verbose_name = "更正/说明"
        verbose_name_plural = "更正/说明"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.text[:30]}"
