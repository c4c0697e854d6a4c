from django.urls import path

from exchange.membership import views

urlpatterns = [
    path("profile/", views.edit_profile, name="profile"),
    path("members/", views.member_directory, name="member_directory"),
]
