"""The one entry of `reports`: every page under the `reports` namespace, each wing's URLs
included from its package."""

from django.urls import path

from sashakt.reports import mous, public
from sashakt.reports.bulk import views as bulk
from sashakt.reports.dashboards import urls as dashboards
from sashakt.reports.documents import views as documents
from sashakt.reports.home import views as home

app_name = "reports"
urlpatterns = [
    path("", home.home, name="home"),
    path("dashboard/mous/", mous.mou_list, name="mou_list"),
    path("dashboard/mous/<int:pk>/", mous.mou_detail, name="mou_detail"),
    *dashboards.urlpatterns,
    path("public/", public.public_page, name="public"),
    path("bulk-messages/", bulk.bulk_message_list, name="bulk_message_list"),
    path("bulk-messages/new/", bulk.bulk_message_new, name="bulk_message_new"),
    path("bulk-messages/size/", bulk.bulk_message_size, name="bulk_message_size"),
    path("bulk-messages/<int:pk>/", bulk.bulk_message_detail, name="bulk_message_detail"),
    path(
        "dashboard/batches/<int:pk>/completion-report.pdf",
        documents.batch_report,
        name="batch_report",
    ),
]
