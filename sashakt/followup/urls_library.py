from django.urls import path

from sashakt.followup import views_library as views

urlpatterns = [
    path("library/", views.library_home, name="library"),
    path("library/sw.js", views.library_service_worker, name="library_service_worker"),
    path("library/offline/", views.library_offline, name="library_offline"),
    path("library/module/<int:module_pk>/add/", views.material_add, name="material_add"),
    path("library/material/<int:pk>/remove/", views.material_remove, name="material_remove"),
    path(
        "library/files/<int:pk>/<str:digest>/",
        views.material_file,
        name="material_file",
    ),
]
