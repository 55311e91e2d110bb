from django.urls import path

from sashakt.programmes import views

app_name = "programmes"
urlpatterns = [
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/publish/", views.calendar_publish, name="calendar_publish"),
    path("batches/<int:pk>/quota/", views.batch_quota, name="batch_quota"),
    path("batches/<int:pk>/move/", views.batch_move, name="batch_move"),
    path("batches/<int:pk>/timetable/", views.batch_timetable, name="batch_timetable"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("batches/<int:pk>/calendar.ics", views.batch_ics, name="batch_ics"),
]
