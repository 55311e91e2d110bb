"""The one entry of `reports`: every page under the `reports` namespace, each wing's URLs
included from its package."""

from django.urls import path

from sashakt.reports import batch_report_views, public, views
from sashakt.reports.dashboards import urls as dashboards

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/mous/", views.mou_list, name="mou_list"),
    path("programmes/mous/<int:pk>/", views.mou_detail, name="mou_detail"),
    *dashboards.urlpatterns,
    path("public/", public.public_page, name="public"),
    path(
        "dashboard/batches/<int:pk>/completion-report.pdf",
        batch_report_views.batch_report,
        name="batch_report",
    ),
]
