from django.urls import path

from exchange import views

urlpatterns = [
    path("profile/", views.edit_profile, name="profile"),
    path("profile/data/", views.personal_data, name="personal_data"),
    path("profile/data/export/", views.export_personal_data, name="export_personal_data"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("members/", views.member_directory, name="member_directory"),
]
