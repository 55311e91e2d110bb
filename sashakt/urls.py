from django.contrib import admin
from django.urls import include, path

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
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    # Old addresses of pages that moved: a permanent redirect each (see legacy_urls.py).
    path("", include("sashakt.legacy_urls")),
]
