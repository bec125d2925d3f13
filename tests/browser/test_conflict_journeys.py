"""Two people on one story or listing, in two browsers: the later save is refused, not lost.

A refused save answers 409, which Chromium logs as a failed load, so console errors are checked
only in the browser that was never refused.
"""

from playwright.sync_api import Page, expect

from ads.models import Listing, ListingStatus
from news.models import Article, Status
from tests.ads_helpers import make_advertiser, make_listing
from tests.browser.support import (
    DESKTOP,
    JOURNEY,
    assert_no_console_errors,
    sign_in,
)
from tests.conftest import make_article, make_user

pytestmark = JOURNEY


def open_story(page: Page, article) -> None:
    page.goto(f"/admin/news/article/{article.pk}/change/")
    expect(page.get_by_label("主题")).to_have_value(article.title)


def save(page: Page) -> None:
    page.get_by_role("button", name="保存", exact=True).click()


def test_two_editors_the_second_is_shown_the_first_ones_change(open_page):
    make_user("zhang", group="编辑", staff=True)
    make_user("li", group="编辑", staff=True)
    article = make_article("宝鸡高新区选派干部赴深圳学习", status=Status.REVIEW, subtitle="")
    first, second = open_page(DESKTOP), open_page(DESKTOP)
    sign_in(first, "zhang")
    sign_in(second, "li")
    open_story(first, article)
    open_story(second, article)

    first.get_by_label("副题").fill("首批15名干部已出发")
    save(first)
    expect(first.locator(".messagelist")).to_contain_text("成功")

    second.get_by_label("引题").fill("人才引进")
    save(second)
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    conflict = second.locator(".version-conflict")
    expect(conflict).to_contain_text("副题")
    expect(conflict.locator("td ins")).to_contain_text("首批15名干部已出发")
    expect(second.get_by_text("保存未成功").first).to_be_visible()
    expect(second.get_by_label("引题")).to_have_value("人才引进")  # nothing typed is lost

    # li merges: keeps her kicker, takes zhang's subtitle, and saves.
    second.get_by_label("副题").fill("首批15名干部已出发")
    save(second)
    expect(second.locator(".messagelist")).to_contain_text("成功")
    article.refresh_from_db()
    assert article.kicker == "人才引进" and article.subtitle == "首批15名干部已出发"

    second.goto(f"/admin/news/article/{article.pk}/versions/")
    second.get_by_role("button", name="比较所选的两个版本").click()
    expect(second.locator("tr.changed").first).to_be_visible()
    assert_no_console_errors(first)


def test_a_reporter_keeps_her_text_when_the_story_is_published_meanwhile(open_page):
    reporter = make_user("wang", group="记者", staff=True)
    make_user("zhang", group="编辑", staff=True)
    article = make_article("杨凌示范区花检作业展开", status=Status.REVIEW, created_by=reporter)
    desk, editor = open_page(DESKTOP), open_page(DESKTOP)
    sign_in(desk, "wang")
    sign_in(editor, "zhang")
    open_story(desk, article)
    desk.get_by_label("导语/摘要").fill("记者补写的导语：两万亩制种田进入花检期。")

    editor.goto("/admin/news/article/?state=review")
    row = editor.locator("#result_list tbody tr").filter(has_text=article.title)
    row.get_by_role("checkbox").check()
    editor.get_by_label("动作").select_option(label="发布（按设定的发布时间，未设则立即）")
    editor.get_by_role("button", name="执行").click()
    expect(editor.locator(".messagelist")).to_contain_text("已发布 1 篇稿件")

    save(desk)
    expect(desk.get_by_role("alert")).to_contain_text("保存未成功")
    expect(desk.get_by_role("alert")).to_contain_text("已发布")
    expect(desk.get_by_label("导语/摘要（你填写的）")).to_have_value(
        "记者补写的导语：两万亩制种田进入花检期。"
    )
    assert Article.objects.get(pk=article.pk).lead == ""


def test_an_editor_cannot_approve_words_changed_after_she_read_them(open_page):
    make_user("zhang", group="编辑", staff=True)
    advertiser = make_advertiser("惠州仲恺高新技术产业开发区管理委员会", member="zhongkai")
    listing = make_listing(advertiser, "仲恺高新区诚邀企业入驻", status=ListingStatus.REVIEW)
    review, desk = open_page(DESKTOP), open_page(DESKTOP)
    sign_in(review, "zhang")
    sign_in(desk, "zhongkai", path="/advertisers/login/")
    review.goto(f"/admin/ads/listing/{listing.pk}/review/")
    expect(review.get_by_text("仲恺高新区诚邀企业入驻").first).to_be_visible()

    desk.goto(f"/advertisers/listings/{listing.pk}/")
    desk.get_by_role("button", name="撤回审核").click()
    desk.get_by_role("link", name="修改", exact=True).click()
    desk.get_by_label("标题").fill("未经审核的新标题")
    save(desk)
    expect(desk.locator(".messages")).to_contain_text("已保存")
    desk.get_by_role("button", name="提交审核").click()
    expect(desk.locator(".messages")).to_contain_text("已提交审核")

    review.get_by_label("通过").check()
    review.get_by_role("button", name="提交审核结果").click()
    expect(review.get_by_role("alert")).to_contain_text("未作处理")
    expect(review.locator(".version-conflict td ins").first).to_contain_text("未经审核的")
    assert not Listing.objects.live().exists()
