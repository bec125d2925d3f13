"""Article addresses survive a change of title and need no ASCII in the title."""

import pytest

from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_the_permalink_survives_a_title_change(client):
    article = make_article("党建激发新业态新就业群体新动能")
    url = article.get_absolute_url()
    article.title = "改过的标题：全中文也没有问题"
    article.save()
    assert article.get_absolute_url() == url
    response = client.get(url)
    assert response.status_code == 200
    assert "改过的标题：全中文也没有问题" in response.content.decode()


def test_an_all_chinese_title_gets_a_working_address(client):
    article = make_article("银川高新区获评优秀")
    assert article.get_absolute_url() == f"/article/{article.pk}/"
    assert client.get(article.get_absolute_url()).status_code == 200
