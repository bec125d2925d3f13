"""Responses that say nothing about caching are kept by no cache."""

from django.utils.cache import add_never_cache_headers


def private_by_default(get_response):
    """Staff, advertiser and form pages never reach a proxy or CDN; reader pages say otherwise."""

    def middleware(request):
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    return middleware
