from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from sashakt.core.views import favicon

# Each app's pages under its own prefix. Two apps answer at the root: `reports` (the home page,
# /dashboard/, /public/) and `core` (/about/, /healthz, /jobs/, /audit/); `certificates` keeps
# its prefixes in its own urls.py, because the public /verify/ address is printed as a QR code
# on every certificate and the rest live under /certificates/.
urlpatterns = [
    path("", include("sashakt.reports.urls")),
    path("", include("sashakt.core.urls")),
    path("accounts/", include("sashakt.accounts.urls")),
    path("people/", include("sashakt.people.urls")),
    path("programmes/", include("sashakt.programmes.urls")),
    path("nominations/", include("sashakt.nominations.urls")),
    path("assessments/", include("sashakt.assessments.urls")),
    path("feedback/", include("sashakt.feedback.urls")),
    path("notifications/", include("sashakt.notifications.urls")),
    path("", include("sashakt.certificates.urls")),
    path("attendance/", include("sashakt.attendance.urls")),
    path("logistics/", include("sashakt.logistics.urls")),
    path("followup/", include("sashakt.followup.urls")),
    path("privacy/", include("sashakt.privacy.urls")),
    path("api/", include("sashakt.api.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    # The short address a seat-offered SMS carries (every character of an SMS counts): a
    # permanent redirect to the answer page, /nominations/answer/<token>/.
    path(
        "a/<str:token>",
        RedirectView.as_view(pattern_name="nominations:answer", permanent=True),
        name="answer_short",
    ),
    # The same for an action plan's check-in SMS: /c/<token> -> /followup/checkin/<token>/.
    path(
        "c/<str:token>",
        RedirectView.as_view(pattern_name="followup:checkin", permanent=True),
        name="checkin_short",
    ),
    # Old addresses of pages that moved: a permanent redirect each (see legacy_urls.py).
    path("", include("sashakt.legacy_urls")),
]
