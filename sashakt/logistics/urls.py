from django.urls import include, path

app_name = "logistics"

urlpatterns: list = [
    path("", include("sashakt.logistics.urls_rooms")),
]
