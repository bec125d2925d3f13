"""The site's own simple pages (关于我们, 联系我们, 版权声明, 广告合作), edited by editors."""

from django.db import models
from django.urls import reverse


class Page(models.Model):
    """One fixed page of the site; its address is fixed, its title and text are the editors'."""

    slug = models.SlugField("网址名", max_length=50, unique=True, editable=False)
    title = models.CharField("标题", max_length=50)
    body = models.TextField("正文", help_text="纯文本；空一行另起一段。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "网站页面"
        verbose_name_plural = "网站页面"
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")

    @property
    def schema_type(self) -> str:
        """The schema.org page type crawlers read in the page's JSON-LD."""
        return {"about": "AboutPage", "contact": "ContactPage"}.get(self.slug, "WebPage")
