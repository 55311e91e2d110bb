from django.urls import URLPattern, URLResolver, path

from sashakt.privacy import views

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notice, name="notice"),
    path("mine/", views.my_data, name="mine"),
    path("mine/data.json", views.my_data_json, name="mine_json"),
    path("mine/data.pdf", views.my_data_pdf, name="mine_pdf"),
    path("mine/correction/", views.correction_ask, name="correction_ask"),
    path("corrections/", views.correction_list, name="corrections"),
    path("corrections/<int:pk>/", views.correction_decide, name="correction_decide"),
]
