from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
