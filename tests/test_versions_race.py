"""Two saves of one story at the same moment, from the same version: exactly one wins."""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction

from history import services
from news.models import Article, Status
from tests.conftest import make_article

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL"
    ),
]

TRIES = 50


def save_from(pk: int, seen: int, title: str, start: threading.Barrier, results: list) -> None:
    """What the admin does on save: claim the version, then write, in one transaction."""
    try:
        start.wait()
        with transaction.atomic():
            article = Article.objects.get(pk=pk)
            services.claim(article, seen=seen)
            article.title = title
            article.save()
        results.append(title)
    except services.VersionConflict:
        results.append(None)
    finally:
        connections.close_all()


def test_exactly_one_of_two_simultaneous_saves_wins_every_time():
    # A transactional test starts from a flushed database: content type ids cached by earlier
    # tests would point the versions' foreign key at rows that are gone.
    ContentType.objects.clear_cache()
    article = make_article(status=Status.REVIEW)
    for attempt in range(TRIES):
        seen = Article.objects.get(pk=article.pk).version
        start = threading.Barrier(2)
        results: list = []
        threads = [
            threading.Thread(
                target=save_from, args=(article.pk, seen, f"{name}{attempt}", start, results)
            )
            for name in ("甲", "乙")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [title for title in results if title]
        assert len(results) == 2 and len(winners) == 1, (attempt, results)
        saved = Article.objects.get(pk=article.pk)
        assert saved.title == winners[0] and saved.version == seen + 1
