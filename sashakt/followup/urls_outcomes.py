from django.urls import path

from sashakt.followup import views_outcomes as views

urlpatterns = [
    path("outcomes/", views.outcome_report, name="outcome_report"),
    path("outcomes/indicators/", views.indicator_list, name="indicator_list"),
    path("outcomes/indicators/template.csv", views.indicator_template, name="indicator_template"),
    path("outcomes/import/", views.indicator_import_start, name="indicator_import"),
    path(
        "outcomes/import/<int:pk>/", views.indicator_import_detail, name="indicator_import_detail"
    ),
    path(
        "outcomes/import/<int:pk>/confirm/",
        views.indicator_import_confirm,
        name="indicator_import_confirm",
    ),
]
