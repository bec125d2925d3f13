"""The newspaper page's advertisement, as the demo loads it and readers see it."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from ads.models import Listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_it_loads_the_page_advertisement_verbatim(demo):
    listing = Listing.objects.live().get(headline="惠州仲恺高新区欢迎您")
    assert listing.advertiser.name == "惠州仲恺高新技术产业开发区管理委员会"
    assert listing.advertiser.short_name == "惠州仲恺高新区"
    assert listing.slogan_list() == [
        "鼓足干劲 奋勇向前",
        "以实干实绩再创全面建设国家一流高新区新局",
    ]
    contacts = [(c.unit, c.phone, c.email, c.address) for c in listing.contacts.all()]
    assert contacts == [
        (
            "惠州仲恺高新技术产业开发区管理委员会",
            "0752-3278024",
            "",
            "惠州仲恺高新区仲恺大道666号科创创业大厦10楼",
        ),
        (
            "惠州仲恺高新区科技创新和投资促进局 招商和投资促进组",
            "0752-3278997",
            "jfjtkc@hzzk.gov.cn",
            "广东省惠州市仲恺高新区投资控股大厦13楼",
        ),
    ]


def test_it_shows_the_page_advertisement_on_the_front_page(demo, client):
    html = client.get(reverse("home")).text
    assert "惠州仲恺高新区欢迎您" in html
    assert "以实干实绩再创全面建设国家一流高新区新局" in html
    assert "jfjtkc@hzzk.gov.cn" in html


def test_it_signs_the_demo_advertiser_in(demo, client):
    call_command("load_demo", stdout=StringIO())  # twice: nothing is duplicated
    assert User.objects.filter(username="zhongkai").count() == 1
    user = User.objects.get(username="zhongkai")
    assert not user.is_staff
    response = client.post(
        reverse("ads:login"), {"username": "zhongkai", "password": "demo-advertiser-2024"}
    )
    assert response["Location"] == reverse("ads:dashboard")
    assert "惠州仲恺高新区欢迎您" in client.get(reverse("ads:dashboard")).text
