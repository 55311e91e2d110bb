from sashakt.followup import urls_library, urls_outcomes

app_name = "followup"

urlpatterns: list = [
    *urls_outcomes.urlpatterns,
    *urls_library.urlpatterns,
]
