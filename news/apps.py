from django.apps import AppConfig
from django.db.backends.signals import connection_created


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "新闻采编"

    def ready(self):
        from news.search_index import register_sqlite_functions

        # The SQLite search index triggers call Python functions that every connection needs.
        connection_created.connect(register_sqlite_functions, dispatch_uid="news_search_sqlite")

        from news import search_signals

        search_signals.connect()
