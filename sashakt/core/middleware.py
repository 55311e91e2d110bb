from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from sashakt.core.client_address import client_address


class HindiFirstLocaleMiddleware(LocaleMiddleware):
    """Hindi unless the person chose otherwise.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on most
    phones sold in India says English. The programme's language is Hindi, so only an
    explicit choice counts: the signed-in user's saved preference, then the language cookie.
    """

    def process_request(self, request):
        language = _chosen_language(request) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _chosen_language(request) -> str | None:
    supported = {code for code, _name in settings.LANGUAGES}
    user = getattr(request, "user", None)
    preferred = getattr(user, "language", "") if user and user.is_authenticated else ""
    if preferred in supported:
        return preferred
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in supported else None


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    Django 5.2 has no CSP of its own. The policy allows scripts, styles, fonts and images
    only from this site and no inline script at all: htmx is configured by a <meta> tag,
    behaviour lives in static/js. Inline style *attributes* stay allowed (progress bars set
    their width), style elements do not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, recording the client address every limit uses.

    Upstream takes the left-most X-Forwarded-For entry, which the client writes itself; the
    audit trail would then record whatever address a visitor claims.
    """

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_address(request)
