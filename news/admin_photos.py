"""The photo library in the admin, and the pieces the article form uses to show photos."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.text import Truncator

from history.admin import VersionedAdmin
from news import services
from news.models import ArticlePhoto, Photo


def thumbnail_html(photo: Photo | None, height: int = 60):
    """A small preview from the smallest rendition; the page must have prefetched renditions."""
    if photo is None:
        return "—"
    thumb = photo.thumbnail()
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" '
        'style="height:{}px;width:auto;object-fit:contain;background:#eee">',
        thumb.src,
        photo.alt_text,
        thumb.width,
        thumb.height,
        height,
    )


def is_editor(user) -> bool:
    return user.has_perm("news.publish_article")


@admin.register(Photo)
class PhotoAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = [
        "thumb",
        "short_caption",
        "credit",
        "photographer",
        "size_label",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumb", "short_caption"]
    list_filter = ["photographer", "uploaded_at"]
    list_select_related = ["photographer", "uploaded_by"]
    # Also what the lead-photo picker searches: it asks for a page of matches at a time.
    search_fields = ["caption", "credit", "alt_text"]
    autocomplete_fields = ["photographer"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    fields = [
        "image",
        "preview",
        "alt_text",
        "caption",
        "credit",
        "photographer",
        "size_label",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = ["preview", "size_label", "uploaded_by", "uploaded_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or is_editor(request.user):
            return True
        return Photo.objects.editable_by(request.user).filter(pk=obj.pk).exists()

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data["image"] if "image" in form.changed_data else None
        services.photo_save(photo=obj, user=request.user, upload=upload)

    def delete_model(self, request, obj):
        services.photo_delete(photo=obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            services.photo_delete(photo=photo)
        self.message_user(request, "已删除所选图片及其文件。", messages.SUCCESS)

    @admin.display(description="缩略图")
    def thumb(self, obj):
        return thumbnail_html(obj)

    @admin.display(description="预览")
    def preview(self, obj):
        return thumbnail_html(obj, height=200) if obj.pk else "保存后显示"

    @admin.display(description="图片说明", ordering="caption")
    def short_caption(self, obj):
        return Truncator(obj.caption or obj.alt_text).chars(40)

    @admin.display(description="尺寸")
    def size_label(self, obj):
        return f"{obj.width}×{obj.height}" if obj.width else "—"


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    autocomplete_fields = ["photo"]
    fields = ["thumb", "photo", "after_paragraph", "position"]
    readonly_fields = ["thumb"]
    verbose_name = "正文配图"
    verbose_name_plural = "正文配图（先在“图片”中上传，再在此选择）"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("photo")
            .prefetch_related("photo__renditions")
        )

    @admin.display(description="缩略图")
    def thumb(self, obj):
        return thumbnail_html(obj.photo if obj.pk else None)
