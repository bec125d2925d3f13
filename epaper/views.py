"""Reader pages of the 数字报; files of an edition are served only while it is published."""

from datetime import date

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from epaper.models import Edition, Page, live_regions_prefetch

PREVIEW_PERMISSION = "epaper.view_edition"


def _editions_for(request):
    """Readers see published editions; staff who may view editions also preview drafts."""
    if request.user.is_staff and request.user.has_perm(PREVIEW_PERMISSION):
        return Edition.objects.all()
    return Edition.objects.published()


@require_GET
def latest(request):
    edition = Edition.objects.published().only("date").order_by("-date").first()
    if edition is None:
        return render(request, "epaper/empty.html", status=404)
    return redirect(edition)


@require_GET
def edition_list(request):
    editions = Edition.objects.published().order_by("-date")
    page = Paginator(editions, 60).get_page(request.GET.get("page"))
    return render(request, "epaper/edition_list.html", {"page": page})


@require_GET
def go_to_date(request):
    """The date picker's target: that day's edition, or the nearest ones when there is none."""
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return render(
            request, "epaper/no_edition.html", {"error": "请选择一个有效的日期。"}, status=400
        )
    published = Edition.objects.published()
    edition = published.filter(date=day).only("date").first()
    if edition:
        return redirect(edition)
    context = {
        "day": day,
        "before": published.filter(date__lt=day).order_by("-date").first(),
        "after": published.filter(date__gt=day).order_by("date").first(),
    }
    return render(request, "epaper/no_edition.html", context, status=404)


@require_GET
def page_detail(request, date, number=None):
    edition = get_object_or_404(_editions_for(request), date=date)
    pages = list(
        Page.objects.filter(edition=edition)
        .order_by("position", "number")
        .prefetch_related(live_regions_prefetch(edition.pk))
    )
    for page in pages:
        page.edition = edition
    if not pages:
        raise Http404("本期没有版面。")
    if number is None:
        current = pages[0]
    else:
        current = next((p for p in pages if p.number == number), None)
        if current is None:
            raise Http404("本期没有这一版。")
    index = pages.index(current)
    published = Edition.objects.published().only("date")
    context = {
        "edition": edition,
        "pages": pages,
        "page": current,
        "previous_page": pages[index - 1] if index else None,
        "next_page": pages[index + 1] if index + 1 < len(pages) else None,
        "previous_edition": published.filter(date__lt=edition.date).order_by("-date").first(),
        "next_edition": published.filter(date__gt=edition.date).order_by("date").first(),
        "preview": not edition.is_live,
        "is_first_page": index == 0,
    }
    response = render(request, "epaper/page_detail.html", context)
    if context["preview"]:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _page_for(request, date, number) -> Page:
    return get_object_or_404(
        Page.objects.select_related("edition").filter(edition__in=_editions_for(request)),
        edition__date=date,
        number=number,
    )


def _file_response(request, page, name, content_type, **kwargs):
    if not name or not default_storage.exists(name):
        raise Http404("文件不存在。")
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type, **kwargs)
    if page.edition.is_live:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def page_pdf(request, date, number):
    page = _page_for(request, date, number)
    filename = f"高新区报-{page.edition.date:%Y%m%d}-第{page.number:02d}版.pdf"
    return _file_response(
        request, page, page.pdf.name, "application/pdf", as_attachment=True, filename=filename
    )


@require_GET
def page_image(request, date, number, width):
    page = _page_for(request, date, number)
    return _file_response(request, page, page.rendition_name(width), "image/jpeg")
