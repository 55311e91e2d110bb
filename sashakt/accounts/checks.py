"""Deployment checks for sign-in protection (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs, **kwargs):
    if getattr(settings, "PRODUCTION", False) and settings.PROXY_COUNT <= 0:
        return [
            Warning(
                "PROXY_COUNT is 0 in production: behind a load balancer every client shares "
                "its address, so one person's failed sign-ins pause everyone's.",
                hint="Set PROXY_COUNT to the number of proxies that add X-Forwarded-For "
                "(1 for one load balancer). See docs/security.md.",
                id="sashakt.W001",
            )
        ]
    return []
