"""Five wrong passwords lock an account out from that address, on both sign-ins."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttling")]


@pytest.fixture
def throttling():
    with override_settings(AXES_ENABLED=True):
        yield


def _sign_in(client, url, username, password, address="203.0.113.7"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


@pytest.mark.parametrize(
    ("url_name", "user_fixture"), [("admin:login", "editor"), ("ads:login", "advertiser")]
)
def test_the_sixth_try_is_refused_even_with_the_right_password(
    client, request, url_name, user_fixture
):
    request.getfixturevalue(user_fixture)
    username = "editor" if user_fixture == "editor" else "alice"
    url = reverse(url_name)
    for _ in range(4):
        response = _sign_in(client, url, username, "wrong-password")
        assert response.status_code == 200  # the form again, with its message
    assert _sign_in(client, url, username, "wrong-password").status_code == 429  # the 5th
    response = _sign_in(client, url, username, "pw-for-tests")
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂时锁定" in page
    assert "15 分钟内无法登录" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off(client, advertiser):
    url = reverse("ads:login")
    for _ in range(5):
        _sign_in(client, url, "alice", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = _sign_in(client, url, "alice", "pw-for-tests")
    assert response.status_code == 302
    assert response["Location"] == reverse("ads:dashboard")


def test_the_lock_is_for_that_account_from_that_address_only(client, advertiser):
    url = reverse("ads:login")
    for _ in range(5):
        _sign_in(client, url, "alice", "wrong-password", address="203.0.113.7")
    # alice at the office is not locked out by someone guessing elsewhere.
    assert _sign_in(client, url, "alice", "pw-for-tests", address="198.51.100.2").status_code == 302


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_nginx_it_keys_on_the_address_nginx_saw(client, advertiser):
    url = reverse("ads:login")
    for n in range(5):
        # A client cannot dodge the count by inventing X-Forwarded-For entries of its own.
        client.post(
            url,
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7",
        )
    response = client.post(
        url,
        {"username": "alice", "password": "pw-for-tests"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_editors_see_the_records_in_chinese_and_can_lift_a_lock(client, editor, advertiser):
    for _ in range(5):
        _sign_in(client, reverse("ads:login"), "alice", "wrong-password")
    client.force_login(editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert "登录保护" in index
    assert "登录失败记录" in index
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "alice" in listing.content.decode()
    attempt = AccessAttempt.objects.get()
    response = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_reporters_do_not_see_the_records(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
