from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from news import services
from news.admin_photos import ArticlePhotoInline, is_editor, thumbnail_html
from news.models import Article, Byline, Contributor, Section, Status, Zone
from news.widgets import TagSuggestWidget

admin.site.site_header = "高新区报 采编管理"
admin.site.site_title = "采编管理"
admin.site.index_title = "采编工作台"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "full_name", "province", "slug"]
    list_filter = ["province"]
    search_fields = ["name", "full_name"]


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "user"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["user"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["contributor"]
    fields = ["contributor", "role", "position"]


class StatusFilter(admin.SimpleListFilter):
    """Status as the newsroom speaks of it: a published story may still be only scheduled."""

    title = "状态"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "草稿"),
            ("review", "待审"),
            ("scheduled", "已排期"),
            ("live", "已上线"),
            ("unpublished", "已撤稿"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if value == "live":
            return queryset.published()
        if value in (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "lead_thumb",
        "title",
        "kind",
        "section",
        "state_label",
        "publish_at",
        "credits",
        "updated_at",
    ]
    list_display_links = ["title"]
    list_filter = [StatusFilter, "section", "zones", "kind", "publish_at"]
    list_select_related = ["section", "lead_photo"]
    search_fields = ["title", "kicker", "subtitle", "bylines__contributor__name"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["zones", "lead_photo"]
    inlines = [BylineInline, ArticlePhotoInline]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    readonly_fields = [
        "created_by",
        "created_at",
        "updated_at",
        "preview_link",
        "lead_photo_preview",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "section", "kicker", "title", "subtitle"]}),
        ("正文", {"fields": ["lead", "body", "source", "dateline"]}),
        ("图片", {"fields": ["lead_photo", "lead_photo_preview"]}),
        ("分类", {"fields": ["zones", "tags"]}),
        ("发布", {"fields": ["status", "publish_at", "is_headline", "preview_link"]}),
        ("记录", {"fields": ["created_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    # Fields only an editor may set; for a reporter they are not in the form at all.
    EDITOR_FIELDS = ("publish_at", "is_headline")

    def get_queryset(self, request):
        qs = (
            super()
            .get_queryset(request)
            .prefetch_related("bylines__contributor", "lead_photo__renditions")
        )
        if is_editor(request.user):
            return qs
        # Reporters work on their own stories only.
        return qs.filter(created_by=request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Decided on the article in hand: the admin asks several times per page.
        return obj is None or obj.is_editable_by(request.user)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(
            request, obj
        )

    def has_publish_permission(self, request):
        return is_editor(request.user)

    def get_fieldsets(self, request, obj=None):
        if is_editor(request.user):
            return self.fieldsets
        fieldsets = []
        for name, options in self.fieldsets:
            fields = [f for f in options["fields"] if f not in self.EDITOR_FIELDS]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not is_editor(request.user) and "status" in form.base_fields:
            # A reporter may only draft or submit; a crafted POST with another value is invalid.
            form.base_fields["status"].choices = [
                (value, label)
                for value, label in Status.choices
                if value in Article.REPORTER_STATUSES
            ]
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagSuggestWidget(
                suggest_url=reverse("admin:news_article_tag_suggest")
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if not is_editor(request.user) and obj.status not in Article.REPORTER_STATUSES:
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Body photos are saved with the inlines, so the photo text is refreshed after them.
        Article.objects.filter(pk=form.instance.pk).refresh_photo_text()

    @admin.display(description="状态", ordering="status")
    def state_label(self, obj):
        if obj.is_scheduled:
            return f"已排期（{timezone.localtime(obj.publish_at):%m-%d %H:%M}）"
        return obj.get_status_display()

    @admin.display(description="题图")
    def lead_thumb(self, obj):
        return thumbnail_html(obj.lead_photo, height=40) if obj.lead_photo_id else ""

    @admin.display(description="当前题图")
    def lead_photo_preview(self, obj):
        return thumbnail_html(obj.lead_photo, height=160) if obj.lead_photo_id else "未选择"

    @admin.display(description="署名")
    def credits(self, obj):
        return obj.credit_line()

    @admin.display(description="预览")
    def preview_link(self, obj):
        if not obj.pk:
            return "保存后可预览"
        url = reverse("admin:news_article_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">在新窗口预览读者看到的页面</a>', url)

    @admin.action(description="提交审核")
    def submit_selected(self, request, queryset):
        done = 0
        for article in queryset.filter(status=Status.DRAFT):
            if self.has_change_permission(request, article):
                services.article_submit(article=article, user=request.user)
                done += 1
        self.message_user(request, f"已提交审核 {done} 篇稿件。", messages.SUCCESS)

    @admin.action(description="发布（按设定的发布时间，未设则立即）", permissions=["publish"])
    def publish_selected(self, request, queryset):
        for article in queryset:
            services.article_publish(article=article, editor=request.user)
        self.message_user(request, f"已发布 {queryset.count()} 篇稿件。", messages.SUCCESS)

    @admin.action(description="撤稿", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for article in queryset:
            services.article_unpublish(article=article, editor=request.user)
        self.message_user(request, f"已撤下 {queryset.count()} 篇稿件。", messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="news_article_preview",
            ),
            path(
                "tag-suggest/",
                self.admin_site.admin_view(self.tag_suggest_view),
                name="news_article_tag_suggest",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """Staff see an unpublished story as readers will; reporters only their own."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(
            self.get_queryset(request)
            .select_related("section", "lead_photo")
            .with_body_photos()
            .prefetch_related("zones", "tags"),
            pk=pk,
        )
        return TemplateResponse(
            request,
            "news/article_detail.html",
            {"article": article, "related": [], "preview": True},
        )

    def tag_suggest_view(self, request):
        """Up to 10 existing tags starting with what the editor typed, for the tag field."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:50]
        names = (
            list(Tag.objects.filter(name__istartswith=term).values_list("name", flat=True)[:10])
            if term
            else []
        )
        return JsonResponse({"results": names})


# Tags: our TagAdmin in place of django-taggit's (news/admin_tags.py).
from news import admin_tags  # noqa: E402, F401
