from django.conf import settings

from news.models import Section


def site(request):
    """Site name and the column menu, on every page."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": Section.objects.navigation(),
        "ICP_NUMBER": settings.ICP_NUMBER,
        "REPORT_CONTACT": settings.REPORT_CONTACT,
    }
