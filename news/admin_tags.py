"""Tags in the admin, in place of django-taggit's TagAdmin, whose merge view checked only
is_staff (so a reporter could merge any tag) and answered an empty POST with a 500.

Renaming is the change form (change permission); merging is an admin action that needs the
change and delete permissions, which only 编辑 have. Django's action machinery handles bad
input (nothing selected, an unknown action) with a message, never an error.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from taggit.models import Tag

from news import services
from portal.pagecache import content_changed


class MergeTagsForm(forms.Form):
    name = forms.CharField(
        label="合并为",
        max_length=100,
        help_text="可以是所选标签之一，也可以是新的标签名。",
        error_messages={"required": "请填写合并后的标签名。"},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("请填写合并后的标签名。")
        return name


if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "stories"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("taggit_taggeditem_items"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        content_changed()  # a renamed tag shows on story pages and in the tag list at once

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed()

    def delete_queryset(self, request, queryset):
        # The changelist's "delete selected" deletes here, not through delete_model.
        super().delete_queryset(request, queryset)
        content_changed()

    @admin.display(description="稿件数", ordering="story_count")
    def stories(self, tag):
        return tag.story_count

    @admin.action(description="合并所选标签", permissions=["change", "delete"])
    def merge_tags(self, request, queryset):
        tags = list(queryset.order_by("-story_count", "name"))
        if "apply" in request.POST:
            form = MergeTagsForm(request.POST)
            if form.is_valid():
                target = services.tag_merge(tags=tags, into=form.cleaned_data["name"])
                self.message_user(
                    request, f"已把 {len(tags)} 个标签合并为“{target.name}”。", messages.SUCCESS
                )
                return None
        else:
            form = MergeTagsForm(initial={"name": tags[0].name})
        return TemplateResponse(
            request,
            "admin/taggit/tag/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "合并标签",
                "opts": self.model._meta,
                "tags": tags,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
            status=400 if form.is_bound else 200,
        )
