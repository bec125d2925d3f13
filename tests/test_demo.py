"""`make run` loads the page's content and the demo accounts, and can run again safely."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from news.models import Article, Byline, Contributor, Section, Zone

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Article, Byline, Contributor, Section, Zone, User)]


def test_it_loads_twice_without_duplicating(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert Article.objects.published().count() >= 2


def test_demo_accounts_can_sign_in_with_their_roles(settings, client):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert client.login(username="editor", password="demo-editor-2024")
    assert User.objects.get(username="editor").has_perm("news.publish_article")
    reporter = User.objects.get(username="reporter")
    assert reporter.is_staff and not reporter.has_perm("news.publish_article")


def test_it_refuses_demo_accounts_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", verbosity=0)
    assert not User.objects.filter(username="editor").exists()
