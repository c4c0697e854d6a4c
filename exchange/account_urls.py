from django.urls import path

from exchange import views

# Mounted at accounts/ before allauth's own URLs: the login here replaces allauth's.
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation_accept"),
]
