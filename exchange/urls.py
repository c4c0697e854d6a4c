from django.urls import path

from exchange import views, visit_views

urlpatterns = [
    path("profile/", views.edit_profile, name="profile"),
    path("profile/data/", views.personal_data, name="personal_data"),
    path("profile/data/export/", views.export_personal_data, name="export_personal_data"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("members/", views.member_directory, name="member_directory"),
    path("dashboard/", visit_views.dashboard, name="dashboard"),
    path("offers/", visit_views.offer_list, name="offer_list"),
    path("offers/new/", visit_views.offer_edit, name="offer_create"),
    path("offers/<int:pk>/", visit_views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", visit_views.offer_edit, name="offer_edit"),
    path("apply/", visit_views.application_create, name="application_create"),
    path("applications/<int:pk>/", visit_views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/withdraw/",
        visit_views.application_withdraw,
        name="application_withdraw",
    ),
    path("visits/<int:pk>/", visit_views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/agreement/", visit_views.agreement_edit, name="agreement_edit"),
    path("visits/<int:pk>/amendments/", visit_views.amendment_propose, name="amendment_propose"),
    path(
        "visits/<int:pk>/amendments/<int:number>/confirm/",
        visit_views.amendment_confirm,
        name="amendment_confirm",
    ),
    path("visits/<int:pk>/agenda/", visit_views.agenda_add, name="agenda_add"),
    path(
        "visits/<int:pk>/agenda/<int:item>/delete/",
        visit_views.agenda_remove,
        name="agenda_remove",
    ),
    path("visits/<int:pk>/<slug:step>/", visit_views.visit_step, name="visit_step"),
    path("calendar/", visit_views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", visit_views.calendar_feed, name="calendar_feed"),
]
