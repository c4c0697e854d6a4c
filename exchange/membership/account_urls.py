from django.urls import path

from exchange.membership import views

# Mounted at accounts/ before allauth's own URLs: the sign-in's two steps here replace allauth's.
urlpatterns = [
    path("", views.account_hub, name="account_hub"),
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("2fa/authenticate/", views.SecondFactorView.as_view(), name="mfa_authenticate"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation_accept"),
]
