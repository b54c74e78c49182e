"""The UPG's pages: every declaration but the officer's own, the custody register, the recap."""

from django.urls import path

from . import views_custody, views_staff_case, views_staff_list, views_summary

app_name = "gratifikasi_staff"

urlpatterns = [
    path("", views_staff_list.declaration_list_page, name="list"),
    path("ringkasan/", views_summary.summary, name="summary"),
    path("titipan/", views_custody.custody_list, name="custody_list"),
    path("titipan/<id:pk>/keluarkan/", views_custody.custody_release, name="custody_release"),
    path("titipan/<id:pk>/tanda-terima.pdf", views_custody.custody_receipt, name="custody_receipt"),
    path("<id:pk>/", views_staff_case.detail, name="detail"),
    path("<id:pk>/formulir-kpk.pdf", views_staff_case.kpk_form, name="kpk_form"),
    path("<id:pk>/titipan/", views_custody.custody_receive, name="custody_receive"),
    path("<id:pk>/registrasi/", views_staff_case.register, name="register"),
    path("<id:pk>/minta-kelengkapan/", views_staff_case.request_completion, name="request_completion"),
    path("<id:pk>/lengkap/", views_staff_case.accept_complete, name="accept_complete"),
    path("<id:pk>/tutup-tidak-lengkap/", views_staff_case.close_incomplete, name="close_incomplete"),
    path("<id:pk>/tidak-wajib/", views_staff_case.conclude_not_obligatory, name="conclude_not_obligatory"),
    path("<id:pk>/teruskan-kpk/", views_staff_case.forward_to_kpk, name="forward_to_kpk"),
    path("<id:pk>/sk-kpk/", views_staff_case.record_sk, name="record_sk"),
    path("<id:pk>/selesaikan-penolakan/", views_staff_case.close_refusal, name="close_refusal"),
    path("<id:pk>/tindak-lanjut/", views_staff_case.record_follow_up, name="follow_up"),
]
