"""A listing goes from the advertiser's form, through the editor's review, to a reader's click."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from ads.models import Advertiser, Member
from tests.browser.support import (
    DESKTOP,
    JOURNEY,
    PHONE,
    assert_accessible,
    assert_no_console_errors,
    check_reader_page,
    sign_in,
)
from tests.conftest import make_user

pytestmark = JOURNEY

HEADLINE = "仲恺高新区诚邀企业入驻"
SLOGAN = "政策优 服务好 发展快"
CONTACTS = [
    ("惠州仲恺高新区科技创新和投资促进局", "0752-3278997", "jfjtkc@hzzk.gov.cn"),
    ("惠州仲恺高新区企业服务中心", "0752-3278024", ""),
]


@pytest.fixture
def zhongkai(db):
    """The 惠州仲恺高新区 advertiser of the fixtures, with its member account `zhongkai`."""
    call_command("loaddata", "fixtures/ads.json", verbosity=0)
    # Impressions are counted in the cache, which outlives the database between tests.
    cache.clear()
    advertiser = Advertiser.objects.get(short_name="惠州仲恺高新区")
    Member.objects.create(advertiser=advertiser, user=make_user("zhongkai"))
    return advertiser


def check_advertiser_page(page: Page) -> None:
    page.wait_for_load_state("load")
    assert_no_console_errors(page)
    assert_accessible(page)


def fill_contact(page: Page, number: int, unit: str, phone: str, email: str) -> None:
    block = page.get_by_role("group", name=f"联系方式 {number}")
    block.get_by_label("单位").fill(unit)
    block.get_by_label("电话").fill(phone)
    block.get_by_label("邮箱").fill(email)


def create_listing(desk: Page, link: str) -> None:
    """Fill the form as the advertiser does: words, slot, days, then two contact blocks."""
    today = timezone.localdate()
    desk.get_by_role("link", name="新建广告").click()
    check_advertiser_page(desk)
    desk.get_by_label("标题").fill(HEADLINE)
    desk.get_by_label("广告语").fill(SLOGAN)
    desk.get_by_label("链接").fill(link)
    desk.get_by_label("广告位").select_option(label="首页侧栏")
    desk.get_by_label("开始日期").fill(today.isoformat())
    desk.get_by_label("结束日期").fill(today.replace(year=today.year + 1).isoformat())
    fill_contact(desk, 1, *CONTACTS[0])
    desk.get_by_role("button", name="添加联系方式").click()
    # The second block arrives with the cursor in it, and the first keeps what was typed.
    expect(desk.get_by_role("group", name="联系方式 2").get_by_label("单位")).to_be_focused()
    expect(desk.get_by_role("group", name="联系方式 1").get_by_label("单位")).to_have_value(
        CONTACTS[0][0]
    )
    check_advertiser_page(desk)
    fill_contact(desk, 2, *CONTACTS[1])
    desk.get_by_role("button", name="保存", exact=True).click()
    expect(desk.locator(".messages")).to_contain_text("已保存")


def test_it_takes_a_listing_from_advertiser_to_a_readers_click(
    zhongkai, editor, open_page, live_server
):
    link = f"{live_server.url}/zones/"
    desk = open_page(DESKTOP)
    desk.goto("/advertisers/login/")
    check_advertiser_page(desk)
    sign_in(desk, "zhongkai", path="/advertisers/login/")
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"{zhongkai.name}的广告")
    check_advertiser_page(desk)

    create_listing(desk, link)
    check_advertiser_page(desk)
    for unit, *_ in CONTACTS:
        expect(desk.locator(".ad-contact", has_text=unit)).to_be_visible()
    desk.get_by_role("button", name="提交审核").click()
    expect(desk.locator(".messages")).to_contain_text("已提交审核")

    reader = open_page(PHONE)
    reader.goto("/")
    expect(reader.locator(".ad")).to_have_count(1)  # the fixtures' banner, not ours
    expect(reader.get_by_text(HEADLINE)).to_have_count(0)
    reader.goto("/advertisers/directory/")
    expect(reader.get_by_text(HEADLINE)).to_have_count(0)

    review = open_page(DESKTOP)
    sign_in(review, editor.username)
    review.get_by_role("link", name="待审广告").click()
    review.locator("#result_list tr", has_text=HEADLINE).get_by_role("link", name="审核").click()
    review.get_by_label("通过").check()
    review.get_by_role("button", name="提交审核结果").click()
    expect(review.locator(".messagelist")).to_contain_text(f"已通过：{HEADLINE}")

    reader.goto("/")
    ad = reader.locator(".ad", has_text=HEADLINE)
    expect(ad.locator(".ad-label")).to_have_text("广告")
    check_reader_page(reader)
    with reader.expect_popup() as opened:
        ad.get_by_role("link", name=HEADLINE).click()
    landed = opened.value
    expect(landed).to_have_url(link)
    expect(landed.get_by_role("heading", level=1)).to_have_text("高新区")
    landed.close()

    ad.get_by_role("link", name="惠州仲恺高新区 · 详情").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(zhongkai.name)
    for unit, *_ in CONTACTS:
        expect(reader.locator(".ad-contact", has_text=unit)).to_be_visible()
    check_reader_page(reader)
    reader.locator(".breadcrumbs").get_by_role("link", name="广告主名录").click()
    entry = reader.locator(".directory li", has_text=HEADLINE)
    expect(entry.locator(".ad-label")).to_have_text("广告")
    check_reader_page(reader)

    desk.get_by_role("navigation", name="广告主").get_by_role("link", name="我的广告").click()
    desk.get_by_role("row", name=HEADLINE).get_by_role("link", name="点击").click()
    # One front-page view after approval, one click: the click went through the counter.
    expect(desk.get_by_text("累计展示 1 次，点击 1 次。")).to_be_visible()
    day = timezone.localdate()
    today = f"{day.year}年{day.month}月{day.day}日"
    expect(desk.get_by_role("row", name=today).get_by_role("cell")).to_have_text([today, "1", "1"])
    check_advertiser_page(desk)
