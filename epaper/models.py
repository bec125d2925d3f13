"""The printed edition online: editions (期), their pages (版面) and the regions on a page."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from ads.models import Listing
from news.models import Article
from portal.pagecache import ChangesReaderPages


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class EditionQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published, and due. The same rule as stories."""
        return self.filter(status=EditionStatus.PUBLISHED, publish_at__lte=timezone.now())


class Edition(ChangesReaderPages, models.Model):
    """One day's paper: 2024年3月28日, 第N期 (总第M期)."""

    date = models.DateField("出版日期", unique=True)
    number = models.PositiveIntegerField("期号", help_text="当年第几期")
    total_number = models.PositiveIntegerField("总期号", help_text="创刊以来总第几期")
    status = models.CharField(
        "状态", max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    publish_at = models.DateTimeField(
        "发布时间", null=True, blank=True, help_text="可设为将来的时间，到时自动上线"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = "期次"
        verbose_name_plural = "期次"
        ordering = ["-date"]
        permissions = [("publish_edition", "可以发布和撤下数字报期次")]
        indexes = [models.Index(fields=["status", "-date"], name="edition_status_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EditionStatus.PUBLISHED) | Q(publish_at__isnull=False),
                name="edition_published_has_time",
                violation_error_message="已发布的期次必须有发布时间。",
            ),
        ]

    def __str__(self):
        day = self.date
        return (
            f"{day.year}年{day.month}月{day.day}日 第{self.number}期（总第{self.total_number}期）"
        )

    def save(self, *args, **kwargs):
        if self.status == EditionStatus.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("epaper:edition", kwargs={"date": self.date})

    @property
    def is_live(self):
        return (
            self.status == EditionStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )


def _page_folder() -> str:
    # A random folder per page: the stored files' addresses cannot be guessed from the date.
    return f"epaper/{uuid.uuid4().hex}"


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(edition__in=Edition.objects.published())


class Page(ChangesReaderPages, models.Model):
    """One 版面 of an edition: its image (with renditions) and, when uploaded as one, its PDF."""

    edition = models.ForeignKey(
        Edition, verbose_name="期次", on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveSmallIntegerField(
        "版次", validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    name = models.CharField("版名", max_length=30, help_text="如 党建在高新")
    editor_name = models.CharField("责任编辑", max_length=30, blank=True)
    designer_name = models.CharField("美术编辑", max_length=30, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    folder = models.CharField(max_length=40, default=_page_folder, editable=False)
    image = models.FileField("版面图", max_length=255, blank=True, editable=False)
    pdf = models.FileField("版面 PDF", max_length=255, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField("PDF 字节数", default=0, editable=False)
    width = models.PositiveIntegerField("宽度（像素）", default=0, editable=False)
    height = models.PositiveIntegerField("高度（像素）", default=0, editable=False)
    # [[width, height, name], ...] narrowest first: read with the page, no query per size.
    renditions = models.JSONField("尺寸版本", default=list, editable=False)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["position", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"],
                name="page_number_once_per_edition",
                violation_error_message="同一期中版次不能重复。",
            )
        ]

    def __str__(self):
        return f"第{self.number}版 {self.name}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # Regions keep a copy of their page's edition: a page moved to another takes them along.
            self.regions.exclude(edition_id=self.edition_id).update(edition_id=self.edition_id)

    def get_absolute_url(self):
        return reverse("epaper:page", kwargs={"date": self.edition.date, "number": self.number})

    def pdf_url(self):
        return reverse("epaper:page_pdf", kwargs={"date": self.edition.date, "number": self.number})

    def image_url(self, width: int):
        return reverse(
            "epaper:page_image",
            kwargs={"date": self.edition.date, "number": self.number, "width": width},
        )

    def rendition_widths(self) -> list[int]:
        return [w for w, _, _ in self.renditions]

    def rendition_name(self, width: int) -> str | None:
        return next((name for w, _, name in self.renditions if w == width), None)

    def srcset(self) -> str:
        return ", ".join(f"{self.image_url(w)} {w}w" for w in self.rendition_widths())

    def display_width(self) -> int:
        """The middle rendition: the <img> fallback for browsers without srcset."""
        widths = self.rendition_widths()
        return next((w for w in widths if w >= 960), widths[-1]) if widths else 0

    def thumbnail_width(self) -> int:
        widths = self.rendition_widths()
        return widths[0] if widths else 0

    def height_for(self, width: int) -> int:
        return round(self.height * width / self.width) if self.width else 0

    def display_src(self) -> str:
        return self.image_url(self.display_width())

    def display_height(self) -> int:
        return self.height_for(self.display_width())

    def thumbnail_src(self) -> str:
        return self.image_url(self.thumbnail_width())

    def thumbnail_height(self) -> int:
        return self.height_for(self.thumbnail_width())

    def largest_src(self) -> str:
        widths = self.rendition_widths()
        return self.image_url(widths[-1]) if widths else ""

    def visible_regions(self):
        """Regions readers may follow; filled by Edition page views with a Prefetch."""
        return getattr(self, "live_regions", [])


class RegionQuerySet(models.QuerySet):
    def linkable(self, edition_id: int):
        """Regions of an edition whose story is published or whose ad is live: what readers see.

        The published stories are those of this edition only: against every published story
        the database would hash 100,000 rows to keep a few dozen.
        """
        stories = Article.objects.published().filter(print_regions__edition_id=edition_id)
        ads = Listing.objects.live().filter(print_regions__edition_id=edition_id)
        return self.filter(edition_id=edition_id).filter(
            Q(article__in=stories.values("pk")) | Q(listing__in=ads.values("pk"))
        )


class Region(ChangesReaderPages, models.Model):
    """A rectangle on a page, as fractions of its width and height, linked to a story or an ad."""

    page = models.ForeignKey(
        Page, verbose_name="版面", on_delete=models.CASCADE, related_name="regions"
    )
    # Copied from the page, so the database can hold a story to one page per edition.
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+", editable=False)
    article = models.ForeignKey(
        Article,
        verbose_name="稿件",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="print_regions",
    )
    listing = models.ForeignKey(
        Listing,
        verbose_name="广告",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="print_regions",
    )
    x = models.FloatField("左", validators=[MinValueValidator(0), MaxValueValidator(1)])
    y = models.FloatField("上", validators=[MinValueValidator(0), MaxValueValidator(1)])
    w = models.FloatField("宽", validators=[MinValueValidator(0.005), MaxValueValidator(1)])
    h = models.FloatField("高", validators=[MinValueValidator(0.005), MaxValueValidator(1)])
    position = models.PositiveSmallIntegerField("阅读顺序", default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "热区"
        verbose_name_plural = "热区"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True, listing__isnull=False)
                | Q(article__isnull=False, listing__isnull=True),
                name="region_links_story_or_ad",
                violation_error_message="每个热区链接一篇稿件或一条广告（二选一）。",
            ),
            models.UniqueConstraint(
                fields=["edition", "article"],
                name="region_story_once_per_edition",
                violation_error_message="这篇稿件已在本期的另一个热区中，一篇稿件在一期中只能链接一次。",
            ),
        ]

    def __str__(self):
        return str(self.article or self.listing or "热区")

    def save(self, *args, **kwargs):
        self.edition_id = self.page.edition_id
        super().save(*args, **kwargs)

    def clean(self):
        if (self.article_id is None) == (self.listing_id is None):
            raise ValidationError("每个热区链接一篇稿件或一条广告（二选一）。")
        if self.x is not None and self.w is not None and self.x + self.w > 1.0001:
            raise ValidationError("热区超出了版面右边。")
        if self.y is not None and self.h is not None and self.y + self.h > 1.0001:
            raise ValidationError("热区超出了版面下边。")
        # The form has no edition field, so the database constraint is checked here by hand.
        if self.page_id and self.article_id:
            elsewhere = Region.objects.filter(
                edition_id=self.page.edition_id, article_id=self.article_id
            ).exclude(pk=self.pk)
            if elsewhere.exists():
                raise ValidationError(
                    {"article": "这篇稿件已在本期的另一个热区中，一篇稿件在一期中只能链接一次。"}
                )

    def target(self):
        return self.article or self.listing

    def label(self) -> str:
        return self.article.title if self.article_id else f"广告：{self.listing.headline}"

    def box(self) -> dict[str, str]:
        """The rectangle on a 1000×1000 SVG grid stretched over the page image."""
        return {
            "x": f"{self.x * 1000:.1f}",
            "y": f"{self.y * 1000:.1f}",
            "width": f"{self.w * 1000:.1f}",
            "height": f"{self.h * 1000:.1f}",
        }


def live_regions_prefetch(edition_id: int):
    return Prefetch(
        "regions",
        queryset=Region.objects.linkable(edition_id)
        .select_related("article", "listing")
        .only(
            "page_id",
            "x",
            "y",
            "w",
            "h",
            "position",
            "article__title",
            "listing__headline",
        ),
        to_attr="live_regions",
    )
