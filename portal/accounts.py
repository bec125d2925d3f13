"""Sign-in protection: who is asking (the client address behind nginx) and what they are told."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """The client's address. Behind our nginx every request comes from 127.0.0.1, so the
    address nginx appended last to X-Forwarded-For is the one to trust (earlier ones are
    whatever the client claimed)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a Chinese page, 429, for either sign-in."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "advertiser": request.path.startswith("/advertisers/")},
        status=429,
    )
