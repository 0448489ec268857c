"""Template tags for the cached HTML fragments of shop/gallery/fragments.py."""
from django import template
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from shop.gallery import fragments, summaries

register = template.Library()

CARD_TEMPLATE = "gallery/partials/product_card_static.html"
# Where product_card.html puts what is rendered per request.
PROMO_MARK, LIVE_MARK = "<!--PROMO-->", "<!--LIVE-->"


def _card_name(product) -> str:
    return f"card:{product.pk}"


@register.simple_tag(takes_context=True)
def prefetch_product_cards(context, products) -> str:
    """Read a grid's cached cards in one round trip before its cards ask one by
    one, and load the images of those to be rendered in one query."""
    products = list(products)
    missing = fragments.prefetch(context.get("request"), [_card_name(product) for product in products])
    prefetch_related_objects([product for product in products if _card_name(product) in missing], "images")
    return ""


@register.simple_tag(takes_context=True)
def product_card_parts(context, product) -> tuple:
    """A card's HTML the same for every buyer, in three pieces: before the
    campaign badge, between it and the price, after the availability."""

    def render():
        html = render_to_string(CARD_TEMPLATE, {"product": product})
        head, rest = html.split(PROMO_MARK)
        middle, tail = rest.split(LIVE_MARK)
        return head, middle, tail

    return tuple(mark_safe(part) for part in fragments.cached(context.get("request"), _card_name(product), render))


class CatalogueFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        name = ":".join(str(part.resolve(context)) for part in self.parts)
        return fragments.cached(context.get("request"), name, lambda: self.nodelist.render(context))


@register.tag
def catalogue_fragment(parser, token):
    """``{% catalogue_fragment "name" value ... %}...{% endcatalogue_fragment %}``:
    the enclosed HTML cached per catalogue version and language; the name and
    values must say everything else it depends on. Nothing per buyer or per
    moment (prices, stock, campaign badges, the user, CSRF tokens) inside."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("catalogue_fragment needs a name")
    nodelist = parser.parse(("endcatalogue_fragment",))
    parser.delete_first_token()
    return CatalogueFragmentNode(nodelist, parts)


class OncePerRequestNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        memo = summaries.request_memo(context.get("request"), "once")
        if self.name not in memo:
            memo[self.name] = self.nodelist.render(context)
        return memo[self.name]


@register.tag
def once_per_request(parser, token):
    """``{% once_per_request "name" %}...{% endonce_per_request %}``: the enclosed
    HTML rendered the first time a page asks for ``name``, and the same HTML
    again where the page shows it a second time (the header's and the footer's
    language switcher). Only for HTML that depends on nothing but the request."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("once_per_request needs a quoted name")
    nodelist = parser.parse(("endonce_per_request",))
    parser.delete_first_token()
    return OncePerRequestNode(nodelist, bits[1][1:-1])
