from django.urls import path

from exchange.visits import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("welcome/", views.welcome, name="welcome"),
    path("visits/", views.visit_list, name="visit_list"),
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/new/", views.offer_edit, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("apply/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/agreement/", views.agreement_edit, name="agreement_edit"),
    path("visits/<int:pk>/agreement/print/", views.agreement_print, name="agreement_print"),
    path("visits/<int:pk>/messages/", views.message_send, name="visit_message"),
    path("visits/<int:pk>/amendments/", views.amendment_propose, name="amendment_propose"),
    path(
        "visits/<int:pk>/amendments/<int:number>/confirm/",
        views.amendment_confirm,
        name="amendment_confirm",
    ),
    path(
        "visits/<int:pk>/amendments/<int:number>/decline/",
        views.amendment_decline,
        name="amendment_decline",
    ),
    path("visits/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path(
        "visits/<int:pk>/agenda/<int:item>/delete/",
        views.agenda_remove,
        name="agenda_remove",
    ),
    path("visits/<int:pk>/cancel/", views.visit_cancel, name="visit_cancel"),
    path("visits/<int:pk>/<slug:step>/", views.visit_step, name="visit_step"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    # A token is URL-safe base64 (a slug's alphabet): anything else, a NUL byte included, is
    # not a feed address, and never reaches the database.
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
]
