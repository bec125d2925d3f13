"""What a reader sees: the newspaper page's content, and only what is published and due."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Status
from tests.conftest import make_article, make_section, make_zone

pytestmark = pytest.mark.django_db

FEATURE_TITLE = "党建激发新业态新就业群体新动能"
KICKER = "宝鸡高新区创新“三学五微四联”举措——"
BRIEF_TITLE = "银川高新区: 获自治区效能目标管理考核优秀"


def test_it_leads_the_front_page_with_the_feature(client, page_content):
    html = client.get("/").content.decode()
    lead = html[html.index('class="lead-story"') :]
    assert lead.index(KICKER) < lead.index(FEATURE_TITLE)
    assert "杨建平" in lead
    assert BRIEF_TITLE in html
    assert '<html lang="zh-Hans">' in html


def test_it_shows_the_feature_verbatim_with_its_sections(client, page_content):
    response = client.get(reverse("news:article", args=[1]))
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("三学并进壮筋骨", "五微自治聚动能", "四联共抓促发展"):
        assert f"<h2>{heading}</h2>" in html
    assert "<strong>党支部引领“示范学”。</strong>" in html
    assert "<strong>跨境联动促发展。</strong>" in html
    # Joined across the page break of the printed page.
    assert "单线联系、视频推送”等形式" in html
    assert "YW(优物)跨境电商自营平台等覆盖。" in html
    assert "2024年3月28日" in html


def test_it_shows_the_brief_with_byline_and_dateline(client, page_content):
    html = client.get(reverse("news:article", args=[2])).content.decode()
    assert BRIEF_TITLE in html
    assert "本报讯(特约通讯员 赵旭)3月25日" in html
    assert "宁夏回族自治区党委办公厅、政府办公厅通报了2023年度自治区效能目标管理考核结果" in html
    assert "培育国家高新技术企业6家、科技型中小企业27家" in html


def test_it_links_front_page_column_article_tag_zone_and_back(client, page_content):
    home = client.get("/").content.decode()
    assert 'href="/section/dangjian/"' in home
    column = client.get("/section/dangjian/").content.decode()
    assert 'href="/article/1/"' in column and 'href="/article/2/"' in column
    article = client.get("/article/1/").content.decode()
    assert 'href="/tags/%E6%96%B0%E4%B8%9A%E6%80%81/"' in article  # 新业态
    assert 'href="/zones/baoji/"' in article
    tag = client.get("/tags/新业态/").content.decode()
    assert FEATURE_TITLE in tag and 'href="/"' in tag
    zone = client.get("/zones/yinchuan/").content.decode()
    assert BRIEF_TITLE in zone and 'href="/zones/"' in zone
    zones = client.get("/zones/").content.decode()
    for name in ("宝鸡高新区", "银川高新区", "杨凌示范区", "惠州仲恺高新区"):
        assert name in zones


def test_it_writes_dates_in_chinese(client):
    make_article("日期测试", publish_at=timezone.now().replace(year=2024, month=3, day=25))
    html = client.get("/section/dangjian/").content.decode()
    assert "2024年3月25日" in html


@pytest.mark.parametrize(
    "status,delta",
    [
        (Status.DRAFT, None),
        (Status.REVIEW, None),
        (Status.UNPUBLISHED, timedelta(days=-1)),
        (Status.PUBLISHED, timedelta(days=1)),  # scheduled for tomorrow
    ],
)
def test_it_hides_what_is_not_published_and_due(client, status, delta):
    zone = make_zone()
    publish_at = timezone.now() + delta if delta else None
    hidden = make_article(
        "不该被读者看到的稿件", status=status, publish_at=publish_at, zones=[zone], tags=["隐藏"]
    )
    make_article("可见稿件", zones=[zone], tags=["隐藏"])
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in ("/", "/section/dangjian/", "/zones/baoji/", "/tags/隐藏/", "/zones/"):
        html = client.get(url).content.decode()
        assert "不该被读者看到的稿件" not in html, url
    assert "可见稿件" in client.get("/section/dangjian/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client):
    article = make_article("定时发布的稿件", publish_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_it_paginates_a_column(client):
    section = make_section()
    for i in range(25):
        make_article(f"分页稿件{i:02d}", section=section)
    first = client.get("/section/dangjian/").content.decode()
    second = client.get("/section/dangjian/?page=2").content.decode()
    assert first.count('class="item ') == 20 and second.count('class="item ') == 5
    assert 'rel="next" href="?page=2"' in first
    assert "第 2 页" in second and 'rel="next"' not in second


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_a_bad_page_number_is_not_an_error(client, page):
    make_article()
    assert client.get(f"/section/dangjian/?page={page}").status_code == 200


def test_unknown_pages_get_a_chinese_404(client, settings):
    settings.DEBUG = False
    response = client.get("/section/no-such-column/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_related_articles_prefer_shared_tags(client):
    article = make_article("主稿", tags=["新业态", "党建"])
    make_article("同栏目无标签")
    make_article("共享两个标签", tags=["新业态", "党建"], section=make_section("园区", "yuanqu"))
    html = client.get(article.get_absolute_url()).content.decode()
    related = html[html.index("相关阅读") :]
    assert related.index("共享两个标签") < related.index("同栏目无标签")


def test_a_tag_only_unpublished_stories_carry_is_not_found(client):
    make_article("禁发稿件", status=Status.DRAFT, tags=["未公开的标签"])
    make_article("定时稿件", publish_at=timezone.now() + timedelta(days=1), tags=["未公开的标签"])
    assert client.get("/tags/未公开的标签/").status_code == 404
    assert client.get("/tags/未公开的标签/feed/").status_code == 404
