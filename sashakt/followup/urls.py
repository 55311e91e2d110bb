from django.urls import URLPattern, URLResolver, path

from sashakt.followup import urls_library, urls_outcomes, views

app_name = "followup"

urlpatterns: list[URLPattern | URLResolver] = [
    path("plan/", views.plan_own, name="plan_own"),
    path("plan/<int:plan_pk>/voice/", views.plan_voice, name="plan_voice"),
    path("batch/<int:batch_pk>/", views.batch_plans, name="batch_plans"),
    path(
        "batch/<int:batch_pk>/plan/<int:nomination_pk>/",
        views.plan_assisted,
        name="plan_assisted",
    ),
    path("checkin/<str:token>/", views.checkin, name="checkin"),
    path("answer/<int:answer_pk>/<str:kind>/", views.answer_file, name="answer_file"),
    path("due/", views.due_list, name="due"),
    path("due/<int:plan_pk>/<int:stage>/", views.record_call, name="record_call"),
    path("report/", views.report, name="report"),
    path("report/people/", views.report_people, name="report_people"),
    path("stories/", views.stories, name="stories"),
    path("stories/<int:commitment_pk>/good-practice/", views.good_practice, name="good_practice"),
    path("stories/<int:commitment_pk>/consent/", views.consent, name="consent"),
    path("case-studies/", views.case_studies, name="case_studies"),
    path("case-studies/photo/<int:answer_pk>/", views.case_study_photo, name="case_study_photo"),
    *urls_outcomes.urlpatterns,
    *urls_library.urlpatterns,
]
