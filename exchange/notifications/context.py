from django.utils.functional import SimpleLazyObject


def unread(request) -> dict:
    """The header's count of unread notifications, counted only where a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from exchange.notifications.services import unread_count

    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
