"""The body editor speaks Chinese: no English word in its toolbar, menus, tooltips or dialogs."""

import re

from playwright.sync_api import expect

from tests.browser.support import DESKTOP, JOURNEY, sign_in

pytestmark = JOURNEY

# Words a person reads; an icon button's text is the icon font's ligature (format_bold) and
# is drawn as a picture, so it is left out, as is the "HTML" acronym.
ENGLISH = re.compile(r"[A-Za-z]{2,}")


def english_in(locator) -> list[str]:
    """The English in what the editor's chrome shows or says: text, tooltips, accessible names."""
    found = locator.evaluate(
        """(root) => {
          const out = [];
          for (const el of root.querySelectorAll("*")) {
            if (el.closest('[contenteditable="true"]')) continue;
            for (const name of ["title", "aria-label", "placeholder"]) {
              const value = el.getAttribute(name);
              if (value) out.push(value);
            }
            if (el.classList.contains("material-icons")) continue;
            for (const node of el.childNodes) {
              const text = node.nodeType === Node.TEXT_NODE && node.nodeValue.trim();
              if (text) out.push(text);
            }
          }
          return out;
        }"""
    )
    return [text for text in found if ENGLISH.search(text.replace("HTML", ""))]


def test_the_body_editor_has_no_english_words(page, reporter):
    sign_in(page, reporter.username)
    page.set_viewport_size(DESKTOP)
    page.goto("/admin/news/article/add/")
    editor = page.locator(".prose-editor")
    expect(editor.locator(".prose-menubar")).to_be_visible()
    editor.locator("[contenteditable=true]").click()
    # Open the block-style menu, so its options are drawn too.
    editor.locator(".prose-menubar__selected").first.click()
    expect(editor.get_by_text("2 级标题")).to_be_visible()
    assert english_in(editor) == []
    # The menu's arrow is a character every Chinese font has, not an empty box.
    arrow = editor.locator(".prose-menubar__selected").first.evaluate(
        "(el) => getComputedStyle(el, '::after').content"
    )
    assert arrow == '"▾"'

    page.keyboard.press("Escape")

    editor.locator("[contenteditable=true]").click()
    page.keyboard.type("示范区官网")
    for _ in "示范区官网":
        page.keyboard.press("Shift+ArrowLeft")
    editor.locator("[data-name=link]").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_be_visible()
    assert english_in(dialog) == []
    expect(dialog.get_by_label("链接地址")).to_be_visible()
