from django.urls import path

from exchange.transfer import views

urlpatterns = [
    path("visits/<int:pk>/take-home/", views.take_home, name="transfer_take_home"),
    path("visits/<int:pk>/take-home/practices/", views.practice_add, name="transfer_practice_add"),
    path(
        "visits/<int:pk>/take-home/practices/<int:seen>/remove/",
        views.practice_remove,
        name="transfer_practice_remove",
    ),
    path(
        "visits/<int:pk>/take-home/practices/<int:seen>/intention/",
        views.intention,
        name="transfer_intention",
    ),
    path(
        "visits/<int:pk>/take-home/follow-up/<int:month>/",
        views.follow_up,
        name="transfer_follow_up",
    ),
    path("visits/<int:pk>/take-home/passed-on/", views.passed_on_add, name="transfer_passed_on"),
    path(
        "visits/<int:pk>/take-home/passed-on/<int:item>/remove/",
        views.passed_on_remove,
        name="transfer_passed_on_remove",
    ),
    path("practices/<int:page_id>/concern/", views.concern, name="transfer_concern"),
]
