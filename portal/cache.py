"""A Redis cache that degrades instead of failing when Redis is away.

Everything the portal keeps in the cache can be lost: page fragments are rebuilt, and ad
impressions counted while Redis is down are simply not counted. So an unreachable Redis
makes each cache call log a warning and answer as a miss, and no page becomes a 500.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger("portal.cache")

_DOWN = (ConnectionError, TimeoutError, OSError)
# One warning per process every so often, not one per cache call on every page.
_WARN_EVERY = 30.0


class DegradingRedisCache(RedisCache):
    _last_warning = 0.0

    def _failed(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - DegradingRedisCache._last_warning >= _WARN_EVERY:
            DegradingRedisCache._last_warning = now
            logger.warning(
                "Redis unavailable (%s): %s; serving without the cache", operation, error
            )

    def ping(self) -> None:
        """For the readiness check: raises when Redis does not answer."""
        self._cache.get_client(write=True).ping()

    def add(self, *args, **kwargs):
        try:
            return super().add(*args, **kwargs)
        except _DOWN as error:
            self._failed("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except _DOWN as error:
            self._failed("get", error)
            return default

    def set(self, *args, **kwargs):
        try:
            super().set(*args, **kwargs)
        except _DOWN as error:
            self._failed("set", error)

    def touch(self, *args, **kwargs):
        try:
            return super().touch(*args, **kwargs)
        except _DOWN as error:
            self._failed("touch", error)
            return False

    def delete(self, *args, **kwargs):
        try:
            return super().delete(*args, **kwargs)
        except _DOWN as error:
            self._failed("delete", error)
            return False

    def get_many(self, *args, **kwargs):
        try:
            return super().get_many(*args, **kwargs)
        except _DOWN as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, *args, **kwargs):
        try:
            return super().has_key(*args, **kwargs)
        except _DOWN as error:
            self._failed("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as callers expect; only an outage is absorbed.
        try:
            return super().incr(key, delta, version)
        except _DOWN as error:
            self._failed("incr", error)
            return 0

    def set_many(self, *args, **kwargs):
        try:
            return super().set_many(*args, **kwargs)
        except _DOWN as error:
            self._failed("set_many", error)
            return list(args[0]) if args else []

    def delete_many(self, *args, **kwargs):
        try:
            super().delete_many(*args, **kwargs)
        except _DOWN as error:
            self._failed("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except _DOWN as error:
            self._failed("clear", error)
            return False
