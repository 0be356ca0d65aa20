from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (a virtual buyer mission), `load_demo` and `serve`: the top layer, known to no other app."""

    name = "demo"
