from django.urls import URLPattern, URLResolver, include, path

from sashakt.logistics.urls_money import urlpatterns as money_urlpatterns

app_name = "logistics"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("sashakt.logistics.urls_rooms")),
    *money_urlpatterns,
]
