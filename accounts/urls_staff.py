"""The staff member's own account pages. Mounted at /staf/akun/ in config/urls.py, so
StaffSecondFactorMiddleware lets only OTP-verified sessions in."""

from django.urls import path

from .views import account, approvals

app_name = "accounts_staff"

urlpatterns = [
    path("", account.account_view, name="account"),
    path("kode-cadangan/", account.backup_codes_regenerate_view, name="backup_codes_regenerate"),
    path("persetujuan/", approvals.approvals_view, name="approvals"),
    path("persetujuan/<id:request_id>/<str:decision>/", approvals.decide_view, name="approval_decide"),
]
