import json
import uuid

from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext_lazy, override

from sashakt.core.jobs import JobError
from sashakt.core.refusals import (
    Refused,
    refused_json,
    refused_message,
    refused_redirect,
    refused_to_form,
)


class ToyError(Refused):
    """An app's own refusal, as each app declares one."""


class ToyForm(forms.Form):
    code = forms.CharField()


def _request() -> HttpRequest:
    """A request with a message storage, as the messages middleware gives it (`_messages` is
    private to the middleware, so not in the stubs: set by name)."""
    request = RequestFactory().post("/somewhere/")
    setattr(request, "_messages", CookieStorage(request))  # noqa: B010
    return request


def _said(request) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in messages.get_messages(request)]


def test_an_apps_refusal_is_caught_as_its_own_class_and_as_a_refusal():
    for catch in (ToyError, Refused, Exception):
        try:
            raise ToyError("No seats left.")
        except catch as error:
            assert isinstance(error, ToyError)
            assert str(error) == error.message == "No seats left."


def test_a_job_error_is_a_refusal_too():
    assert issubclass(JobError, Refused)


def test_a_lazy_message_is_translated_when_shown_not_when_raised():
    refusal = ToyError(gettext_lazy("Saved."))
    with override("hi"):
        assert refusal.message == "सहेजा गया।"
    with override("en"):
        assert refusal.message == "Saved."


def test_refused_message_says_the_message_as_an_error():
    request = _request()
    refused_message(request, ToyError("The batch is full."))
    assert _said(request) == [(messages.ERROR, "The batch is full.")]


def test_refused_redirect_says_the_message_and_goes_back():
    request = _request()
    response = refused_redirect(request, ToyError("Too late."), "/back/")
    assert response.status_code == 302
    assert response["Location"] == "/back/"
    assert _said(request) == [(messages.ERROR, "Too late.")]


def test_refused_redirect_takes_a_url_name_and_its_arguments():
    request = _request()
    job = uuid.uuid4()
    response = refused_redirect(request, ToyError("Too late."), "core:job_detail", job)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job])


def test_refused_to_form_puts_the_message_on_the_whole_form_or_on_a_field():
    form = ToyForm({"code": "X1"})
    assert form.is_valid()
    refused_to_form(form, ToyError("Not on this batch."))
    refused_to_form(form, ToyError("Unknown code."), "code")
    assert form.non_field_errors() == ["Not on this batch."]
    assert form.errors["code"] == ["Unknown code."]
    assert not form.is_valid()


def test_refused_json_keeps_the_endpoints_shape_and_status():
    plain = refused_json(ToyError("Not your test."))
    assert plain.status_code == 400
    assert json.loads(plain.content) == {"error": "Not your test."}
    shaped = refused_json(ToyError("Session over."), status=422, ok=False)
    assert shaped.status_code == 422
    assert shaped.content == b'{"ok": false, "error": "Session over."}'
