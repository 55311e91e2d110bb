"""Hindi and English side by side: every label is a gettext message rendered twice, once
per language, so a document is bilingual without a second set of strings."""

from functools import partial

from django.utils import translation
from django.utils.translation import gettext


def in_language(language: str, func):
    """What `func()` gives with `language` active."""
    with translation.override(language):
        return func()


def in_both(func) -> str:
    """What `func()` gives in Hindi and in English, "हिन्दी / English", or once when the two
    are the same (a name, a number)."""
    hindi, english = in_language("hi", func), in_language("en", func)
    return hindi if hindi == english else f"{hindi} / {english}"


def both(message: str) -> str:
    """The message in Hindi and in English: "नाम / Name"."""
    return in_both(partial(gettext, message))
