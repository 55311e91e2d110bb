"""Message texts with placeholders: checking, sizing, DLT form and rendering.

A placeholder is a lower-case name in single braces: "{name} जी, आपकी सीट {batch} में है".
Nothing else may use a brace (the DLT form uses them, and a stray one is always a typo), and
a text may use only the placeholders its event offers. A text is refused when its longest
plausible rendering (every placeholder at its longest, see `events.PLACEHOLDERS`) would need
more than MAX_SEGMENTS SMS parts.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sashakt.notifications.events import EVENTS, PLACEHOLDERS, Event
from sashakt.notifications.models import MessageTemplate
from sashakt.notifications.sms import GSM7, SmsSize, characters_for, is_gsm7, sms_segments

PLACEHOLDER = re.compile(r"\{([a-z][a-z_]*)\}")
DLT_VARIABLE = "{#var#}"
MAX_SEGMENTS = 3


def placeholders_in(text: str) -> list[str]:
    """The placeholders of `text` in order, each once."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def dlt_form(text: str) -> str:
    """The text as DLT registers it: each placeholder becomes {#var#}."""
    return PLACEHOLDER.sub(DLT_VARIABLE, text)


def _filler(text: str) -> str:
    # The longest rendering is written in the text's own script (see events' docstring).
    return "x" if is_gsm7(PLACEHOLDER.sub("", text)) else "क"


def longest_rendering(text: str) -> str:
    """`text` with every known placeholder filled to its longest plausible length."""
    filler = _filler(text)

    def fill(match: re.Match) -> str:
        placeholder = PLACEHOLDERS.get(match.group(1))
        return filler * placeholder.max_length if placeholder else match.group(0)

    return PLACEHOLDER.sub(fill, text)


def sample_rendering(
    event: Event, text: str, language: str, known: Mapping[str, str] | None = None
) -> str:
    """`text` filled with the sample values (or the `known` ones: the writer's own district
    and phone); a placeholder the event lacks stays as written."""
    values = {key: PLACEHOLDERS[key].sample(language) for key in event.placeholders}
    values.update({key: value for key, value in (known or {}).items() if key in values and value})
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def text_check(event: Event, text: str) -> list[str]:
    """What is wrong with `text` as a message of `event`, in words for its editor."""
    problems = []
    if not text.strip():
        return [_("The text is empty.")]
    stray = PLACEHOLDER.sub("", text)
    if "{" in stray or "}" in stray:
        problems.append(
            _("Braces are only for placeholders such as %(example)s: remove the stray “{” or “}”.")
            % {"example": "{name}"}
        )
    offered = ", ".join(f"{{{key}}}" for key in event.placeholders)
    for key in placeholders_in(text):
        if key not in event.placeholders:
            problems.append(
                _("Unknown placeholder {%(name)s}. This message offers: %(offered)s.")
                % {"name": key, "offered": offered}
            )
    for key in event.required:
        if key not in placeholders_in(text):
            problems.append(
                _("This message must include the placeholder {%(name)s}.") % {"name": key}
            )
    size = sms_segments(longest_rendering(text))
    if size.segments > MAX_SEGMENTS:
        over = size.characters - characters_for(size.encoding, MAX_SEGMENTS)
        problems.append(
            ngettext(
                "At its longest (every placeholder filled to its longest plausible value) this "
                "text needs %(segments)s SMS parts; at most %(max)s are allowed. Shorten it "
                "by %(over)s character.",
                "At its longest (every placeholder filled to its longest plausible value) this "
                "text needs %(segments)s SMS parts; at most %(max)s are allowed. Shorten it "
                "by %(over)s characters.",
                over,
            )
            % {"segments": size.segments, "max": MAX_SEGMENTS, "over": over}
        )
    return problems


def text_validate(event: Event, text: str) -> None:
    problems = text_check(event, text)
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class TextReport:
    """What the editor shows beside one text."""

    text: str
    sample: str
    sample_size: SmsSize
    longest_size: SmsSize
    dlt: str
    problems: list[str]

    @property
    def unicode(self) -> bool:
        return self.sample_size.encoding != GSM7


def text_report(
    event: Event, text: str, language: str, known: Mapping[str, str] | None = None
) -> TextReport:
    problems = text_check(event, text)
    sample = sample_rendering(event, text, language, known)
    return TextReport(
        text=text,
        sample=sample,
        sample_size=sms_segments(sample),
        longest_size=sms_segments(longest_rendering(text)),
        dlt=dlt_form(text),
        problems=problems,
    )


def _substitute(text: str, values: Mapping[str, object]) -> str:
    def fill(match: re.Match) -> str:
        return str(values[match.group(1)])

    return PLACEHOLDER.sub(fill, text)


def text_fill(text: str, values: Mapping[str, object]) -> str:
    """`text` (checked by `text_check`) with its placeholders filled from `values`."""
    return _substitute(text, values)


def template_text(event_key: str, language: str) -> str:
    """The text of `event_key` in `language` ("en", else Hindi): the stored one, or the
    catalogue's default when none is stored."""
    event = EVENTS[event_key]
    stored = MessageTemplate.objects.filter(event=event_key).first()
    if language == "en":
        return stored.text_en if stored else event.default_en
    return stored.text_hi if stored else event.default_hi


def template_render(event_key: str, language: str, values: Mapping[str, object]) -> str:
    """The text of `event_key` for a person whose language is `language`, its placeholders
    filled from `values` (extra values are ignored; a missing one is a caller's bug)."""
    if event_key not in EVENTS:
        raise ValueError(f"unknown event {event_key!r}")
    text = template_text(event_key, language)
    missing = [key for key in placeholders_in(text) if key not in values]
    if missing:
        raise ValueError(f"{event_key}: no value for {', '.join(missing)}")
    return _substitute(text, values)
