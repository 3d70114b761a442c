"""A system check: no foreign key may silently delete editors' work.

Every foreign key and one-to-one field declared on our models, and every one
pointing at them from another app, must protect (``PROTECT``), let go
(``SET_NULL``, ``SET_DEFAULT``, ``SET(...)``) or be listed below with the reason a
cascade deletes nothing anyone wrote by itself. ``manage.py check`` (run by
``migrate``, ``runserver`` and the test suite in ``tests/test_no_data_loss.py``)
fails with ``partnerships.E001`` otherwise.
"""

from django.apps import apps
from django.core import checks
from django.db import models

#: The apps whose data is editors' and translators' work.
PROJECT_APPS = ("partnerships",)

#: "app_label.Model.field" → why its CASCADE is safe.
CASCADE_ALLOWED = {
    "partnerships.Membership.network": (
        "A membership is one row of its network's member list, edited inside the network's form; it goes only "
        "with its network, and a network that has a page cannot be deleted (NetworkPage.network is PROTECT)."
    ),
    "partnerships.ModulePageDocument.page": (
        "A product-document row is part of its module page (an inline panel); it goes only with the page, "
        "and the document itself stays in the library (ModulePageDocument.document is SET_NULL)."
    ),
}


def field_label(field):
    return f"{field.model._meta.label}.{field.name}"


def _cascades(field):
    return bool(field.many_to_one or field.one_to_one) and field.remote_field.on_delete is models.CASCADE


def relations_to_check(app_labels=PROJECT_APPS):
    """Foreign keys and one-to-ones declared on the apps' models, or pointing at them from any model."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_fields:
            if not (field.many_to_one or field.one_to_one) or field.remote_field is None:
                continue
            related = field.remote_field.model
            if model._meta.app_label in app_labels or related._meta.app_label in app_labels:
                yield field


def cascade_errors(fields, allowed=CASCADE_ALLOWED):
    """One error for each field that cascades without a reason.

    Parent links of multi-table inheritance (each page type's ``page_ptr``) may
    cascade: they join the two halves of one object, Wagtail's page row and its
    page type's row, which are only ever deleted together.
    """
    errors = []
    for field in fields:
        if not _cascades(field) or field.remote_field.parent_link:
            continue
        label = field_label(field)
        if label in allowed:
            continue
        target = field.remote_field.model._meta.label
        errors.append(
            checks.Error(
                f"{label} deletes its rows when the {target} they point at is deleted (on_delete=CASCADE).",
                hint=(
                    "Use PROTECT (or SET_NULL for optional links) so nothing editors wrote disappears with it, "
                    "or add the field to tusenet.ops.checks.CASCADE_ALLOWED with the reason it is safe."
                ),
                obj=field,
                id="partnerships.E001",
            )
        )
    return errors


def stale_allowances(fields, allowed=CASCADE_ALLOWED):
    """Allow-list entries that name no cascading field: the list must say only what is true."""
    cascading = {field_label(field) for field in fields if _cascades(field)}
    return [
        checks.Error(
            f"tusenet.ops.checks.CASCADE_ALLOWED names {label}, which is not a cascading foreign key.",
            hint="Remove the entry.",
            id="partnerships.E002",
        )
        for label in sorted(set(allowed) - cascading)
    ]


@checks.register(checks.Tags.models)
def check_no_cascading_deletes(app_configs=None, **kwargs):
    fields = list(relations_to_check())
    return cascade_errors(fields) + stale_allowances(fields)
