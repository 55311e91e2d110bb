from django.urls import path

from sashakt.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.message_detail, name="message_detail"),
    path("delivery/", views.delivery_report, name="delivery_report"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<slug:event>/", views.template_edit, name="template_edit"),
    path(
        "templates/<slug:event>/preview/",
        views.template_preview,
        name="template_preview",
    ),
]
