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


class NetworkForm(WagtailAdminModelForm):
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
