from django.urls import path

from sashakt.certificates import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<str:number>/", views.verify, name="verify_number"),
    path("certificates/", views.certificate_list, name="list"),
    path("certificates/batches/<int:pk>/", views.batch_review, name="batch_review"),
    path("certificates/programmes/<int:pk>/", views.programme_review, name="programme_review"),
    path("certificates/jobs/<uuid:job_id>/", views.bulk_result, name="bulk_result"),
    path("certificates/jobs/<uuid:job_id>/print.pdf", views.bulk_merged, name="bulk_merged"),
    path("certificates/institutes/<int:pk>/template/", views.template_edit, name="template_edit"),
    path(
        "certificates/institutes/<int:pk>/preview.pdf",
        views.template_preview,
        name="template_preview",
    ),
    path("certificates/<str:number>/", views.certificate_detail, name="detail"),
    path("certificates/<str:number>/pdf/", views.certificate_download, name="download"),
    path("certificates/<str:number>/revoke/", views.certificate_revoke, name="revoke"),
    path("certificates/<str:number>/reissue/", views.certificate_reissue, name="reissue"),
]
