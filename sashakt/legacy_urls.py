"""Addresses that moved, each answered with a permanent redirect (301) to where the page lives
now, path parameters and query string kept: joining letters are printed, the hall's QR code is
on a tablet, calendars are subscribed to and pages are bookmarked. One row per old route; a
test (`core/tests/test_legacy_urls.py`) walks every row.

Issue 24: the nomination pages (a batch's page, the batch calendar, a programme's page, the
hall sign-in, joining letters, the participant's calendar) moved from /programmes/ to
/nominations/, and the MoU pages (reports: their figures come from nominations and
certificates) from /programmes/mous/ to /dashboard/mous/, so that each app's pages sit under
its own prefix.
"""

from django.urls import path
from django.views.generic import RedirectView

# (old route, URL name of the page it moved to): the old route's parameters fill the new one.
MOVED = [
    ("programmes/<int:pk>/", "nominations:programme_detail"),
    ("programmes/<int:pk>/allocation/", "nominations:allocation"),
    ("programmes/batches/", "nominations:batch_list"),
    ("programmes/batches/<int:pk>/", "nominations:batch_detail"),
    ("programmes/batches/<int:pk>/status/", "nominations:batch_status"),
    ("programmes/batches/<int:pk>/cancel/", "nominations:batch_cancel"),
    ("programmes/batches/<int:pk>/candidates/", "nominations:batch_candidates"),
    ("programmes/batches/<int:pk>/nominate/", "nominations:batch_nominate"),
    ("programmes/batches/<int:pk>/hall/", "nominations:hall_qr"),
    ("programmes/batches/<int:pk>/roll.pdf", "nominations:nominal_roll"),
    ("programmes/people/<int:pk>/history/", "nominations:person_history"),
    ("programmes/hall/<str:token>/", "nominations:hall"),
    ("programmes/hall/<str:token>/you/", "nominations:hall_signed_in"),
    ("programmes/hall/<str:token>/next/", "nominations:hall_next"),
    ("programmes/my-training.ics", "nominations:my_calendar_ics"),
    ("programmes/nominations/<int:pk>/substitute/", "nominations:nomination_substitute"),
    ("programmes/nominations/<int:pk>/letter.pdf", "nominations:joining_letter"),
    ("programmes/nominations/<int:pk>/decline/", "nominations:nomination_decline"),
    ("programmes/nominations/<int:pk>/<str:action>/", "nominations:nomination_action"),
    ("programmes/mous/", "reports:mou_list"),
    ("programmes/mous/<int:pk>/", "reports:mou_detail"),
]

urlpatterns = [
    path(old, RedirectView.as_view(pattern_name=new, permanent=True, query_string=True))
    for old, new in MOVED
]
