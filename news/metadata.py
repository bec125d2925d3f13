"""What crawlers and link previews read about an article: its address and schema.org data."""

import json
import re

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The same escapes as Django's json_script: no "</script>" or "<!--" can close the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(path: str) -> str:
    # Media may already be absolute when it is served from object storage or a CDN.
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def article_image(article) -> dict | None:
    """The lead photo as link previews, feeds and schema.org describe it, or None."""
    photo = article.lead_photo
    rendition = photo.share_rendition() if photo else None
    if rendition is None:
        return None
    return {
        "url": absolute_url(rendition.file.url),
        "width": rendition.width,
        "height": rendition.height,
        "size": rendition.size,
        "caption": photo.caption,
        "credit": photo.credit,
        "alt": photo.alt_text,
    }


# The site's own share picture and logo, drawn for the site (static/img/), with their sizes.
DEFAULT_IMAGE = {"path": "img/share-default.png", "width": 1200, "height": 630}
LOGO = {"path": "img/logo.png", "width": 600, "height": 120}
# "图片来源:杨凌示范区" names 杨凌示范区 as the creator.
_CREDIT_PREFIX = re.compile(r"^\s*(图片来源|图片提供|来源)\s*[:：]\s*")


def one_line(text: str) -> str:
    """Text with its line breaks and runs of spaces folded into single spaces."""
    return " ".join(str(text).split())


def default_image() -> dict:
    """The site's share picture, for pages and stories without a photo of their own."""
    return {
        "url": absolute_url(static(DEFAULT_IMAGE["path"])),
        "width": DEFAULT_IMAGE["width"],
        "height": DEFAULT_IMAGE["height"],
        "alt": f"{settings.SITE_NAME}标志",
    }


def organization() -> dict:
    """The paper as schema.org's publisher, with its logo."""
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO["path"])),
            "width": LOGO["width"],
            "height": LOGO["height"],
        },
    }


def photo_creator(photo) -> dict | None:
    """Who made a photo: its photographer, else the organisation its credit names."""
    if photo is None:
        return None
    if photo.photographer_id:
        return {"@type": "Person", "name": photo.photographer.name}
    name = _CREDIT_PREFIX.sub("", photo.credit).strip()
    return {"@type": "Organization", "name": name} if name else None


def collection_json_ld(
    *, title: str, description: str, path: str, items, page_type: str = "CollectionPage"
) -> dict:
    """schema.org CollectionPage for a list page, its stories as an ItemList.

    A page that lists no stories (关于我们, 订阅) passes its own type, e.g. AboutPage or WebPage.
    """
    url = absolute_url(path)
    data = {
        "@context": "https://schema.org",
        "@type": page_type,
        "url": url,
        "name": title,
        "description": one_line(description),
        "inLanguage": "zh-CN",
        "publisher": organization(),
    }
    if page_type == "CollectionPage":
        data["mainEntity"] = {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "url": absolute_url(item.get_absolute_url()),
                    "name": item.title,
                }
                for n, item in enumerate(items, start=1)
            ],
        }
    return data


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def article_json_ld(article) -> dict:
    """schema.org NewsArticle from the article's structured fields (tags and bylines prefetched)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": one_line(article.summary()),
        "inLanguage": "zh-CN",
        "datePublished": iso(article.publish_at),
        "dateModified": iso(article.modified_at),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {"@type": "Person", "name": byline.contributor.name}
            for byline in article.ordered_bylines()
        ],
        "publisher": organization(),
    }
    # A photo story is its photo: without a byline, its photographer or credit is its author.
    if article.kind == "photo" and not data["author"]:
        creator = photo_creator(article.lead_photo)
        data["author"] = [creator] if creator else []
        if creator:
            data["creator"] = creator
    if image := article_image(article):
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
            "caption": image["caption"],
            "creditText": image["credit"],
        }
    else:
        default = default_image()
        data["image"] = {
            "@type": "ImageObject",
            "url": default["url"],
            "width": default["width"],
            "height": default["height"],
        }
    # The kicker reads as a lead-in ending in a dash (宝鸡高新区创新……举措——); drop the dash.
    alternative = article.kicker.rstrip("—－- ") or article.subtitle
    if alternative:
        data["alternativeHeadline"] = alternative
    return data


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element that no text in the data can break out of."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
