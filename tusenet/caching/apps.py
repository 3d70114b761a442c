from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "tusenet.caching"
    label = "tusenet_caching"

    def ready(self):
        from tusenet import patches

        from . import fragments, signals

        signals.connect()
        patches.remember_sites(fragments.shared_version)
