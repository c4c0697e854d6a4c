from django.urls import path

from exchange.notifications import views

urlpatterns = [
    path("notifications/", views.inbox, name="notifications"),
    path("notifications/read/", views.mark_all_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.open_notification, name="notification_open"),
    path("notifications/settings/", views.settings_form, name="notification_settings"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="notification_unsubscribe",
    ),
]
