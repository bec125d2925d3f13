from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from news.images import CheckedImageField
from portal.pagecache import ChangesReaderPages, content_changed

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{4,23}[0-9]$",
    "请输入有效的电话号码，如 0752-3278024 或 13800138000。",
)


class Advertiser(ChangesReaderPages, models.Model):
    """An organisation that buys space, such as 惠州仲恺高新技术产业开发区管理委员会."""

    name = models.CharField("单位全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    is_active = models.BooleanField(
        "启用", default=True, help_text="停用后其广告不再展示，成员也不能登录广告主页面"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "广告主"
        verbose_name_plural = "广告主"
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Member(models.Model):
    """A user account that acts for one advertiser on the advertisers' pages."""

    advertiser = models.ForeignKey(
        Advertiser, verbose_name="广告主", on_delete=models.CASCADE, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.CASCADE,
        related_name="ad_membership",
    )

    class Meta:
        verbose_name = "广告主成员"
        verbose_name_plural = "广告主成员"

    def __str__(self):
        return f"{self.user} @ {self.advertiser}"

    def clean(self):
        # Advertisers work outside the newsroom; a staff account would reach the admin too.
        if self.user_id and self.user.is_staff:
            raise ValidationError({"user": "采编人员账号不能作为广告主成员，请另建账号。"})


class Placement(models.TextChoices):
    HOME_BANNER = "home-banner", "首页横幅"
    HOME_SIDEBAR = "home-sidebar", "首页侧栏"
    ARTICLE_FOOT = "article-foot", "文章底部"


# How many ads a slot shows at once.
SLOT_SIZE = {
    Placement.HOME_BANNER: 1,
    Placement.HOME_SIDEBAR: 3,
    Placement.ARTICLE_FOOT: 1,
}


class ListingStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEW = "review", "待审"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"
    PAUSED = "paused", "已暂停"


class ListingQuerySet(models.QuerySet):
    def live(self, day=None):
        """What readers may see: approved, not paused, within its days. Used by every slot."""
        day = day or timezone.localdate()
        return self.filter(
            status=ListingStatus.APPROVED,
            revision_of__isnull=True,
            advertiser__is_active=True,
            first_day__lte=day,
            last_day__gte=day,
        )

    def originals(self):
        """Listings themselves, without the pending revisions stored beside them."""
        return self.filter(revision_of__isnull=True)

    def for_display(self):
        """Everything an ad renders, in two queries however many ads there are."""
        return self.select_related("advertiser").prefetch_related("contacts")


class Listing(models.Model):
    # Statuses in which the advertiser edits the listing itself; otherwise it edits a revision.
    EDITABLE_IN_PLACE = (ListingStatus.DRAFT, ListingStatus.REJECTED)
    CONTENT_FIELDS = ("headline", "slogans", "image", "link", "placement", "first_day", "last_day")

    advertiser = models.ForeignKey(
        Advertiser, verbose_name="广告主", on_delete=models.CASCADE, related_name="listings"
    )
    headline = models.CharField("标题", max_length=60)
    slogans = models.TextField("广告语", blank=True, help_text="每行一句")
    # Checked like newsroom photos in every form, the admin's included.
    image = CheckedImageField("图片", upload_to="ads/%Y/%m/", blank=True)
    link = models.URLField(
        "链接",
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="读者点击广告时前往的网址（可不填）",
    )
    placement = models.CharField(
        "广告位", max_length=20, choices=Placement.choices, default=Placement.HOME_SIDEBAR
    )
    first_day = models.DateField("开始日期")
    last_day = models.DateField("结束日期")
    status = models.CharField(
        "状态",
        max_length=10,
        choices=ListingStatus.choices,
        default=ListingStatus.DRAFT,
        db_index=True,
    )
    review_note = models.TextField("审核意见", blank=True, help_text="广告主可以看到")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    revision_of = models.OneToOneField(
        "self",
        verbose_name="修改的广告",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="revision",
        help_text="已通过的广告被修改时，修改稿存放在这里，编辑通过后才替换线上内容",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = "广告"
        verbose_name_plural = "广告"
        ordering = ["-updated_at", "-pk"]
        permissions = [("approve_listing", "可以审核广告（通过或退回）")]
        indexes = [
            models.Index(fields=["placement", "status", "last_day"], name="listing_slot_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="listing_days_in_order",
                violation_error_message="结束日期不能早于开始日期。",
            ),
            # A revision is only ever a proposal: it goes live by being merged into its listing.
            models.CheckConstraint(
                condition=Q(revision_of__isnull=True)
                | Q(status__in=["draft", "review", "rejected"]),
                name="listing_revision_never_live",
            ),
        ]

    def __str__(self):
        return f"{self.headline}（修改稿）" if self.revision_of_id else self.headline

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Approving, pausing or resuming changes the slots and the directory readers see.
        if self.status in (ListingStatus.APPROVED, ListingStatus.PAUSED):
            content_changed()

    def get_absolute_url(self):
        return reverse("ads:directory_detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        content_changed()
        return super().delete(*args, **kwargs)

    def slogan_list(self):
        return [line.strip() for line in self.slogans.splitlines() if line.strip()]

    def pending_revision(self):
        """The revision waiting beside this listing, or None."""
        try:
            return self.revision
        except Listing.DoesNotExist:
            return None

    def new_revision(self):
        """An unsaved copy of the live words, for the advertiser to change and submit."""
        copy = Listing(advertiser=self.advertiser, revision_of=self, status=ListingStatus.DRAFT)
        for field in self.CONTENT_FIELDS:
            setattr(copy, field, getattr(self, field))
        return copy

    @property
    def is_live(self):
        return Listing.objects.live().filter(pk=self.pk).exists()

    @property
    def is_revision(self):
        return self.revision_of_id is not None

    @property
    def edits_in_place(self):
        return self.status in self.EDITABLE_IN_PLACE or self.is_revision


class Contact(models.Model):
    """One contact block of a listing: a unit with its phone, email and address."""

    listing = models.ForeignKey(
        Listing, verbose_name="广告", on_delete=models.CASCADE, related_name="contacts"
    )
    unit = models.CharField("单位", max_length=100)
    phone = models.CharField("电话", max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField("邮箱", blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "联系方式"
        verbose_name_plural = "联系方式"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.unit


class DailyFigure(models.Model):
    """Impressions and clicks of one listing on one day (Asia/Shanghai)."""

    listing = models.ForeignKey(
        Listing, verbose_name="广告", on_delete=models.CASCADE, related_name="figures"
    )
    day = models.DateField("日期")
    impressions = models.PositiveIntegerField("展示次数", default=0)
    clicks = models.PositiveIntegerField("点击次数", default=0)

    class Meta:
        verbose_name = "每日数据"
        verbose_name_plural = "每日数据"
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "day"], name="figure_one_row_per_day"),
        ]

    def __str__(self):
        return f"{self.listing} {self.day}"


class PendingListing(Listing):
    """The editors' review queue in the admin: listings and revisions waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = "待审广告"
        verbose_name_plural = "待审广告"
