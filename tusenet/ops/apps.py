from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "tusenet.ops"
    label = "tusenet_ops"

    def ready(self):
        from . import cache_checks, checks  # noqa: F401 (the no-cascade check, Redis's memory bounds)
