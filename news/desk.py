"""The desk's view of the newsroom in the admin: the overview on the home page, the action log,
and staff accounts that a 管理员 (not only a shell user) can add and put in their group."""

from datetime import datetime, time, timedelta

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.html import format_html

from ads.models import Listing, ListingStatus
from news.models import Article, Status

# The groups a 管理员 may give; anything else (superuser, single permissions) stays with superusers.
NEWSROOM_GROUPS = ("记者", "编辑", "管理员")
DAYS_AHEAD = 7
LIST_LENGTH = 10


def _by_local_day(articles) -> list[tuple]:
    days: dict = {}
    for article in articles:
        days.setdefault(timezone.localtime(article.publish_at).date(), []).append(article)
    return list(days.items())


def desk_overview() -> dict:
    """Everything the editors' home shows, in seven queries whatever the size of the paper."""
    now = timezone.now()
    today = timezone.localdate()
    horizon = timezone.make_aware(datetime.combine(today + timedelta(days=DAYS_AHEAD + 1), time()))
    in_review = Article.objects.filter(status=Status.REVIEW)
    listings_in_review = Listing.objects.filter(status=ListingStatus.REVIEW)
    return {
        "review_count": in_review.count(),
        "review": list(
            in_review.only("title", "updated_at").order_by("updated_at", "pk")[:LIST_LENGTH]
        ),
        "listing_review_count": listings_in_review.count(),
        "listing_review": list(
            listings_in_review.select_related("advertiser")
            .only("headline", "updated_at", "advertiser__name")
            .order_by("updated_at", "pk")[:LIST_LENGTH]
        ),
        # Due today or within the week, by local day: a simple calendar.
        "scheduled_days": _by_local_day(
            Article.objects.filter(
                status=Status.PUBLISHED, publish_at__gt=now, publish_at__lt=horizon
            )
            .only("title", "publish_at")
            .order_by("publish_at", "pk")[:50]
        ),
        "ending": list(
            Listing.objects.live()
            .filter(last_day__lte=today + timedelta(days=DAYS_AHEAD))
            .select_related("advertiser")
            .only("headline", "last_day", "advertiser__name")
            .order_by("last_day", "pk")[:LIST_LENGTH]
        ),
        "actions": list(
            LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[
                :LIST_LENGTH
            ]
        ),
        "days_ahead": DAYS_AHEAD,
    }


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The newsroom-wide action log: read with admin.view_logentry, changed by no one."""

    list_display = ["action_time", "user", "content_type", "object_link", "change_message_text"]
    list_filter = ["action_flag", "content_type", "user"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="对象")
    def object_link(self, obj):
        url = obj.get_admin_url()
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr

    @admin.display(description="操作")
    def change_message_text(self, obj):
        return obj.get_change_message()


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Superusers keep Django's full form; a 管理员 adds staff and sets their newsroom group."""

    LIMITED_FIELDSETS = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["first_name", "last_name", "email"]}),
        ("岗位", {"fields": ["is_active", "is_staff", "groups"]}),
    ]
    LIMITED_ADD_FIELDSETS = [
        (None, {"fields": ["username", "password1", "password2", "email", "is_staff", "groups"]}),
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # A 管理员 never touches a superuser's account (its password, its groups).
        return qs if request.user.is_superuser else qs.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.LIMITED_ADD_FIELDSETS if obj is None else self.LIMITED_FIELDSETS

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=NEWSROOM_GROUPS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        if not request.user.is_superuser:
            # Groups outside the newsroom's (e.g. set by a superuser) are kept, not dropped.
            kept = list(form.instance.groups.exclude(name__in=NEWSROOM_GROUPS)) if change else []
            super().save_related(request, form, formsets, change)
            form.instance.groups.add(*kept)
        else:
            super().save_related(request, form, formsets, change)
