from django import template

from news import metadata

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    """The path on the site's canonical address (SITE_URL)."""
    return metadata.absolute_url(path)


@register.filter
def iso(moment) -> str:
    """ISO 8601 in local time to the second, as Open Graph and schema.org expect."""
    return metadata.iso(moment)


@register.simple_tag
def article_json_ld(article):
    return metadata.json_ld_script(metadata.article_json_ld(article))


@register.filter
def share_image(article):
    """The lead photo's preview image (url, width, height, alt), or None."""
    return metadata.article_image(article)
