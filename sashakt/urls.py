from django.contrib import admin
from django.urls import include, path

from sashakt.core.views import favicon

urlpatterns = [
    path("", include("sashakt.reports.urls")),
    path("", include("sashakt.core.urls")),
    path("accounts/", include("sashakt.accounts.urls")),
    path("people/", include("sashakt.people.urls")),
    path("programmes/", include("sashakt.programmes.urls")),
    # The nomination pages keep the addresses they had when programmes served them.
    path("programmes/", include("sashakt.nominations.urls")),
    path("assessments/", include("sashakt.assessments.urls")),
    path("feedback/", include("sashakt.feedback.urls")),
    path("notifications/", include("sashakt.notifications.urls")),
    path("", include("sashakt.certificates.urls")),
    path("attendance/", include("sashakt.attendance.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
]
