"""The page a seat-offered SMS links to (issue 25): no password, the signed token in the
address (`answer_links.py`). The person sees the batch and confirms, or says why they cannot
come on the same confirmation page as the signed-in "Cannot attend?". A link that does not
let them answer (expired, altered, changed, another person's, already answered) gets a page
that says why, answered 200 so that nothing is logged as an error."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sashakt.core.ratelimit import rate_limited
from sashakt.nominations import services as nominations
from sashakt.nominations.answer_links import AnswerCheck, answer_by, answer_token_check
from sashakt.nominations.forms import DeclineForm

# Requests per minute from one address (tokens are unguessable; this keeps it so).
PER_MINUTE = 30


def _limited(request: HttpRequest) -> bool:
    return rate_limited(request, scope="nominations.answer", per_minute=PER_MINUTE)


def _refused(request: HttpRequest, check: AnswerCheck) -> HttpResponse:
    return render(
        request,
        "nominations/answer.html",
        {"refusal": check.message, "refusal_code": check.refusal, "nomination": None},
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "nominations/answer.html",
        {"refusal": _("Too many tries from this connection. Please wait a minute.")},
        status=429,
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The offer and two answers: "Yes, I will come" (a POST here) and "I cannot come"."""
    if _limited(request):
        return _too_many(request)
    check = answer_token_check(token, user=request.user)
    nomination = check.nomination
    if not check.ok or nomination is None:  # a check that lets one answer names a nomination
        return _refused(request, check)
    if request.method == "POST":
        try:
            nomination = nominations.nomination_confirm_by_link(token=token, user=request.user)
        except nominations.AnswerLinkRefused as refused:
            return _refused(request, refused.check)
        except nominations.NominationError as error:
            return render(request, "nominations/answer.html", {"refusal": str(error)})
        return render(
            request,
            "nominations/answer.html",
            {"nomination": nomination, "done": _("Thank you: your seat is confirmed.")},
        )
    return render(
        request,
        "nominations/answer.html",
        {
            "nomination": nomination,
            "batch": nomination.batch,
            "answer_by": answer_by(nomination),
            "decline_url": reverse("nominations:answer_decline", args=[token]),
        },
    )


@require_http_methods(["GET", "POST"])
def answer_decline(request: HttpRequest, token: str) -> HttpResponse:
    """ "I cannot come": the same page, form and step as the signed-in "Cannot attend?"."""
    if _limited(request):
        return _too_many(request)
    check = answer_token_check(token, user=request.user)
    if not check.ok:
        return _refused(request, check)
    nomination = check.nomination
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nominations.nomination_decline_by_link(
                token=token, reason=form.reason_text(), user=request.user
            )
        except nominations.AnswerLinkRefused as refused:
            return _refused(request, refused.check)
        except nominations.NominationError as error:
            return render(request, "nominations/answer.html", {"refusal": str(error)})
        return render(
            request,
            "nominations/answer.html",
            {
                "nomination": nomination,
                "done": _(
                    "Thank you for telling us. Your seat goes to the next person on the "
                    "waiting list; your district officer sees your reason."
                ),
            },
        )
    return render(
        request,
        "nominations/decline_confirm.html",
        {
            "nomination": nomination,
            "form": form,
            "back": reverse("nominations:answer", args=[token]),
        },
    )
