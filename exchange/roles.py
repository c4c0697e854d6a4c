"""The network's roles. Members and hosts are ordinary accounts; coordinators and staff see
other members' data."""

COORDINATORS = "Coordinators"


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=COORDINATORS).exists()


def needs_mfa(user) -> bool:
    """Who must use a second factor: coordinators and anyone with admin access."""
    return user.is_staff or user.is_superuser or is_coordinator(user)
