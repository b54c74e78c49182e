"""An employee's own pages: their conflict declarations and reports."""

from django.urls import path

from . import views_campaign_declarant
from . import views_declarant as views

app_name = "benturan"

urlpatterns = [
    path("", views.case_list, name="list"),
    # The landing page's service card links here by the name every service gives its start.
    path("", views.case_list, name="home"),
    path("nyatakan/", views.declare, name="declare"),
    path("laporkan/", views.report, name="report"),
    path("<id:pk>/", views.case_detail, name="detail"),
    path("<id:pk>/pesan/", views.case_message, name="message"),
    path("<id:pk>/berkas/<id:file_pk>/", views.case_file, name="file"),
    path("keputusan/<id:pk>/", views.notice_detail, name="notice"),
    # The yearly declaration campaign (benturan.views_campaign_declarant).
    path("deklarasi-tahunan/<id:pk>/", views_campaign_declarant.answer, name="campaign"),
    path("deklarasi-tahunan/<id:pk>/ada/", views_campaign_declarant.declare, name="campaign_declare"),
]
