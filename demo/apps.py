from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: the app only brings the demo's management commands."""

    name = "demo"
    verbose_name = "Demo network"
