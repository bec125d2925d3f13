"""The article admin's version check for publishing: only the version an editor saw goes live."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from history import services as history
from history.admin import VersionedAdmin, seen_versions
from history.models import Version
from news import services


def publish_seen(request, queryset) -> tuple[list, list]:
    """Publish each article only at the version the changelist showed; (done, refused)."""
    seen = seen_versions(request)
    done, refused = [], []
    for article in queryset:
        if article.pk not in seen:
            # Not shown with a version (a crafted post): nothing unseen goes live.
            refused.append((article, history.VersionConflict(article, None, article.version)))
            continue
        try:
            services.article_publish(
                article=article, editor=request.user, seen_version=seen.get(article.pk)
            )
        except (history.VersionConflict, services.ArticleStateError) as error:
            refused.append((article, error))
        else:
            done.append(article)
    return done, refused


class ArticleVersioning(VersionedAdmin):
    """Versions for articles, and 发布此版本 from the preview."""

    @staticmethod
    def _difference_url(article, conflict) -> str:
        """Compare the version seen with the current one, or the history if it is not on record."""
        numbers = {conflict.seen, conflict.current}
        if conflict.seen and Version.objects.of(article).filter(number__in=numbers).count() == 2:
            url = reverse("admin:news_article_compare", args=[article.pk])
            return f"{url}?a={conflict.seen}&b={conflict.current}"
        return reverse("admin:news_article_versions", args=[article.pk])

    def get_urls(self):
        return [
            path(
                "<int:pk>/publish-seen/",
                self.admin_site.admin_view(self.publish_seen_view),
                name="news_article_publish_seen",
            ),
            *super().get_urls(),
        ]

    def publish_seen_view(self, request, pk):
        """The preview's 发布此版本 button: publishes only if nobody changed the story since."""
        if request.method != "POST":
            return redirect("admin:news_article_preview", pk)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        seen = request.POST.get("seen_version", "")
        try:
            if not seen.isdigit():
                raise history.VersionConflict(article, None, article.version)
            services.article_publish(article=article, editor=request.user, seen_version=int(seen))
        except history.VersionConflict as conflict:
            messages.error(request, str(conflict))
            return redirect(self._difference_url(article, conflict))
        messages.success(request, f"已发布《{article.title}》（第 {article.version} 版）。")
        return redirect("admin:news_article_changelist")
