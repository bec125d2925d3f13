"""Tags typed with a Chinese input method: ，、； separate tags, as , does."""

import pytest
from django.urls import reverse

from news.models import Article, Status
from news.tags import edit_string, parse_tags
from tests.conftest import make_article, make_section
from tests.test_workflow import article_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "营商环境，放管服，一网通办",
        "营商环境、放管服、一网通办",
        "营商环境；放管服;一网通办",
        "营商环境, 放管服,一网通办",
        " 营商环境 ，放管服、 一网通办，",
    ],
)
def test_each_separator_splits(typed):
    assert sorted(parse_tags(typed)) == sorted(["营商环境", "放管服", "一网通办"])


def test_a_name_with_a_space_survives_the_round_trip():
    class T:
        def __init__(self, name):
            self.name = name

    text = edit_string([T("中国制造 2025"), T("党建")])
    assert sorted(parse_tags(text)) == ["中国制造 2025", "党建"]


def test_the_admin_saves_full_width_separated_tags_as_separate_tags(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:news_article_add"),
        article_form(
            make_section(), tags="营商环境，放管服、一网通办；数字政府", status=Status.DRAFT
        ),
    )
    assert response.status_code == 302
    names = sorted(Article.objects.get().tags.names())
    assert names == sorted(["营商环境", "放管服", "一网通办", "数字政府"])


def test_the_form_shows_each_tag_as_a_chip(client, editor):
    article = make_article(tags=["营商环境", "放管服"])
    client.force_login(editor)
    html = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert 'value="放管服，营商环境"' in html
    assert "<li>放管服</li><li>营商环境</li>" in html
