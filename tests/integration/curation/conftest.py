"""People and products for the curation tests: two artisans, a curator, a curator
without the deciding permission, an admin; forms posted as a browser would."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from oscar.core.loading import get_model

from shop.accounts.roles import ARTISAN, CURATOR
from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory
from tests.fixtures.shopee import *  # noqa: F401,F403  (sim, channel, celery_eager)

Product = get_model("catalogue", "Product")
User = get_user_model()


def make_user(username, *, group=None, is_staff=False, is_superuser=False, partner=None):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-kriya-123", is_staff=is_staff,
                                    is_superuser=is_superuser, first_name=username.title())
    if group:
        user.groups.add(Group.objects.get(name=group))
    if partner is not None:
        partner.users.add(user)
    return user


@pytest.fixture
def people(db):
    siti_shop = ArtisanFactory(name="Batik Siti", language="id")
    fauzi_shop = ArtisanFactory(name="Tenun Fauzi", language="en")
    curator_without = make_user("magang", group=None, is_staff=True)
    # Staff with the catalogue permissions of a curator, but not the deciding one.
    for perm in Group.objects.get(name=CURATOR).permissions.exclude(codename="decide_product"):
        curator_without.user_permissions.add(perm)
    return {
        "siti_shop": siti_shop, "fauzi_shop": fauzi_shop,
        "siti": make_user("siti", group=ARTISAN, partner=siti_shop),
        "fauzi": make_user("fauzi", group=ARTISAN, partner=fauzi_shop),
        "curator": make_user("kurator", group=CURATOR, is_staff=True),
        "curator_without": curator_without,
        "admin": make_user("admin", is_staff=True, is_superuser=True),
        "craft": CraftCategoryFactory(name="Batik Tulis"),
    }


@pytest.fixture
def draft(people):
    return ProductFactory(title="Kain Draf Siti", artisan=people["siti_shop"], curation_state=Product.DRAFT,
                          categories=[people["craft"]])


def form_data(response, **overrides):
    """The POST a browser would send for the dashboard product form as rendered."""
    data = {}
    ctx = response.context
    forms = [ctx["form"]]
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        formset = ctx[name]
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if hasattr(value, "pk"):
                value = value.pk
            if hasattr(value, "url") or field.name == "original":
                continue  # existing files are not re-sent by a browser
            data[field.html_name] = value
            if field.field.show_hidden_initial:
                # Fields with callable defaults render their initial value too.
                data[field.html_initial_name] = value
    data.update(overrides)
    return data


def stock_prefix(response):
    return response.context["stockrecord_formset"].prefix


def form_errors(response):
    """Every error of a re-rendered product form, for assertion messages."""
    if not response.context:
        return ""
    ctx = response.context
    errors = [ctx["form"].errors]
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        errors += [ctx[name].non_form_errors(), ctx[name].errors]
    return errors
