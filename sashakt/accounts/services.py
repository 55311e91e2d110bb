from django.conf import settings

from sashakt.accounts.models import User


def user_set_language(*, user: User, language: str) -> None:
    supported = {code for code, _name in settings.LANGUAGES}
    if language not in supported:
        raise ValueError(f"unsupported language {language!r}")
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
