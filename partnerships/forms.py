"""Admin forms that validate a network together with its inline members."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser; a form sent back with a tampered id shows an empty choice.

    Wagtail looks the submitted value up to show the chosen item again, so ``module=abc``
    was a server error (``ValueError``) instead of the form with its field error.
    """

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError):
            return None


def with_row_ids_mended(data, formset_names, pk_name="id"):
    """A copy of posted ``data`` where every existing row of each inline formset has a usable id.

    django-modelcluster reads ``<formset>-<n>-id`` for each of the ``INITIAL_FORMS`` rows
    without checking it is there or a number: a tampered form was a server error
    (``MultiValueDictKeyError``) instead of the form with its errors. A missing or
    malformed id is blanked, which modelcluster treats as a new row.
    """
    if data is None:
        return None
    mended = data.copy()
    for name in formset_names:
        try:
            rows = int(data.get(f"{name}-INITIAL_FORMS", 0))
        except (TypeError, ValueError):
            continue  # Django reports the broken management form itself
        for row in range(max(0, min(rows, 1000))):
            key = f"{name}-{row}-{pk_name}"
            if not str(data.get(key, "")).isdecimal():
                mended[key] = ""
    return mended


class NetworkForm(WagtailAdminModelForm):
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_row_ids_mended(data, type(self).formsets), *args, **kwargs)

    def clean(self):
        from .models.partners import network_member_errors

        cleaned_data = super().clean()
        formset = self.formsets.get("memberships")
        if formset is None or not formset.is_valid():
            return cleaned_data
        members = [
            form.cleaned_data.get("municipality") or form.cleaned_data.get("association")
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        members = [member for member in members if member is not None]
        errors = network_member_errors(members)
        if errors:
            raise ValidationError(errors)
        return cleaned_data
