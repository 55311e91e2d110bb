from django.urls import path

from sashakt.notifications import views, whatsapp_views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.message_detail, name="message_detail"),
    path("delivery/", views.delivery_report, name="delivery_report"),
    path("whatsapp/", whatsapp_views.whatsapp_webhook, name="whatsapp_webhook"),
    path("opt-outs/", views.opt_out_list, name="opt_out_list"),
    path(
        "opt-outs/<str:mobile>/withdraw/",
        views.opt_out_withdraw_view,
        name="opt_out_withdraw",
    ),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<slug:event>/", views.template_edit, name="template_edit"),
    path(
        "templates/<slug:event>/preview/",
        views.template_preview,
        name="template_preview",
    ),
]
