"""Readers find published stories by any word of two or more characters, wherever it appears."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Status
from tests.conftest import make_article, make_section, make_zone

pytestmark = pytest.mark.django_db

BAOJI_BODY = (
    "<p>宝鸡高新区组织华誉物流等12家龙头企业成立党建联盟，为<strong>钛</strong>及钛合金、"
    "高端装备制造、汽车零部件三大产业提供运输保障。</p>"
)
YANGLING_BODY = "<p>工作人员穿梭在汉中“秦优1618”油菜制种基地的花海里进行花检作业。</p>"


def titles(response):
    return [article.title for article in response.context["results"].articles]


def search(client, q, **params):
    return client.get(reverse("search"), {"q": q, **params})


def test_it_finds_a_two_character_word_in_a_body(client):
    make_article("油菜制种基地迎来花期", body=YANGLING_BODY)
    make_article("别的新闻", body="<p>与此无关。</p>")
    assert titles(search(client, "花检")) == ["油菜制种基地迎来花期"]


def test_it_finds_a_two_character_word_in_a_title(client):
    make_article("党建激发新业态新就业群体新动能")
    assert titles(search(client, "党建")) == ["党建激发新业态新就业群体新动能"]


def test_it_finds_a_three_character_word_across_inline_markup(client):
    make_article("龙头企业成立联盟", body=BAOJI_BODY)
    # 钛合金 is written <strong>钛</strong>及钛合金; 钛及钛 only exists once the tags are gone.
    assert titles(search(client, "钛合金")) == ["龙头企业成立联盟"]
    assert titles(search(client, "钛及钛")) == ["龙头企业成立联盟"]


def test_it_finds_a_six_character_phrase_in_a_title(client):
    make_article("银川高新区: 获自治区效能目标管理考核优秀")
    make_article("效能提升", body="<p>目标管理考核。</p>")
    assert titles(search(client, "效能目标管理")) == ["银川高新区: 获自治区效能目标管理考核优秀"]


def test_it_finds_text_in_the_extra_search_field(client):
    article = make_article("油菜花开")
    Article.objects.filter(pk=article.pk).update(
        search_extra="图为陕西荣华农业科技有限公司工作人员进行花检作业。图片来源：杨凌示范区"
    )
    assert titles(search(client, "花检作业")) == ["油菜花开"]
    assert titles(search(client, "杨凌示范区")) == ["油菜花开"]


def test_it_does_not_match_words_split_by_a_paragraph_or_made_of_markup(client):
    make_article("分段", body="<p>加强党</p><p>建设</p><blockquote>引文</blockquote>")
    assert titles(search(client, "党建")) == []
    assert titles(search(client, "blockquote")) == []


def test_it_matches_latin_letters_and_digits_regardless_of_case(client):
    make_article("跨境电商", body="<p>SHANNING(陕驿)跨境电商+数字工厂，秦优1618。</p>")
    assert titles(search(client, "shanning")) == ["跨境电商"]
    assert titles(search(client, "秦优1618")) == ["跨境电商"]


def test_it_needs_every_term_of_a_query(client):
    make_article("宝鸡党建", body="<p>宝鸡高新区。</p>")
    make_article("银川党建", body="<p>银川高新区。</p>")
    assert titles(search(client, "党建 银川")) == ["银川党建"]


@pytest.mark.parametrize(
    "status, publish_in",
    [
        (Status.DRAFT, None),
        (Status.REVIEW, None),
        (Status.UNPUBLISHED, timedelta(days=-1)),
        (Status.PUBLISHED, timedelta(days=1)),  # scheduled
    ],
)
def test_it_never_finds_what_readers_may_not_see(client, status, publish_in):
    publish_at = timezone.now() + publish_in if publish_in else None
    make_article("花检作业不可见", status=status, publish_at=publish_at)
    response = search(client, "花检")
    assert titles(response) == []
    assert "没有找到包含“花检”的文章" in response.content.decode()


def test_it_follows_an_article_through_save_update_and_delete(client):
    article = make_article("旧标题花检")
    article.title = "新标题油菜"
    article.save()
    assert titles(search(client, "花检")) == []
    assert titles(search(client, "油菜")) == ["新标题油菜"]

    Article.objects.filter(pk=article.pk).update(body="<p>盐碱地再添致富新品种。</p>")
    assert titles(search(client, "盐碱")) == ["新标题油菜"]

    Article.objects.filter(pk=article.pk).update(status=Status.UNPUBLISHED)
    assert titles(search(client, "盐碱")) == []

    article.delete()
    assert titles(search(client, "油菜")) == []


def test_it_lists_title_hits_first_then_the_newest(client):
    now = timezone.now()
    old_title_hit = make_article("党建工作会", publish_at=now - timedelta(days=30))
    new_body_hit = make_article("新闻一", body="<p>党建引领。</p>", publish_at=now)
    new_title_hit = make_article("党建新格局", publish_at=now - timedelta(days=1))
    old_body_hit = make_article(
        "新闻二", body="<p>党建联盟。</p>", publish_at=now - timedelta(days=9)
    )
    assert titles(search(client, "党建")) == [
        new_title_hit.title,
        old_title_hit.title,
        new_body_hit.title,
        old_body_hit.title,
    ]


def test_it_highlights_the_words_and_escapes_the_rest(client):
    make_article("<script>党建</script>", body="<p>开头。新业态新就业群体党建是重要领域。</p>")
    page = search(client, "党建").content.decode()
    assert "&lt;script&gt;<mark>党建</mark>&lt;/script&gt;" in page
    assert "新就业群体<mark>党建</mark>是重要领域" in page
    assert "<script>党建" not in page


def test_it_filters_by_column_zone_and_dates(client):
    baoji, yinchuan = make_zone("宝鸡高新区", "baoji"), make_zone("银川高新区", "yinchuan")
    briefs = make_section("简讯", "jianxun")
    now = timezone.localtime()
    make_article("宝鸡党建", zones=[baoji], publish_at=now - timedelta(days=40))
    make_article("银川党建", zones=[yinchuan], section=briefs, publish_at=now - timedelta(days=2))
    assert titles(search(client, "党建", zone="baoji")) == ["宝鸡党建"]
    assert titles(search(client, "党建", section="jianxun")) == ["银川党建"]
    since = (now - timedelta(days=7)).date().isoformat()
    assert titles(search(client, "党建", date_from=since)) == ["银川党建"]
    assert titles(search(client, "党建", date_to=since)) == ["宝鸡党建"]


def test_it_pages_through_many_results(client):
    for n in range(25):
        make_article(f"党建稿件{n}")
    first = search(client, "党建")
    assert len(titles(first)) == 20
    assert first.context["results"].has_next
    second = search(client, "党建", page=2)
    assert len(titles(second)) == 5
    assert not second.context["results"].has_next
    assert "page=1" in second.content.decode() and "q=" in second.content.decode()


def test_it_invites_a_search_when_there_is_no_query(client):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "请输入要搜索的词语" in response.content.decode()


@pytest.mark.parametrize(
    "q, message",
    [
        ("党" * 51, "搜索词太长了"),
        ("，。！？……——", "没有汉字、字母或数字"),
        ("%_%", "没有汉字、字母或数字"),
        ("a b c d e f", "最多同时搜索"),
    ],
)
def test_it_explains_a_query_it_cannot_answer(client, q, message):
    make_article("党建")
    response = search(client, q)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "2024-13-40"}, "有效的日期"),
        ({"date_from": "2024-03-25", "date_to": "2024-03-01"}, "截止日期不能早于起始日期"),
        ({"zone": "no-such-zone"}, "选择一个有效的选项"),
    ],
)
def test_it_explains_bad_filters(client, params, message):
    response = search(client, "党建", **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_it_treats_a_bad_page_number_as_the_first_page(client):
    make_article("党建")
    response = search(client, "党建", page="abc")
    assert response.status_code == 200
    assert titles(response) == ["党建"]


def test_it_treats_like_wildcards_as_plain_characters(client):
    make_article("增长30%以上", body="<p>增速均保持在30%以上。</p>")
    make_article("增长300倍")
    assert titles(search(client, "30%以上")) == ["增长30%以上"]


@pytest.mark.parametrize("count", [1, 30, 120])
def test_the_results_page_costs_the_same_however_many_match(
    client, django_assert_max_num_queries, count
):
    """Bylines and columns of the shown results come in fixed queries, not one per result.

    At most: the matches, the heading matches, the ranked window's text, the count's two
    planner estimates, the shown articles and their bylines and photos; on PostgreSQL also the
    savepoint and the planner settings around them and around each index lookup, and the
    index statistics when expired;
    and the page's navigation and the form's lists of columns and zones.
    """
    zone = make_zone()
    for n in range(count):
        make_article(f"党建{n}", zones=[zone], tags=["党建"])
    with django_assert_max_num_queries(20):
        response = search(client, "党建", zone="baoji")
    assert len(titles(response)) == min(count, 20)


def test_it_finds_photo_captions_and_credits_after_a_photo_changes(client, editor):
    from news.models import ArticlePhoto
    from news.services import photo_save
    from tests.photo_helpers import make_photo

    lead = make_photo(caption="图为工人进行花检作业。", credit="图片来源:杨凌示范区")
    inline = make_photo(caption="盐碱地上的新品种", credit="本报记者 摄")
    story = make_article("图片新闻一则", kind="photo", lead_photo=lead)
    ArticlePhoto.objects.create(article=story, photo=inline, after_paragraph=1)
    Article.objects.filter(pk=story.pk).refresh_photo_text()
    for word in ("花检", "杨凌示范区", "盐碱"):
        assert "图片新闻一则" in client.get("/search/", {"q": word}).content.decode(), word

    inline.caption = "戈壁滩上的光伏板"
    photo_save(photo=inline, user=editor)
    assert "图片新闻一则" in client.get("/search/", {"q": "光伏"}).content.decode()
    assert "图片新闻一则" not in client.get("/search/", {"q": "盐碱"}).content.decode()


@pytest.mark.parametrize(
    "params", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_from": "1-1-1"}]
)
def test_a_date_out_of_range_is_a_clear_400(client, params):
    make_article("党建工作")
    response = client.get("/search/", {"q": "党建", **params})
    assert response.status_code == 400
    assert "日期" in response.content.decode()


def test_a_deleted_photo_no_longer_finds_its_story(client):
    from news.services import photo_delete
    from tests.photo_helpers import make_photo

    photo = make_photo(caption="图为盐碱地上的试验田。")
    story = make_article("题图将被删除的稿件", kind="feature", lead_photo=photo)
    Article.objects.filter(pk=story.pk).refresh_photo_text()
    assert "题图将被删除的稿件" in client.get("/search/", {"q": "试验田"}).content.decode()
    photo_delete(photo=photo)
    assert "题图将被删除的稿件" not in client.get("/search/", {"q": "试验田"}).content.decode()
