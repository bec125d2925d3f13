"""A forgotten password is reset by e-mail, for advertisers and for staff."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_an_advertiser_resets_a_forgotten_password(client, advertiser):
    User.objects.filter(username="alice").update(email="alice@hzzk.example.cn")
    login = client.get(reverse("ads:login")).content.decode()
    assert reverse("ads:password_reset") in login

    response = client.post(reverse("ads:password_reset"), {"email": "alice@hzzk.example.cn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("ads:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@hzzk.example.cn"]
    assert "重设密码" in message.subject
    assert "广告主页面" in message.body

    form_url = client.get(_link(message), follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "zhongkai-new-2025", "new_password2": "zhongkai-new-2025"}
    )
    assert response["Location"] == reverse("ads:password_reset_complete")
    assert User.objects.get(username="alice").check_password("zhongkai-new-2025")
    # The link works once.
    again = client.get(_link(message), follow=True)
    assert "这个重设链接已失效" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, advertiser):
    response = client.post(reverse("ads:password_reset"), {"email": "nobody@example.cn"})
    assert response["Location"] == reverse("ads:password_reset_done")
    assert mail.outbox == []


def test_staff_reset_a_forgotten_password_from_the_admin_sign_in(client, editor):
    User.objects.filter(username="editor").update(email="editor@news.example.cn")
    login = client.get(reverse("admin:login")).content.decode()
    assert reverse("admin_password_reset") in login

    client.post(reverse("admin_password_reset"), {"email": "editor@news.example.cn"})
    assert len(mail.outbox) == 1
    assert "采编后台" in mail.outbox[0].body
    form_url = client.get(_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "editor-new-2025!", "new_password2": "editor-new-2025!"}
    )
    assert response.status_code == 302
    assert User.objects.get(username="editor").check_password("editor-new-2025!")
