"""The admin home's newsroom panels: a reporter's notices, read from the action log."""

from django import template
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast

from news.desk import desk_overview as overview_data
from news.models import Article

register = template.Library()

# The desk's steps a reporter is told about (see news/services.py for their log messages).
NOTICE_PREFIXES = ("退回修改", "发布", "排期发布")


@register.inclusion_tag("admin/news/notices.html", takes_context=True)
def reporter_notices(context, limit: int = 10):
    """What editors did to the user's own stories, newest first, in one query."""
    user = context["request"].user
    # LogEntry.object_id is text: compare it with the article ids cast to text, in the database.
    own = (
        Article.objects.filter(created_by=user)
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id__in=own
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("-action_time")
    )
    notices = [e for e in entries[: limit * 3] if e.change_message.startswith(NOTICE_PREFIXES)]
    return {"notices": notices[:limit]}


@register.inclusion_tag("admin/news/desk_overview.html")
def desk_overview():
    """The editors' overview: what waits for review, what goes live this week, what ends."""
    return overview_data()
