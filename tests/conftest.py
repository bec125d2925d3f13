"""Personas and small data helpers shared by the whole suite."""

from datetime import timedelta
from itertools import count

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news.models import Article, Byline, Contributor, Section, Status, Zone

_seq = count(1)


def make_user(username: str, *, group: str | None = None, staff: bool = False) -> User:
    user = User.objects.create_user(username=username, password="pw-for-tests", is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_section(name: str = "党建在高新", slug: str = "dangjian") -> Section:
    return Section.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_zone(name: str = "宝鸡高新区", slug: str = "baoji") -> Zone:
    return Zone.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_article(
    title: str | None = None,
    *,
    section: Section | None = None,
    status: str = Status.PUBLISHED,
    publish_at=None,
    author: str | None = "杨建平",
    zones=(),
    tags=(),
    **fields,
) -> Article:
    """A published, due article unless told otherwise."""
    n = next(_seq)
    if status == Status.PUBLISHED and publish_at is None:
        publish_at = timezone.now() - timedelta(hours=n)
    article = Article.objects.create(
        title=title or f"测试稿件{n}",
        section=section or make_section(),
        status=status,
        publish_at=publish_at,
        body=fields.pop("body", f"<p>正文{n}</p>"),
        **fields,
    )
    if author:
        contributor, _ = Contributor.objects.get_or_create(name=author)
        Byline.objects.create(article=article, contributor=contributor)
    if zones:
        article.zones.set(zones)
    if tags:
        article.tags.add(*tags)
    return article


@pytest.fixture
def editor(db):
    return make_user("editor", group="编辑", staff=True)


@pytest.fixture
def reporter(db):
    return make_user("reporter", group="记者", staff=True)


@pytest.fixture
def other_reporter(db):
    return make_user("other_reporter", group="记者", staff=True)


@pytest.fixture
def page_content(db):
    """The newspaper page's content, as `make run` loads it."""
    from django.core.management import call_command

    call_command("loaddata", "fixtures/newspaper_page.json", verbosity=0)


@pytest.fixture
def advertiser(db):
    """alice, a member of 惠州仲恺高新区's advertiser account."""
    from tests.ads_helpers import make_advertiser

    return make_advertiser("惠州仲恺高新技术产业开发区管理委员会", member="alice")


@pytest.fixture
def other_advertiser(db):
    """bob, a member of another advertiser."""
    from tests.ads_helpers import make_advertiser

    return make_advertiser("宝鸡高新技术产业开发区管理委员会", member="bob")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no page, counter or slot kept from another test."""
    from django.core.cache import cache

    cache.clear()
