"""Each article page tells crawlers and link previews its canonical address and its facts."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from news.models import Byline, Contributor
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

SITE = "https://news.example.cn"


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = [], {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "property" in attrs:
            self.meta.append((attrs["property"], attrs["content"]))
        elif tag == "link":
            self.links[attrs["rel"]] = attrs["href"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def head_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def article():
    article = make_article(
        "党建激发新业态新就业群体新动能",
        kicker="宝鸡高新区创新“三学五微四联”举措——",
        lead="宝鸡高新区全力破解新业态新就业群体发展难题。",
        author="杨建平",
        tags=["新业态", "党建"],
    )
    Byline.objects.create(
        article=article,
        contributor=Contributor.objects.create(name="赵旭"),
        role=Byline.Role.SPECIAL_CORRESPONDENT,
        position=1,
    )
    return article


def test_it_names_the_canonical_address(client, article):
    assert head_of(client, article).links["canonical"] == f"{SITE}/article/{article.pk}/"


def test_it_carries_open_graph_tags(client, article):
    meta = head_of(client, article).meta
    values = dict(meta)
    assert values["og:type"] == "article"
    assert values["og:title"] == "党建激发新业态新就业群体新动能"
    assert values["og:description"] == "宝鸡高新区全力破解新业态新就业群体发展难题。"
    assert values["og:url"] == f"{SITE}/article/{article.pk}/"
    assert values["article:section"] == "党建在高新"
    published = timezone.localtime(article.publish_at).isoformat(timespec="seconds")
    assert values["article:published_time"] == published
    assert sorted(v for k, v in meta if k == "article:tag") == ["党建", "新业态"]


def test_its_json_ld_describes_the_news_article(client, article):
    (raw,) = head_of(client, article).json_ld
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "党建激发新业态新就业群体新动能"
    assert data["alternativeHeadline"] == "宝鸡高新区创新“三学五微四联”举措"
    assert [a["name"] for a in data["author"]] == ["杨建平", "赵旭"]
    assert data["datePublished"] == timezone.localtime(article.publish_at).isoformat(
        timespec="seconds"
    )
    assert data["dateModified"]
    assert data["articleSection"] == "党建在高新"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "高新区报",
        "url": f"{SITE}/",
        "logo": {
            "@type": "ImageObject",
            "url": f"{SITE}/static/img/logo.png",
            "width": 600,
            "height": 120,
        },
    }
    assert data["url"] == f"{SITE}/article/{article.pk}/"


def test_the_subtitle_is_the_alternative_headline_when_there_is_no_kicker(client):
    article = make_article("获考核优秀", subtitle="银川高新区2023年度效能目标管理")
    data = json.loads(head_of(client, article).json_ld[0])
    assert data["alternativeHeadline"] == "银川高新区2023年度效能目标管理"


def test_a_title_cannot_break_out_of_the_json_ld(client):
    title = '</script><script>alert("x")</script><!--'
    article = make_article(title)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert json.loads(head_of(client, article).json_ld[0])["headline"] == title


@pytest.mark.parametrize("extra", [0, 6])
def test_the_article_page_costs_the_same_however_many_authors_and_tags(
    client, django_assert_max_num_queries, extra
):
    """Metadata reads bylines and tags from the page's prefetch, not once per author or tag."""
    article = make_article("多作者稿件", tags=[f"标签{n}" for n in range(extra + 1)])
    for n in range(extra):
        Byline.objects.create(
            article=article, contributor=Contributor.objects.create(name=f"作者{n}"), position=n + 1
        )
    # 1 of them for the 数字报 page that printed the story (刊于…第N版), 2 for the 最新 and 热门
    # lists beside it.
    with django_assert_max_num_queries(13):
        head_of(client, article)


def test_the_lead_photo_is_the_preview_image_with_caption_and_credit(client):
    from tests.photo_helpers import image_bytes, make_photo

    photo = make_photo(
        caption="图为陕西荣华农业科技有限公司工作人员进行花检作业。",
        credit="图片来源:杨凌示范区",
        alt_text="油菜花田里的工作人员",
        data=image_bytes(1600, 1000),
    )
    story = make_article("“秦优1618”油菜制种基地花检忙", kind="photo", lead_photo=photo)
    head = head_of(client, story)
    meta = dict(head.meta)
    assert meta["og:image"].startswith(f"{SITE}/media/") and meta["og:image"].endswith(".jpg")
    assert meta["og:image:alt"] == "油菜花田里的工作人员"
    image = json.loads(head.json_ld[0])["image"]
    assert image["@type"] == "ImageObject" and image["url"] == meta["og:image"]
    assert image["caption"] == "图为陕西荣华农业科技有限公司工作人员进行花检作业。"
    assert image["creditText"] == "图片来源:杨凌示范区"
    assert image["width"] == int(meta["og:image:width"]) >= 800


def test_an_article_without_a_photo_shares_the_sites_default_image(client, article):
    head = head_of(client, article)
    meta = dict(head.meta)
    assert meta["og:image"] == f"{SITE}/static/img/share-default.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    image = json.loads(head.json_ld[0])["image"]
    assert image["url"] == meta["og:image"]
    assert finders.find("img/share-default.png")
