from django.urls import path

from sashakt.people import import_views, views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("export/", views.person_export, name="export"),
    path("add/", views.person_add_view, name="add"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/correct/", views.person_correct_view, name="correct"),
    path("<int:pk>/left-office/", views.person_left_office_view, name="left_office"),
    path("<int:pk>/opt-out/", views.person_opt_out_view, name="person_opt_out"),
    path("place-review/", views.place_review_list, name="place_review"),
    path("place-review/<int:pk>/", views.place_review_set, name="place_review_set"),
    path(
        "place-review/accept-clear/",
        views.place_review_accept_clear_view,
        name="place_review_accept_clear",
    ),
    path("import/", import_views.import_start, name="import_start"),
    path("import/template.<str:suffix>", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("import/<int:pk>/check/", import_views.import_check, name="import_check"),
    path("import/<int:pk>/commit/", import_views.import_commit, name="import_commit"),
]
