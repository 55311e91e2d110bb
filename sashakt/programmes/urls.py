from django.urls import path

from sashakt.programmes import setup_views, views

app_name = "programmes"
urlpatterns = [
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/publish/", views.calendar_publish, name="calendar_publish"),
    path("batches/<int:pk>/quota/", views.batch_quota, name="batch_quota"),
    path("batches/<int:pk>/move/", views.batch_move, name="batch_move"),
    path("batches/<int:pk>/timetable/", views.batch_timetable, name="batch_timetable"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("batches/<int:pk>/calendar.ics", views.batch_ics, name="batch_ics"),
    path("<int:pk>/setup/", setup_views.programme_setup, name="programme_setup"),
    path(
        "<int:pk>/setup/eligibility/",
        setup_views.programme_eligibility,
        name="programme_eligibility",
    ),
    path("<int:pk>/setup/modules/", setup_views.programme_module_add, name="programme_module_add"),
    path(
        "<int:pk>/setup/sessions/", setup_views.template_session_save, name="template_session_add"
    ),
    path(
        "<int:pk>/setup/sessions/<int:session_pk>/",
        setup_views.template_session_save,
        name="template_session_save",
    ),
]
