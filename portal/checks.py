from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Ad impressions are counted in the cache: a per-process cache loses and splits them."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "没有共享缓存：广告展示次数会按进程分散并在重启时丢失。",
                hint="设置 REDIS_URL，例如 redis://127.0.0.1:6379/0。",
                id="portal.W001",
            )
        ]
    return []
