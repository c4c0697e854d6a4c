from django.urls import path

from exchange.personal_data import views

urlpatterns = [
    path("profile/data/", views.personal_data, name="personal_data"),
    path("profile/data/export/", views.export_personal_data, name="export_personal_data"),
    path("profile/delete/", views.delete_account, name="delete_account"),
]
