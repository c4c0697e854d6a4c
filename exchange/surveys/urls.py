from django.urls import path

from exchange.surveys import views

urlpatterns = [
    path("visits/<int:pk>/surveys/<slug:kind>/", views.survey_answer, name="visit_survey"),
]
