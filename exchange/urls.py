from django.urls import include, path

urlpatterns = [
    path("", include("exchange.membership.urls")),
    path("", include("exchange.personal_data.urls")),
    path("", include("exchange.visits.urls")),
]
