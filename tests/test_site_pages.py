"""The footer's pages: about, contact, copyright, 广告合作, 订阅, and the ICP and 举报 lines."""

import pytest
from django.urls import reverse

from pages.models import Page
from portal import pagecache
from tests.conftest import make_article, make_section

pytestmark = pytest.mark.django_db

FOOTER = ["关于我们", "联系我们", "广告合作", "广告主登录", "订阅", "版权声明"]


def test_every_page_links_to_the_sites_own_pages_and_the_advertisers(client):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for name in FOOTER:
        assert f">{name}</a>" in footer, name
    assert f'href="{reverse("ads:login")}"' in footer
    assert f'href="{reverse("pages:advertise")}"' in footer


@pytest.mark.parametrize("url", ["/about/", "/contact/", "/copyright/", "/advertise/"])
def test_the_footer_pages_exist_from_the_start(client, url):
    assert client.get(url).status_code == 200


def test_the_advertise_page_leads_to_the_directory_and_the_sign_in(client):
    html = client.get("/advertise/").content.decode()
    assert f'href="{reverse("ads:directory")}"' in html
    assert f'href="{reverse("ads:login")}"' in html


def test_an_editor_rewrites_the_about_page_in_the_admin(client, editor):
    page = Page.objects.get(slug="about")
    client.force_login(editor)
    response = client.post(
        reverse("admin:pages_page_change", args=[page.pk]),
        {"title": "关于本报", "body": "第一段。\n\n第二段。"},
    )
    assert response.status_code == 302
    html = client.get("/about/").content.decode()
    assert '<h1 class="page-title">关于本报</h1>' in html
    assert "<p>第一段。</p>" in html and "<p>第二段。</p>" in html


def test_editors_may_not_add_or_remove_the_fixed_pages(client, editor):
    editor.is_superuser = True  # not even with every permission
    editor.save()
    client.force_login(editor)
    assert client.get(reverse("admin:pages_page_add")).status_code == 403
    page = Page.objects.get(slug="contact")
    assert client.get(reverse("admin:pages_page_delete", args=[page.pk])).status_code == 403


def test_a_reporter_may_not_change_the_sites_pages(client, reporter):
    page = Page.objects.get(slug="about")
    client.force_login(reporter)
    response = client.post(
        reverse("admin:pages_page_change", args=[page.pk]), {"title": "改", "body": "改"}
    )
    assert response.status_code == 403
    assert Page.objects.get(slug="about").title == "关于我们"


def test_the_icp_number_and_report_contact_show_only_when_set(client, settings):
    html = client.get("/").content.decode()
    assert "备案" not in html and "举报" not in html
    settings.ICP_NUMBER = "京ICP备12345678号"
    settings.REPORT_CONTACT = "010-12345678"
    pagecache.bump()  # pages cached before the change keep the old footer until they expire
    html = client.get("/").content.decode()
    assert ">京ICP备12345678号</a>" in html
    assert "违法和不良信息举报：010-12345678" in html


def test_the_subscribe_page_lists_the_feeds(client, django_assert_max_num_queries):
    make_section()
    make_section("园区动态", "yuanqu")
    with django_assert_max_num_queries(4):
        html = client.get("/subscribe/").content.decode()
    for url in ["/feed/", "/section/dangjian/feed/", "/section/yuanqu/feed/"]:
        assert f'href="{url}"' in html


def test_a_feed_names_its_stylesheet_and_the_stylesheet_is_xslt(client):
    make_article()
    feed = client.get("/feed/").content.decode()
    assert '<?xml-stylesheet href="/feed.xsl" media="screen" type="text/xsl"?>' in feed
    assert feed.index("<?xml-stylesheet") < feed.index("<rss")
    response = client.get("/feed.xsl")
    assert response["Content-Type"].startswith("text/xsl")
    xsl = response.content.decode()
    assert xsl.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"' in xsl
    assert "/static/css/site.css" in xsl


def test_the_search_page_has_one_search_box(client):
    html = client.get("/search/", {"q": "党建"}).content.decode()
    assert html.count('type="search"') == 1


def test_an_empty_search_is_answered_with_a_prompt_not_an_error(client):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get("/search/", params)
        assert response.status_code == 200
        assert "请输入要搜索的词语" in response.content.decode()
