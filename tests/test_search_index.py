"""The database's search index holds exactly the text the Python rules say it should."""

import pytest
from django.db import connection

from news.search_index import bigram_text, bigrams, search_document
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

TRICKY_BODY = (
    "<h2>三学并进壮筋骨</h2><p>党支部<strong>引领</strong>“示范学”，"
    '<a href="https://example.com/a-b">SHANNING(陕驿)</a>跨境电商&amp;数字工厂；'
    "1+N形式<br>增速30%以上</p><ul><li>盐碱</li><li>地</li></ul>"
)


def _index_row(article):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT news_search_document(title, kicker, subtitle, lead, body, search_extra),"
                " tsvector_to_array(search_title), tsvector_to_array(search_vector)"
                " FROM news_article WHERE id = %s",
                [article.pk],
            )
            document, title_grams, grams = cursor.fetchone()
            return document, set(title_grams), set(grams)
        cursor.execute(
            "SELECT news_search_document(a.title, a.kicker, a.subtitle, a.lead, a.body,"
            " a.search_extra), s.title, s.document FROM news_article a"
            " JOIN news_article_search s ON s.rowid = a.id WHERE a.id = %s",
            [article.pk],
        )
        document, title_text, text = cursor.fetchone()
        assert text == bigram_text(document)
        return document, set(title_text.split()), set(text.split())


def test_it_indexes_what_the_python_rules_describe():
    article = make_article(
        "宝鸡高新区：E心向党",
        kicker="引题",
        subtitle="副题",
        lead="导语",
        body=TRICKY_BODY,
        search_extra="图片来源：杨凌示范区",
    )
    article.refresh_from_db()
    document, title_grams, grams = _index_row(article)
    expected = search_document(
        article.title, "引题", "副题", "导语", article.body, "图片来源：杨凌示范区"
    )
    assert document == expected
    assert "跨境电商&数字工厂" in document and "<" not in document
    assert title_grams == set(bigrams(article.title))
    assert grams == set(bigrams(expected))
    assert {"e心", "党支", "部引", "引领", "sh"} <= grams
    # List items are separate lines: no bigram joins the end of one to the next.
    assert "盐碱地" not in document and "碱地" not in grams
