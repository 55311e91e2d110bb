from django.contrib.auth import views as auth_views
from django.urls import path

from sashakt.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("code/", views.code_request, name="code_request"),
    path("code/enter/", views.code_enter, name="code_enter"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("language/", views.set_language, name="set_language"),
    path("two-factor/", two_factor_views.two_factor_page, name="two_factor"),
    path("two-factor/verify/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/codes/", two_factor_views.two_factor_codes, name="two_factor_codes"),
    path("two-factor/recovery/", two_factor_views.two_factor_recovery, name="two_factor_recovery"),
    path("two-factor/remove/", two_factor_views.two_factor_remove, name="two_factor_remove"),
    path("staff/", views.staff, name="staff"),
    path("staff/<int:pk>/", views.staff_change, name="staff_change"),
]
