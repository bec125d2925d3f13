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
    """The lead photo's preview image (url, width, height, alt), else the site's default."""
    return metadata.article_image(article) or metadata.default_image()


@register.filter
def one_line(text) -> str:
    """Line breaks folded into spaces: a description is one line in a link preview."""
    return metadata.one_line(text)


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title, description, items=(), page_type="CollectionPage"):
    """Canonical link, Open Graph and CollectionPage JSON-LD for a list page."""
    request = context["request"]
    page = request.GET.get("page", "")
    # Page 2 and on are pages of their own; page 1 is the bare address.
    path = request.path + (f"?page={page}" if page.isdigit() and page != "1" else "")
    data = metadata.collection_json_ld(
        title=title, description=description, path=path, items=items, page_type=page_type
    )
    return {
        "SITE_NAME": context.get("SITE_NAME"),
        "canonical": metadata.absolute_url(path),
        "title": title,
        "description": metadata.one_line(description),
        "image": metadata.default_image(),
        "json_ld": metadata.json_ld_script(data),
    }
