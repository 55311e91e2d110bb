from django.urls import path

from sashakt.programmes import views

app_name = "programmes"
urlpatterns = [
    path("mous/", views.mou_list, name="mou_list"),
    path("mous/<int:pk>/", views.mou_detail, name="mou_detail"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/allocation/", views.allocation_page, name="allocation"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/publish/", views.calendar_publish, name="calendar_publish"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("batches/<int:pk>/quota/", views.batch_quota, name="batch_quota"),
    path("batches/<int:pk>/move/", views.batch_move, name="batch_move"),
    path(
        "nominations/<int:pk>/substitute/",
        views.nomination_substitute,
        name="nomination_substitute",
    ),
    path("batches/<int:pk>/candidates/", views.batch_candidates, name="batch_candidates"),
    path("batches/<int:pk>/nominate/", views.batch_nominate, name="batch_nominate"),
    path("batches/<int:pk>/timetable/", views.batch_timetable, name="batch_timetable"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("batches/<int:pk>/calendar.ics", views.batch_ics, name="batch_ics"),
    path("my-training.ics", views.my_calendar_ics, name="my_calendar_ics"),
    path("batches/<int:pk>/roll.pdf", views.nominal_roll, name="nominal_roll"),
    path("nominations/<int:pk>/letter.pdf", views.joining_letter, name="joining_letter"),
    path("nominations/<int:pk>/<str:action>/", views.nomination_action, name="nomination_action"),
]
