"""What crawlers and link previews read about an article: its address and schema.org data."""

import json

from django.conf import settings
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
        "description": article.summary(),
        "inLanguage": "zh-CN",
        "datePublished": iso(article.publish_at),
        "dateModified": iso(article.modified_at),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {"@type": "Person", "name": byline.contributor.name}
            for byline in article.ordered_bylines()
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute_url("/"),
        },
    }
    if image := article_image(article):
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
            "caption": image["caption"],
            "creditText": image["credit"],
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
