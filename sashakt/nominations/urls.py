"""Nomination pages, served under /nominations/ by `sashakt/urls.py`. A batch's page, the batch
calendar and a programme's page are here too: what they show is the seats and the nominations.
Their old addresses under /programmes/ answer with a permanent redirect (`sashakt/legacy_urls.py`).
"""

from django.urls import path

from sashakt.nominations import (
    allocation_views,
    answer_views,
    hall_views,
    nomination_views,
    views,
)

app_name = "nominations"
urlpatterns = [
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/allocation/", allocation_views.allocation_page, name="allocation"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("batches/<int:pk>/cancel/", views.batch_cancel, name="batch_cancel"),
    path(
        "<int:pk>/substitute/",
        nomination_views.nomination_substitute,
        name="nomination_substitute",
    ),
    path("batches/<int:pk>/candidates/", views.batch_candidates, name="batch_candidates"),
    path("batches/<int:pk>/nominate/", nomination_views.batch_nominate, name="batch_nominate"),
    path("people/<int:pk>/history/", nomination_views.person_history, name="person_history"),
    path("batches/<int:pk>/hall/", hall_views.hall_qr, name="hall_qr"),
    path("hall/<str:token>/", hall_views.hall_kiosk, name="hall"),
    path("hall/<str:token>/you/", hall_views.hall_signed_in, name="hall_signed_in"),
    path("hall/<str:token>/next/", hall_views.hall_next, name="hall_next"),
    path("answer/<str:token>/", answer_views.answer, name="answer"),
    path("answer/<str:token>/decline/", answer_views.answer_decline, name="answer_decline"),
    path("my-training.ics", views.my_calendar_ics, name="my_calendar_ics"),
    path("batches/<int:pk>/roll.pdf", views.nominal_roll, name="nominal_roll"),
    path("<int:pk>/letter.pdf", views.joining_letter, name="joining_letter"),
    path("<int:pk>/decline/", nomination_views.nomination_decline, name="nomination_decline"),
    path("<int:pk>/<str:action>/", nomination_views.nomination_action, name="nomination_action"),
]
