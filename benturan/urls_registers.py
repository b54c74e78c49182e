"""The registers of conflicts of interest, for staff (benturan.registers_access): the risk
map, the implementation matrix and the yearly declaration campaigns."""

from django.urls import path

from . import views_campaign, views_matrix, views_registers, views_risk_map

app_name = "benturan_register"

urlpatterns = [
    path("", views_registers.registers, name="index"),
    path("peta-risiko/", views_risk_map.entry_list, name="risk_map"),
    path("peta-risiko/baru/", views_risk_map.entry_create, name="risk_map_create"),
    path("peta-risiko/<id:pk>/", views_risk_map.entry_detail, name="risk_map_entry"),
    path("peta-risiko/<id:pk>/ubah/", views_risk_map.entry_change, name="risk_map_change"),
    path("peta-risiko/<id:pk>/tinjau/", views_risk_map.entry_review, name="risk_map_review"),
    path("matrik/", views_matrix.matrix_page, name="matrix"),
    path("matrik/unduh/", views_matrix.matrix_export, name="matrix_export"),
    path("kampanye/", views_campaign.campaign_list, name="campaigns"),
    path("kampanye/baru/", views_campaign.campaign_open, name="campaign_open"),
    path("kampanye/<id:pk>/", views_campaign.campaign_detail, name="campaign"),
    path("kampanye/<id:pk>/tutup/", views_campaign.campaign_close, name="campaign_close"),
]
