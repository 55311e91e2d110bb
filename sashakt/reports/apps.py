from django.apps import AppConfig


class ReportsConfig(AppConfig):
    # No models, so no name shown anywhere (and none to translate).
    name = "sashakt.reports"
