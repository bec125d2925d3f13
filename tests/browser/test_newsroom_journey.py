"""A story goes from the reporter's keyboard, through the editor's review, to a reader's screen."""

import io

from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.support import DESKTOP, JOURNEY, PHONE, check_reader_page, sign_in

pytestmark = JOURNEY

TITLE = "杨凌示范区油菜花检作业全面展开"
HEADING = "科技助力春耕"
BOLD = "两万亩制种田"
LINK_TEXT = "示范区官网"
LINK_URL = "https://www.ylagri.gov.cn/"
CAPTION = "图为示范区农技人员在制种田里查看油菜花。"
CREDIT = "图片来源:杨凌示范区"
ALT = "油菜花田里弯腰查看花穗的农技人员"


def upload_photo(page: Page) -> None:
    """Upload a photo with its caption, credit and alt text through the admin's photo form."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (236, 200, 40)).save(buffer, "JPEG")
    page.goto("/admin/news/photo/add/")
    page.locator("#id_image").set_input_files(
        {"name": "rapeseed.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}
    )
    page.get_by_label("图片说明").fill(CAPTION)
    page.get_by_label("图片来源").fill(CREDIT)
    page.get_by_label("替代文本").fill(ALT)
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()


def choose_lead_photo(page: Page) -> None:
    """Pick the photo in the lead-photo picker, which searches as you type."""
    page.locator(".field-lead_photo .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("示范区农技人员")
    page.locator(".select2-results__option", has_text="示范区农技人员").click()


def write_body(page: Page) -> None:
    """Type the body as a reporter does: the toolbar for the heading and link, Ctrl+B for bold."""
    editor = page.locator(".prose-editor")
    editor.locator("[contenteditable=true]").click()
    editor.locator(".prose-menubar__selected").click()
    editor.locator("[data-name=heading2]").click()
    page.keyboard.type(HEADING)
    page.keyboard.press("Enter")
    page.keyboard.type("今年示范区")
    page.keyboard.press("Control+b")
    page.keyboard.type(BOLD)
    page.keyboard.press("Control+b")
    page.keyboard.type("进入花检期，详见")
    page.keyboard.type(LINK_TEXT)
    for _ in LINK_TEXT:
        page.keyboard.press("Shift+ArrowLeft")
    editor.locator("[data-name=link]").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.get_by_label("链接地址").fill(LINK_URL)
    dialog.locator("[type=submit]").click()
    expect(dialog).to_be_hidden()
    page.keyboard.press("End")
    page.keyboard.type("。")


def test_it_takes_a_story_from_reporter_to_reader(page_content, reporter, editor, open_page):
    desk = open_page(DESKTOP)
    sign_in(desk, reporter.username)
    upload_photo(desk)
    desk.goto("/admin/")
    desk.locator("tr.model-article").get_by_role("link", name="增加").click()
    desk.get_by_label("栏目").select_option(label="党建在高新")
    desk.get_by_label("主题").fill(TITLE)
    write_body(desk)
    choose_lead_photo(desk)
    desk.get_by_label("状态").select_option(label="待审")
    desk.get_by_role("button", name="保存", exact=True).click()
    expect(desk.locator(".messagelist")).to_contain_text(TITLE)

    review = open_page(DESKTOP)
    sign_in(review, editor.username)
    review.locator("tr.model-article").get_by_role("link", name="稿件").click()
    review.locator("#changelist-filter").get_by_role("link", name="待审").click()
    row = review.locator("#result_list tbody tr").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    row.get_by_role("checkbox").check()
    review.get_by_label("动作").select_option(label="发布（按设定的发布时间，未设则立即）")
    review.get_by_role("button", name="执行").click()
    expect(review.locator(".messagelist")).to_contain_text("已发布 1 篇稿件")

    reader = open_page(PHONE)
    reader.goto("/")
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()
    check_reader_page(reader)
    reader.locator(".column-title").get_by_role("link", name="党建在高新").click()
    check_reader_page(reader)
    # The column's own list, not the 最新 list beside it.
    reader.locator(".main-col").get_by_role("link", name=TITLE).click()

    body = reader.locator(".story-body")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(body.get_by_role("heading", level=2)).to_have_text(HEADING)
    expect(body.locator("strong", has_text=BOLD)).to_be_visible()
    expect(body.get_by_role("link", name=LINK_TEXT)).to_have_attribute("href", LINK_URL)
    figure = reader.locator("figure.photo").first
    expect(figure.get_by_role("img", name=ALT)).to_be_visible()
    caption = figure.locator("figcaption")
    expect(caption).to_contain_text(CAPTION)
    expect(caption.locator(".photo-credit")).to_have_text(CREDIT)
    check_reader_page(reader)
