"""Who may see and change the marketplace pages (and their dashboard menu entries)."""

#: Changing channels, running syncs and resolving reviews needs this permission
#: (superusers have it; grant it to the council's operators' group).
CHANGE_PERMISSION = "marketplace_sync.change_channel"


def can_view(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_change(user) -> bool:
    return can_view(user) and user.has_perm(CHANGE_PERMISSION)


def nav_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    """``access_fn`` for the "Marketplace" entries of OSCAR_DASHBOARD_NAVIGATION.

    Oscar's default access function only knows its own dashboard apps' URLs.
    """
    return can_view(user)
