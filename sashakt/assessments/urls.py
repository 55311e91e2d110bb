from django.urls import path

from sashakt.assessments import bank_views, views

app_name = "assessments"
urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("mine/", views.my_tests, name="my_tests"),
    path("test/<int:pk>/start/", views.test_start, name="test_start"),
    path("test/<int:pk>/assist/<int:nomination_pk>/", views.assist_start, name="assist_start"),
    path("attempt/<int:pk>/", views.attempt_take, name="attempt_take"),
    path("attempt/<int:pk>/answer/", views.answer_save, name="answer_save"),
    path("attempt/<int:pk>/submit/", views.attempt_submit, name="attempt_submit"),
    path("attempt/<int:pk>/done/", views.attempt_done, name="attempt_done"),
    path("attempt/<int:pk>/reopen/", views.attempt_reopen, name="attempt_reopen"),
    path("answer/<int:pk>/mark/", views.answer_mark, name="answer_mark"),
    path("recording/<str:kind>/<int:pk>/", views.recording, name="recording"),
    path("batch/<int:pk>/", views.batch_tests, name="batch_tests"),
    path(
        "batch/<int:pk>/education/<int:nomination_pk>/",
        views.education_set,
        name="education_set",
    ),
    path("batch/<int:pk>/results/", views.batch_results, name="batch_results"),
    path("batch/<int:pk>/<str:kind>/schedule/", views.schedule, name="schedule"),
    path("programme/<int:pk>/questions/", bank_views.bank, name="bank"),
    path("question/<int:pk>/edit/", bank_views.question_edit, name="question_edit"),
    path("programme/<int:pk>/results/", bank_views.programme_results, name="programme_results"),
    path("programme/<int:pk>/questions/import/", bank_views.bank_import, name="bank_import"),
    path(
        "programme/<int:pk>/questions/template.xlsx", bank_views.bank_template, name="bank_template"
    ),
    path(
        "recording/<str:kind>/<int:pk>/upload/",
        bank_views.recording_upload,
        name="recording_upload",
    ),
]
