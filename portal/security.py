"""Headers Django's SecurityMiddleware does not send (Permissions-Policy, the admin's CSP),
and the request body limit."""

import base64
import hashlib
import re
from functools import cache

from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


@cache
def _editor_importmap_hash() -> str:
    """The body editor's one inline script is its import map; allow exactly that text."""
    from django_prose_editor.widgets import importmap

    text = re.search(r">(.*)</script>", str(importmap), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith("/admin/"):
            # The admin's templates and widgets set inline styles, and the body editor has an
            # import map; readers' pages have neither. Runs before django-csp writes its header.
            response._csp_update = {
                "style-src": [UNSAFE_INLINE],
                "script-src": [_editor_importmap_hash()],
            }
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than any form needs, before reading it.

    nginx already refuses such bodies; this holds when the app is reached another way.
    Django's DATA_UPLOAD_MAX_MEMORY_SIZE limits only the non-file part of a form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            context = {
                "limit": settings.MAX_REQUEST_BYTES // (1024 * 1024),
                "image_limit": settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024),
            }
            response = HttpResponse(render_to_string("413.html", context), status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
