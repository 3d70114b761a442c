"""How the admin names a field, and which tab of a page's editor it is on."""

from django.utils.text import capfirst


def field_label(model, name):
    """A field's label as Django's forms write it, so it has the forms' translation."""
    return capfirst(model._meta.get_field(name).verbose_name)


def later_tabs(page):
    """{field name: its tab's heading} for the fields not on the first tab of the page's editor (the slug's)."""
    tabs = page.get_edit_handler().children
    return {name: tab.heading for tab in tabs[1:] for name in tab.get_form_options().get("fields", [])}
