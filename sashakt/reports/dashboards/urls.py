"""The dashboards' pages (mounted by `reports/urls.py` under the `reports` namespace)."""

from django.urls import path

from sashakt.reports.dashboards import learning_views, qpr, views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path(
        "dashboard/districts/<int:lgd_code>/",
        views.district_report,
        name="dashboard_district",
    ),
    path(
        "dashboard/institutes/<int:pk>/",
        views.institute_report,
        name="dashboard_institute",
    ),
    path("dashboard/people/", views.people, name="dashboard_people"),
    path(
        "dashboard/monthly-report/",
        views.monthly_report_make,
        name="monthly_report_make",
    ),
    path("dashboard/rgsa/", views.rgsa, name="dashboard_rgsa"),
    path("dashboard/qpr/", qpr.qpr_page, name="dashboard_qpr"),
    path(
        "dashboard/export/<slug:table>.<str:suffix>",
        views.export,
        name="dashboard_export",
    ),
    # Learning and reaction (dashboards/learning_views.py).
    path("dashboard/learning/", learning_views.learning, name="learning"),
    path(
        "dashboard/learning/export/<slug:table>.<str:suffix>",
        learning_views.learning_export,
        name="learning_export",
    ),
]
