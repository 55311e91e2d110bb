from django.urls import path

from sashakt.reports import dashboard_views, public, qpr

urlpatterns = [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path(
        "dashboard/districts/<int:lgd_code>/",
        dashboard_views.district_report,
        name="dashboard_district",
    ),
    path(
        "dashboard/institutes/<int:pk>/",
        dashboard_views.institute_report,
        name="dashboard_institute",
    ),
    path("dashboard/people/", dashboard_views.people, name="dashboard_people"),
    path(
        "dashboard/monthly-report/",
        dashboard_views.monthly_report_make,
        name="monthly_report_make",
    ),
    path("dashboard/rgsa/", dashboard_views.rgsa, name="dashboard_rgsa"),
    path("dashboard/qpr/", qpr.qpr_page, name="dashboard_qpr"),
    path(
        "dashboard/export/<slug:table>.<str:suffix>",
        dashboard_views.export,
        name="dashboard_export",
    ),
    path("public/", public.public_page, name="public"),
]
