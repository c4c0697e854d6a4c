from django.urls import path

from exchange.excerpts import views

urlpatterns = [
    path("reflections/<int:entry_id>/excerpt/", views.propose, name="excerpt_propose"),
    path("excerpts/", views.excerpt_list, name="excerpts"),
    path("excerpts/<int:pk>/", views.detail, name="excerpt_detail"),
    path("excerpts/<int:pk>/revise/", views.revise, name="excerpt_revise"),
    path("excerpts/<int:pk>/approve/", views.approve, name="excerpt_approve"),
    path("excerpts/<int:pk>/withdraw/", views.withdraw, name="excerpt_withdraw"),
    path("excerpts/<int:pk>/suggest/", views.suggest, name="excerpt_suggest"),
]
