"""Keep the stored search text current when what it is made of changes outside Article.save():
fixtures (loaddata saves raw), bylines, and a contributor's name."""

from django.db.models.signals import post_delete, post_save, pre_save

from news.models import Article, Byline, Contributor


def fill_loaded_article(sender, instance, raw, **kwargs):
    if raw:  # loaddata skips Article.save(); the fixture's own search columns may be stale
        instance.fill_search_text()


def refresh_byline_article(sender, instance, **kwargs):
    Article.objects.filter(pk=instance.article_id).refresh_search_text()


def note_old_name(sender, instance, raw, **kwargs):
    instance._old_name = (
        Contributor.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        if instance.pk and not raw
        else None
    )


def refresh_contributor_articles(sender, instance, created, raw, **kwargs):
    old = getattr(instance, "_old_name", None)
    if not created and old is not None and old != instance.name:
        Article.objects.filter(bylines__contributor=instance).distinct().refresh_search_text()


def connect() -> None:
    pre_save.connect(fill_loaded_article, sender=Article, dispatch_uid="search_article_raw")
    post_save.connect(refresh_byline_article, sender=Byline, dispatch_uid="search_byline_save")
    post_delete.connect(refresh_byline_article, sender=Byline, dispatch_uid="search_byline_del")
    pre_save.connect(note_old_name, sender=Contributor, dispatch_uid="search_contributor_pre")
    post_save.connect(
        refresh_contributor_articles, sender=Contributor, dispatch_uid="search_contributor_post"
    )
