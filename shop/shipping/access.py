"""Who sees the dashboard's link to the courier rate tables (kept in the Django admin)."""


def rates_nav_access(user, url_name=None, url_args=None, url_kwargs=None):
    return bool(user.is_active and user.is_staff and user.has_perm("shipping.change_tablerate"))
