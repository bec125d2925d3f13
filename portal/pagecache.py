"""The readers' page cache: whole pages in the shared cache, never older than the news.

A reader page (a view wrapped in `reader_page`) asked for by someone not signed in is kept in
the shared cache under the current *content generation*. Anything that changes what readers
see calls `content_changed()`, which moves the generation once the change is committed, so
the next view renders afresh; an entry also expires no later than the next scheduled story's
publish time and the next midnight (ads and the date roll over then).

What must happen on every view, cached or not, is kept out of the stored page:

- `fragment(request, func, *args)` returns HTML made anew for each view (an ad slot, which
  rotates its ads and counts their impressions). On a cacheable request it returns a
  placeholder, and the cache calls `func(*args)` for each view it serves.
- `per_view(request, func, *args)` runs `func(*args)` now and on every view served from the
  cache, e.g. a popularity counter: `per_view(request, popularity.count_view, article.pk)`.

Both take a module-level function (stored by its dotted name) and arguments the cache can
pickle. Reader pages also get an ETag and Last-Modified, a 304 for a matching conditional
GET, and Cache-Control that lets a shared cache keep them briefly (`s-maxage`) unless they
hold a fragment, whose per-view work a proxy would skip. If the cache fails, pages are
rendered as if there were no page cache.
"""

import hashlib
import logging
import re
import time
from datetime import datetime, timedelta
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
_PLACEHOLDER = re.compile(rb"<!--pagecache-fragment:(\d+)-->")
# Headers a stored page keeps; the rest (cookies, Vary, caching headers) are set per view.
_KEPT_HEADERS = ("Content-Type", "X-Robots-Tag", "Content-Language")


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def content_changed() -> None:
    """What readers see has changed: cached pages are dropped now and once it is committed.

    Twice, because a view rendered between the first bump and the commit still read the old
    rows and may have stored them under the new generation.
    """
    bump()
    transaction.on_commit(bump)


def bump() -> None:
    try:
        # The time in nanoseconds: never a value an earlier generation had, even after the
        # cache lost the key.
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:
        logger.exception("页面缓存：无法更新内容版本")


def generation() -> int | None:
    """The current content generation; None when the cache cannot be reached."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = time.time_ns()
            if not cache.add(GENERATION_KEY, value, None):
                value = cache.get(GENERATION_KEY)
        return value
    except Exception:
        logger.exception("页面缓存：无法读取内容版本")
        return None


def request_generation(request) -> int | None:
    """The content generation for this request: asked of the cache once, however many slots."""
    if request is None:
        return generation()
    if not hasattr(request, "_pagecache_generation"):
        request._pagecache_generation = generation()
    return request._pagecache_generation


def _call(path: str, args: tuple):
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)(*args)


def _dotted(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def fragment(request, func, *args) -> str:
    """HTML made for each view; a placeholder that the cache fills when the page is cacheable."""
    fragments = getattr(request, "_pagecache_fragments", None)
    if fragments is None:
        return func(*args)
    fragments.append((_dotted(func), args))
    return f"<!--pagecache-fragment:{len(fragments) - 1}-->"


def per_view(request, func, *args) -> None:
    """Run func(*args) for this view, and for each later view of the page served from the cache."""
    func(*args)
    calls = getattr(request, "_pagecache_calls", None)
    if calls is not None:
        calls.append((_dotted(func), args))


def _expiry(now: datetime) -> int:
    """Seconds an entry may live: the setting, cut at the next due story and at midnight."""
    from news.models import Article

    limit = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    limit = min(limit, midnight + timedelta(days=1))
    due = Article.objects.next_due(now)
    if due is not None:
        limit = min(limit, due)
    return max(int((limit - now).total_seconds()), 0)


def _key(request, gen: int) -> str:
    path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:page:{gen}:{request.get_host()}:{path}"


def _fill(content: bytes, fragments: list) -> bytes:
    """The content with each fragment's placeholder replaced by its HTML for this view."""
    return _PLACEHOLDER.sub(lambda m: _call(*fragments[int(m.group(1))]).encode(), content)


def _serve(request, entry: dict) -> HttpResponse:
    """A response from a stored entry: fragments filled and per-view calls made for this view."""
    response = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"]
    )
    if response is None:
        content = _fill(entry["content"], entry["fragments"])
        for path, args in entry["calls"]:
            _call(path, args)
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
    _set_http_headers(response, entry)
    return response


def _set_http_headers(response, entry: dict) -> None:
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    if entry["fragments"] or entry["calls"]:
        # A proxy's copy would show ads nobody counts: only the browser may keep it, and asks.
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS
        )


def _entry(response, fragments: list, calls: list, gen: int | None) -> dict:
    content = response.content
    # The generation is in the ETag too: an approved ad changes a slot, not the stored page.
    digest = hashlib.md5(content + str(gen).encode(), usedforsecurity=False).hexdigest()
    return {
        "content": content,
        "status": response.status_code,
        "headers": {k: response[k] for k in _KEPT_HEADERS if k in response},
        "fragments": fragments,
        "calls": calls,
        "etag": f'"{digest}"',
        "last_modified": int(time.time()),
    }


def reader_page(view):
    """Serve the view from the page cache to readers who are not signed in (GET only)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        anonymous = request.method == "GET" and not request.user.is_authenticated
        if not anonymous:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            # Signed-in people see their own view of the page: no cache may keep it.
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response
        gen = request_generation(request)
        key = _key(request, gen) if gen is not None and enabled() else None
        if key is not None:
            try:
                entry = cache.get(key)
            except Exception:
                logger.exception("页面缓存：读取失败")
                entry, key = None, None
            if entry is not None:
                return _serve(request, entry)
        request._pagecache_fragments, request._pagecache_calls = [], []
        now = timezone.now()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response = response.render()
        fragments, calls = request._pagecache_fragments, request._pagecache_calls
        del request._pagecache_fragments, request._pagecache_calls
        if response.status_code != 200 or response.streaming or response.cookies:
            # Errors and redirects are not kept; fragments cannot be left unfilled.
            response.content = _fill(response.content, fragments)
            return response
        entry = _entry(response, fragments, calls, gen)
        if key is not None:
            try:
                timeout = _expiry(now)
                if timeout:
                    cache.set(key, entry, timeout)
            except Exception:
                logger.exception("页面缓存：写入失败")
        # The calls were made while rendering; only the fragments are still to fill.
        entry = {**entry, "calls": []}
        return _serve(request, entry)

    return wrapped


class ChangesReaderPages:
    """A model whose saves and deletes change what readers see, so cached pages start afresh."""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        content_changed()

    def delete(self, *args, **kwargs):
        content_changed()
        return super().delete(*args, **kwargs)
