from django.urls import path

from exchange.reflections import views

urlpatterns = [
    path("reflections/", views.overview, name="reflections"),
    path("reflections/<int:entry_id>/", views.entry_detail, name="reflection_entry"),
    path("reflections/<int:entry_id>/share/", views.entry_share, name="reflection_share"),
    path("visits/<int:pk>/reflections/", views.reflection_log, name="reflection_log"),
    path(
        "visits/<int:pk>/reflections/<slug:phase>/",
        views.phase_edit,
        name="reflection_phase",
    ),
]
