"""Headers django's SecurityMiddleware does not send: Permissions-Policy, and the admin's CSP."""

import base64
import hashlib
import re
from functools import cache

from csp.constants import UNSAFE_INLINE
from django.conf import settings


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
