"""Login steps, under /akun/ (open to a session whose second factor is still missing)."""

from django.urls import path

from .views import login, password, second_factor

app_name = "accounts"

urlpatterns = [
    path("masuk/", login.login_view, name="login"),
    path("masuk/aktivasi/", second_factor.enrol_view, name="otp_enrol"),
    path("masuk/verifikasi/", second_factor.verify_view, name="otp_verify"),
    path("kode-cadangan/", second_factor.backup_codes_view, name="backup_codes"),
    path("keluar/", login.logout_view, name="logout"),
    path("sandi/<uidb64>/<token>/", password.password_set_view, name="password_set"),
    path("sandi/selesai/", password.password_set_done_view, name="password_set_done"),
]
