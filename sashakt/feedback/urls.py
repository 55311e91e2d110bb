from django.urls import path

from sashakt.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.home, name="home"),
    path("give/<int:nomination_pk>/batch/", views.give, name="give_batch"),
    path("give/<int:nomination_pk>/session/<int:session_pk>/", views.give, name="give_session"),
    path("mine/", views.mine, name="mine"),
    path("items/", views.items, name="items"),
    path("batch/<int:pk>/", views.batch, name="batch"),
    path("batch/<int:pk>/assist/", views.assist, name="assist"),
    path("programme/<int:pk>/trends/", views.trends, name="trends"),
    path("item/<int:pk>/recording/", views.recording, name="recording"),
]
