"""Readers find the advertisers and advertisers find their sign-in, and every advertiser page
works on a phone: no sideways scroll, no serious axe finding, in every error state."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Page, expect

from ads.models import Advertiser, Member
from tests.browser.support import (
    DESKTOP,
    JOURNEY,
    PHONE,
    assert_accessible,
    assert_fits_width,
    assert_no_console_errors,
    check_reader_page,
    forget_console_errors,
    sign_in,
)
from tests.conftest import make_article, make_user

pytestmark = JOURNEY


@pytest.fixture
def zhongkai(page_content):
    """The newspaper page and 惠州仲恺高新区's listing, with its member account `zhongkai`."""
    call_command("loaddata", "fixtures/ads.json", verbosity=0)
    cache.clear()
    advertiser = Advertiser.objects.get(short_name="惠州仲恺高新区")
    Member.objects.create(advertiser=advertiser, user=make_user("zhongkai"))
    return advertiser


def check_phone_page(page: Page, *, rejected: bool = False) -> None:
    """What every advertiser page must be on a phone, as readers' pages are.

    A rejected form answers 400 by design, which the browser logs as a console error.
    """
    page.wait_for_load_state("load")
    if rejected:
        forget_console_errors(page)
    assert_no_console_errors(page)
    assert_accessible(page)
    assert_fits_width(page)


def test_a_reader_reaches_an_advertisers_listing_from_the_front_page(zhongkai, phone):
    phone.goto("/")
    phone.locator(".site-footer").get_by_role("link", name="广告合作").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("广告合作")
    check_reader_page(phone)
    phone.get_by_role("link", name="广告主名录").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("广告主名录")
    check_reader_page(phone)
    phone.get_by_role("link", name="惠州仲恺高新区欢迎您").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(zhongkai.name)
    check_reader_page(phone)


def test_an_advertiser_signs_in_from_the_front_page(zhongkai, phone):
    phone.goto("/")
    phone.locator(".site-footer").get_by_role("link", name="广告主登录").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("广告主登录")
    check_phone_page(phone)
    phone.get_by_label("用户名").fill("zhongkai")
    phone.get_by_label("密码").fill("pw-for-tests")
    phone.get_by_role("button", name="登录").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"{zhongkai.name}的广告")
    check_phone_page(phone)


def test_every_advertiser_page_fits_a_phone_in_every_state(zhongkai, phone):
    phone.goto("/advertisers/login/")
    phone.get_by_role("button", name="登录").click()  # empty: both fields in error
    expect(phone.locator(".has-error").first).to_be_visible()
    check_phone_page(phone, rejected=True)
    sign_in(phone, "zhongkai", path="/advertisers/login/")
    check_phone_page(phone)  # the dashboard, its table stacked into cards

    phone.get_by_role("link", name="新建广告").click()
    check_phone_page(phone)
    # Only the first contact block is required; the spare one says it may be left empty.
    expect(phone.get_by_role("group", name="联系方式 1")).not_to_contain_text("选填")
    phone.get_by_role("button", name="保存", exact=True).click()
    expect(phone.locator(".has-error").first).to_be_visible()
    check_phone_page(phone, rejected=True)

    phone.get_by_label("标题").fill("仲恺高新区招商推介")
    phone.get_by_label("开始日期").fill("2099-01-02")
    phone.get_by_label("结束日期").fill("2099-01-01")
    block = phone.get_by_role("group", name="联系方式 1")
    block.get_by_label("单位").fill("招商组")
    block.get_by_label("邮箱").fill("不是邮箱")
    phone.get_by_role("button", name="保存", exact=True).click()
    expect(phone.get_by_text("结束日期不能早于开始日期。")).to_be_visible()
    check_phone_page(phone, rejected=True)
    phone.get_by_label("结束日期").fill("2099-01-31")
    phone.get_by_role("group", name="联系方式 1").get_by_label("邮箱").fill("zs@hzzk.gov.cn")
    phone.get_by_role("button", name="保存", exact=True).click()
    expect(phone.locator(".messages")).to_contain_text("已保存")
    check_phone_page(phone)  # the listing's own page

    phone.get_by_role("link", name="修改", exact=True).click()
    phone.get_by_label("标题").fill("")
    phone.get_by_role("button", name="保存", exact=True).click()
    expect(phone.get_by_text("请填写广告标题。")).to_be_visible()
    check_phone_page(phone, rejected=True)  # edit, with errors

    phone.get_by_role("navigation", name="广告主").get_by_role("link", name="我的广告").click()
    phone.get_by_role("link", name="展示").first.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("展示与点击")
    check_phone_page(phone)

    phone.get_by_role("link", name="修改密码").click()
    check_phone_page(phone)
    phone.get_by_role("button", name="保存新密码").click()
    expect(phone.locator(".has-error").first).to_be_visible()
    check_phone_page(phone, rejected=True)


def test_popular_and_latest_sit_beside_a_story_on_a_wide_screen_and_below_on_a_phone(
    page_content, open_page
):
    story = make_article("宽屏上的稿件")
    for viewport, beside in ((DESKTOP, True), (PHONE, False)):
        page = open_page(viewport)
        page.goto(story.get_absolute_url())
        check_reader_page(page)
        body = page.locator(".story").bounding_box()
        aside = page.locator(".sidebar").bounding_box()
        if beside:
            assert aside["x"] >= body["x"] + body["width"], (body, aside)
        else:
            assert aside["y"] >= body["y"] + body["height"], (body, aside)


def test_the_font_size_buttons_enlarge_the_story_and_are_remembered(page_content, page):
    story = make_article("字号测试稿件", body="<p>正文。</p>")
    page.goto(story.get_absolute_url())
    text = page.locator(".story-body")
    before = float(text.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    page.get_by_role("group", name="字号").get_by_role("button", name="大", exact=True).click()
    after = float(text.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert after > before
    page.reload()
    expect(page.get_by_role("button", name="大", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    check_reader_page(page)


def test_the_phone_header_is_compact_and_the_search_page_has_one_box(page_content, phone):
    phone.goto("/")
    # Name and menu toggle on one row, the search box on the next: about 100 px, not 165.
    assert phone.locator(".site-header").bounding_box()["height"] <= 110
    phone.locator("details.site-menu summary").click()
    expect(phone.locator("details.site-menu").get_by_role("link", name="图片新闻")).to_be_visible()
    check_reader_page(phone)
    phone.goto("/search/?q=党建")
    expect(phone.get_by_role("searchbox")).to_have_count(1)
    check_reader_page(phone)
