from django.urls import URLPattern, URLResolver

from sashakt.followup import urls_library, urls_outcomes

app_name = "followup"

urlpatterns: list[URLPattern | URLResolver] = [
    *urls_outcomes.urlpatterns,
    *urls_library.urlpatterns,
]
