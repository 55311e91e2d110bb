from sashakt.logistics.urls_money import urlpatterns as money_urlpatterns

app_name = "logistics"

urlpatterns = [*money_urlpatterns]
