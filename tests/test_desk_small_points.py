"""Smaller points of the newsroom's day: 本报记者, a wide 副题 box, excerpts without headings."""

import pytest
from django.urls import reverse

from news.metadata import article_json_ld
from news.models import Byline, Contributor
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

BODY = "<p>服务水平持续提升。</p><h2>一窗受理提效率</h2><p>近年来，高新区推行一窗受理。</p>"


def test_a_byline_can_read_staff_reporter():
    article = make_article(author=None)
    Byline.objects.create(
        article=article,
        contributor=Contributor.objects.create(name="张三"),
        role=Byline.Role.STAFF_REPORTER,
    )
    assert article.credit_line() == "本报记者 张三"


def test_an_excerpt_leaves_out_sub_headings(client):
    article = make_article("营商环境", body=BODY)
    assert article.summary() == "服务水平持续提升。 近年来，高新区推行一窗受理。"
    assert "一窗受理提效率" not in article_json_ld(article)["description"]
    home = client.get("/").content.decode()
    assert "持续提升。一窗受理提效率" not in home
    feed = client.get(reverse("news:feed")).content.decode()
    assert "一窗受理提效率近年来" not in feed


def test_the_subtitle_box_is_as_wide_as_a_line(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:news_article_add")).content.decode()
    assert 'name="subtitle"' in html
    start = html.index('name="subtitle"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    assert "max-width: 48em" in tag
