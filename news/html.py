"""The one allowlist for article bodies: what the editor can make is all a reader can receive."""

import html as html_module
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "blockquote", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

# Editor extensions that produce exactly the tags above.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    # External links in articles must not pass the reader's session or referrer context.
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_body(html: str) -> str:
    """Return the body with every tag, attribute and URL scheme outside the allowlist removed."""
    cleaned = _cleaner.clean(html or "").strip()
    # The editor leaves one empty paragraph behind in an empty document.
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


# A tag of the cleaned body: the serializer always double-quotes attribute values.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s+[^\s=>/]+(?:="[^"]*")?)*\s*/?>')
_VOID = {"br"}


def split_blocks(html: str) -> list[str]:
    """Split a cleaned body into its top-level blocks (paragraphs, headings, lists, quotes)."""
    blocks, depth, start, covered = [], 0, 0, 0
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID:
            continue
        if not closing:
            if depth == 0:
                start = match.start()
                if html[covered:start].strip():
                    return [html] if html.strip() else []
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            blocks.append(html[start : match.end()])
            covered = match.end()
    # Loose text outside any block: keep the body whole rather than lose or misplace it.
    if depth != 0 or html[covered:].strip():
        return [html] if html.strip() else []
    return blocks


_HEADING = re.compile(r"<h[2-6][^>]*>.*?</h[2-6]>", re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(r"</(p|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")


def excerpt_text(html: str) -> str:
    """The body's paragraphs as plain text for excerpts: sub-headings left out, so a heading
    never runs into the sentence after it (…持续提升。一窗受理提效率近年来…)."""
    text = _ANY_TAG.sub("", _BLOCK_END.sub(" ", _HEADING.sub(" ", html or "")))
    return " ".join(html_module.unescape(text).split())
