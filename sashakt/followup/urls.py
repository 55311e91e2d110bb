from django.urls import URLPattern, URLResolver

app_name = "followup"

urlpatterns: list[URLPattern | URLResolver] = []
