"""Message templates: the event catalogue, checks on save, the DLT form and rendering."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import translation

from sashakt.notifications.events import EVENTS, PLACEHOLDERS, purpose_is_essential
from sashakt.notifications.models import MessageTemplate
from sashakt.notifications.services import message_template_update
from sashakt.notifications.sms import sms_segments
from sashakt.notifications.templating import (
    dlt_form,
    longest_rendering,
    template_render,
    text_check,
)

EXPECTED_EVENTS = {
    "otp",
    "import-clash",
    "nominated",
    "seat-offered",
    "waitlisted",
    "promoted",
    "nomination-rejected",
    "batch-moved",
    "venue-changed",
    "batch-cancelled",
    "reminder-3-days",
    "reminder-1-day",
    "pre-test-open",
    "post-test-open",
    "certificate-ready",
    "seat-unanswered",
    "weekly-digest",
    "bulk-message",
    "checkin-due",
}


def test_the_catalogue_declares_every_event_with_known_placeholders():
    assert set(EVENTS) == EXPECTED_EVENTS
    for event in EVENTS.values():
        assert set(event.placeholders) <= set(PLACEHOLDERS), event.key
        assert set(event.required) <= set(event.placeholders), event.key
        with translation.override("hi"):
            assert str(event.label) and str(event.recipients)
    for placeholder in PLACEHOLDERS.values():
        assert len(placeholder.sample_hi) <= placeholder.max_length, placeholder.key
        assert len(placeholder.sample_en) <= placeholder.max_length, placeholder.key


def test_sign_in_codes_and_seat_offers_are_essential_reminders_and_digests_are_not():
    assert EVENTS["otp"].essential and EVENTS["seat-offered"].essential
    for key in (
        "reminder-3-days",
        "reminder-1-day",
        "weekly-digest",
        "certificate-ready",
        "bulk-message",
    ):
        assert not EVENTS[key].essential, key
    assert purpose_is_essential("otp:7:1") and not purpose_is_essential("reminder-1-day:9")
    assert purpose_is_essential("left-office:3:2026-01-01:officer:4")  # outside the catalogue


@pytest.mark.parametrize("key", sorted(EXPECTED_EVENTS))
def test_every_default_text_passes_its_own_checks(key):
    event = EVENTS[key]
    assert text_check(event, event.default_hi) == []
    assert text_check(event, event.default_en) == []
    assert sms_segments(longest_rendering(event.default_hi)).segments <= 3


@pytest.mark.django_db
def test_the_data_migration_stored_every_event_and_rerunning_it_keeps_edits():
    assert set(MessageTemplate.objects.values_list("event", flat=True)) == EXPECTED_EVENTS
    stored = MessageTemplate.objects.get(event="seat-offered")
    assert stored.text_hi == EVENTS["seat-offered"].default_hi
    stored.text_hi = "बैच {batch} में सीट: {link}"
    stored.save()
    MessageTemplate.objects.filter(event="weekly-digest").delete()

    migration = importlib.import_module(
        "sashakt.notifications.migrations.0003_message_template_defaults"
    )
    migration.seed(django_apps, None)
    migration.seed(django_apps, None)

    assert MessageTemplate.objects.count() == len(EXPECTED_EVENTS)
    assert MessageTemplate.objects.get(event="seat-offered").text_hi == "बैच {batch} में सीट: {link}"
    assert MessageTemplate.objects.filter(event="weekly-digest").exists()


def _template(event="seat-offered", **texts) -> MessageTemplate:
    default = EVENTS[event]
    return MessageTemplate(
        event=event,
        text_hi=texts.get("text_hi", default.default_hi),
        text_en=texts.get("text_en", default.default_en),
    )


def test_an_unknown_placeholder_is_refused_by_name_in_the_persons_language():
    template = _template(text_hi="बैच {batch} में सीट। {colour} {link}")
    with translation.override("hi"), pytest.raises(ValidationError) as refused:
        template.clean()
    (problem,) = refused.value.message_dict["text_hi"]
    assert "{colour}" in problem and "अज्ञात" in problem and "{link}" in problem
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        template.clean()
    assert refused.value.message_dict["text_hi"] == [
        "Unknown placeholder {colour}. This message offers: {name}, {programme}, {batch}, "
        "{start}, {end}, {venue}, {answer_by}, {link}, {phone}."
    ]
    assert "text_en" not in refused.value.message_dict


def test_a_placeholder_of_another_event_is_unknown_here():
    problems = text_check(EVENTS["otp"], "कोड {code}, बैच {batch}")
    assert len(problems) == 1 and "{batch}" in problems[0]


@pytest.mark.parametrize("text", ["सीट {link", "सीट link}", "सीट {Link}", "सीट {{link}}", "{}"])
def test_stray_or_malformed_braces_are_refused(text):
    with translation.override("en"):
        problems = text_check(EVENTS["seat-offered"], text + " {link}")
    assert any("Braces are only for placeholders" in p for p in problems), problems


def test_a_text_that_drops_a_required_placeholder_is_refused():
    with translation.override("en"):
        assert text_check(EVENTS["otp"], "Your code is ready.") == [
            "This message must include the placeholder {code}."
        ]


def test_an_empty_text_is_refused():
    with translation.override("en"):
        assert text_check(EVENTS["nominated"], "  ") == ["The text is empty."]


def test_a_text_longer_than_three_parts_at_its_longest_is_refused_with_the_count():
    event = EVENTS["seat-offered"]
    # 80 + 80 + 40 characters of placeholders and a little text: 4 Unicode parts at its longest.
    text = "{name} जी, {programme} में सीट: {venue}। {link}"
    longest = longest_rendering(text)
    assert sms_segments(longest).segments == 4
    with translation.override("en"):
        (problem,) = text_check(event, text)
    assert "needs 4 SMS parts; at most 3 are allowed" in problem
    over = sms_segments(longest).characters - 201
    assert f"Shorten it by {over} characters" in problem
    with translation.override("hi"):
        (problem,) = text_check(event, text)
    assert "4" in problem and "3" in problem and "SMS" in problem
    # The same placeholders in English fit: GSM-7 allows 459 characters in 3 parts.
    assert text_check(event, "Dear {name}, a seat in {programme} at {venue}: {link}") == []


def test_the_longest_rendering_is_written_in_the_texts_own_script():
    assert longest_rendering("Hi {name}") == "Hi " + "x" * 40
    assert longest_rendering("{name} जी") == "क" * 40 + " जी"


def test_the_dlt_form_replaces_each_placeholder_with_var():
    assert dlt_form("बैच {batch} ({start} से) {link}") == "बैच {#var#} ({#var#} से) {#var#}"


@pytest.mark.django_db
def test_the_persons_language_picks_the_text_and_placeholders_are_filled():
    values = {
        "batch": "IITK-2027-014",
        "start": "12/01/2027",
        "end": "16/01/2027",
        "venue": "IIT Kanpur",
        "answer_by": "05/01/2027",
        "link": "https://x.in/s/1",
        "name": "Sunita Devi",
        "programme": "GPDP",
        "phone": "9839012345",
    }
    hindi = template_render("seat-offered", "hi", values)
    assert hindi.startswith("बैच IITK-2027-014 (12/01/2027 से, IIT Kanpur)")
    assert hindi.endswith("https://x.in/s/1")
    english = template_render("seat-offered", "en", values)
    assert english.startswith("Dear Sunita Devi, you have a seat in batch IITK-2027-014")
    assert template_render("seat-offered", "", values) == hindi  # no preference: Hindi


@pytest.mark.django_db
def test_rendering_uses_the_stored_text_and_falls_back_to_the_default():
    MessageTemplate.objects.filter(event="certificate-ready").update(
        text_en="Certificate {number}: {link}"
    )
    values = {"number": "IITK/1", "link": "https://x.in/c/1", "name": "Ram"}
    assert (
        template_render("certificate-ready", "en", values) == "Certificate IITK/1: https://x.in/c/1"
    )
    MessageTemplate.objects.filter(event="certificate-ready").delete()
    assert template_render("certificate-ready", "en", values) == (
        "Your training certificate IITK/1 is ready. Check it: https://x.in/c/1"
    )


@pytest.mark.django_db
def test_a_value_with_braces_is_not_read_as_a_placeholder():
    text = template_render("otp", "en", {"code": "{minutes}", "minutes": 15})
    assert text.startswith("Sashakt: your sign-in code is {minutes}. It works for 15 minutes.")


@pytest.mark.django_db
def test_rendering_without_a_value_or_for_an_unknown_event_is_a_callers_bug():
    with pytest.raises(ValueError, match="code"):
        template_render("otp", "hi", {"minutes": 15})
    with pytest.raises(ValueError, match="unknown event"):
        template_render("birthday", "hi", {})


@pytest.mark.django_db
def test_the_update_service_checks_saves_and_audits(personas):
    from auditlog.models import LogEntry

    template = message_template_update(
        user=personas.state,
        event="nominated",
        text_hi="{name} जी, {programme} हेतु नामांकन हुआ।",
        text_en="Dear {name}, you are nominated for {programme}.",
        dlt_template_id=" 1107170000000000042 ",
        sender_id="UPPRDS",
    )
    assert template.dlt_template_id == "1107170000000000042"
    assert template.updated_by == personas.state
    entry = LogEntry.objects.get_for_object(template).latest("pk")
    assert entry.actor == personas.state and "text_hi" in entry.changes_dict
    with pytest.raises(ValidationError):
        message_template_update(
            user=personas.state, event="nominated", text_hi="{nme} जी", text_en="x"
        )
    template.refresh_from_db()
    assert template.text_hi == "{name} जी, {programme} हेतु नामांकन हुआ।"
