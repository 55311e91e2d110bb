from django.urls import path

from sashakt.reports import dashboard_urls, views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/mous/", views.mou_list, name="mou_list"),
    path("programmes/mous/<int:pk>/", views.mou_detail, name="mou_detail"),
]

# Dashboards (reports/dashboard_views.py) and the public page (reports/public.py).
urlpatterns += dashboard_urls.urlpatterns
