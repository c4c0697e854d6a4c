from django.urls import include, path

urlpatterns = [
    path("", include("exchange.membership.urls")),
    path("", include("exchange.personal_data.urls")),
    path("", include("exchange.notifications.urls")),
    # Before the visits: their `visits/<pk>/<step>/` would take `visits/<pk>/reflections/`.
    path("", include("exchange.reflections.urls")),
    path("", include("exchange.surveys.urls")),
    path("", include("exchange.excerpts.urls")),
    path("", include("exchange.transfer.urls")),
    path("", include("exchange.visits.urls")),
]
