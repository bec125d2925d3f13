"""List pages and the site's own pages tell crawlers and link previews their address and content."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Contributor, Kind
from tests.conftest import make_article, make_section, make_zone
from tests.photo_helpers import image_bytes, make_photo
from tests.test_metadata import HeadParser

pytestmark = pytest.mark.django_db

SITE = "https://news.example.cn"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def stories():
    zone = make_zone()
    return [make_article(f"列表稿件{n}", zones=[zone], tags=["新业态"]) for n in range(3)]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/section/dangjian/",
        "/zones/baoji/",
        "/tags/新业态/",
        "/photos/",
        "/zones/",
        "/about/",
        "/subscribe/",
        "/advertisers/directory/",
    ],
)
def test_every_reader_page_has_its_canonical_address_and_open_graph(client, stories, url):
    parsed = head(client, url)
    meta = dict(parsed.meta)
    assert parsed.links["canonical"] == SITE + url
    assert meta["og:url"] == SITE + url
    assert meta["og:title"] and meta["og:site_name"] == "高新区报"
    assert meta["og:image"] == f"{SITE}/static/img/share-default.png"
    assert "\n" not in meta["og:description"]
    data = json.loads(parsed.json_ld[0])
    expected = {"/about/": "AboutPage", "/subscribe/": "WebPage"}.get(url, "CollectionPage")
    assert data["@type"] == expected
    assert data["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.png"


def test_a_column_page_lists_its_stories_in_json_ld_and_pages_have_their_own_address(
    client, stories
):
    data = json.loads(head(client, "/section/dangjian/").json_ld[0])
    listed = [item["url"] for item in data["mainEntity"]["itemListElement"]]
    assert listed == [SITE + s.get_absolute_url() for s in stories]
    assert head(client, "/section/dangjian/?page=2").links["canonical"].endswith("?page=2")


def test_a_photo_story_without_a_byline_credits_its_source_as_creator(client):
    photo = make_photo(credit="图片来源:杨凌示范区", data=image_bytes(1600, 1000))
    story = make_article("油菜制种基地花检忙", kind=Kind.PHOTO, lead_photo=photo, author=None)
    data = json.loads(head(client, story.get_absolute_url()).json_ld[0])
    assert data["author"] == [{"@type": "Organization", "name": "杨凌示范区"}]


def test_a_photo_story_names_its_photographer_as_creator(client):
    photo = make_photo(data=image_bytes(1600, 1000))
    photo.photographer = Contributor.objects.create(name="张三")
    photo.save()
    story = make_article("图片新闻", kind=Kind.PHOTO, lead_photo=photo, author=None)
    data = json.loads(head(client, story.get_absolute_url()).json_ld[0])
    assert data["author"] == [{"@type": "Person", "name": "张三"}]


def test_a_description_with_line_breaks_is_one_line(client):
    story = make_article("简讯", kind=Kind.BRIEF, lead="第一行\n第二行\r\n第三行")
    parsed = head(client, story.get_absolute_url())
    assert dict(parsed.meta)["og:description"] == "第一行 第二行 第三行"
    assert json.loads(parsed.json_ld[0])["description"] == "第一行 第二行 第三行"


def test_a_story_published_just_now_has_a_machine_date_to_the_second(client):
    story = make_article("刚刚发布", publish_at=timezone.now())
    html = client.get(story.get_absolute_url()).content.decode()
    stamp = timezone.localtime(story.publish_at).strftime("%Y-%m-%dT%H:%M:%S+0800")
    assert f'<time datetime="{stamp}">' in html
    assert "." not in stamp


def test_the_columns_headline_leads_its_first_page(client):
    section = make_section()
    now = timezone.now()
    make_article("较新的图片新闻", section=section, publish_at=now - timedelta(hours=1))
    make_article("头条通讯", section=section, is_headline=True, publish_at=now - timedelta(days=2))
    html = client.get(reverse("news:section", args=["dangjian"])).content.decode()
    main = html.split('<aside class="sidebar"')[0]
    assert main.index("头条通讯") < main.index("较新的图片新闻")
