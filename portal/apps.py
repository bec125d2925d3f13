from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        from portal import checks  # noqa: F401  (registers the deployment checks)


class LoginProtectionConfig(AxesAppConfig):
    """django-axes under a Chinese name in the admin's index."""

    verbose_name = "登录保护"
