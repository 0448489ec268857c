"""The council's staff roles, as Django groups with exactly the permissions they need.

Since Oscar 4.0 the dashboard checks Django model permissions view by view
(``permissions_map`` of each dashboard app) and the group Oscar creates for it,
"All Oscar Dashboard Permissions", is empty on a fresh database (its migration
runs before the permissions exist). We neither rely on that group nor fill it
(it would grant user management to whoever is put in it): each role is an
explicit group defined here and kept in step by a data migration and by the
demo loader; an admin is a superuser. The lists below follow Oscar 4.2's ``permissions_map``s:

- the dashboard index needs ``is_staff`` (or ``partner.dashboard_access``);
- catalogue pages need ``catalogue.view_product`` / ``add_`` / ``change_`` ...;
- order pages need ``order.view_order`` (notes and status changes ``change_order``);
- offers, ranges and vouchers need ``offer.*_conditionaloffer``, ``offer.*_range``,
  ``voucher.*_voucher`` / ``*_voucherset``.

Changing a role: edit ROLES and add a migration that calls ``role_groups_sync``
again (see accounts/migrations/0001), so existing databases follow.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as global_apps

CURATOR = "Kurator"
ARTISAN = "Perajin"

_CRUD = ("view", "add", "change", "delete")


def _crud(app_label: str, model: str, actions: tuple[str, ...] = _CRUD) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]


@dataclass(frozen=True)
class Role:
    name: str
    #: Whether members must be ``is_staff`` (Oscar's dashboard index and the
    #: unscoped catalogue/order views check that flag, not a permission).
    is_staff: bool
    permissions: tuple[str, ...]


CURATOR_PERMISSIONS = (
    # Curate and manage the catalogue: products (curation state is a product
    # field), categories, product types, attribute option groups and options.
    *_crud("catalogue", "product"),
    *_crud("catalogue", "category"),
    *_crud("catalogue", "productclass"),
    *_crud("catalogue", "attributeoptiongroup"),
    *_crud("catalogue", "option"),
    # Provenance that curation checks: certifications with expiry, regions.
    *_crud("catalogue", "certification"),
    *_crud("catalogue", "region", ("view", "add", "change")),
    # Stock: the records themselves (edited inside the product form) and the
    # low-stock alerts page.
    *_crud("partner", "stockrecord", ("view", "add", "change")),
    *_crud("partner", "stockalert", ("view", "change")),
    # Promotions (the Jatim Fair): offers, ranges, vouchers and voucher sets.
    *_crud("offer", "conditionaloffer"),
    *_crud("offer", "range"),
    *_crud("voucher", "voucher"),
    *_crud("voucher", "voucherset"),
    # Decide on submissions (approve, request changes, reject): shop.curation.
    "curation.decide_product",
    # Orders: read only. Status changes and notes stay with admins and the
    # artisans who ship the lines.
    "order.view_order",
)
# Deliberately absent: auth.* (user management), partner.*_partner (artisan
# accounts and their users), flatpages, shipping methods, communication
# templates, reports: those are site administration, done by an admin.

ARTISAN_PERMISSIONS = (
    # Oscar's partner dashboard: index, own products, own orders.
    "partner.dashboard_access",
)

ROLES: tuple[Role, ...] = (
    Role(name=CURATOR, is_staff=True, permissions=CURATOR_PERMISSIONS),
    # Artisans are not staff: with is_staff Oscar would show them every
    # partner's products and orders instead of their own.
    Role(name=ARTISAN, is_staff=False, permissions=ARTISAN_PERMISSIONS),
)


def role_get(*, name: str) -> Role:
    for role in ROLES:
        if role.name == name:
            return role
    raise LookupError(f"No role named {name!r}")


def role_groups_sync(*, apps=global_apps, using: str = "default") -> dict[str, object]:
    """Create or update one group per role with exactly its permissions.

    ``apps`` is the app registry: the real one from code, the historical one
    from a migration. Returns the groups by role name. Writes nothing when the
    groups already match, so it is safe to call on every demo load.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {}
    for role in ROLES:
        wanted = _permissions_lookup(Permission=Permission, codes=role.permissions, using=using, apps=apps)
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        current = set(group.permissions.values_list("pk", flat=True))
        if current != {perm.pk for perm in wanted}:
            group.permissions.set(wanted)
        groups[role.name] = group
    return groups


def _permissions_lookup(*, Permission, codes: tuple[str, ...], using: str, apps=global_apps) -> list:
    found = []
    missing = []
    for code in codes:
        app_label, _dot, codename = code.partition(".")
        try:
            apps.get_app_config(app_label)
        except LookupError:
            # An app whose models a migration's historical state does not hold
            # yet (e.g. curation during accounts 0001): the migration that
            # follows that app's (accounts 0002) syncs the roles again.
            continue
        perm = (
            Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .first()
        )
        if perm is None:
            missing.append(code)
        else:
            found.append(perm)
    if missing:
        # A typo or a removed model must not silently shrink a role.
        raise LookupError("Permissions not found for roles: " + ", ".join(missing))
    return found
