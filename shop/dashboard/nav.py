"""Dashboard menu access: Oscar's rule, minus pages that are not for artisans.

``OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION`` points here (a dotted path, so settings
import none of our code). No model imports at module level.
"""
from oscar.apps.dashboard.nav import default_access_fn

from marketplace_sync.dashboard.access import nav_access as marketplace_nav_access
from shop.shipping.access import rates_nav_access

#: Pages a partner user may open but that say nothing useful to an artisan:
#: order statistics (whole orders) redirect to their overview.
HIDDEN_FROM_ARTISANS = {"dashboard:order-stats"}
#: Pages only for artisans (staff manage artisans under Partners).
ARTISANS_ONLY = {"dashboard:artisan-profile"}
#: Menu entries outside Oscar's dashboard apps, whose permissions_map Oscar's rule
#: cannot read: URL name prefix -> who may see the entry.
OUTSIDE_OSCAR_DASHBOARD = {
    "marketplace_dashboard:": marketplace_nav_access,
    "admin:shipping_tablerate_": rates_nav_access,
}


def access_fn(user, url_name, url_args=None, url_kwargs=None):
    if not user.is_staff and url_name in HIDDEN_FROM_ARTISANS:
        return False
    if url_name in ARTISANS_ONLY:
        return bool(not user.is_staff and user.has_perm("partner.dashboard_access"))
    for prefix, rule in OUTSIDE_OSCAR_DASHBOARD.items():
        if url_name and url_name.startswith(prefix):
            return rule(user, url_name, url_args, url_kwargs)
    return default_access_fn(user, url_name, url_args, url_kwargs)
