"""Readers find stories however they type: full-width, traditional, punctuation, one character,
a byline; the most relevant first, with a count and pages that end."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Byline, Contributor, Status
from portal.search import find_articles
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    return client.get(reverse("search"), {"q": q, **params})


def titles(response):
    assert response.status_code == 200, response.content.decode()
    return [article.title for article in response.context["results"].articles]


@pytest.mark.parametrize(
    "stored, typed",
    [
        ("ＡＢＣ园区揭牌", "ABC"),
        ("SHANNING(陕驿)跨境电商", "ＳＨＡＮＮＩＮＧ"),
        ("投资８６亿元", "86亿元"),
        ("投资86亿元", "８６亿元"),
        ("秦优1618", "１６１８"),
    ],
)
def test_full_width_and_half_width_letters_and_digits_find_each_other(client, stored, typed):
    make_article(stored)
    make_article("别的新闻")
    assert titles(search(client, typed)) == [stored]


@pytest.mark.parametrize(
    "stored, typed",
    [
        ("宝鸡高新区党建工作", "黨建"),
        ("优化营商环境", "營商環境"),
        ("寶雞高新區召開大會", "宝鸡高新区"),
        ("宝鸡高新区召开大会", "寶雞高新區"),
    ],
)
def test_traditional_and_simplified_characters_find_each_other(client, stored, typed):
    make_article(stored)
    make_article("别的新闻")
    assert titles(search(client, typed)) == [stored]


@pytest.mark.parametrize(
    "typed",
    ["党建，", "党建,", "党建。", "“党建”", "(党建)", "力量，新业态", "力量,新业态", "力量 新业态"],
)
def test_punctuation_in_and_around_words_never_decides_a_match(client, typed):
    make_article("新就业群体", body="<p>已成为不可或缺的力量,新业态新就业群体党建是重要领域。</p>")
    assert titles(search(client, typed)) == ["新就业群体"]


@pytest.mark.parametrize(
    "typed", ['"三学五微四联"', "“三学五微四联”", "SHANNING（陕驿）", "shanning(陕驿)"]
)
def test_quotes_and_brackets_of_either_width(client, typed):
    make_article("创新“三学五微四联”举措", body="<p>SHANNING(陕驿)跨境电商+数字工厂。</p>")
    assert titles(search(client, typed)) == ["创新“三学五微四联”举措"]


def test_a_phrase_with_punctuation_does_not_match_the_words_apart(client):
    make_article("力量新业态", body="<p>新业态的力量。</p>")
    assert titles(search(client, "力量，新业态")) == []


def test_one_character_finds_it_anywhere_in_a_word(client):
    make_article("钛合金产业", body="<p>钛及钛合金。</p>")
    make_article("中国钛谷", body="<p>新材料。</p>")
    make_article("只有一个钛", body="<p>材料：钛。</p>")  # the last character of a run
    make_article("铝合金产业")
    found = titles(search(client, "钛"))
    assert sorted(found) == sorted(["钛合金产业", "中国钛谷", "只有一个钛"])
    assert titles(search(client, "宝鸡 钛")) == []
    make_article("宝鸡钛谷")
    assert titles(search(client, "宝鸡 钛")) == ["宝鸡钛谷"]


def test_1_plus_n_is_answered(client):
    make_article("党建指导员", body="<p>以“1+N”形式。</p>")
    make_article("别的新闻", body="<p>1个指导员，N种形式。</p>")
    assert titles(search(client, "1+N")) == ["党建指导员"]


def test_bylines_and_the_briefs_dateline_are_searchable(client):
    brief = make_article(
        "银川高新区获评优秀",
        author=None,
        kind="brief",
        source="本报讯",
        dateline="3月25日",
        body="<p>宁夏回族自治区通报了考核结果。</p>",
    )
    zhao, _ = Contributor.objects.get_or_create(name="赵旭")
    Byline.objects.create(article=brief, contributor=zhao, role=Byline.Role.SPECIAL_CORRESPONDENT)
    make_article("党建激发新动能", author="杨建平")
    make_article("别的新闻", author="王芳")
    assert titles(search(client, "杨建平")) == ["党建激发新动能"]
    assert titles(search(client, "杨 建平")) == ["党建激发新动能"]
    assert titles(search(client, "赵旭")) == ["银川高新区获评优秀"]
    assert titles(search(client, "本报讯(特约通讯员 赵旭)3月25日")) == ["银川高新区获评优秀"]
    assert titles(search(client, "特约通讯员赵旭")) == []  # the words as printed, not run together


def test_a_contributors_name_leads_to_their_stories(client):
    make_article("党建激发新动能", author="杨建平")
    page = search(client, "党建").content.decode()
    link = reverse("search") + "?q=" + "%E6%9D%A8%E5%BB%BA%E5%B9%B3"
    assert f'href="{link}"' in page


def test_a_byline_added_or_renamed_later_is_found(client):
    article = make_article("园区新闻", author=None)
    person = Contributor.objects.create(name="韩梅")
    Byline.objects.create(article=article, contributor=person)
    assert titles(search(client, "韩梅")) == ["园区新闻"]
    person.name = "韩梅梅"
    person.save()
    assert titles(search(client, "韩梅梅")) == ["园区新闻"]
    Byline.objects.filter(article=article).delete()
    assert titles(search(client, "韩梅")) == []


def test_bulk_create_update_and_loaddata_keep_the_index(client, tmp_path):
    section = make_article("占位").section
    Article.objects.bulk_create(
        [
            Article(
                title="黨建批量",
                section=section,
                status=Status.PUBLISHED,
                publish_at=timezone.now(),
            )
        ]
    )
    assert titles(search(client, "党建批量")) == ["黨建批量"]
    Article.objects.filter(title="黨建批量").update(body="<p>ＡＢＣ工厂</p>")
    assert titles(search(client, "abc")) == ["黨建批量"]

    fixture = tmp_path / "one.json"
    fixture.write_text(
        '[{"model": "news.article", "pk": 9001, "fields": {"title": "載入的稿件",'
        f' "section": {section.pk}, "status": "published",'
        ' "publish_at": "2024-03-25T08:00:00Z", "created_at": "2024-03-25T08:00:00Z",'
        ' "updated_at": "2024-03-25T08:00:00Z", "body": "<p>鲲鹏計算</p>"}}]',
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert titles(search(client, "鲲鹏计算")) == ["載入的稿件"]


def test_results_are_highlighted_in_the_original_text(client):
    make_article("ＡＢＣ园区：黨建引领", body="<p>推进黨建，建设ＡＢＣ园区。</p>")
    page = search(client, "党建 abc").content.decode()
    assert "<mark>ＡＢＣ</mark>园区：<mark>黨建</mark>引领" in page
    assert "推进<mark>黨建</mark>，建设<mark>ＡＢＣ</mark>园区" in page


def test_the_story_about_a_thing_comes_before_one_that_mentions_it(client):
    now = timezone.now()
    once = make_article("园区新闻一", body="<p>提到一次花检。</p>", publish_at=now)
    lead = make_article("园区新闻二", lead="花检工作全面展开。", publish_at=now - timedelta(days=2))
    often = make_article(
        "园区新闻三",
        body="<p>花检开始。花检人员到位。花检完成。</p>",
        publish_at=now - timedelta(days=1),
    )
    title = make_article("花检作业全面展开", publish_at=now - timedelta(days=3))
    caption = make_article("园区新闻四", publish_at=now - timedelta(hours=1))
    Article.objects.filter(pk=caption.pk).update(search_extra="图为花检现场")
    expected = [title.title, often.title, lead.title, once.title, caption.title]
    assert titles(search(client, "花检")) == expected
    by_date = [once.title, caption.title, often.title, lead.title, title.title]
    assert titles(search(client, "花检", sort="date")) == by_date


def test_words_close_together_rank_first(client):
    now = timezone.now()
    apart = make_article(
        "新闻甲",
        body="<p>银川高新区召开大会。" + "其他内容。" * 20 + "效能提升。</p>",
        publish_at=now,
    )
    close = make_article(
        "新闻乙", body="<p>银川高新区效能目标管理考核优秀。</p>", publish_at=now - timedelta(days=5)
    )
    assert titles(search(client, "银川 效能")) == [close.title, apart.title]


def test_recency_decides_between_equals(client):
    now = timezone.now()
    make_article("党建一", publish_at=now - timedelta(days=400))
    make_article("党建二", publish_at=now - timedelta(days=1))
    assert titles(search(client, "党建")) == ["党建二", "党建一"]


def test_count_numbered_pages_and_a_last_page_that_ends(client):
    now = timezone.now()
    for n in range(45):
        make_article(f"党建{n}", publish_at=now - timedelta(hours=n))
    first = search(client, "党建")
    html = first.content.decode()
    assert "共 45 条结果" in html
    assert first.context["results"].last_page == 3
    assert 'aria-label="第 3 页"' in html
    seen = set(titles(first))
    second = titles(search(client, "党建", page=2))
    last = search(client, "党建", page=3)
    assert len(seen) == 20 and len(second) == 20 and len(titles(last)) == 5
    assert not seen & set(second) and not (seen | set(second)) & set(titles(last))
    assert 'rel="next"' not in last.content.decode()
    beyond = search(client, "党建", page=4)
    assert beyond.status_code == 404
    assert "没有更多结果了" in beyond.content.decode()
    assert search(client, "党建", page=51).status_code == 404


def test_no_results_suggests_fewer_words_and_no_filters(client):
    make_article("党建工作")
    html = search(client, "党建 鲲鹏").content.decode()
    assert "没有找到包含“党建 鲲鹏”的文章" in html
    assert "只搜“党建”" in html and "只搜“鲲鹏”" in html
    html = search(client, "鲲鹏", date_from="2020-01-01").content.decode()
    assert "去掉栏目、园区和日期的限制" in html


def test_the_newsroom_can_find_articles_of_any_status():
    draft = make_article("黨建草稿", status=Status.DRAFT)
    published = make_article("党建稿件")
    make_article("别的新闻", status=Status.REVIEW)
    assert set(find_articles("党建")) == {draft, published}
    assert set(find_articles("草稿", Article.objects.filter(status=Status.DRAFT))) == {draft}
    assert list(find_articles("，。")) == []
