from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "tusenet.caching"
    label = "tusenet_caching"

    def ready(self):
        from . import signals

        signals.connect()
