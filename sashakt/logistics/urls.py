from django.urls import URLPattern, URLResolver, include, path

app_name = "logistics"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("sashakt.logistics.urls_rooms")),
]
