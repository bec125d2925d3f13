"""The listing form explains mistakes in Chinese and keeps what the advertiser typed."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ads.models import Listing, ListingStatus
from tests.ads_helpers import listing_post_data, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, advertiser):
    client.login(username="alice", password="pw-for-tests")
    return client


def _create(client, **overrides):
    return client.post(reverse("ads:listing_create"), listing_post_data(**overrides))


def test_it_creates_a_draft_with_its_contacts(alice_client, advertiser):
    response = _create(alice_client, headline="惠州仲恺高新区欢迎您")
    listing = Listing.objects.get(headline="惠州仲恺高新区欢迎您")
    assert response["Location"] == reverse("ads:listing", args=[listing.pk])
    assert listing.status == ListingStatus.DRAFT
    assert listing.contacts.get().email == "jfjtkc@hzzk.gov.cn"


def test_it_explains_a_malformed_email_and_keeps_the_input(alice_client):
    response = _create(alice_client, headline="保留的标题", **{"contacts-0-email": "jfjtkc@"})
    assert response.status_code == 400
    assert "请输入有效的邮箱地址" in response.text
    assert 'value="保留的标题"' in response.text
    assert 'value="jfjtkc@"' in response.text
    assert not Listing.objects.exists()


def test_it_explains_a_malformed_phone(alice_client):
    response = _create(alice_client, **{"contacts-0-phone": "电话号码"})
    assert response.status_code == 400
    assert "请输入有效的电话号码" in response.text
    assert 'value="电话号码"' in response.text


def test_it_explains_an_end_before_the_start(alice_client):
    response = _create(alice_client, first_day="2024-03-25", last_day="2024-03-24")
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.text
    assert 'value="2024-03-25"' in response.text


def test_it_explains_a_missing_contact(alice_client):
    response = _create(
        alice_client,
        **{
            "contacts-0-unit": "",
            "contacts-0-phone": "",
            "contacts-0-email": "",
            "contacts-0-address": "",
        },
    )
    assert response.status_code == 400
    assert "请至少填写一个联系方式" in response.text


def test_it_takes_any_number_of_contact_blocks(alice_client):
    data = listing_post_data(headline="三个联系方式", **{"contacts-TOTAL_FORMS": "3"})
    for n in (1, 2):
        data[f"contacts-{n}-unit"] = f"第{n}组"
        data[f"contacts-{n}-phone"] = f"0752-327800{n}"
    alice_client.post(reverse("ads:listing_create"), data)
    listing = Listing.objects.get(headline="三个联系方式")
    assert [c.unit for c in listing.contacts.all()] == ["招商和投资促进组", "第1组", "第2组"]


def test_it_refuses_a_file_that_is_not_an_image(alice_client):
    fake = SimpleUploadedFile("ad.png", b"not really a png", content_type="image/png")
    response = _create(alice_client, image=fake)
    assert response.status_code == 400
    assert "文件不是有效的图片" in response.text
    assert not Listing.objects.exists()


def test_it_refuses_an_image_format_other_than_jpeg_png_webp(alice_client):
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "GIF")
    gif = SimpleUploadedFile("ad.gif", buffer.getvalue(), content_type="image/gif")
    response = _create(alice_client, image=gif)
    assert response.status_code == 400
    assert "不支持 GIF 格式" in response.text


def test_it_accepts_a_real_png(alice_client):
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    image = SimpleUploadedFile("ad.png", buffer.getvalue(), content_type="image/png")
    _create(alice_client, headline="有图的广告", image=image)
    assert Listing.objects.get(headline="有图的广告").image.name.endswith(".png")


def test_it_submits_and_withdraws_a_draft(alice_client, advertiser):
    draft = make_listing(advertiser, status=ListingStatus.DRAFT)
    alice_client.post(reverse("ads:listing_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ListingStatus.REVIEW
    alice_client.post(reverse("ads:listing_withdraw", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ListingStatus.DRAFT


def test_it_pauses_and_resumes_a_live_listing(alice_client, advertiser):
    live = make_listing(advertiser)
    alice_client.post(reverse("ads:listing_pause", args=[live.pk]))
    assert not Listing.objects.live().filter(pk=live.pk).exists()
    alice_client.post(reverse("ads:listing_resume", args=[live.pk]))
    assert Listing.objects.live().filter(pk=live.pk).exists()


def test_it_explains_an_action_that_does_not_apply(alice_client, advertiser):
    draft = make_listing(advertiser, status=ListingStatus.DRAFT)
    response = alice_client.post(reverse("ads:listing_pause", args=[draft.pk]), follow=True)
    assert "只有已通过的广告可以暂停" in response.text


def test_it_adds_a_contact_block_without_saving_or_losing_anything(alice_client):
    response = _create(alice_client, headline="两个联系方式", add_contact="1")
    assert response.status_code == 200
    assert not Listing.objects.exists()
    assert "联系方式 2" in response.text
    assert 'value="两个联系方式"' in response.text
    assert 'value="jfjtkc@hzzk.gov.cn"' in response.text
    assert 'name="contacts-1-unit"' in response.text
    assert 'name="contacts-2-unit"' not in response.text


def test_it_asks_for_the_image_again_after_adding_a_block(alice_client):
    """A browser never refills a file input, so the advertiser is told rather than surprised."""
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    image = SimpleUploadedFile("ad.png", buffer.getvalue(), content_type="image/png")
    response = _create(alice_client, image=image, add_contact="1")
    assert "所选图片尚未上传，请在保存前重新选择" in response.text


def test_it_saves_when_enter_is_pressed_in_a_field(alice_client):
    """Enter submits with the form's first button, so 保存 must come before 添加联系方式."""
    page = alice_client.get(reverse("ads:listing_create")).text
    assert page.index(">保存</button>") < page.index(">添加联系方式</button>")


def test_it_offers_no_more_blocks_than_it_takes(alice_client):
    response = _create(alice_client, add_contact="1", **{"contacts-TOTAL_FORMS": "10"})
    assert 'name="contacts-9-unit"' in response.text
    assert 'name="contacts-10-unit"' not in response.text
    assert "添加联系方式</button>" not in response.text
