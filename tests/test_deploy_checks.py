"""`manage.py check --deploy` warns about a setup that would lose ad figures."""

from django.core.checks import run_checks


def test_it_warns_without_a_shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "portal.W001" in ids


def test_it_is_quiet_with_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "portal.W001" not in ids
