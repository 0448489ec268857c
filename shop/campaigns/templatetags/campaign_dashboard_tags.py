from django import template

register = template.Library()


@register.filter
def fields_named(form, names):
    """The bound fields of ``form`` named in the space-separated ``names``, in that order."""
    return [form[name] for name in names.split()]


@register.filter
def add_form_control(bound_field):
    """Render a field with Bootstrap's form-control class (file inputs and checkboxes aside)."""
    widget = bound_field.field.widget
    if getattr(widget, "input_type", "") in ("file", "checkbox", "radio"):
        return bound_field.as_widget()
    css = widget.attrs.get("class", "")
    return bound_field.as_widget(attrs={"class": f"{css} form-control".strip()})
