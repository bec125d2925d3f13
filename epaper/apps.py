from django.apps import AppConfig


class EpaperConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "epaper"
    verbose_name = "数字报"
