from django.contrib import admin

from pages.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "updated_at"]
    fields = ["title", "body"]

    # The pages are the footer's fixed links: editors change their text, never add or remove one.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
