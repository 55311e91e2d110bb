"""Hall sign-in pages: the coordinator's QR code and the shared tablet's kiosk (hall.py)."""

import datetime

import segno
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.nominations import hall
from sashakt.programmes import rules as programme_rules
from sashakt.programmes.selectors import batches_for_user

_HALL_TOKEN = "hall_token"


@role_required(*programme_rules.PLANNING_ROLES)
def hall_qr(request, pk: int):
    """The coordinator's page for the tablet: a QR code of the batch's hall link."""
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    if not programme_rules.may_plan(request.user, batch.programme):
        raise Http404
    url = request.build_absolute_uri(reverse("nominations:hall", args=[hall.hall_token(batch)]))
    qr_svg = segno.make(url, error="m").svg_inline(scale=4, dark="#000", omitsize=True)
    context = {
        "batch": batch,
        "url": url,
        "qr_svg": qr_svg,
        "expires_at": timezone.now() + datetime.timedelta(hours=settings.HALL_LINK_HOURS),
        "participants": hall.hall_seat_holders(batch).count(),
        "without_mobile": hall.hall_seat_holders_without_mobile(batch),
    }
    return render(request, "nominations/hall_qr.html", context)


def _hall_or_gone(request, token: str):
    batch = hall.hall_batch(token)
    if batch is None:
        return None, render(request, "nominations/hall_gone.html", status=410)
    return batch, None


def hall_kiosk(request, token: str):
    """The shared tablet: pick your name, type the last four digits of your mobile."""
    batch, gone = _hall_or_gone(request, token)
    if gone:
        return gone
    # Opening the link signs no one out: whoever is signed in on this browser stays so until
    # someone actually signs in here (login() then replaces the session).
    people = list(hall.hall_seat_holders(batch))
    error, status = "", 200
    if request.method == "POST":
        chosen = next((u for u in people if str(u.pk) == request.POST.get("who", "")), None)
        if chosen is None:
            error = _("Pick your name from the list.")
        else:
            # A seat holder's account, if they have one; without, the accounts app makes it
            # on this first successful sign-in.
            account = get_user_model()._default_manager.filter(person=chosen).first()
            who = {"hall_user": account} if account else {"hall_person": chosen}
            user = authenticate(
                request,
                **who,
                last4=request.POST.get("last4", ""),
                hall_place=hall.hall_place(batch),
            )
            if user is not None:
                if request.user.is_authenticated:
                    logout(request)  # a kiosk holds one person's session at a time
                login(request, user)
                request.session.set_expiry(settings.HALL_SESSION_MINUTES * 60)
                request.session[_HALL_TOKEN] = token
                return redirect("nominations:hall_signed_in", token=token)
            if getattr(request, "sign_in_limited", False):
                error = _("Too many wrong tries. Ask the coordinator, or try again later.")
                status = 429
            else:
                error = _("These are not the last four digits of your mobile. Try again.")
    context = {"batch": batch, "people": people, "error": error, "token": token}
    return render(request, "nominations/hall_kiosk.html", context, status=status)


def hall_signed_in(request, token: str):
    batch, gone = _hall_or_gone(request, token)
    if gone:
        return gone
    if not request.user.is_authenticated or request.session.get(_HALL_TOKEN) != token:
        return redirect("nominations:hall", token=token)
    context = {"batch": batch, "token": token, "minutes": settings.HALL_SESSION_MINUTES}
    return render(request, "nominations/hall_signed_in.html", context)


@require_POST
def hall_next(request, token: str):
    """Sign out and hand the tablet to the next person."""
    logout(request)
    return redirect("nominations:hall", token=token)
