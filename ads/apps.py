from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "ads"
    verbose_name = "广告"

    def ready(self):
        from ads import images

        images.connect()
