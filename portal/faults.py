"""What readers get when the database is gone: a Chinese 503 page that says to come back soon."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger("portal.faults")

# Seconds a browser or crawler is asked to wait before trying again.
RETRY_AFTER = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable(request) -> HttpResponse:
    """The 503 page; renders without the database (no context processors, no session)."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503, so readers and crawlers retry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable(request)
        return None


def server_error(request, template_name="500.html"):
    """handler500: a database error raised outside a view (a middleware) is still a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)
