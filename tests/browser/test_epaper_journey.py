"""The 数字报 from the layout desk to a reader's phone: upload a page PDF, draw two regions,
publish; a reader opens 数字报 from the menu, picks the date, taps a story on the page."""

from playwright.sync_api import Page, expect

from tests.browser.support import DESKTOP, JOURNEY, PHONE, check_reader_page, sign_in
from tests.epaper_helpers import pdf_bytes

pytestmark = JOURNEY

FEATURE = "党建激发新业态新就业群体新动能"
BRIEF = "银川高新区: 获自治区效能目标管理考核优秀"


def draw_region(page: Page, box: tuple[float, float, float, float], title: str) -> None:
    """Drag a rectangle on the page image, then pick the story by typing part of its title."""
    image = page.locator("[data-region-editor] img")
    image.scroll_into_view_if_needed()
    bounds = image.bounding_box()
    x0, y0, x1, y1 = box
    page.mouse.move(bounds["x"] + bounds["width"] * x0, bounds["y"] + bounds["height"] * y0)
    page.mouse.down()
    page.mouse.move(
        bounds["x"] + bounds["width"] * x1, bounds["y"] + bounds["height"] * y1, steps=8
    )
    page.mouse.up()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(title[:4])
    page.locator(".select2-results__option", has_text=title).click()


def test_an_edition_goes_from_the_layout_desk_to_a_readers_phone(
    page_content, editor, open_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    desk = open_page(DESKTOP)
    sign_in(desk, editor.username)
    desk.goto("/admin/epaper/edition/add/")
    desk.get_by_label("出版日期").fill("2024-03-28")
    desk.locator("#id_number").fill("12")
    desk.locator("#id_total_number").fill("1286")
    desk.locator("#id_pages-0-number").fill("1")
    desk.locator("#id_pages-0-name").fill("党建在高新")
    desk.locator("#id_pages-0-position").fill("1")
    desk.locator("#id_pages-0-upload").set_input_files(
        {"name": "page1.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    desk.get_by_role("button", name="保存并继续编辑").click()
    expect(desk.locator(".messagelist")).to_be_visible()
    desk.get_by_role("link", name="划热区").click()

    draw_region(desk, (0.05, 0.15, 0.6, 0.8), FEATURE)
    draw_region(desk, (0.65, 0.15, 0.95, 0.6), BRIEF)
    expect(desk.locator(".ep-box")).to_have_count(2)
    desk.get_by_role("button", name="保存", exact=True).click()
    expect(desk.locator(".messagelist")).to_be_visible()

    desk.goto("/admin/epaper/edition/")
    desk.locator("#result_list tbody tr").first.get_by_role("checkbox").check()
    desk.get_by_label("动作").select_option(label="发布所选期次（按设定的发布时间，未设则立即）")
    desk.get_by_role("button", name="执行").click()
    expect(desk.locator(".messagelist")).to_contain_text("已发布 1 期")

    reader = open_page(PHONE)
    reader.goto("/")
    reader.get_by_text("导航菜单").click()
    reader.get_by_role("link", name="数字报").click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("2024年3月28日")
    check_reader_page(reader)
    reader.get_by_label("按日期查看").fill("2024-03-28")
    reader.get_by_role("button", name="查看").click()
    reader.locator(".ep-pages").get_by_role("link", name="第1版 党建在高新").click()
    expect(reader).to_have_url("/epaper/2024-03-28/1/")
    check_reader_page(reader)
    region = reader.locator(".ep-regions").get_by_role("link", name=BRIEF)
    region.focus()
    region.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(BRIEF)
    printed = reader.locator(".printed-in")
    expect(printed).to_have_text("刊于《高新区报》2024年3月28日 第1版")
    check_reader_page(reader)
