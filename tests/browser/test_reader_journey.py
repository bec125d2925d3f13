"""A reader on a phone finds their way around the site by clicking only."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.support import JOURNEY, assert_accessible, check_reader_page
from tests.conftest import make_article, make_section

pytestmark = JOURNEY

LEAD_TITLE = "党建激发新业态新就业群体新动能"


@pytest.fixture
def paper(page_content):
    """The newspaper page, pushed to a column's second page by a full page of newer stories."""
    column = make_section()
    for n in range(20):
        make_article(f"高新区党建工作动态第{n + 1}期", section=column)


def test_it_reaches_every_kind_of_page_by_clicking_on_a_phone(paper, phone, live_server):
    phone.goto("/")
    check_reader_page(phone)

    # The menu is folded away on a phone until the reader opens it.
    menu = phone.locator("details.site-menu")
    column_link = menu.get_by_role("link", name="党建在高新")
    expect(column_link).to_be_hidden()
    menu.locator("summary").click()
    expect(column_link).to_be_visible()
    column_link.click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("党建在高新")
    check_reader_page(phone)

    phone.get_by_role("link", name="下一页").click()
    expect(phone).to_have_url(re.compile(r"\?page=2$"))
    expect(phone.locator(".pagination")).to_contain_text("第 2 页")
    check_reader_page(phone)

    # The column's own list, not the 最新 and 热门 lists below it.
    phone.locator(".main-col").get_by_role("link", name=LEAD_TITLE).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(LEAD_TITLE)
    check_reader_page(phone)

    phone.get_by_role("link", name="新业态", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("标签：新业态")
    check_reader_page(phone)

    phone.locator(".main-col").get_by_role("link", name=LEAD_TITLE).click()
    phone.locator(".zones-line").get_by_role("link", name="宝鸡高新区").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("宝鸡高新区")
    expect(phone.locator(".main-col").get_by_role("link", name=LEAD_TITLE)).to_be_visible()
    check_reader_page(phone)

    phone.locator(".breadcrumbs").get_by_role("link", name="高新区", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("高新区")
    check_reader_page(phone)

    phone.get_by_role("link", name=settings.SITE_NAME, exact=True).click()
    expect(phone).to_have_url(f"{live_server.url}/")
    expect(phone.get_by_role("link", name=LEAD_TITLE)).to_be_visible()
    # Again, for anything the first visit logged after it was checked (a late icon, a script).
    check_reader_page(phone)


def test_it_shows_the_menu_without_a_click_on_a_wide_screen(paper, page):
    page.goto("/")

    expect(page.locator("details.site-menu summary")).to_be_hidden()
    expect(page.locator("details.site-menu").get_by_role("link", name="党建在高新")).to_be_visible()
    check_reader_page(page)


def test_it_finds_a_story_with_the_search_box_on_a_phone(paper, phone):
    phone.goto("/")
    phone.get_by_role("searchbox", name="搜索本站新闻").fill("效能")
    phone.get_by_role("searchbox", name="搜索本站新闻").press("Enter")
    results = phone.locator("main")
    expect(
        results.get_by_role("link", name="银川高新区: 获自治区效能目标管理考核优秀")
    ).to_be_visible()
    expect(results.locator("mark", has_text="效能").first).to_be_visible()
    check_reader_page(phone)

    # On the results page the page's own form is the only search box.
    expect(phone.get_by_role("searchbox")).to_have_count(1)
    phone.get_by_role("searchbox", name="搜索词").fill("。")
    phone.get_by_role("searchbox", name="搜索词").press("Enter")
    expect(results).to_contain_text("搜索词里没有汉字、字母或数字")


def test_the_photo_page_and_the_404_page_are_fit_for_readers(paper, phone):
    phone.goto("/")
    phone.locator("details.site-menu summary").click()
    phone.locator("details.site-menu").get_by_role("link", name="图片新闻").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("图片新闻")
    check_reader_page(phone)

    response = phone.goto("/article/999999/")
    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("页面不存在")
    # The 404 itself is a console error by design, so only axe is asked here.
    assert_accessible(phone)
