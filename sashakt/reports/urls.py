from django.urls import path

from sashakt.reports import batch_report_views, dashboard_urls, learning_views, views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/mous/", views.mou_list, name="mou_list"),
    path("programmes/mous/<int:pk>/", views.mou_detail, name="mou_detail"),
]

# Dashboards (reports/dashboard_views.py) and the public page (reports/public.py).
urlpatterns += dashboard_urls.urlpatterns

# Learning and reaction (reports/learning_views.py) and the batch completion report.
urlpatterns += [
    path("dashboard/learning/", learning_views.learning, name="learning"),
    path(
        "dashboard/learning/export/<slug:table>.<str:suffix>",
        learning_views.learning_export,
        name="learning_export",
    ),
    path(
        "dashboard/batches/<int:pk>/completion-report.pdf",
        batch_report_views.batch_report,
        name="batch_report",
    ),
]
