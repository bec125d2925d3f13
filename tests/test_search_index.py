"""The database's search index holds exactly the text the Python rules say it should."""

import pytest
from django.db import connection

from news.search_index import index_grams, index_tokens
from news.search_text import search_fields
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

TRICKY_BODY = (
    "<h2>三学并进壮筋骨</h2><p>党支部<strong>引领</strong>“示范学”，"
    '<a href="https://example.com/a-b">SHANNING(陕驿)</a>跨境电商&amp;数字工厂；'
    "1+N形式<br>增速30%以上</p><ul><li>盐碱</li><li>地</li></ul>"
)


def _index_row(article):
    """The stored normalised text and the headings' and document's index entries."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT search_head, search_text, tsvector_to_array(search_title),"
                " tsvector_to_array(search_vector) FROM news_article WHERE id = %s",
                [article.pk],
            )
            head, text, title_keys, keys = cursor.fetchone()
            return head, text, set(title_keys), set(keys)
        cursor.execute(
            "SELECT a.search_head, a.search_text, s.title, s.document FROM news_article a"
            " JOIN news_article_search s ON s.rowid = a.id WHERE a.id = %s",
            [article.pk],
        )
        return cursor.fetchone()


def test_it_indexes_what_the_python_rules_describe():
    article = make_article(
        "寶雞高新區：Ｅ心向党",
        kicker="引题",
        subtitle="副题",
        lead="导语",
        body=TRICKY_BODY,
        search_extra="图片来源：杨凌示范区",
        author="赵旭",
    )
    article.refresh_from_db()
    head, text, title_index, index = _index_row(article)
    assert head == "宝鸡高新区 e心向党\n引题\n副题"
    assert text == search_fields(article)["search_text"]
    lines = text.split("\n")
    assert lines[:4] == ["宝鸡高新区 e心向党", "引题", "副题", "导语"]
    assert "跨境电商 数字工厂" in lines[4] and "<" not in text and "strong" not in text
    assert lines[5] == "赵旭" and lines[6] == "图片来源 杨凌示范区"
    # List items are separate: nothing joins the end of one to the next.
    assert "盐碱地" not in text
    if connection.vendor == "postgresql":
        assert title_index == index_grams(head)
        assert index == index_grams(text)
        assert {"e心向", "党支部", "部引领", "引领", "领", "sha", "盐碱", "碱", "地"} <= index
        assert "碱地" not in index
    else:
        assert title_index == index_tokens(head)
        assert index == index_tokens(text)
        assert "党支 支部 部引 引领 领" in index and "碱地" not in index


def test_postgresql_asks_for_one_key_per_common_run_and_every_key_of_a_rare_one():
    """Keeps the planner's row estimate honest (see portal.search._pg_keys)."""
    from portal.search import _pg_keys

    common = {"新业态": 0.2, "业态新": 0.2, "态新就": 0.19, "新就业": 0.21, "党建": 0.5}
    assert _pg_keys(["新业态新就业"], common) == [("态新就", False)]
    assert _pg_keys(["发展党建"], common) == [("发展党", False), ("展党建", False)]
    assert _pg_keys(["党建", "新业态"], common) == [("党建", True), ("新业态", False)]
    assert _pg_keys(["新业态新就业"], {}) == [
        ("业态新", False), ("态新就", False), ("新业态", False), ("新就业", False)
    ]  # fmt: skip
