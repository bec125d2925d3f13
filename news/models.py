from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from news.html import EDITOR_EXTENSIONS, clean_body, excerpt_text, split_blocks
from news.images import CheckedImageField
from portal.pagecache import ChangesReaderPages, content_changed


class SectionQuerySet(models.QuerySet):
    def navigation(self):
        return self.filter(in_navigation=True).only("name", "slug")


class Section(ChangesReaderPages, models.Model):
    """A column (栏目) of the paper, such as 党建在高新."""

    name = models.CharField("栏目名称", max_length=50, unique=True)
    slug = models.SlugField(
        "网址名", max_length=50, unique=True, help_text="栏目网址中的英文或拼音，如 dangjian"
    )
    description = models.TextField("栏目介绍", blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    in_navigation = models.BooleanField("显示在导航栏", default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:section", kwargs={"slug": self.slug})


class Zone(ChangesReaderPages, models.Model):
    """A national high-tech zone or park that stories are about."""

    name = models.CharField("简称", max_length=50, unique=True, help_text="如 宝鸡高新区")
    full_name = models.CharField("全称", max_length=100, blank=True)
    slug = models.SlugField("网址名", max_length=50, unique=True)
    province = models.CharField("所在省份", max_length=20, blank=True)
    description = models.TextField("简介", blank=True)

    class Meta:
        verbose_name = "高新区/园区"
        verbose_name_plural = "高新区/园区"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:zone", kwargs={"slug": self.slug})


class Contributor(ChangesReaderPages, models.Model):
    """A person credited on a story: a staff writer, a correspondent, a photographer."""

    name = models.CharField("姓名", max_length=50, db_index=True)
    affiliation = models.CharField("单位", max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="对应账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributor",
    )

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}（{self.affiliation}）" if self.affiliation else self.name


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEW = "review", "待审"
    PUBLISHED = "published", "已发布"
    UNPUBLISHED = "unpublished", "已撤稿"


class Kind(models.TextChoices):
    FEATURE = "feature", "通讯"
    BRIEF = "brief", "简讯"
    PHOTO = "photo", "图片新闻"


# The article fields the stored search text is made from.
SEARCH_SOURCES = frozenset(
    ("title", "kicker", "subtitle", "lead", "body", "source", "dateline", "search_extra")
)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published, and due. The only definition used anywhere."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=timezone.now())

    def for_listing(self):
        """Everything a list of stories renders, fetched in a fixed number of queries."""
        return self.select_related("section", "lead_photo").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("contributor")),
            "lead_photo__renditions",
        )

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def tagged(self, tag):
        """Stories with this tag, found through the tagged items' index on the ids' own types
        (filtering on `tags` joins on object_id cast to bigint, which no index serves)."""
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        article_type = ContentType.objects.get_for_model(self.model)
        return self.filter(
            pk__in=TaggedItem.objects.filter(tag=tag, content_type=article_type).values("object_id")
        )

    def next_due(self, now):
        """When the next scheduled story goes live, or None: cached pages expire by then."""
        return (
            self.filter(status=Status.PUBLISHED, publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def photo_stories(self):
        """Photo stories (图片新闻) that have their photo."""
        return self.filter(kind=Kind.PHOTO, lead_photo__isnull=False)

    def with_body_photos(self):
        """The photos placed in the body, with their renditions, in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch(
                "body_photos",
                queryset=ArticlePhoto.objects.select_related("photo").prefetch_related(
                    "photo__renditions"
                ),
            )
        )

    # Search text (news/search_text.py) is stored normalised, so every write path refreshes it.
    def bulk_create(self, objs, *args, **kwargs):
        from news.search_text import search_fields

        objs = list(objs)
        for obj in objs:
            if not obj.search_text:  # a caller that knows the bylines fills it in itself
                for name, value in search_fields(obj, bylines=[]).items():
                    setattr(obj, name, value)
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        if not SEARCH_SOURCES.intersection(kwargs):
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        Article.objects.filter(pk__in=pks).refresh_search_text()
        return count

    def refresh_search_text(self) -> None:
        """Recompute the stored search text of these articles (bylines, captions changed)."""
        from news.search_text import search_fields

        articles = self.order_by().prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("contributor"))
        )
        for article in articles:
            fields = search_fields(article)
            if any(getattr(article, name) != value for name, value in fields.items()):
                models.QuerySet.update(Article.objects.filter(pk=article.pk), **fields)

    def refresh_photo_text(self) -> None:
        """Copy the captions and credits of each article's photos into its search text.

        The search index is computed by the database from the article's own columns, so
        text from related photos is kept in search_extra and refreshed whenever a photo,
        a lead photo or a body photo changes.
        """
        rows = self.values_list(
            "pk",
            "lead_photo__caption",
            "lead_photo__credit",
            "body_photos__photo__caption",
            "body_photos__photo__credit",
        )
        texts: dict[int, list[str]] = {}
        for pk, *parts in rows:
            bucket = texts.setdefault(pk, [])
            bucket.extend(p for p in parts if p and p not in bucket)
        for pk, parts in texts.items():
            text = "\n".join(parts)
            Article.objects.filter(pk=pk).exclude(search_extra=text).update(search_extra=text)


class Article(models.Model):
    REPORTER_STATUSES = (Status.DRAFT, Status.REVIEW)

    kind = models.CharField("稿件类型", max_length=10, choices=Kind.choices, default=Kind.FEATURE)
    kicker = models.CharField("引题", max_length=120, blank=True)
    title = models.CharField("主题", max_length=120)
    subtitle = models.CharField("副题", max_length=120, blank=True)
    lead = models.TextField(
        "导语/摘要", blank=True, help_text="列表和搜索结果中显示；留空则取正文开头"
    )
    body = ProseEditorField("正文", extensions=EDITOR_EXTENSIONS, sanitize=clean_body, blank=True)
    source = models.CharField("稿源", max_length=30, blank=True, help_text="如 本报讯")
    dateline = models.CharField("电头日期", max_length=30, blank=True, help_text="如 3月25日")
    section = models.ForeignKey(
        Section, verbose_name="栏目", on_delete=models.PROTECT, related_name="articles"
    )
    zones = models.ManyToManyField(
        Zone, verbose_name="涉及园区", blank=True, related_name="articles"
    )
    contributors = models.ManyToManyField(
        Contributor, through="Byline", verbose_name="署名", related_name="articles"
    )
    tags = TaggableManager("标签", blank=True, help_text="多个标签用逗号分隔")
    # Text found by search besides the article's own fields, such as photo captions and credits.
    search_extra = models.TextField("附加检索文本", blank=True, editable=False)
    # Normalised for search (news/search_text.py): headings, and every field one per line.
    search_head = models.TextField("检索用标题文本", blank=True, default="", editable=False)
    search_text = models.TextField("检索用全文", blank=True, default="", editable=False)
    is_headline = models.BooleanField("头条", default=False, help_text="在首页头条位置展示")
    lead_photo = models.ForeignKey(
        "Photo",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_articles",
        help_text="显示在标题下方和列表中；图片新闻必须有题图",
    )

    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "发布时间", null=True, blank=True, help_text="可设为将来的时间，到时自动上线"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # Raised by one on every save; a save names the version it started from (see history/).
    version = models.PositiveIntegerField("版本号", default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set by the desk's actions (news/services.py), never typed into the story form.
    review_note = models.TextField("退回意见", blank=True, editable=False)
    withdrawn_at = models.DateTimeField("撤稿时间", null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField("撤稿原因", blank=True, editable=False)
    withdrawal_reason_public = models.BooleanField(
        "向读者说明撤稿原因", default=False, editable=False
    )
    # Set when a live story's words change, and when a 更正/说明 is added: readers see
    # 更新于 and the notes only when these are set, so other stories pay no extra query.
    content_changed_at = models.DateTimeField("正文更新时间", null=True, blank=True, editable=False)
    corrected_at = models.DateTimeField("最近更正时间", null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", "可以发布、排期和撤下稿件")]
        indexes = [
            # Every reader list filters on status and sorts by publish time, then id: in the
            # lists' own order, so a deep page skips rows in an index-only scan (news/paging.py).
            models.Index(fields=["status", "-publish_at", "-id"], name="article_status_page_idx"),
            models.Index(
                fields=["section", "status", "-publish_at", "-id"], name="article_section_page_idx"
            ),
            # The front page's headline and the photo list, each a scan that stops at a page.
            models.Index(
                fields=["status", "-publish_at"],
                condition=Q(is_headline=True),
                name="article_headline_idx",
            ),
            models.Index(
                fields=["status", "-publish_at", "-id"],
                condition=Q(kind="photo", lead_photo__isnull=False),
                name="article_photo_story_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="已发布的稿件必须有发布时间。",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Cleaned here too, so bodies written outside a form (shell, services) obey the allowlist.
        self.body = clean_body(self.body)
        if self.status == Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        self.fill_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCH_SOURCES.intersection(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_head", "search_text"}
        # Drafts and stories in review are unseen by readers, unless this save takes one down.
        seen = self.status not in self.REPORTER_STATUSES or (
            self.pk is not None
            and Article.objects.filter(pk=self.pk)
            .exclude(status__in=self.REPORTER_STATUSES)
            .exists()
        )
        super().save(*args, **kwargs)
        if seen:
            content_changed()

    def get_absolute_url(self):
        # The id alone is the permalink: it survives retitling and needs no ASCII slug.
        return reverse("news:article", kwargs={"pk": self.pk})

    def fill_search_text(self) -> None:
        from news.search_text import search_fields

        for name, value in search_fields(self).items():
            setattr(self, name, value)

    def delete(self, *args, **kwargs):
        content_changed()
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.kind == Kind.PHOTO and self.lead_photo_id is None:
            raise ValidationError({"lead_photo": "图片新闻必须选择一张题图。"})
        # 已发布 with no time means now; set before the constraint on the pair is checked.
        if self.status == Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

    # The words a reader reads; changing them after publication shows 更新于 on the page.
    CONTENT_FIELDS = frozenset({"kicker", "title", "subtitle", "lead", "body"})

    @property
    def modified_at(self):
        """dateModified: the latest real change to what readers read, never before publication."""
        moments = [self.publish_at, self.content_changed_at, self.corrected_at]
        return max((m for m in moments if m is not None), default=self.updated_at)

    @property
    def is_sent_back(self) -> bool:
        """A draft an editor returned with a reason the reporter has not yet answered."""
        return self.status == Status.DRAFT and bool(self.review_note)

    def is_editable_by(self, user) -> bool:
        """Editors change any story; reporters their own, and only until it is published."""
        return user.has_perm("news.publish_article") or (
            self.created_by_id == user.pk and self.status in self.REPORTER_STATUSES
        )

    @property
    def is_live(self):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and not self.is_live

    def body_html(self):
        """The cleaned body, a brief's lead-in (本报讯…3月25日) run into its first paragraph."""
        lead_in = self.source_line()
        if lead_in and self.body.startswith("<p>"):
            # The body was cleaned against the allowlist on save, so it is safe to mark as such.
            return format_html('<p><strong class="source-line">{}</strong>，', lead_in) + mark_safe(
                self.body[3:]
            )
        return mark_safe(self.body)

    def body_parts(self):
        """The body as (block, photos placed after it) pairs; unplaced photos follow the body."""
        blocks = split_blocks(self.body_html())
        after = {}
        for placement in self.body_photos.all():
            index = placement.after_paragraph
            if index == 0:
                slot = -1
            elif index is not None and index <= len(blocks):
                slot = index - 1
            else:
                slot = len(blocks) - 1
            after.setdefault(slot, []).append(placement)
        parts = [(mark_safe(""), after.get(-1, []))] if -1 in after else []
        parts += [(mark_safe(block), after.get(i, [])) for i, block in enumerate(blocks)]
        return parts

    def summary(self, length=120):
        """The lead, or the opening of the body, as plain text for lists, feeds and metadata."""
        return self.lead or Truncator(excerpt_text(self.body)).chars(length)

    def ordered_bylines(self):
        """Bylines in order; uses the prefetch cache from for_listing() when it is there."""
        return sorted(self.bylines.all(), key=lambda b: (b.position, b.pk))

    def credit_line(self):
        """The bylines as a newspaper prints them, e.g. 特约通讯员 赵旭."""
        parts = []
        for byline in self.ordered_bylines():
            if byline.role == Byline.Role.AUTHOR:
                parts.append(byline.contributor.name)
            else:
                parts.append(f"{byline.get_role_display()} {byline.contributor.name}")
        return " ".join(parts)

    def source_line(self):
        """本报讯(特约通讯员 赵旭)3月25日: the lead-in of a news brief."""
        if not self.source:
            return ""
        credit = self.credit_line()
        return (
            f"{self.source}({credit}){self.dateline}" if credit else f"{self.source}{self.dateline}"
        )


class Byline(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", "作者"
        REPORTER = "reporter", "记者"
        SPECIAL_CORRESPONDENT = "special", "特约通讯员"
        CORRESPONDENT = "correspondent", "通讯员"
        STAFF_REPORTER = "staff_reporter", "本报记者"
        PHOTOGRAPHER = "photographer", "摄影"

    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="bylines"
    )
    contributor = models.ForeignKey(
        Contributor, verbose_name="作者", on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField("身份", max_length=20, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"],
                name="byline_unique_role_per_article",
                violation_error_message="同一作者在同一稿件中的同一身份只能署名一次。",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.contributor.name}"


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    webp_srcset: str = ""
    jpeg_srcset: str = ""


class PhotoQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Editors change any photo; reporters their own uploads that no approved story uses."""
        if user.has_perm("news.publish_article"):
            return self
        approved = Article.objects.filter(status=Status.PUBLISHED)
        return (
            self.filter(uploaded_by=user)
            .exclude(lead_articles__in=approved)
            .exclude(placements__article__in=approved)
        )


class Photo(ChangesReaderPages, models.Model):
    """A picture with its caption and credit, as the paper prints it under the picture."""

    image = CheckedImageField(
        "图片",
        upload_to="photos/%Y/%m/%d/",
        width_field="width",
        height_field="height",
        max_length=255,
        help_text="JPEG、PNG 或 WebP。上传后自动按拍摄方向摆正，并去除 EXIF、GPS 等拍摄信息。",
    )
    caption = models.TextField(
        "图片说明", blank=True, help_text="印在图片下方，如 图为……进行花检作业。"
    )
    credit = models.CharField(
        "图片来源",
        max_length=100,
        help_text="照片下方原样显示，如 图片来源:杨凌示范区 或 本报记者 张三 摄",
    )
    photographer = models.ForeignKey(
        Contributor,
        verbose_name="摄影",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    alt_text = models.CharField(
        "替代文本",
        max_length=200,
        help_text="为看不到图片的读者描述画面内容（读屏软件朗读），不要重复图片说明。",
    )
    width = models.PositiveIntegerField("宽度（像素）", editable=False, default=0)
    height = models.PositiveIntegerField("高度（像素）", editable=False, default=0)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Raised by one on every save; a save names the version it started from (see history/).
    version = models.PositiveIntegerField("版本号", default=1, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        text = self.caption or self.alt_text
        return Truncator(text).chars(40) + f"（{self.credit}）"

    def ordered_renditions(self, fmt: str | None = None):
        """Renditions by width, of one format if given; uses the prefetch when there is one."""
        renditions = sorted(self.renditions.all(), key=lambda r: (r.width, r.format))
        return [r for r in renditions if r.format == fmt] if fmt else renditions

    def _original(self) -> Picture:
        # No renditions yet (e.g. loaded from a fixture): the stored, already cleaned original.
        return Picture(src=self.image.url, width=self.width, height=self.height)

    def picture(self):
        """What the <picture> of templates/includes/photo.html needs, without touching storage."""
        jpeg = self.ordered_renditions(Rendition.Format.JPEG)
        if not jpeg:
            return self._original()
        # The fallback <img> is a middle width; browsers with srcset pick their own.
        fallback = self.share_rendition()
        return Picture(
            src=fallback.file.url,
            width=fallback.width,
            height=fallback.height,
            webp_srcset=", ".join(
                f"{r.file.url} {r.width}w" for r in self.ordered_renditions(Rendition.Format.WEBP)
            ),
            jpeg_srcset=", ".join(f"{r.file.url} {r.width}w" for r in jpeg),
        )

    def share_rendition(self):
        """The middle-width JPEG: the <img> fallback, and what link previews and feeds show."""
        jpeg = self.ordered_renditions(Rendition.Format.JPEG)
        return next((r for r in jpeg if r.width >= 800), jpeg[-1]) if jpeg else None

    def thumbnail(self):
        """The smallest JPEG, for the admin."""
        jpeg = self.ordered_renditions(Rendition.Format.JPEG)
        if not jpeg:
            return self._original()
        return Picture(src=jpeg[0].file.url, width=jpeg[0].width, height=jpeg[0].height)


class Rendition(models.Model):
    """One resized, metadata-free copy of a photo, made once and then only read."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(
        Photo, verbose_name="图片", on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField("宽度")
    height = models.PositiveIntegerField("高度")
    format = models.CharField("格式", max_length=4, choices=Format.choices)
    file = models.FileField("文件", max_length=255)
    # Recorded when made, so feeds can state an enclosure's length without asking storage.
    size = models.PositiveIntegerField("字节数", default=0)

    class Meta:
        verbose_name = "图片尺寸版本"
        verbose_name_plural = "图片尺寸版本"
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "width", "format"], name="rendition_once_per_photo_width_format"
            )
        ]

    def __str__(self):
        return f"{self.photo_id} {self.width}w {self.format}"


class ArticlePhoto(models.Model):
    """A photo placed in an article's body, after a given paragraph."""

    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="body_photos"
    )
    # Protected: a photo in a story's body is removed from the story first, on purpose.
    photo = models.ForeignKey(
        Photo, verbose_name="图片", on_delete=models.PROTECT, related_name="placements"
    )
    after_paragraph = models.PositiveSmallIntegerField(
        "放在第几段之后",
        null=True,
        blank=True,
        help_text="数正文的段落和小标题；0 为正文之前，留空放在文末",
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "正文配图"
        verbose_name_plural = "正文配图"
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.photo)


class ArticleViews(models.Model):
    """Views of a recent story, flushed from the cache in batches (news/popularity.py): 热门.

    Only stories published in the last few weeks have a row, so the table stays small and
    the 热门 list is a short index scan on `views`.
    """

    article = models.OneToOneField(
        Article,
        verbose_name="稿件",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_count",
    )
    views = models.PositiveIntegerField("阅读次数", default=0)

    class Meta:
        verbose_name = "阅读次数"
        verbose_name_plural = "阅读次数"
        indexes = [models.Index(fields=["-views"], name="article_views_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.views}"


# Kept in their own module; imported here so Django registers the model with the app.
from news.corrections import Correction  # noqa: E402, F401
