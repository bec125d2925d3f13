from django import template

from news import popularity

register = template.Library()


@register.inclusion_tag("news/includes/sidebar.html")
def reader_sidebar():
    """最新 and 热门 beside a story or a list: two short queries, whatever the page."""
    return {"latest": popularity.latest(), "popular": popularity.popular()}
