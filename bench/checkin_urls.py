"""The app's URLs plus the benchmark's floor: a signed-in POST that inserts one row, through
the same middleware (sessions, CSRF, authentication, audit) as the real check-in."""

import json

from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.http import require_POST

from sashakt.attendance.models import MarkChange


@require_POST
def bare_insert(request):
    if not request.user.is_authenticated:
        return JsonResponse({"ok": False}, status=401)
    body = json.loads(request.body)
    MarkChange.objects.create(
        nomination_id=body["nomination"],
        session_id=body["session"],
        client_id=body["client_id"],
        new_status="present",
        method="qr",
        changed_by=request.user,
        marked_at=timezone.now(),
    )
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare-insert/", bare_insert), path("", include("sashakt.urls"))]
