from dataclasses import dataclass

from django import template
from django.conf import settings

from epaper.models import Edition, Page, Region
from news.metadata import absolute_url, iso, json_ld_script

register = template.Library()


@dataclass
class PrintedIn:
    page: Page
    paper: str


@register.simple_tag
def printed_in(article):
    """Where a published edition printed this story, in one query; None when none did."""
    region = (
        Region.objects.filter(article=article, edition__in=Edition.objects.published())
        .select_related("page__edition")
        .only("page__number", "page__edition__date")
        .order_by("-page__edition__date")
        .first()
    )
    return PrintedIn(page=region.page, paper=settings.SITE_NAME) if region else None


@register.simple_tag
def edition_json_ld(edition, pages):
    """schema.org PublicationIssue for the edition, each 版面 a part of it."""
    url = absolute_url(edition.get_absolute_url())
    return json_ld_script(
        {
            "@context": "https://schema.org",
            "@type": "PublicationIssue",
            "@id": url,
            "url": url,
            "name": f"《{settings.SITE_NAME}》{edition.date.year}年{edition.date.month}月"
            f"{edition.date.day}日",
            "issueNumber": str(edition.total_number),
            "datePublished": edition.date.isoformat(),
            "dateModified": iso(edition.updated_at),
            "inLanguage": "zh-CN",
            "isPartOf": {
                "@type": "Periodical",
                "name": settings.SITE_NAME,
                "url": absolute_url("/"),
            },
            "hasPart": [
                {
                    "@type": "WebPage",
                    "name": f"第{page.number}版 {page.name}",
                    "url": absolute_url(page.get_absolute_url()),
                }
                for page in pages
            ],
        }
    )
