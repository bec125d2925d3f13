"""The 数字报 in the admin: editions with their pages, and a page's regions drawn on its image."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from epaper import services
from epaper.forms import PageForm
from epaper.models import Edition, EditionStatus, Page, Region

PUBLISH = "epaper.publish_edition"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH)


def _locked(request, obj) -> bool:
    """A published edition (its pages too) changes only in the hands of someone who may publish."""
    edition = obj.edition if isinstance(obj, Page) else obj
    return (
        edition is not None
        and edition.status == EditionStatus.PUBLISHED
        and not can_publish(request.user)
    )


class _LockedWhenPublished:
    """Change and delete refused on a published edition, or a page of one."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _locked(request, obj)


class _InlineLockedWhenPublished(_LockedWhenPublished):
    """An inline on a published edition, or a page of one: no rows added either."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _locked(request, obj)


def page_thumbnail(page, height=120):
    if not page or not page.renditions:
        return "—"
    return format_html(
        '<img src="{}" alt="第{}版缩略图" height="{}" class="ep-admin-thumb">',
        page.thumbnail_src(),
        page.number,
        height,
    )


class PageInline(_InlineLockedWhenPublished, admin.TabularInline):
    model = Page
    form = PageForm
    extra = 1
    fields = [
        "thumb",
        "number",
        "name",
        "editor_name",
        "designer_name",
        "position",
        "upload",
        "regions_link",
    ]
    readonly_fields = ["thumb", "regions_link"]
    verbose_name_plural = "版面（按“排序”从小到大排列；保存后点“划热区”在版面图上画稿件热区）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition")

    @admin.display(description="缩略图")
    def thumb(self, obj):
        return page_thumbnail(obj if obj.pk else None, 80)

    @admin.display(description="热区")
    def regions_link(self, obj):
        if not obj.pk:
            return "保存后可划热区"
        return format_html(
            '<a href="{}">划热区</a>', reverse("admin:epaper_page_change", args=[obj.pk])
        )


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "page_count", "preview_link"]
    list_filter = ["status"]
    date_hierarchy = "date"
    inlines = [PageInline]
    actions = ["publish_selected", "unpublish_selected"]
    fields = ["date", "number", "total_number", "status", "publish_at", "preview_link"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(page_total=Count("pages"))

    def get_readonly_fields(self, request, obj=None):
        if can_publish(request.user):
            return ["preview_link"]
        return ["status", "publish_at", "preview_link"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _locked(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not can_publish(request.user) and not change:
            obj.status = EditionStatus.DRAFT
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        services.edition_delete(edition=obj)

    def delete_queryset(self, request, queryset):
        for edition in queryset:
            services.edition_delete(edition=edition)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Page:
            return super().save_formset(request, form, formset, change)
        pages = formset.save(commit=False)
        for page in formset.deleted_objects:
            services.page_delete(page=page)
        forms_by_page = {id(f.instance): f for f in formset.forms}
        for page in pages:
            page_form = forms_by_page.get(id(page))
            upload = getattr(page_form, "page_upload", None)
            if upload is not None:
                services.page_attach_upload(page=page, upload=upload)
            else:
                page.save()
        formset.save_m2m()

    @admin.display(description="状态")
    def state(self, obj):
        if obj.status != EditionStatus.PUBLISHED:
            return "草稿"
        return "已发布" if obj.publish_at <= timezone.now() else "已排期"

    @admin.display(description="版数", ordering="page_total")
    def page_count(self, obj):
        return getattr(obj, "page_total", None)

    @admin.display(description="预览")
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "保存后可预览"
        return format_html('<a href="{}" target="_blank">预览本期</a>', obj.get_absolute_url())

    @admin.action(
        description="发布所选期次（按设定的发布时间，未设则立即）", permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        for edition in queryset:
            services.edition_publish(edition=edition)
        self.message_user(request, f"已发布 {queryset.count()} 期。", messages.SUCCESS)

    @admin.action(description="撤下所选期次", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for edition in queryset:
            services.edition_unpublish(edition=edition)
        self.message_user(request, f"已撤下 {queryset.count()} 期。", messages.SUCCESS)


class RegionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            article = form.cleaned_data.get("article")
            if article is not None and article.pk in seen:
                raise ValidationError("同一篇稿件在本版只能画一个热区。")
            if article is not None:
                seen.add(article.pk)


class RegionInline(_InlineLockedWhenPublished, admin.TabularInline):
    model = Region
    formset = RegionFormSet
    extra = 0
    fields = ["position", "article", "listing", "x", "y", "w", "h"]
    autocomplete_fields = ["article"]
    verbose_name_plural = "热区（在上方版面图上拖动鼠标画框，再按标题选择稿件；也可在此直接填写）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "listing")


@admin.register(Page)
class PageAdmin(_LockedWhenPublished, admin.ModelAdmin):
    form = PageForm
    list_display = ["__str__", "edition", "thumb"]
    list_select_related = ["edition"]
    list_filter = ["edition"]
    inlines = [RegionInline]
    fields = [
        "edition",
        "number",
        "name",
        "editor_name",
        "designer_name",
        "position",
        "upload",
        "region_editor",
    ]
    readonly_fields = ["region_editor"]

    class Media:
        css = {"all": ["epaper/admin-regions.css"]}
        js = ["epaper/admin-regions.js"]

    def save_model(self, request, obj, form, change):
        upload = getattr(form, "page_upload", None)
        if upload is not None:
            services.page_attach_upload(page=obj, upload=upload)
        else:
            obj.save()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition" and not can_publish(request.user):
            # Nor may a page be moved into a published edition by someone who cannot publish.
            kwargs["queryset"] = Edition.objects.exclude(status=EditionStatus.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_model(self, request, obj):
        services.page_delete(page=obj)

    @admin.display(description="缩略图")
    def thumb(self, obj):
        return page_thumbnail(obj, 60)

    @admin.display(description="版面图")
    def region_editor(self, obj):
        if not obj or not obj.renditions:
            return "上传版面并保存后，在这里的版面图上画热区。"
        return format_html(
            '<div class="ep-editor" data-region-editor>'
            '<img src="{}" srcset="{}" sizes="min(100vw, 900px)" width="{}" height="{}" '
            'alt="第{}版版面图" draggable="false"></div>'
            '<p class="help">在版面图上按住鼠标拖出方框即新增热区，接着输入标题选择稿件；'
            "拖动方框可移动，拖右下角可调整大小，点 × 删除。保存后生效。</p>",
            obj.display_src(),
            obj.srcset(),
            obj.display_width(),
            obj.display_height(),
            obj.number,
        )
