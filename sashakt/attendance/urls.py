from django.urls import path

from sashakt.attendance import completion_rule, door_views, paper_views, views

app_name = "attendance"
urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path(
        "programmes/<int:pk>/completion-rule/",
        completion_rule.completion_rule_page,
        name="completion_rule",
    ),
    path("sw.js", views.service_worker, name="service_worker"),
    path("mine/", views.my_attendance, name="mine"),
    path("offline/", views.offline, name="offline"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/complete/", views.batch_complete, name="batch_complete"),
    path("batches/<int:pk>/door/confirm/", door_views.door_confirm, name="door_confirm"),
    path("batches/<int:pk>/door/substitute/", door_views.door_substitute, name="door_substitute"),
    path("batches/<int:pk>/register/<str:day>/", paper_views.register_pdf, name="register"),
    path("batches/<int:pk>/evidence/", paper_views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", paper_views.evidence_file, name="evidence"),
    path("batches/<int:pk>/sheet.xlsx", paper_views.sheet_download, name="sheet"),
    path("batches/<int:pk>/sheet/", paper_views.sheet_upload, name="sheet_upload"),
    path("sessions/<int:pk>/", views.session_grid, name="session"),
    path("sessions/<int:pk>/checkin/", views.session_checkin, name="checkin"),
    path("api/marks/", views.api_marks, name="api_marks"),
    path("api/checkin/", views.api_checkin, name="api_checkin"),
]
