from axes.apps import AppConfig


class LoginProtectionConfig(AppConfig):
    """django-axes, under a Chinese name in the admin's index."""

    verbose_name = "登录保护"
