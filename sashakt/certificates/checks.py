"""Deployment checks for certificates (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def public_url_check(app_configs, **kwargs):
    if getattr(settings, "PRODUCTION", False) and not settings.SASHAKT_PUBLIC_URL:
        return [
            Warning(
                "SASHAKT_PUBLIC_URL is not set in production: certificates print, and their "
                "QR codes lead to, whatever host name each request used.",
                hint="Set SASHAKT_PUBLIC_URL to the public https address of the site, e.g. "
                "https://sashakt.up.gov.in (no trailing slash).",
                id="sashakt.W002",
            )
        ]
    return []
