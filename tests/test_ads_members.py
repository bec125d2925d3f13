"""广告主 › 成员: editors attach new accounts or free non-staff ones, and set no one's password."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.ads_helpers import make_advertiser
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _post_member(client, advertiser, **member):
    data = {
        "name": advertiser.name,
        "short_name": advertiser.short_name,
        "is_active": "on",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-advertiser": str(advertiser.pk),
        "members-0-email": "",
        "members-0-password": "",
    }
    data.update({f"members-0-{key}": value for key, value in member.items()})
    return client.post(reverse("admin:ads_advertiser_change", args=[advertiser.pk]), data)


@pytest.fixture
def other_advertiser(db):
    return make_advertiser("宝鸡高新区管委会")


def test_it_opens_a_new_account_with_its_email(client, editor, other_advertiser):
    client.force_login(editor)
    response = _post_member(
        client,
        other_advertiser,
        username="dave",
        email="dave@bj.example.cn",
        password="baoji-dave-2025",
    )
    assert response.status_code == 302
    dave = User.objects.get(username="dave")
    assert dave.check_password("baoji-dave-2025")
    assert dave.email == "dave@bj.example.cn"
    assert not dave.is_staff


def test_it_never_sets_the_password_of_an_existing_account(client, editor, other_advertiser):
    bob = make_user("bob")  # not staff, not a member
    client.force_login(editor)
    response = _post_member(client, other_advertiser, username="bob", password="taken-over-2025")
    assert response.status_code == 200
    assert "已有账号的密码不能在这里设置" in response.content.decode()
    bob.refresh_from_db()
    assert bob.check_password("pw-for-tests")
    assert not other_advertiser.members.exists()


def test_it_attaches_a_free_account_without_touching_it(client, editor, other_advertiser):
    bob = make_user("bob")
    client.force_login(editor)
    assert _post_member(client, other_advertiser, username="bob").status_code == 302
    assert other_advertiser.members.get().user == bob
    bob.refresh_from_db()
    assert bob.check_password("pw-for-tests")


def test_it_refuses_another_advertisers_member(client, editor, advertiser, other_advertiser):
    client.force_login(editor)
    response = _post_member(client, other_advertiser, username="alice")
    assert "该账号已属于另一个广告主" in response.content.decode()
    assert not other_advertiser.members.exists()


def test_it_refuses_a_superuser(client, editor, other_advertiser):
    # A superuser whose staff flag was switched off still may not be taken over.
    User.objects.create_user("root", password="root-pw-2025", is_superuser=True)
    client.force_login(editor)
    response = _post_member(client, other_advertiser, username="root", password="")
    assert "采编人员账号" in response.content.decode()
    assert User.objects.get(username="root").check_password("root-pw-2025")
