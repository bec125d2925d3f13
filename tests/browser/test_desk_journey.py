"""A day at the desk: sent back with a reason, fixed, published, corrected, then withdrawn."""

from playwright.sync_api import Page, expect

from tests.browser.support import DESKTOP, JOURNEY, PHONE, check_reader_page, sign_in

pytestmark = JOURNEY

TITLE = "宝鸡高新区新增市场主体3200家"
FIXED = "宝鸡高新区新增市场主体2300家"
REASON = "数字请核实：3200家还是2300家？"
CORRECTION = "本文此前将“2300家”误作“3200家”，现已更正。"
WITHDRAWAL = "统计口径待主管部门确认"


def open_story(page: Page, title: str) -> None:
    page.goto("/admin/news/article/")
    page.locator("#result_list").get_by_role("link", name=title).click()


def test_a_story_goes_back_forth_out_and_is_withdrawn(page_content, reporter, editor, open_page):
    desk = open_page(DESKTOP)
    sign_in(desk, reporter.username)
    desk.goto("/admin/news/article/add/")
    desk.get_by_label("栏目").select_option(label="党建在高新")
    desk.get_by_label("主题").fill(TITLE)
    desk.locator(".prose-editor [contenteditable=true]").click()
    desk.keyboard.type("今年以来，宝鸡高新区新增市场主体3200家。")
    desk.get_by_label("状态").select_option(label="待审")
    desk.get_by_role("button", name="保存", exact=True).click()
    expect(desk.locator(".messagelist")).to_contain_text(TITLE)

    # The editor sends it back with a reason.
    review = open_page(DESKTOP)
    sign_in(review, editor.username)
    expect(review.locator("#desk-overview")).to_contain_text("待审稿件：1 篇")
    review.locator("#desk-overview").get_by_role("link", name=TITLE).click()
    review.get_by_role("link", name="退回修改").click()
    review.get_by_role("button", name="退回给记者").click()
    expect(review.locator(".errorlist")).to_contain_text("退回时请写明原因")
    review.get_by_label("退回原因").fill(REASON)
    review.get_by_role("button", name="退回给记者").click()
    expect(review.locator(".messagelist")).to_contain_text("已退回修改")

    # The reporter sees why on her home page, in her list and on the story; fixes and resubmits.
    desk.goto("/admin/")
    expect(desk.locator("#newsroom-notices")).to_contain_text(REASON)
    desk.goto("/admin/news/article/")
    expect(desk.locator("#result_list")).to_contain_text("退回修改：数字请核实")
    open_story(desk, TITLE)
    expect(desk.locator(".errornote")).to_contain_text(REASON)
    desk.get_by_label("主题").fill(FIXED)
    desk.get_by_label("状态").select_option(label="待审")
    desk.get_by_role("button", name="保存", exact=True).click()
    expect(desk.locator(".messagelist")).to_contain_text(FIXED)

    # The editor publishes it now, then adds a correction.
    open_story(review, FIXED)
    review.get_by_role("link", name="立即发布").click()
    review.get_by_role("button", name="立即发布").click()
    expect(review.locator(".messagelist")).to_contain_text("已发布")
    review.get_by_role("link", name="添加更正/说明…").click()
    review.get_by_label("内容").fill(CORRECTION)
    review.get_by_role("button", name="添加").click()
    expect(review.locator(".messagelist")).to_contain_text("已添加更正/说明")
    story_url = review.locator(".viewsitelink").get_attribute("href")

    # A reader on a phone sees the correction under the story.
    reader = open_page(PHONE)
    reader.goto(story_url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(FIXED)
    expect(reader.locator(".corrections")).to_contain_text(CORRECTION)
    expect(reader.locator(".corrections")).to_contain_text("更正")
    check_reader_page(reader)

    # The editor withdraws it; the reader's next visit meets 410 and the notice.
    review.get_by_role("link", name="撤稿…").click()
    review.get_by_label("撤稿原因").fill(WITHDRAWAL)
    review.get_by_label("在撤稿说明中向读者显示这条原因").check()
    review.get_by_role("button", name="确认撤稿").click()
    expect(review.locator(".messagelist")).to_contain_text("已撤稿")
    response = reader.goto(story_url)
    assert response.status == 410
    expect(reader.get_by_role("heading", level=1)).to_have_text("本文已撤稿")
    expect(reader.locator(".withdrawn-notice")).to_contain_text(f"《{FIXED}》")
    expect(reader.locator(".withdrawn-notice")).to_contain_text(f"撤稿原因：{WITHDRAWAL}")
